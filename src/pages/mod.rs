mod billing;
mod general;
mod home;
pub mod members;
mod not_found;
pub mod org_layout;
mod personal;
mod projects;
mod sign_in;

pub use billing::{BillingPage, PaymentMethodsPage};
pub use general::GeneralPage;
pub use home::Home;
pub use members::MembersPage;
pub use not_found::NotFound;
pub use org_layout::OrgLayout;
pub use personal::{InvitationCard, MyInvitationsPage, PersonalLayout, ProfilePage};
pub use projects::ProjectsPage;
pub use sign_in::SignInPage;
