//! Personal settings: the profile (name, password, sessions) and the invitations waiting.

mod page;
mod security;

pub use page::{MyInvitationsPage, PersonalLayout, ProfilePage};
