//! One invitation with Accept and Decline, as its invitee sees it: on the Invitations page
//! of personal settings and on the page an invitation email links to.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use org_contract::Invitation;

use crate::api::use_api;
use crate::model::format;
use crate::model::invitation_view::InvitationView;
use crate::model::routes::{org_page, OrgPage};
use crate::state::org::use_directory;
use crate::ui::confirm_dialog::ConfirmDialog;
use crate::ui::role_badge::RoleBadge;
use crate::ui::status::use_notice;

/// Accepting: on success the user joins and lands on the organization's members page.
fn accept_action(
    id: String,
    nonce: Option<String>,
    (joined, org_id): (String, String),
    error: RwSignal<Option<String>>,
) -> Action<(), ()> {
    let (api, directory, notice, navigate) =
        (use_api(), use_directory(), use_notice(), use_navigate());
    Action::new_local(move |_: &()| {
        let (id, nonce, joined, org_id) =
            (id.clone(), nonce.clone(), joined.clone(), org_id.clone());
        let navigate = navigate.clone();
        async move {
            match api.accept_invitation(&id, nonce.as_deref()).await {
                Ok(_) => {
                    directory.refresh();
                    notice.say(format!("You joined {joined}."));
                    navigate(&org_page(&org_id, OrgPage::Members), Default::default());
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    })
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
    /// The page above already says who invited, where and as what (the invitee page).
    #[prop(optional)]
    summarized: bool,
) -> impl IntoView {
    let api = use_api();
    let directory = use_directory();
    let notice = use_notice();
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
    let decline_nonce = nonce.clone();
    let accept = accept_action(
        invitation.id.clone(),
        nonce,
        (org_name.clone(), org_id),
        error,
    );
    let (id, declined) = (invitation.id.clone(), org_name.clone());
    let decline = Action::new_local(move |_: &()| {
        let (id, nonce, declined) = (id.clone(), decline_nonce.clone(), declined.clone());
        async move {
            match api.decline_invitation(&id, nonce.as_deref()).await {
                Ok(()) => {
                    confirm_decline.set(false);
                    notice.say(format!("Declined the invitation to {declined}."));
                    directory.refresh();
                    if let Some(cb) = on_declined {
                        cb.run(());
                    }
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    });
    let expires = invitation.expires_at.clone();
    let busy = move || accept.pending().get() || decline.pending().get();
    view! {
        <article class="card invitation">
            {(!summarized).then(|| view! {
                <h2>{org_name.clone()}</h2>
                <p class="invite-facts">{format!("Invited by {inviter} · ")}<RoleBadge role=role.clone() /></p>
                {projects_line.map(|line| view! { <p>{line}</p> })}
            })}
            {invitation.message.clone().map(|m| view! { <blockquote>{m}</blockquote> })}
            {expires.map(|e| view! { <p class="hint" title=format::date_time(&e)>{format!("Expires {}", format::relative(&e, format::now()))}</p> })}
            <p class="field-error" role="alert">{move || error.get()}</p>
            <div class="form-actions">
                <button type="button" class="button" disabled=busy on:click=move |_| confirm_decline.set(true)>"Decline"</button>
                <button type="button" class="button primary" disabled=busy on:click=move |_| { accept.dispatch_local(()); }>
                    {move || if accept.pending().get() { "Accepting…" } else { "Accept" }}
                </button>
            </div>
            <ConfirmDialog open=confirm_decline title=format!("Decline the invitation to {org_name}?") keep="Keep it"
                confirm="Decline invitation" busy=Signal::derive(busy) on_confirm=move |_| { decline.dispatch_local(()); }>
                <p>"The invitation will be deleted. To join later, you would need a new invitation."</p>
            </ConfirmDialog>
        </article>
    }
}
