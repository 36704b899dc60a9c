use leptos::prelude::*;
use leptos_router::components::A;
use org_contract::{allows, Action};

use crate::api::use_api;
use crate::features::account::{AccountMenu, UnverifiedBanner};
use crate::features::members::EarlyFirstRequest;
use crate::features::organization::sidebar::OrgSidebar;
use crate::lazy_code::replaced_on_change;
use crate::model::routes::{org_page, OrgPage, Route};
use crate::state::effect::effect;
use crate::state::org::{use_current_org, use_directory, CurrentOrg};
use crate::state::preferences;
use crate::ui::frame::Frame;
use crate::ui::status::{LoadError, LoadingRows, RoleDenied};

#[derive(Clone, PartialEq)]
enum OrgStatus {
    Loading,
    Failed(crate::api::ApiError),
    NotMember,
    Ready,
}

/// Every `/orgs/{id}/{page}` route. It stays mounted while the route changes within it,
/// so the frame is keyed on the organization here: switching builds everything below anew
/// (sidebar links, the role, every loader and what it answered), and nothing computed for
/// one organization can show in another.
#[component]
pub fn OrgLayout(
    route: Memo<Route>,
    /// Draws one of its pages (`app.rs` knows them all, and which are downloaded later).
    page_view: fn(OrgPage) -> AnyView,
) -> impl IntoView {
    // Each keeps its last value when the route leaves the organization: the layout is being
    // taken down then, and must not build a frame for no organization on its way out.
    let id = Memo::new(move |was: Option<&String>| match &*route.read() {
        Route::Org(id, _) => id.clone(),
        _ => was.cloned().unwrap_or_default(),
    });
    let page = Memo::new(move |was: Option<&OrgPage>| match &*route.read() {
        Route::Org(_, Some(page)) => *page,
        _ => was.copied().unwrap_or(OrgPage::General),
    });
    move || {
        let org_id = id.get();
        view! { <OrgFrame org_id page page_view /> }
    }
}

/// The frame of one organization: provides [`CurrentOrg`], the sidebar and the page.
#[component]
fn OrgFrame(
    org_id: String,
    page: Memo<OrgPage>,
    page_view: fn(OrgPage) -> AnyView,
) -> impl IntoView {
    let id = Memo::new(move |_| org_id.clone());
    let directory = use_directory();
    let current = CurrentOrg::new(id, directory);
    provide_context(current);
    // Opened on the members page: its rows are asked for now, alongside the organization
    // list, rather than once the list has said who the user is here.
    if page.get_untracked() == OrgPage::Members {
        EarlyFirstRequest::start(use_api(), current);
    }
    // A memo, so refetching the directory does not re-create the page (and lose input).
    let status = Memo::new(move |_| match directory.orgs.get() {
        None => OrgStatus::Loading,
        Some(Err(e)) => OrgStatus::Failed(e),
        Some(Ok(_)) if current.entry.with(Option::is_none) => OrgStatus::NotMember,
        Some(Ok(_)) => OrgStatus::Ready,
    });
    effect(move |_| {
        if status.get() == OrgStatus::Ready {
            preferences::remember_org(&id.get());
        }
    });
    view! {
        <Frame account=|| view! { <crate::features::palette::CommandPalette /><AccountMenu /> } sidebar=|| view! { <OrgSidebar /> }>
            <UnverifiedBanner />
            {move || match status.get() {
                OrgStatus::Loading => view! { <LoadingRows /> }.into_any(),
                OrgStatus::Failed(e) => view! { <LoadError error=e retry=move |_| directory.refresh() /> }.into_any(),
                OrgStatus::NotMember => view! {
                    <section class="page">
                        <h1>"Organization not found"</h1>
                        <p>"This organization does not exist, or you are not a member of it."</p>
                        <A href="/">"Go to your organizations"</A>
                    </section>
                }.into_any(),
                OrgStatus::Ready => replaced_on_change(page, page_view),
            }}
        </Frame>
    }
}

/// Shows `children` only to roles the permission table allows `action`; others get a
/// clear message naming their role instead of an empty page.
#[component]
pub fn RoleGate(
    action: Action<'static>,
    #[prop(into)] page: String,
    children: ChildrenFn,
) -> impl IntoView {
    let current = use_current_org();
    let role = Memo::new(move |_| current.role());
    move || {
        match role.get() {
        None => view! { <LoadingRows /> }.into_any(),
        Some(r) if allows(&r, action) => children().into_any(),
        Some(r) => view! { <RoleDenied role=r page=page.clone() back=org_page(&current.id.get_untracked(), OrgPage::General) /> }.into_any(),
    }
    }
}
