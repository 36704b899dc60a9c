//! The console's frame: top tabs, a sidebar that collapses behind a menu button on narrow
//! screens, and the main area.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::model::routes::{org_in, org_page, personal_page, OrgPage, PersonalPage};
use crate::state::effect::effect;
use crate::ui::status::NoticeBar;

#[component]
pub fn Frame(
    #[prop(into)] sidebar: ViewFn,
    /// The organization "Organization settings" leads to from outside one (the one used
    /// last on this device); inside one, it is that one.
    #[prop(optional_no_strip)]
    last_org: Option<String>,
    /// Top right: who is signed in (the account menu).
    #[prop(into)]
    account: ViewFn,
    children: Children,
) -> impl IntoView {
    let location = use_location();
    let menu_open = RwSignal::new(false);
    // Following a link in the collapsed sidebar closes it.
    effect(move |_| {
        location.pathname.track();
        menu_open.set(false);
    });
    let in_personal = move || location.pathname.with(|p| p.starts_with("/personal"));
    let org_href = move || {
        let path = location.pathname.get();
        match org_in(&path) {
            Some(id) => org_page(&id, OrgPage::General),
            None => last_org
                .as_ref()
                .map(|id| org_page(id, OrgPage::General))
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
                <a href=personal_page(PersonalPage::Profile) class="tab" aria-current=move || in_personal().then_some("page")>
                    "Personal settings"
                </a>
            </nav>
            <div class="topbar-end">{account.run()}</div>
        </header>
        <div class="frame">
            <aside id="sidebar" class="sidebar" class:open=move || menu_open.get()>
                {sidebar.run()}
            </aside>
            <main id="main" class="content" tabindex="-1">
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
