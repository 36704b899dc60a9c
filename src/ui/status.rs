//! How loading, failure and refusal look, everywhere alike.

use leptos::prelude::*;
use leptos_router::components::A;
use org_contract::Role;

use crate::model::api_error::ApiError;
use crate::model::letter_case::lowercase;
use crate::state::fetched::Fetched;

/// Placeholder rows that keep the layout while data loads.
#[component]
pub fn LoadingRows(#[prop(default = 3)] rows: usize) -> impl IntoView {
    view! {
        <div class="loading" role="status" aria-live="polite">
            <span class="visually-hidden">"Loading…"</span>
            {(0..rows).map(|_| view! { <div class="skeleton-row" aria-hidden="true"></div> }).collect_view()}
        </div>
    }
}

/// A failed load, with the server's words and a way to try again.
#[component]
pub fn LoadError(error: ApiError, #[prop(into)] retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="notice error" role="alert">
            <p>{error.to_string()}</p>
            <button type="button" class="button" on:click=move |_| retry.run(())>"Retry"</button>
        </div>
    }
}

/// Shown instead of a page the user's role may not see.
#[component]
pub fn RoleDenied(
    role: Role,
    #[prop(into)] page: String,
    #[prop(into)] back: String,
) -> impl IntoView {
    view! {
        <section class="page">
            <h1>{page.clone()}</h1>
            <div class="notice" role="status">
                <p>{format!("Your role ({}) cannot see this page.", lowercase(role.label()))}</p>
                <p>"Ask an owner or admin of this organization if you need access."</p>
                <A href=back>"Back to General"</A>
            </div>
        </section>
    }
}

/// A short confirmation that something worked, announced to screen readers.
#[derive(Clone, Copy)]
pub struct Notice(pub RwSignal<Option<String>>);

impl Notice {
    pub fn say(&self, message: impl Into<String>) {
        self.0.set(Some(message.into()));
    }
}

pub fn use_notice() -> Notice {
    expect_context::<Notice>()
}

#[component]
pub fn NoticeBar() -> impl IntoView {
    let notice = use_notice();
    view! {
        <div class="notice-region" role="status" aria-live="polite">
            {move || notice.0.get().map(|m| view! {
                <div class="notice success">
                    <p>{m}</p>
                    <button type="button" class="icon-button" aria-label="Dismiss" on:click=move |_| notice.0.set(None)>"×"</button>
                </div>
            })}
        </div>
    }
}

/// A list loaded by `resource`: placeholders while loading, the error with Retry, `empty`
/// when there is nothing, else `render`.
pub fn list_states<T, V, F>(
    resource: Fetched<Result<Vec<T>, ApiError>>,
    empty: &'static str,
    render: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    F: Fn(Vec<T>) -> V + Clone + Send + Sync + 'static,
{
    view! {
        <Transition fallback=|| view! { <LoadingRows /> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Err(e) => view! { <LoadError error=e retry=move |_| resource.refetch() /> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p class="empty">{empty}</p> }.into_any(),
                        Ok(list) => render(list).into_any(),
                    }
                })
            }}
        </Transition>
    }
}
