//! Widgets that know nothing of features: dialogs, fields, avatars, loading / error / empty
//! states, the frame. They use `model` and Leptos only.

pub mod avatar;
pub mod confirm_dialog;
pub mod dialog;
pub mod download;
pub mod element_id;
pub mod field;
pub mod frame;
pub mod keyed_list;
pub mod menu;
pub mod not_found;
pub mod redirect;
pub mod role_badge;
pub mod role_choices;
pub mod status;
