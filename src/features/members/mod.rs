//! The members page: the table, managing a member, leaving, pending invitations and the
//! Invite New Member modal.

mod invite;
mod leave;
mod manage;
pub mod page;
mod pending;

pub use page::MembersPage;
