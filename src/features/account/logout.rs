use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api::use_api;
use crate::state::deferred::use_deferred;
use crate::state::preferences;
use crate::state::session::use_session;

/// Signs out on the server, then forgets the token and everything cached.
pub fn sign_out_action() -> Action<(), ()> {
    let api = use_api();
    let session = use_session();
    let navigate = use_navigate();
    let deferred = use_deferred();
    Action::new_local(move |_: &()| {
        let (api, navigate) = (api, navigate.clone());
        async move {
            // Removals still held for undo are sent first, while the token still works.
            deferred.settle_all().await;
            // The token is dropped whatever the server says: signing out must work even
            // when the server cannot be reached.
            let _ = api.sign_out().await;
            session.sign_out();
            preferences::forget();
            // Replace, so Back does not return to a page that only redirects to sign-in.
            navigate(
                "/sign-in",
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    })
}

/// "Logout" at the bottom of the sidebar, as in the seed's screenshot.
#[component]
pub fn LogoutButton() -> impl IntoView {
    let logout = sign_out_action();
    view! {
        <li>
            <button type="button" class="nav-button" on:click=move |_| { logout.dispatch_local(()); }>
                "Logout"
            </button>
        </li>
    }
}
