use leptos::prelude::*;
use leptos::web_sys::SubmitEvent;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_navigate;
use org_contract::validation::{check_first_name, check_last_name};
use org_contract::{Invitation, UpdateUser};

use crate::api::use_api;
use crate::components::account_security::{PasswordForm, SignOutEverywhere};
use crate::components::dialog::Dialog;
use crate::components::field::Field;
use crate::components::frame::{Frame, LogoutButton, NavLink};
use crate::components::status::{use_notice, LoadError, LoadingRows};
use crate::form_errors::FormErrors;
use crate::invitation_view::InvitationView;
use crate::org_context::use_directory;
use crate::session::use_session;
use crate::time_text;

#[component]
pub fn PersonalLayout() -> impl IntoView {
    view! {
        <Frame sidebar=|| view! {
            <p class="sidebar-title">"Personal settings"</p>
            <nav aria-label="Personal">
                <ul class="nav-list">
                    <NavLink href="/personal/profile" label="Profile" />
                    <NavLink href="/personal/invitations" label="Invitations" />
                    <LogoutButton />
                </ul>
            </nav>
        }>
            <Outlet />
        </Frame>
    }
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    let session = use_session();
    move || match session.user.get() {
        None => view! { <LoadingRows /> }.into_any(),
        Some(user) => view! {
            <section class="page">
                <h1>"Profile"</h1>
                <dl class="details">
                    <dt>"Email"</dt><dd>{user.email.clone()}</dd>
                    <dt>"Time zone"</dt><dd>{user.timezone.clone()}</dd>
                    <dt>"Member since"</dt><dd>{time_text::date(&user.created_at)}</dd>
                </dl>
                <NameForm first=user.first_name.clone() last=user.last_name.clone() />
                <PasswordForm />
                <SignOutEverywhere />
            </section>
        }
        .into_any(),
    }
}

#[component]
fn NameForm(first: String, last: String) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let notice = use_notice();
    let first = RwSignal::new(first);
    let last = RwSignal::new(last);
    let errors = RwSignal::new(FormErrors::default());
    let save = Action::new_local(move |body: &UpdateUser| {
        let (api, body) = (api.clone(), body.clone());
        async move { api.update_user(&body).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(user)) => {
            save.value().set(None);
            notice.say(format!("Saved your name as {}.", user.full_name));
            session.user.set(Some(user));
        }
        Some(Err(e)) => errors.set(FormErrors::from_messages(
            &[e.to_string()],
            &[("first", "First name"), ("last", "Last name")],
        )),
        None => {}
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut e = FormErrors::default();
        let f = e.check("first", check_first_name(&first.get_untracked()));
        let l = e.check("last", check_last_name(&last.get_untracked()));
        let ok = e.is_empty();
        errors.set(e);
        if ok {
            save.dispatch_local(UpdateUser {
                first_name: f,
                last_name: l,
                ..UpdateUser::default()
            });
        }
    };
    let err = move |key: &'static str| Signal::derive(move || errors.with(|e| e.field(key)));
    view! {
        <form class="form card" on:submit=submit novalidate>
            <h2>"Your name"</h2>
            <Field id="first-name" label="First name" value=first error=err("first") required=true />
            <Field id="last-name" label="Last name" value=last error=err("last") required=true />
            <p class="field-error" role="alert">{move || errors.with(|e| e.general.join(" "))}</p>
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || save.pending().get()>"Save name"</button>
            </div>
        </form>
    }
}

#[component]
pub fn MyInvitationsPage() -> impl IntoView {
    let directory = use_directory();
    view! {
        <section class="page">
            <h1>"Invitations"</h1>
            <p class="lead">"Organizations that have invited you to join them."</p>
            <UnverifiedInvitationsNote />
            <Transition fallback=|| view! { <LoadingRows /> }>
                {move || Suspend::new(async move {
                    match directory.invitations.await {
                        Err(e) => view! { <LoadError error=e retry=move |_| directory.refresh() /> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p class="empty">"No invitations are waiting for you."</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="invitation-list">
                                {list.into_iter().map(|i| view! { <li><InvitationCard invitation=i /></li> }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// Why the list may be empty for an unverified address, and how to see the invitations.
#[component]
fn UnverifiedInvitationsNote() -> impl IntoView {
    let session = use_session();
    move || {
        session
            .user
            .with(|u| u.as_ref().is_some_and(|u| u.email_verified == Some(false)))
            .then(|| view! {
                <p class="notice" role="note">
                    "Your email address is not verified yet, so invitations sent to it are not listed here. "
                    "Open the link in an invitation email to answer it, or verify your address with the link we sent you."
                </p>
            })
    }
}

/// One invitation with Accept and Decline, as the invitee sees it.
#[component]
pub fn InvitationCard(
    invitation: Invitation,
    /// The nonce of the emailed link, when the card is shown from it: it lets an invitee
    /// whose address is not verified yet accept.
    #[prop(optional_no_strip)]
    nonce: Option<String>,
    /// Called once the invitation is declined (the invitee page reloads it).
    #[prop(optional, into)]
    on_declined: Option<Callback<()>>,
) -> impl IntoView {
    let api = use_api();
    let directory = use_directory();
    let notice = use_notice();
    let navigate = use_navigate();
    let error = RwSignal::new(None::<String>);
    let confirm_decline = RwSignal::new(false);
    let view_model = InvitationView::new(&invitation);
    let (org_name, org_id) = (
        view_model.organization.clone(),
        view_model.organization_id.clone(),
    );
    let inviter = view_model.inviter_or("Someone");
    let role = view_model.role.clone();
    let projects_line = view_model.projects_line();
    let id = invitation.id.clone();
    let decline_nonce = nonce.clone();
    let accept = Action::new_local(move |_: &()| {
        let (api, id, nonce) = (api.clone(), id.clone(), nonce.clone());
        async move { api.accept_invitation(&id, nonce.as_deref()).await.map(drop) }
    });
    let id = invitation.id.clone();
    let api = use_api();
    let decline = Action::new_local(move |_: &()| {
        let (api, id, nonce) = (api.clone(), id.clone(), decline_nonce.clone());
        async move { api.decline_invitation(&id, nonce.as_deref()).await }
    });
    let (joined_name, declined_name) = (org_name.clone(), org_name.clone());
    Effect::new(move |_| match accept.value().get() {
        Some(Ok(())) => {
            directory.refresh();
            notice.say(format!("You joined {joined_name}."));
            navigate(&format!("/orgs/{org_id}/members"), Default::default());
        }
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });
    Effect::new(move |_| match decline.value().get() {
        Some(Ok(())) => {
            confirm_decline.set(false);
            notice.say(format!("Declined the invitation to {declined_name}."));
            directory.refresh();
            if let Some(cb) = on_declined {
                cb.run(());
            }
        }
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });
    let expires = invitation.expires_at.clone();
    let busy = move || accept.pending().get() || decline.pending().get();
    view! {
        <article class="card invitation">
            <h2>{org_name.clone()}</h2>
            <p>{format!("{inviter} invited you to join as {}.", role.label().to_lowercase())}</p>
            {projects_line.map(|line| view! { <p>{line}</p> })}
            {invitation.message.clone().map(|m| view! { <blockquote>{m}</blockquote> })}
            {expires.map(|e| view! { <p class="hint" title=time_text::date_time(&e)>{format!("Expires {}", time_text::relative(&e, time_text::now()))}</p> })}
            <p class="field-error" role="alert">{move || error.get()}</p>
            <div class="form-actions">
                <button type="button" class="button" disabled=busy on:click=move |_| confirm_decline.set(true)>"Decline"</button>
                <button type="button" class="button primary" disabled=busy on:click=move |_| { accept.dispatch_local(()); }>
                    {move || if accept.pending().get() { "Accepting…" } else { "Accept" }}
                </button>
            </div>
            <Dialog open=confirm_decline title=format!("Decline the invitation to {org_name}?")>
                <p>"The invitation will be deleted. To join later, you would need a new invitation."</p>
                <div class="form-actions">
                    <button type="button" class="button" on:click=move |_| confirm_decline.set(false)>"Keep it"</button>
                    <button type="button" class="button danger" disabled=busy on:click=move |_| { decline.dispatch_local(()); }>"Decline invitation"</button>
                </div>
            </Dialog>
        </article>
    }
}
