//! org-console: an organization-management console for a Packet / Equinix Metal style
//! cloud, in Leptos (client-side rendering) compiled to WebAssembly.
//!
//! Pure logic, unit-tested on the host, lives in modules without views: [`config`],
//! [`directory`], [`error_text`], [`form_errors`], [`invitation_view`], [`invite_chips`], [`members_table`], [`time_text`]. [`pages`] and
//! [`components`] render it.

pub mod api;
pub mod app;
pub mod components;
pub mod config;
pub mod directory;
pub mod error_text;
pub mod form_errors;
pub mod invitation_view;
pub mod invite_chips;
pub mod members_table;
pub mod org_context;
pub mod pages;
pub mod preferences;
pub mod query_string;
pub mod session;
pub mod time_text;

/// Loads the runtime configuration, then mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    // Leptos's own executor starts with mount_to_body, after the config is fetched.
    wasm_bindgen_futures::spawn_local(async {
        let config = config::Config::load().await;
        leptos::mount::mount_to_body(move || {
            app::App(app::AppProps {
                config: config.clone(),
            })
        });
    });
}
