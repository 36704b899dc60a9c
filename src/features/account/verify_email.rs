//! `/verify-email?token=`: the page a verification email links to. It verifies on arrival
//! (no session needed: the link may open in another browser) and says so, or says why not
//! with a way to get a new link.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::{use_api, ApiError};
use crate::features::account::verification::ResendVerification;
use crate::state::fetched::Fetched;
use crate::state::session::use_session;
use crate::ui::status::{LoadError, LoadingRows};

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let query = use_query_map();
    let token = Memo::new(move |_| query.with(|q| q.get("token").unwrap_or_default()));
    // A one-time link: asked once per token, not again when anything else changes.
    let outcome = Fetched::new(move || {
        let (api, token) = (api, token.get());
        async move { api.verify_email(&token).await }
    });
    view! {
        <main class="page-centered" id="main">
            <div class="card">
                <h1>"Verify your email address"</h1>
                <Transition fallback=|| view! { <LoadingRows rows=1 /> }>
                    {move || Suspend::new(async move {
                        match outcome.await {
                            Ok(user) => {
                                // The same person signed in here: the banner goes away.
                                if session.user.with_untracked(|u| u.as_ref().is_some_and(|u| u.id == user.id)) {
                                    session.user.set(Some(user.clone()));
                                }
                                view! { <Verified email=user.email /> }.into_any()
                            }
                            Err(ApiError::Unreachable) => view! {
                                <LoadError error=ApiError::Unreachable retry=move |_| outcome.refetch() />
                            }.into_any(),
                            Err(e) => view! { <NotVerified error=e /> }.into_any(),
                        }
                    })}
                </Transition>
            </div>
        </main>
    }
}

#[component]
fn Verified(email: String) -> impl IntoView {
    view! {
        <p class="notice" role="status">{format!("Your email address {email} is verified.")}</p>
        <p>"Invitations sent to it now show under Personal settings, Invitations."</p>
        <A href="/" attr:class="button primary">"Continue to org-console"</A>
    }
}

#[component]
fn NotVerified(error: ApiError) -> impl IntoView {
    let session = use_session();
    view! {
        <div class="notice error" role="alert">
            <p>{error.to_string()}</p>
            <p>"Links work once, for 24 hours. Ask for a new one below; the newest link is the one that works."</p>
        </div>
        {move || if session.signed_in() {
            view! { <ResendVerification /> }.into_any()
        } else {
            view! {
                <A href="/sign-in?next=/personal/profile" attr:class="button primary">"Sign in to get a new link"</A>
            }.into_any()
        }}
    }
}
