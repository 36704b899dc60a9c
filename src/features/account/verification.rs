//! The unverified-address banner and its "Resend the email" button. Until a user proves
//! they receive mail at their address, invitations sent to it show only through their
//! emailed links (the security rules), so the console says so on every page.

use leptos::prelude::*;

use crate::api::use_api;
use crate::lazy_code::lazy_part;
use crate::state::session::{use_session, Session};

/// On every signed-in page while the address is unverified; nothing otherwise (and
/// nothing against a server that does not say whether it is verified). Its code comes the
/// first time it is needed: most users have verified.
#[component]
pub fn UnverifiedBanner() -> impl IntoView {
    let session = use_session();
    banner(move || unverified_email(session).is_some())
}

/// The signed-in user's address while it is unverified.
fn unverified_email(session: Session) -> Option<String> {
    session.user.with(|u| {
        u.as_ref()
            .filter(|u| u.email_verified == Some(false))
            .map(|u| u.email.clone())
    })
}

lazy_part! {
    fn banner(when) in verification => view! { <Banner /> }
}

#[component]
fn Banner() -> impl IntoView {
    let session = use_session();
    move || {
        unverified_email(session).map(|email| {
            view! {
                <div class="banner warn" role="region" aria-label="Email verification">
                    <p>
                        <strong>"Verify your email address. "</strong>
                        {format!("We sent a link to {email}. Until you open it, invitations to this address show only through the links in their emails.")}
                    </p>
                    <ResendVerification />
                </div>
            }
        })
    }
}

/// Asks for a new verification link; says where it went, or when to try again (429).
#[component]
pub fn ResendVerification() -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let result = RwSignal::new(None::<Result<String, String>>);
    let resend = Action::new_local(move |_: &()| {
        let api = api;
        async move {
            let outcome = match api.resend_verification().await {
                Ok(()) => {
                    let to = session
                        .user
                        .with_untracked(|u| u.as_ref().map(|u| u.email.clone()))
                        .unwrap_or_default();
                    Ok(format!("Sent a new link to {to}. Check your inbox."))
                }
                Err(e) => Err(e.to_string()),
            };
            result.set(Some(outcome));
        }
    });
    view! {
        <div class="resend">
            <button type="button" class="button small" disabled=move || resend.pending().get()
                on:click=move |_| { resend.dispatch_local(()); }>
                {move || if resend.pending().get() { "Sending…" } else { "Resend the email" }}
            </button>
            <p class="hint" role="status">{move || result.get().and_then(Result::ok)}</p>
            <p class="field-error" role="alert">{move || result.get().and_then(Result::err)}</p>
        </div>
    }
}
