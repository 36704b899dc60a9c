//! The token every request carries, kept across reloads in `localStorage`, and why it
//! stopped working when the server refused it. Signals and a `&'static` base: `Copy`.

use leptos::prelude::*;

pub(crate) const TOKEN_KEY: &str = "org-console.token";
/// The API base this device last used, so that index.html can send a kept token's first
/// requests before `config.json` has said where the API is (src/api/early.rs).
pub(crate) const API_BASE_KEY: &str = "org-console.api-base";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Keeps `base` beside the token, unless it is there already.
fn keep_api_base(s: &web_sys::Storage, base: &str) {
    if s.get_item(API_BASE_KEY).ok().flatten().as_deref() != Some(base) {
        let _ = s.set_item(API_BASE_KEY, base);
    }
}

#[derive(Clone, Copy)]
pub struct Credentials {
    token: RwSignal<Option<String>>,
    /// Why the token stopped working when the user did not sign out, for the sign-in page.
    pub ended_because: RwSignal<Option<String>>,
    /// The API base of this run, from `config.json`: kept beside the token (and forgotten
    /// with it) for the next visit's early requests. The app always asks `config.json`
    /// itself, so a base that changed meanwhile costs one more round trip, nothing else.
    api_base: &'static str,
}

impl Credentials {
    /// The token this device kept, if any, for the API at `api_base`.
    pub fn restore(api_base: &str) -> Credentials {
        let api_base: &'static str = Box::leak(api_base.to_owned().into_boxed_str());
        let storage = storage();
        let token = storage
            .as_ref()
            .and_then(|s| s.get_item(TOKEN_KEY).ok().flatten());
        if let (Some(s), Some(_)) = (&storage, &token) {
            keep_api_base(s, api_base);
        }
        Credentials {
            token: RwSignal::new(token),
            ended_because: RwSignal::new(None),
            api_base,
        }
    }

    pub fn token(&self) -> Option<String> {
        self.token.get_untracked()
    }

    /// Tracked: re-runs whoever reads it when the token comes or goes.
    pub fn present(&self) -> bool {
        self.token.with(Option::is_some)
    }

    /// Keeps `token` for this and later visits.
    pub fn keep(&self, token: String) {
        if let Some(s) = storage() {
            let _ = s.set_item(TOKEN_KEY, &token);
            keep_api_base(&s, self.api_base);
        }
        self.ended_because.set(None);
        self.token.set(Some(token));
    }

    /// Uses `token` for requests without keeping it (a token being checked).
    pub fn try_token(&self, token: String) {
        self.token.set(Some(token));
    }

    pub fn forget(&self) {
        if let Some(s) = storage() {
            let _ = s.remove_item(TOKEN_KEY);
            let _ = s.remove_item(API_BASE_KEY);
        }
        self.token.set(None);
    }

    /// The server refused the token: forget it and say why.
    pub fn refused(&self, reason: String) {
        self.ended_because.set(Some(reason));
        self.forget();
    }
}
