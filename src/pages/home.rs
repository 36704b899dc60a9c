use leptos::prelude::*;

use crate::api::{use_api, Personal};

/// The signed-in landing: the user's organizations.
#[component]
pub fn Home() -> impl IntoView {
    let api = use_api();
    let organizations = LocalResource::new(move || {
        let api = api.clone();
        async move { api.organizations(Personal::Include).await }
    });
    view! {
            <main class="page-centered" id="main">
                <h1>"Your organizations"</h1>
                <Transition fallback=|| view! { <p>"Loading…"</p> }>
                    {move || Suspend::new(async move {
                        match organizations.await {
                            Ok(list) => view! {
                                <ul class="plain-list">
                                    {list.into_iter().map(|o| view! { <li>{o.name}</li> }).collect_view()}
                                </ul>
                            }.into_any(),
                            Err(e) => view! { <p class="field-error" role="alert">{e.to_string()}</p> }.into_any(),
                        }
                    })}
                </Transition>
            </main>
    }
}
