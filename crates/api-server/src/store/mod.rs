//! The database behind the API, a module per resource: every SQL statement lives here, and
//! a handler asks for what it needs (`state.store.cards(&org)`) without seeing SQL, a
//! transaction or the pool. A change that must be atomic with its activity-log event is
//! one call here. Each statement runs on SQLite or PostgreSQL (see [`crate::db`]).

pub mod demo;
pub mod events;
mod invitation_changes;
mod invitations;
pub mod limit_windows;
mod member_changes;
mod member_order;
mod member_page;
mod member_search;
mod members;
mod memberships;
mod organization_settings;
mod organizations;
mod password_resets;
mod payment_methods;
mod projects;
mod sessions;
mod users;

pub use invitation_changes::{InvitationEnd, Invited};
pub use invitations::{InvitationIncludes, InvitationViewer};
pub use member_search::MemberSearch;
pub use memberships::ProjectsSeen;
pub use organization_settings::SettingsChange;
pub use organizations::{Excluded, NewOrganization, Personal};
pub use projects::ProjectFilter;
pub use users::{NewUser, ProfileChange};

use crate::db::Pool;

/// The database, as the handlers see it. Cheap to clone (the pool is shared).
#[derive(Clone)]
pub struct Store {
    db: Pool,
}

impl Store {
    pub fn new(db: Pool) -> Store {
        Store { db }
    }

    /// The pool itself, for the server's start-up (demo data) and the tests' own SQL;
    /// handlers never use it.
    pub fn pool(&self) -> &Pool {
        &self.db
    }
}
