//! The organizations API contract (`docs/api.md`) as Rust: the wire objects,
//! the role enum, the permission matrix, the invitation rules and the invitee-list parser.
//!
//! Both the reference server and the console depend on this crate, so a rule changed here
//! changes what the server enforces and what the console shows in the same commit.

pub mod email;
pub mod events;
pub mod from_json;
pub mod invitation_rules;
pub mod invitees;
pub mod member_rules;
pub mod objects;
pub mod permissions;
pub mod requests;
pub mod role;
pub mod validation;

pub use email::{validate_email, EmailError};
pub use events::{Event, EventAction, EventActor, EventDetails, EventList, EventSubject};
pub use from_json::{from_json, FromJson, JsonReader, ReadError};
pub use invitation_rules::{check_invitation, InvitationContext, InvitationProblem};
pub use invitees::{parse_invitees, InvalidEntry, Invitee, ParsedInvitees};
pub use member_rules::{check_member_update, MemberUpdateProblem};
pub use objects::*;
pub use permissions::{allows, project_scope, Action, ProjectScope};
pub use requests::*;
pub use role::Role;

/// The API's base path when the console is not told otherwise.
pub const DEFAULT_API_BASE: &str = "/metal/v1";
/// Largest `per_page` the API accepts.
pub const MAX_PER_PAGE: u32 = 1000;
/// `per_page` when the request names none.
pub const DEFAULT_PER_PAGE: u32 = 10;
/// How long an invitation stays valid, and how far a resend pushes its expiry.
pub const INVITATION_LIFETIME_DAYS: i64 = 7;
/// Most addresses the console sends in one batch.
pub const MAX_INVITEES_PER_BATCH: usize = 50;
