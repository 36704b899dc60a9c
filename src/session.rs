//! Who is signed in. The token survives reloads in `localStorage`; everything else cached
//! about the user lives in signals and is dropped on sign-out.

use leptos::prelude::*;
use org_contract::User;

const TOKEN_KEY: &str = "org-console.token";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The signed-in state, shared through context. `Copy`: it is only signals.
#[derive(Clone, Copy)]
pub struct Session {
    token: RwSignal<Option<String>>,
    pub user: RwSignal<Option<User>>,
}

impl Session {
    /// The session as it was left on this device.
    pub fn restore() -> Session {
        let token = storage().and_then(|s| s.get_item(TOKEN_KEY).ok().flatten());
        Session {
            token: RwSignal::new(token),
            user: RwSignal::new(None),
        }
    }

    pub fn token(&self) -> Option<String> {
        self.token.get_untracked()
    }

    /// Tracked: re-runs whoever reads it when the user signs in or out.
    pub fn signed_in(&self) -> bool {
        self.token.with(Option::is_some)
    }

    pub fn begin(&self, session: org_contract::Session) {
        if let Some(s) = storage() {
            let _ = s.set_item(TOKEN_KEY, &session.token);
        }
        self.user.set(Some(session.user));
        self.token.set(Some(session.token));
    }

    /// Uses `token` for requests without keeping it yet: signing in with a token checks it
    /// first, and [`Session::begin`] keeps it once it works.
    pub fn begin_with_token(&self, token: String) {
        self.token.set(Some(token));
    }

    /// Forgets the token and every cached object.
    pub fn end(&self) {
        if let Some(s) = storage() {
            let _ = s.remove_item(TOKEN_KEY);
        }
        self.user.set(None);
        self.token.set(None);
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
