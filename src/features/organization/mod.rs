//! One organization's frame (layout, sidebar, switcher) and its settings pages: General,
//! Projects, Billing, Payment Methods; creating an organization.

mod activity;
mod billing;
mod create;
mod general;
mod home;
mod layout;
mod payment_methods;
mod projects;
mod sidebar;
mod switcher;
mod switcher_options;
mod switcher_panel;

pub use activity::{ActivityPage, MemberHistory};
pub use billing::BillingPage;
pub use general::GeneralPage;
pub use home::Home;
pub use layout::{OrgLayout, RoleGate};
pub use payment_methods::PaymentMethodsPage;
pub use projects::ProjectsPage;
