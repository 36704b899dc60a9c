//! What the running console knows: the session, the device's preferences, the run-time
//! configuration, the organization directory and the current organization.

pub mod config;
pub mod deferred;
pub mod effect;
pub mod fetched;
pub mod on_demand;
pub mod org;
pub mod preferences;
pub mod session;
