//! Who is signed in: the API's [`Credentials`] (the token, kept across reloads) and the
//! user, cached in a signal and dropped on sign-out.

use leptos::prelude::*;
use org_contract::User;

use crate::api::Credentials;

/// The address of the last session, so a session that ended by itself (an expired token)
/// leads to a sign-in form that already has it. Forgotten on Logout.
const EMAIL_KEY: &str = "org-console.email";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The signed-in state, shared through context. `Copy`: it is only signals.
#[derive(Clone, Copy)]
pub struct Session {
    pub credentials: Credentials,
    pub user: RwSignal<Option<User>>,
}

impl Session {
    /// The session as it was left on this device, for the API at `api_base`.
    pub fn restore(api_base: &str) -> Session {
        let credentials = Credentials::restore(api_base);
        Session {
            credentials,
            user: RwSignal::new(None),
        }
    }

    pub fn token(&self) -> Option<String> {
        self.credentials.token()
    }

    /// The signed-in user's id, `""` until the user is known. Tracked.
    pub fn user_id(&self) -> String {
        self.user
            .with(|u| u.as_ref().map(|u| u.id.clone()).unwrap_or_default())
    }

    /// Tracked: re-runs whoever reads it when the user signs in or out.
    pub fn signed_in(&self) -> bool {
        self.credentials.present()
    }

    pub fn begin(&self, session: org_contract::Session) {
        if let Some(s) = storage() {
            let _ = s.set_item(EMAIL_KEY, &session.user.email);
        }
        self.user.set(Some(session.user));
        self.credentials.keep(session.token);
    }

    /// Uses `token` for requests without keeping it yet: signing in with a token checks it
    /// first, and [`Session::begin`] keeps it once it works.
    pub fn begin_with_token(&self, token: String) {
        self.credentials.try_token(token);
    }

    /// The address of the last session on this device, if it ended by itself.
    pub fn last_email(&self) -> Option<String> {
        storage().and_then(|s| s.get_item(EMAIL_KEY).ok().flatten())
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
        self.user.set(None);
        self.credentials.forget();
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
