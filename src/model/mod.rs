//! Plain Rust, host-tested: no Leptos, no web-sys. View models and the rules the views
//! follow (the members table, invite chips, invitations, form errors, formatting, the
//! organization list, query strings).

pub mod activity;
pub mod api_error;
pub mod bulk;
pub mod csv_export;
pub mod form_errors;
pub mod format;
pub mod invitation_view;
pub mod invite_chips;
pub mod letter_case;
pub mod members_table;
pub mod org_list;
pub mod palette;
pub mod query_string;
pub mod routes;
