//! org-console: an organization-management console for a Packet / Equinix Metal style
//! cloud, in Leptos (client-side rendering) compiled to WebAssembly.
//!
//! Layers, each importing only the ones below it (see `docs/architecture.md`):
//! [`features`] (a folder per feature) over [`ui`] (widgets), [`state`] (session,
//! directory, current organization) and [`api`] (the typed client), over [`model`] (plain
//! Rust, host-tested).

pub mod api;
pub mod app;
pub mod features;
mod lazy_code;
pub mod model;
pub mod state;
pub mod ui;

/// Loads the runtime configuration, then mounts the app on `<body>`.
pub fn start() {
    // Readable panics while developing; a release build leaves the hook (and its
    // formatting code) out of the wasm.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // Leptos's own executor starts with mount_to_body, after the config is fetched.
    wasm_bindgen_futures::spawn_local(async {
        let config = state::config::Config::load().await;
        document_parsed().await;
        // index.html's shell stood in until now; the app takes its place.
        if let Some(shell) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("boot-shell"))
        {
            shell.remove();
        }
        leptos::mount::mount_to_body(move || {
            app::App(app::AppProps {
                config: config.clone(),
            })
        });
        // Mounting started the page's first requests; they take their early answers in the
        // microtasks that follow, all run before this timer.
        leptos::prelude::set_timeout(api::early::close, std::time::Duration::ZERO);
    });
}

/// Once the page has been parsed to its end: the glue is an `async` module script, which
/// may run before (the shell the app replaces comes later, in the body).
async fn document_parsed() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.ready_state() != "loading" {
        return;
    }
    let parsed = js_sys::Promise::new(&mut |resolve, _| {
        let _ = document.add_event_listener_with_callback("DOMContentLoaded", &resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(parsed).await;
}
