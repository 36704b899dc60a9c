//! The database behind the API, a module per resource: every SQL statement of a resource
//! lives in its module, and a handler asks for what it needs (`state.store.cards(&org)`)
//! without seeing SQL, a transaction or the pool. A change that must be atomic with its
//! activity-log event is one call here. Each statement runs on SQLite or PostgreSQL (see
//! [`crate::db`]).

pub mod events;
mod members;
mod memberships;
mod organizations;
mod payment_methods;
mod projects;
mod sessions;

pub use organizations::SettingsChange;
pub use projects::ProjectFilter;

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
}
