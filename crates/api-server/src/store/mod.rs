//! The database behind the API, a module per resource: every SQL statement of a resource
//! lives in its module, and a handler asks for what it needs (`state.store.cards(&org)`)
//! without seeing SQL, a transaction or the pool. A change that must be atomic with its
//! activity-log event is one call here.
//!
//! Moved so far: the activity log, memberships (the check every handler makes first),
//! organization settings and deletion, sessions, projects and payment methods. The other resources still run their SQL in
//! `routes/`, `queries.rs` and `member_page.rs` through [`crate::AppState::db`] (issue 12
//! moves them, then adds PostgreSQL behind this same interface).

pub mod events;
mod memberships;
mod organizations;
mod payment_methods;
mod projects;
mod sessions;

pub use organizations::SettingsChange;
pub use projects::ProjectFilter;

use sqlx::SqlitePool;

/// The database, as the handlers see it. Cheap to clone (the pool is shared).
#[derive(Clone)]
pub struct Store {
    db: SqlitePool,
}

impl Store {
    pub fn new(db: SqlitePool) -> Store {
        Store { db }
    }
}
