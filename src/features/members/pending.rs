//! Pending invitations of the organization (owners and admins): resend, revoke, copy link.

use leptos::prelude::*;
use org_contract::Invitation;

use crate::api::use_api;
use crate::features::members::page::MembersData;
use crate::model::format;
use crate::model::invitation_view::InvitationView;
use crate::ui::confirm_dialog::ConfirmDialog;
use crate::ui::status::{use_notice, LoadError, LoadingRows};

/// The accept/decline link of an invitation on this console, when the server showed its
/// nonce (it shows it to owners and admins only).
pub fn invite_link(origin: &str, i: &Invitation) -> Option<String> {
    let nonce = i.nonce.as_deref()?;
    Some(format!("{origin}/invitations/{}?nonce={nonce}", i.id))
}

#[component]
pub fn PendingInvitations() -> impl IntoView {
    let data = expect_context::<MembersData>();
    let list = Memo::new(move |_| data.invitations.get());
    let count = move || list.with(|l| l.as_ref().and_then(|l| l.as_ref().ok()).map_or(0, Vec::len));
    view! {
        <section class="pending" aria-labelledby="pending-title">
            <h2 id="pending-title">"Pending invitations " <span class="badge">{count}</span></h2>
            {move || match list.get() {
                None => view! { <LoadingRows rows=2 /> }.into_any(),
                Some(Err(e)) => view! { <LoadError error=e retry=move |_| data.invitations.refetch() /> }.into_any(),
                Some(Ok(items)) if items.is_empty() => view! { <p class="empty">"No invitations are waiting for an answer."</p> }.into_any(),
                Some(Ok(items)) => view! {
                    <div class="table-wrap">
                        <table class="table stack">
                            <caption class="visually-hidden">"Pending invitations"</caption>
                            <thead><tr>
                                <th scope="col">"Invitee"</th><th scope="col">"Role"</th><th scope="col">"Projects"</th>
                                <th scope="col">"Invited by"</th><th scope="col">"Sent"</th><th scope="col">"Expires"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr></thead>
                            <tbody>{items.into_iter().map(|i| view! { <InvitationRow invitation=i /> }).collect_view()}</tbody>
                        </table>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

/// Puts the invitation's link on the clipboard (or shows it when the browser refuses).
#[component]
fn CopyLink(
    link: String,
    invitee: String,
    copied: RwSignal<bool>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let copy = move |_| {
        let link = link.clone();
        leptos::task::spawn_local(async move {
            let clipboard = window().navigator().clipboard();
            match wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&link)).await {
                Ok(_) => copied.set(true),
                Err(_) => error.set(Some(format!("Could not copy. The link is {link}"))),
            }
        });
    };
    view! {
        <button type="button" class="button small" aria-label=format!("Copy link for {invitee}") on:click=copy>"Copy link"</button>
    }
}

#[component]
fn InvitationRow(invitation: Invitation) -> impl IntoView {
    let api = use_api();
    let data = expect_context::<MembersData>();
    let notice = use_notice();
    let now = format::now();
    let confirm_revoke = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let copied = RwSignal::new(false);
    let invitee = invitation.invitee.clone();
    let (id, who) = (invitation.id.clone(), invitee.clone());
    let resend = Action::new_local(move |_: &()| {
        let (id, who) = (id.clone(), who.clone());
        async move {
            match api.resend_invitation(&id).await {
                Ok(renewed) => {
                    let until = renewed
                        .expires_at
                        .as_deref()
                        .map(format::date_time)
                        .unwrap_or_default();
                    notice.say(format!(
                        "Sent the invitation to {who} again; it now expires {until}."
                    ));
                    data.invitations.refetch();
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    });
    let (id, who) = (invitation.id.clone(), invitee.clone());
    let revoke = Action::new_local(move |_: &()| {
        let (id, who) = (id.clone(), who.clone());
        async move {
            match api.delete_invitation(&id).await {
                Ok(()) => {
                    confirm_revoke.set(false);
                    notice.say(format!("Revoked the invitation to {who}."));
                    data.invitations.refetch();
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    });
    let link = invite_link(
        &window().location().origin().unwrap_or_default(),
        &invitation,
    );
    let v = InvitationView::new(&invitation);
    let expired = v.is_expired(now);
    let role = v.role.clone();
    let projects = v.projects.clone();
    let inviter = v.inviter_or("—");
    let expires = invitation.expires_at.clone().unwrap_or_default();
    view! {
        <tr>
            <td class="email" data-label="Invitee">{invitee.clone()}</td>
            <td data-label="Role">{role.label().to_owned()}</td>
            <td data-label="Projects">{if projects.is_empty() { "—".to_owned() } else { projects.join(", ") }}</td>
            <td data-label="Invited by">{inviter}</td>
            <td data-label="Sent" title=format::date_time(&invitation.created_at)>{format::date(&invitation.created_at)}</td>
            <td data-label="Expires" title=format::date_time(&expires)>
                {if expired { view! { <span class="badge warn">"Expired"</span> }.into_any() } else { format::relative(&expires, now).into_any() }}
            </td>
            <td class="actions">
                <div class="row-actions">
                    <button type="button" class="button small" aria-label=format!("Resend the invitation to {invitee}")
                        disabled=move || resend.pending().get() on:click=move |_| { resend.dispatch_local(()); }>"Resend"</button>
                    {link.map(|link| view! { <CopyLink link invitee=invitee.clone() copied error /> })}
                    <button type="button" class="button small" aria-label=format!("Revoke the invitation to {invitee}") on:click=move |_| confirm_revoke.set(true)>"Revoke"</button>
                </div>
                <span role="status" class="hint">{move || copied.get().then_some("Link copied")}</span>
                <p class="field-error" role="alert">{move || error.get()}</p>
                <ConfirmDialog open=confirm_revoke title=format!("Revoke the invitation to {invitee}?") keep="Keep it"
                    confirm="Revoke invitation" busy=revoke.pending() on_confirm=move |_| { revoke.dispatch_local(()); }>
                    <p>"The link in the email will stop working. You can invite the address again later."</p>
                </ConfirmDialog>
            </td>
        </tr>
    }
}
