//! The Invitations tab of the members page (owners and admins): resend, copy link, revoke.

use leptos::prelude::*;
use org_contract::Invitation;

use crate::api::use_api;
use crate::features::members::page::MembersData;
use crate::model::format;
use crate::model::invitation_view::{expired_first, InvitationView};
use crate::ui::confirm_dialog::ConfirmDialog;
use crate::ui::menu::{Menu, MenuItem};
use crate::ui::role_badge::RoleBadge;
use crate::ui::status::{use_notice, LoadError, LoadingRows};

/// The accept/decline link of an invitation on this console, when the server showed its
/// nonce (it shows it to owners and admins only).
pub fn invite_link(origin: &str, i: &Invitation) -> Option<String> {
    let nonce = i.nonce.as_deref()?;
    Some(format!("{origin}/invitations/{}?nonce={nonce}", i.id))
}

/// The Invitations tab: expired invitations first, a "⋯" menu per row.
#[component]
pub fn PendingInvitations() -> impl IntoView {
    let data = expect_context::<MembersData>();
    let list = Memo::new(move |_| data.invitations.get());
    view! {
        <h2 class="visually-hidden">"Pending invitations"</h2>
        {move || match list.get() {
            None => view! { <LoadingRows rows=2 /> }.into_any(),
            Some(Err(e)) => view! { <LoadError error=e retry=move |_| data.invitations.refetch() /> }.into_any(),
            Some(Ok(items)) if items.is_empty() => view! { <p class="empty">"No invitations are waiting for an answer."</p> }.into_any(),
            Some(Ok(mut items)) => {
                expired_first(&mut items, format::now());
                view! {
                    <div class="table-wrap">
                        <table class="table invitations">
                            <caption class="visually-hidden">"Pending invitations"</caption>
                            <thead><tr>
                                <th scope="col">"Invitee"</th><th scope="col">"Role"</th><th scope="col" class="wide-only">"Projects"</th>
                                <th scope="col">"Expires"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr></thead>
                            <tbody>{items.into_iter().map(|i| view! { <InvitationRow invitation=i /> }).collect_view()}</tbody>
                        </table>
                    </div>
                }.into_any()
            }
        }}
    }
}

/// Puts `link` on the clipboard, or shows it when the browser refuses.
fn copy_link(link: String, copied: RwSignal<bool>, error: RwSignal<Option<String>>) {
    leptos::task::spawn_local(async move {
        let clipboard = window().navigator().clipboard();
        match wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&link)).await {
            Ok(_) => copied.set(true),
            Err(_) => error.set(Some(format!("Could not copy. The link is {link}"))),
        }
    });
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
    let projects = v.projects.clone();
    let sent = format!(
        "Invited by {} · {}",
        v.inviter_or("someone"),
        format::date(&invitation.created_at)
    );
    let expires = invitation.expires_at.clone().unwrap_or_default();
    view! {
        <tr class:expired=expired>
            <td class="member">
                <span class="member-text">
                    <span class="name">{invitee.clone()}</span>
                    <span class="email" title=format::date_time(&invitation.created_at)>{sent}</span>
                </span>
                <span role="status" class="hint">{move || copied.get().then_some("Link copied")}</span>
                <p class="field-error" role="alert">{move || error.get()}</p>
            </td>
            <td data-label="Role"><RoleBadge role=v.role.clone() /></td>
            <td class="wide-only" data-label="Projects">{if projects.is_empty() { "—".to_owned() } else { projects.join(", ") }}</td>
            <td data-label="Expires" title=format::date_time(&expires)>
                {if expired { view! { <span class="badge warn">"Expired"</span> }.into_any() } else { format::relative(&expires, now).into_any() }}
            </td>
            <td class="actions">
                <InvitationMenu invitee=invitee.clone() link resend=Callback::new(move |_| { resend.dispatch_local(()); })
                    copied error revoke=Callback::new(move |_| confirm_revoke.set(true)) />
                <ConfirmDialog open=confirm_revoke title=format!("Revoke the invitation to {invitee}?") keep="Keep it"
                    confirm="Revoke invitation" busy=revoke.pending() on_confirm=move |_| { revoke.dispatch_local(()); }>
                    <p>"The link in the email will stop working. You can invite the address again later."</p>
                </ConfirmDialog>
            </td>
        </tr>
    }
}

/// Resend, Copy link (when the server showed the link), and Revoke in red.
#[component]
fn InvitationMenu(
    invitee: String,
    link: Option<String>,
    resend: Callback<()>,
    revoke: Callback<()>,
    copied: RwSignal<bool>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let link = StoredValue::new(link);
    let label = |what: &str| format!("{what} {invitee}");
    let (resend_label, copy_label, revoke_label) = (
        StoredValue::new(label("Resend the invitation to")),
        StoredValue::new(label("Copy link for")),
        StoredValue::new(label("Revoke the invitation to")),
    );
    view! {
        <Menu label=format!("Actions for the invitation to {invitee}")>
            <MenuItem label=resend_label.get_value() on_select=resend>"Resend"</MenuItem>
            {link.get_value().map(|l| view! {
                <MenuItem label=copy_label.get_value() on_select=move |_| copy_link(l.clone(), copied, error)>"Copy link"</MenuItem>
            })}
            <MenuItem label=revoke_label.get_value() danger=true on_select=revoke>"Revoke"</MenuItem>
        </Menu>
    }
}
