//! The members page: the table, managing a member, leaving, pending invitations and the
//! Invite New Member modal.

pub mod bulk;
mod bulk_bar;
mod export;
mod held;
mod invite;
mod invite_checks;
mod invite_parts;
mod leave;
mod manage;
mod member_row;
pub mod page;
mod pending;
pub mod source;
pub mod table;
mod table_controls;
mod table_view;

pub use page::MembersPage;
pub use source::EarlyFirstRequest;
