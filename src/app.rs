use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::api::Api;
use crate::config::Config;
use crate::pages::{Home, NotFound, SignInPage};
use crate::session::{use_session, Session};

#[component]
pub fn App(config: Config) -> impl IntoView {
    let session = Session::restore();
    provide_context(session);
    provide_context(Api::new(&config.api_base, session));
    view! {
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/sign-in") view=SignInPage />
                <Route path=path!("/") view=|| view! { <SignedIn><Home /></SignedIn> } />
            </Routes>
        </Router>
    }
}

/// Renders its children only with a session; otherwise sends the user to sign in and, by
/// `next`, back here afterwards. Reactive: a 401 anywhere ends the session and lands here.
#[component]
fn SignedIn(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    move || {
        if session.signed_in() {
            children().into_any()
        } else {
            let here = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            let path = format!("/sign-in?next={}", percent_encode(&here));
            view! { <Redirect path /> }.into_any()
        }
    }
}

/// Encodes a value for a query string (RFC 3986 unreserved characters stay as they are).
pub fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::percent_encode;

    #[test]
    fn encodes_query_characters() {
        assert_eq!(
            percent_encode("/orgs/1/members?tab=pending&x=é"),
            "/orgs/1/members%3Ftab%3Dpending%26x%3D%C3%A9"
        );
    }
}
