use leptos::prelude::*;
use leptos::web_sys::SubmitEvent;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{use_api, ApiError};
use crate::state::session::use_session;

/// Where to go after signing in: the `next` query parameter when it is a path on this
/// site, else the home page. Never another origin: browsers read `/\host` as `//host`,
/// drop tabs and newlines anywhere in a URL (so `/<tab>/host` is `//host` too), and the
/// router may decode `%5C` into a backslash, so any of those sends the user home.
pub fn return_path(next: Option<String>) -> String {
    next.filter(|n| is_local_path(n))
        .unwrap_or_else(|| "/".to_owned())
}

fn is_local_path(next: &str) -> bool {
    let lower = next.to_ascii_lowercase();
    next.starts_with('/')
        && !next.starts_with("//")
        && !next
            .chars()
            .any(|c| c == '\\' || c.is_control() || c.is_whitespace())
        && !lower.contains("%5c")
        && !lower.starts_with("/%2f")
        && !lower.contains("%09")
        && !lower.contains("%0a")
        && !lower.contains("%0d")
}

/// How a failed sign-in reads: the server's own words for a wrong password, an unknown
/// address or a rate limit; a sentence of ours for a token that does not work.
fn sign_in_message(e: &ApiError, with_token: bool) -> String {
    match e {
        ApiError::Api { status: 401, .. } if with_token => {
            "That API token is not valid. Check it, or sign in with your email and password.".into()
        }
        other => other.to_string(),
    }
}

#[derive(Clone)]
enum Credentials {
    Password { email: String, password: String },
    Token(String),
}

/// Email and password, or an API token; what was typed in each stays when switching.
#[component]
fn CredentialFields(
    use_token: RwSignal<bool>,
    email: RwSignal<String>,
    password: RwSignal<String>,
    token: RwSignal<String>,
) -> impl IntoView {
    view! {
        <Show
            when=move || use_token.get()
            fallback=move || view! {
                <label for="email">"Email"</label>
                <input id="email" type="email" autocomplete="username" required bind:value=email />
                <label for="password">"Password"</label>
                <input id="password" type="password" autocomplete="current-password" required bind:value=password />
            }
        >
            <label for="token">"API token"</label>
            <input id="token" type="password" autocomplete="off" required bind:value=token />
        </Show>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let query = use_query_map();
    // A session that ended by itself leaves its address, so only the password is missing.
    let email = RwSignal::new(session.last_email().unwrap_or_default());
    let ended = session.credentials.ended_because.get_untracked();
    let password = RwSignal::new(String::new());
    let token = RwSignal::new(String::new());
    let use_token = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);

    let navigate = use_navigate();
    let sign_in = Action::new_local(move |c: &Credentials| {
        let (c, navigate) = (c.clone(), navigate.clone());
        async move {
            let outcome = match c {
                Credentials::Password { email, password } => {
                    api.sign_in(&email, &password).await.map_err(|e| (e, false))
                }
                // A token is checked by asking who it belongs to.
                Credentials::Token(token) => {
                    session.begin_with_token(token.clone());
                    match api.current_user().await {
                        Ok(user) => Ok(org_contract::Session { token, user }),
                        Err(e) => {
                            session.end();
                            session.credentials.ended_because.set(None);
                            Err((e, true))
                        }
                    }
                }
            };
            match outcome {
                Ok(s) => {
                    session.begin(s);
                    navigate(
                        &return_path(query.get_untracked().get("next")),
                        Default::default(),
                    );
                }
                Err((e, with_token)) => error.set(Some(sign_in_message(&e, with_token))),
            }
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let credentials = if use_token.get_untracked() {
            Credentials::Token(token.get_untracked().trim().to_owned())
        } else {
            Credentials::Password {
                email: email.get_untracked().trim().to_owned(),
                password: password.get_untracked(),
            }
        };
        sign_in.dispatch_local(credentials);
    };

    view! {
        <main class="page-centered" id="main">
            <form class="card sign-in" on:submit=submit>
                <h1>"Sign in to org-console"</h1>
                {ended.map(|reason| view! { <p class="notice" role="status">{reason}</p> })}
                <CredentialFields use_token email password token />
                <p id="sign-in-error" class="field-error" role="alert">{move || error.get()}</p>
                <button class="button primary" type="submit" disabled=move || sign_in.pending().get()>
                    {move || if sign_in.pending().get() { "Signing in…" } else { "Sign in" }}
                </button>
                <button type="button" class="link-button" on:click=move |_| { error.set(None); use_token.update(|t| *t = !*t); }>
                    {move || if use_token.get() { "Sign in with email and password instead" } else { "Use an API token instead" }}
                </button>
                <p class="sign-in-links"><A href="/forgot-password">"Forgot password?"</A>" · "<A href="/sign-up">"Create an account"</A></p>
            </form>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(
            return_path(Some("/orgs/1/members".into())),
            "/orgs/1/members"
        );
        assert_eq!(return_path(Some("https://evil.example".into())), "/");
        assert_eq!(return_path(Some("//evil.example".into())), "/");
        assert_eq!(return_path(None), "/");
        assert_eq!(
            return_path(Some("/invitations/i1?nonce=abc".into())),
            "/invitations/i1?nonce=abc"
        );
        for evil in [
            "/\\evil.example",
            "/\\/evil.example",
            "\\\\evil.example",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/%2F/evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/%09/evil.example",
            "/%0A/evil.example",
            " //evil.example",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "https://evil.example",
            "http:evil.example",
            "data:text/html,hi",
            "evil.example",
            "",
        ] {
            assert_eq!(return_path(Some(evil.into())), "/", "{evil:?}");
        }
    }

    #[test]
    fn a_bad_token_gets_its_own_message() {
        let e = ApiError::Api {
            status: 401,
            messages: vec!["Invalid authentication token".into()],
            retry_after: None,
            code: None,
        };
        assert!(sign_in_message(&e, true).starts_with("That API token is not valid"));
        assert_eq!(sign_in_message(&e, false), "Invalid authentication token");
        assert_eq!(
            sign_in_message(&ApiError::Unreachable, false),
            ApiError::Unreachable.to_string()
        );
    }
}
