//! The console's frame: top tabs, a sidebar that collapses behind a menu button on narrow
//! screens, and the main area.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::api::use_api;
use crate::components::status::NoticeBar;
use crate::components::verification::UnverifiedBanner;
use crate::org_context::use_directory;
use crate::preferences;
use crate::session::use_session;

#[component]
pub fn Frame(#[prop(into)] sidebar: ViewFn, children: Children) -> impl IntoView {
    let location = use_location();
    let menu_open = RwSignal::new(false);
    // Following a link in the collapsed sidebar closes it.
    Effect::new(move |_| {
        location.pathname.track();
        menu_open.set(false);
    });
    let in_personal = move || location.pathname.with(|p| p.starts_with("/personal"));
    let org_href = move || {
        let path = location.pathname.get();
        match path
            .strip_prefix("/orgs/")
            .and_then(|rest| rest.split('/').next())
        {
            Some(id) => format!("/orgs/{id}/general"),
            None => preferences::last_org()
                .map(|id| format!("/orgs/{id}/general"))
                .unwrap_or_else(|| "/".into()),
        }
    };
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="topbar">
            <span class="brand">"org-console"</span>
            <button
                type="button"
                class="menu-button"
                aria-controls="sidebar"
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| menu_open.update(|o| *o = !*o)
            >
                "Menu"
            </button>
            <nav class="tabs" aria-label="Settings">
                <a href=org_href class="tab" aria-current=move || (!in_personal()).then_some("page")>
                    "Organization settings"
                </a>
                <a href="/personal/profile" class="tab" aria-current=move || in_personal().then_some("page")>
                    "Personal settings"
                </a>
            </nav>
        </header>
        <div class="frame">
            <aside id="sidebar" class="sidebar" class:open=move || menu_open.get()>
                {sidebar.run()}
            </aside>
            <main id="main" class="content" tabindex="-1">
                <UnverifiedBanner />
                <NoticeBar />
                {children()}
            </main>
        </div>
    }
}

/// A sidebar link; `A` marks the current page with `aria-current="page"`.
#[component]
pub fn NavLink(#[prop(into)] href: String, #[prop(into)] label: String) -> impl IntoView {
    view! { <li><A href=href>{label}</A></li> }
}

/// Signs out on the server, then forgets the token and everything cached.
#[component]
pub fn LogoutButton() -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let navigate = use_navigate();
    let logout = Action::new_local(move |_: &()| {
        let (api, navigate) = (api.clone(), navigate.clone());
        async move {
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
    });
    view! {
        <li>
            <button type="button" class="nav-button" on:click=move |_| { logout.dispatch_local(()); }>
                "Logout"
            </button>
        </li>
    }
}

/// The number of invitations waiting for the user, linking to them.
#[component]
pub fn WaitingInvitations() -> impl IntoView {
    let directory = use_directory();
    move || {
        let count = directory
            .invitations
            .get()
            .and_then(Result::ok)
            .map(|l| l.len())
            .unwrap_or(0);
        (count > 0).then(|| {
            let text = if count == 1 {
                "1 invitation waiting".to_owned()
            } else {
                format!("{count} invitations waiting")
            };
            view! { <A href="/personal/invitations" attr:class="invitations-link">{text}</A> }
        })
    }
}
