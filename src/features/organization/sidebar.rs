use leptos::prelude::*;
use org_contract::Action;

use crate::features::account::LogoutButton;
use crate::features::organization::switcher::OrgSwitcher;
use crate::model::routes::{org_page, OrgPage};
use crate::state::org::use_current_org;
use crate::ui::frame::NavLink;

/// The organization sidebar. Entries the user's role may not see are not rendered.
#[component]
pub fn OrgSidebar() -> impl IntoView {
    let current = use_current_org();
    let href = move |page: OrgPage| org_page(&current.id.get(), page);
    view! {
        <OrgSwitcher />
        <nav aria-label="Organization">
            <ul class="nav-list">
                <NavLink href=href(OrgPage::General) label="General" />
                <NavLink href=href(OrgPage::Members) label="Users" />
                {move || current.can(Action::ViewProjects).then(|| view! { <NavLink href=href(OrgPage::Projects) label="Projects" /> })}
                {move || current.can(Action::ViewBilling).then(|| view! {
                    <NavLink href=href(OrgPage::Billing) label="Billing" />
                    <NavLink href=href(OrgPage::PaymentMethods) label="Payment Methods" />
                })}
                {move || current.can(Action::ViewActivity).then(|| view! { <NavLink href=href(OrgPage::Activity) label="Activity" /> })}
                <LogoutButton />
            </ul>
        </nav>
    }
}
