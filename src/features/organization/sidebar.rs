use leptos::prelude::*;
use org_contract::Action;

use crate::features::account::LogoutButton;
use crate::features::organization::switcher::OrgSwitcher;
use crate::state::org::use_current_org;
use crate::ui::frame::NavLink;

/// The organization sidebar. Entries the user's role may not see are not rendered.
#[component]
pub fn OrgSidebar() -> impl IntoView {
    let current = use_current_org();
    let href = move |page: &str| format!("/orgs/{}/{page}", current.id.get());
    view! {
        <OrgSwitcher />
        <nav aria-label="Organization">
            <ul class="nav-list">
                <NavLink href=href("general") label="General" />
                <NavLink href=href("members") label="Users" />
                {move || current.can(Action::ViewProjects).then(|| view! { <NavLink href=href("projects") label="Projects" /> })}
                {move || current.can(Action::ViewBilling).then(|| view! {
                    <NavLink href=href("billing") label="Billing" />
                    <NavLink href=href("payment-methods") label="Payment Methods" />
                })}
                <LogoutButton />
            </ul>
        </nav>
    }
}
