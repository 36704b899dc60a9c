//! The page an invitation email links to: `/invitations/:id?nonce=...`. It shows what the
//! invitation is for, lets a signed-out invitee sign in or create an account (then comes
//! back here), refuses plainly to accept for the wrong account, and says what to do next
//! for an expired, revoked, already accepted or mistyped link.

use leptos::prelude::*;
use leptos::web_sys::SubmitEvent;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use org_contract::validation::{check_first_name, check_last_name, check_password};
use org_contract::{Invitation, InvitationPreview, SignUp};

use super::card::InvitationCard;
use crate::api::{use_api, ApiError};
use crate::model::form_errors::FormErrors;
use crate::model::format;
use crate::model::invitation_view::InvitationView;
use crate::model::query_string::percent_encode;
use crate::state::fetched::Fetched;
use crate::state::org::Directory;
use crate::state::session::use_session;
use crate::ui::field::Field;
use crate::ui::role_badge::RoleBadge;
use crate::ui::status::{LoadError, LoadingRows, NoticeBar};

/// `/invitations/{id}`, the emailed link.
#[component]
pub fn InvitationPage(id: String) -> impl IntoView {
    let query = use_query_map();
    let session = use_session();
    let api = use_api();
    let id = Signal::stored(id);
    let nonce = Memo::new(move |_| query.with(|q| q.get("nonce").unwrap_or_default()));
    // Only the emailed link carries the proof; with it a sign-up here is verified.
    let proof = Memo::new(move |_| query.with(|q| q.get("proof")));
    // Reloads when the invitee signs in, signs up or signs out on this page. Signed in, the
    // link's nonce goes along: it is what lets an unverified invitee see and accept it.
    let invitation = Fetched::new(move || {
        let (api, id, nonce, signed_in) = (api, id.get(), nonce.get(), session.signed_in());
        async move {
            if signed_in {
                (
                    true,
                    api.invitation_by_link(&id, &nonce).await.map(Loaded::Full),
                )
            } else {
                (
                    false,
                    api.invitation_preview(&id, &nonce)
                        .await
                        .map(Loaded::Preview),
                )
            }
        }
    });
    view! {
        <main class="page-centered invitation-page" id="main">
            <NoticeBar />
            <Transition fallback=|| view! { <LoadingRows /> }>
                {move || Suspend::new(async move {
                    match invitation.await {
                        (_, Ok(Loaded::Full(i))) => view! { <ForSignedIn invitation=i nonce=nonce.get_untracked() on_declined=move |_| invitation.refetch() /> }.into_any(),
                        (_, Ok(Loaded::Preview(p))) => view! { <ForSignedOut preview=p nonce=nonce.get_untracked() proof=proof.get_untracked() /> }.into_any(),
                        (_, Err(ApiError::Unreachable)) => view! { <h1>"Invitation"</h1> <LoadError error=ApiError::Unreachable retry=move |_| invitation.refetch() /> }.into_any(),
                        (signed_in, Err(e)) => view! { <Problem error=e signed_in /> }.into_any(),
                    }
                })}
            </Transition>
        </main>
    }
}

/// The invitation as the signed-in invitee sees it, or the preview a link shows anyone.
#[derive(Clone)]
enum Loaded {
    Full(Invitation),
    Preview(InvitationPreview),
}

/// What the invitation offers: who invites to where as the heading, then the role (and
/// projects, when the reader may see them) and the address it was sent to.
#[component]
fn Summary(view_model: InvitationView, invitee: String) -> impl IntoView {
    let v = view_model;
    let heading = match &v.inviter {
        Some(inviter) => format!("{inviter} invited you to join {}", v.organization),
        None => format!("You are invited to join {}", v.organization),
    };
    view! {
        <h1>{heading}</h1>
        <p class="invite-facts">"Role " <RoleBadge role=v.role.clone() /> {format!(" · sent to {invitee}")}</p>
        {v.projects_line().map(|line| view! { <p>{line}</p> })}
    }
}

#[component]
fn Expired(view_model: InvitationView) -> impl IntoView {
    let v = view_model;
    let when = v
        .expires_at
        .as_deref()
        .map(format::date_time)
        .unwrap_or_default();
    view! {
        <div class="notice error" role="alert">
            <p>{format!("This invitation expired on {when}.")}</p>
            <p>{format!("Ask the person who invited you to {} to send it again.", v.organization)}</p>
        </div>
    }
}

#[component]
fn ForSignedIn(
    invitation: Invitation,
    nonce: String,
    #[prop(into)] on_declined: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    provide_context(Directory::new(use_api(), session));
    let v = InvitationView::new(&invitation);
    if v.is_expired(format::now()) {
        let invitee = invitation.invitee.clone();
        return view! { <Summary view_model=v.clone() invitee /> <Expired view_model=v /> }
            .into_any();
    }
    let nonce = (!nonce.is_empty()).then_some(nonce);
    let invitee = invitation.invitee.clone();
    view! {
        <Summary view_model=v invitee />
        <InvitationCard invitation nonce on_declined summarized=true />
    }
    .into_any()
}

#[component]
fn ForSignedOut(preview: InvitationPreview, nonce: String, proof: Option<String>) -> impl IntoView {
    let here = format!("/invitations/{}?nonce={}", preview.id, nonce);
    let sign_in = format!("/sign-in?next={}", percent_encode(&here));
    let v = InvitationView::from_preview(&preview);
    let invitee = preview.invitee.clone();
    if v.is_expired(format::now()) {
        return view! { <Summary view_model=v.clone() invitee /> <Expired view_model=v /> }
            .into_any();
    }
    // One primary action (create the account and join); signing in and declining are links.
    view! {
        <Summary view_model=v invitee=invitee.clone() />
        <SignUpForm id=preview.id invitee=invitee.clone() nonce proof />
        <p class="switch-account">"Already have an account? " <A href=sign_in.clone()>"Sign in"</A>
            {format!(" as {invitee} to accept.")}</p>
        <p class="hint">"Not for you? " <A href=sign_in>"Sign in to decline"</A>
            ", or ignore the email: the invitation expires on its own."</p>
    }
    .into_any()
}

#[component]
fn SignUpForm(id: String, invitee: String, nonce: String, proof: Option<String>) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let first = RwSignal::new(String::new());
    let last = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let email = invitee;
    let sign_up = Action::new_local(move |body: &SignUp| {
        let body = body.clone();
        async move {
            match api.sign_up(&body).await {
                // Signed in: the page reloads the invitation and offers Accept and Decline.
                Ok(s) => session.begin(s),
                Err(e) => errors.set(FormErrors::from_messages(
                    &[e.to_string()],
                    &[
                        ("first", "First name"),
                        ("last", "Last name"),
                        ("password", "Password"),
                    ],
                )),
            }
        }
    });
    let address = email.clone();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut e = FormErrors::default();
        let f = e.check("first", check_first_name(&first.get_untracked()));
        let l = e.check("last", check_last_name(&last.get_untracked()));
        e.check("password", check_password(&password.get_untracked()));
        let ok = e.is_empty();
        errors.set(e);
        if ok {
            sign_up.dispatch_local(SignUp {
                first_name: f.unwrap_or_default(),
                last_name: l.unwrap_or_default(),
                email: address.clone(),
                password: password.get_untracked(),
                invitation_id: Some(id.clone()),
                nonce: Some(nonce.clone()),
                proof: proof.clone(),
            });
        }
    };
    let err = move |key: &'static str| Signal::derive(move || errors.with(|e| e.field(key)));
    view! {
        <form class="card form" on:submit=submit novalidate>
            <h2>"Create your account to join"</h2>
            <div class="field">
                <label for="signup-email">"Email"</label>
                // Read-only and drawn as text: the invitation is for this address only.
                <input id="signup-email" class="readonly-value" type="email" value=email readonly aria-describedby="signup-email-hint" />
                <p id="signup-email-hint" class="hint">"The invitation was sent to this address."</p>
            </div>
            <Field id="signup-first" label="First name" value=first error=err("first") required=true />
            <Field id="signup-last" label="Last name" value=last error=err("last") required=true />
            <Field id="signup-password" label="Password" value=password error=err("password") required=true kind="password" />
            <p class="field-error" role="alert">{move || errors.with(|e| e.general.join(" "))}</p>
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || sign_up.pending().get()>"Create account"</button>
            </div>
        </form>
    }
}

/// Why the invitation cannot be shown, and what to do next.
#[component]
fn Problem(error: ApiError, signed_in: bool) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let message = error.to_string();
    let (next, switch) = match error.status() {
        Some(403) => ("Sign out, then sign in or create an account with the invited address.", true),
        Some(410) => ("Ask the organization's owner or an admin for a new invitation if you still want to join.", false),
        Some(422) => ("Open the link in the most recent invitation email, or ask for a new invitation.", false),
        Some(404) => ("Check that the whole link was copied from the email, or ask for a new invitation.", false),
        _ => ("Try again later.", false),
    };
    let message = if error.status() == Some(404) {
        "This invitation does not exist.".to_owned()
    } else {
        message
    };
    let sign_out = Action::new_local(move |_: &()| {
        let api = api;
        async move {
            let _ = api.sign_out().await;
            session.sign_out();
        }
    });
    view! {
        <h1>"Invitation"</h1>
        <div class="notice error" role="alert">
            <p>{message}</p>
            <p>{next}</p>
        </div>
        {switch.then(|| view! {
            <button type="button" class="button primary" on:click=move |_| { sign_out.dispatch_local(()); }>"Sign out and continue"</button>
        })}
        {(signed_in && !switch).then(|| view! { <A href="/">"Go to your organizations"</A> })}
    }
}
