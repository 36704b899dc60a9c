use leptos::prelude::*;
use leptos::web_sys::SubmitEvent;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::use_api;
use crate::session::use_session;

/// Where to go after signing in: the `next` query parameter when it is a path on this
/// site, else the home page. Never another origin.
pub fn return_path(next: Option<String>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//"))
        .unwrap_or_else(|| "/".to_owned())
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let query = use_query_map();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);

    let sign_in = Action::new_local(move |(email, password): &(String, String)| {
        let (api, email, password) = (api.clone(), email.clone(), password.clone());
        async move { api.sign_in(&email, &password).await }
    });
    let navigate = use_navigate();
    Effect::new(move |_| match sign_in.value().get() {
        Some(Ok(s)) => {
            session.begin(s);
            navigate(
                &return_path(query.get_untracked().get("next")),
                Default::default(),
            );
        }
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        sign_in.dispatch_local((email.get_untracked(), password.get_untracked()));
    };

    view! {
        <main class="page-centered" id="main">
            <form class="card sign-in" on:submit=submit aria-describedby="sign-in-error">
                <h1>"Sign in to org-console"</h1>
                <label for="email">"Email"</label>
                <input id="email" type="email" autocomplete="username" required bind:value=email />
                <label for="password">"Password"</label>
                <input id="password" type="password" autocomplete="current-password" required bind:value=password />
                <p id="sign-in-error" class="field-error" role="alert">{move || error.get()}</p>
                <button class="button primary" type="submit" disabled=move || sign_in.pending().get()>
                    {move || if sign_in.pending().get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::return_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(
            return_path(Some("/orgs/1/members".into())),
            "/orgs/1/members"
        );
        assert_eq!(return_path(Some("https://evil.example".into())), "/");
        assert_eq!(return_path(Some("//evil.example".into())), "/");
        assert_eq!(return_path(None), "/");
    }
}
