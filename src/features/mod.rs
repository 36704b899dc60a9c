//! One folder per feature. A feature uses `ui`, `model`, `state` and `api`; another
//! feature only through what its `mod.rs` exports.

pub mod account;
pub mod invitations;
pub mod members;
pub mod organization;
pub mod palette;
pub mod personal;
pub mod undo;
