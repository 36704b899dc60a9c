//! Who is signed in. The token survives reloads in `localStorage`; everything else cached
//! about the user lives in signals and is dropped on sign-out.

use leptos::prelude::*;
use org_contract::User;

const TOKEN_KEY: &str = "org-console.token";
/// The address of the last session, so a session that ended by itself (an expired token)
/// leads to a sign-in form that already has it. Forgotten on Logout.
const EMAIL_KEY: &str = "org-console.email";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The signed-in state, shared through context. `Copy`: it is only signals.
#[derive(Clone, Copy)]
pub struct Session {
    token: RwSignal<Option<String>>,
    pub user: RwSignal<Option<User>>,
    /// Why the session ended when the user did not end it, for the sign-in page to say.
    pub ended_because: RwSignal<Option<String>>,
}

impl Session {
    /// The session as it was left on this device.
    pub fn restore() -> Session {
        let token = storage().and_then(|s| s.get_item(TOKEN_KEY).ok().flatten());
        Session {
            token: RwSignal::new(token),
            user: RwSignal::new(None),
            ended_because: RwSignal::new(None),
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
            let _ = s.set_item(EMAIL_KEY, &session.user.email);
        }
        self.ended_because.set(None);
        self.user.set(Some(session.user));
        self.token.set(Some(session.token));
    }

    /// Uses `token` for requests without keeping it yet: signing in with a token checks it
    /// first, and [`Session::begin`] keeps it once it works.
    pub fn begin_with_token(&self, token: String) {
        self.token.set(Some(token));
    }

    /// The address of the last session on this device, if it ended by itself.
    pub fn last_email(&self) -> Option<String> {
        storage().and_then(|s| s.get_item(EMAIL_KEY).ok().flatten())
    }

    /// The server no longer accepts the token (expired, or signed out everywhere): ends the
    /// session and keeps `reason` and the address for the sign-in page.
    pub fn expire(&self, reason: String) {
        self.ended_because.set(Some(reason));
        self.end();
    }

    /// Ends the session because the user asked: forgets the address too.
    pub fn sign_out(&self) {
        if let Some(s) = storage() {
            let _ = s.remove_item(EMAIL_KEY);
        }
        self.end();
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
