//! The Invitations tab of the members page (owners and admins): resend, copy link, revoke.

use crate::lazy_code::lazy_view;
use leptos::prelude::*;
use org_contract::{Action as Permission, Invitation};

use crate::api::{use_api, ApiError};
use crate::features::members::export::ExportInvitations;
use crate::features::members::held::revoke_held;
use crate::features::members::page::MembersData;
use crate::model::format;
use crate::model::invitation_view::{expired_first, InvitationView};
use crate::state::deferred::use_deferred;
use crate::state::effect::effect;
use crate::state::fetched::Fetched;
use crate::state::org::use_current_org;
use crate::ui::confirm_dialog::ConfirmDialog;
use crate::ui::keyed_list::keyed_list;
use crate::ui::menu::{Menu, MenuItem};
use crate::ui::role_badge::RoleBadge;
use crate::ui::status::{use_notice, LoadError, LoadingRows};

/// The accept/decline link of an invitation on this console, when the server showed its
/// nonce (it shows it to owners and admins only).
pub fn invite_link(origin: &str, i: &Invitation) -> Option<String> {
    let nonce = i.nonce.as_deref()?;
    Some(format!("{origin}/invitations/{}?nonce={nonce}", i.id))
}

/// Where the invitation list stands; the rows themselves are keyed, so a resend or a
/// revoke updates the table in place and keyboard focus keeps its place.
#[derive(Clone, PartialEq)]
enum ListState {
    Loading,
    Failed(crate::api::ApiError),
    Empty,
    Ready,
}

lazy_view! {
    /// The Invitations tab, its code fetched when first shown.
    pub fn pending_invitations() in pending => view! { <PendingInvitations /> }
}

/// The organization's pending invitations, loaded by the first part that shows them (this
/// tab, the invite dialog's checks): their decoding comes with that code, not in the first
/// download, which only counts them.
pub(super) fn invitations(data: &MembersData) -> Fetched<Result<Vec<Invitation>, ApiError>> {
    let (api, current) = (use_api(), use_current_org());
    data.invitations.resource_or(move || {
        current.resource(api, move |api, org| {
            // Asked again after changes, by then perhaps of someone who no longer may.
            let allowed = untrack(|| current.can(Permission::ViewInvitations));
            async move {
                if allowed {
                    api.all_invitations(&org).await
                } else {
                    Ok(vec![])
                }
            }
        })
    })
}

/// The Invitations tab: expired invitations first, a "⋯" menu per row.
#[component]
fn PendingInvitations() -> impl IntoView {
    let data = expect_context::<MembersData>();
    let deferred = use_deferred();
    let list = invitations(&data);
    // Invitations whose revoke is held for undo are out of view meanwhile.
    let items = Memo::new(move |_| {
        list.with(|l| match l {
            Some(Ok(list)) => {
                let mut list: Vec<Invitation> = list
                    .iter()
                    .filter(|i| !deferred.is_hidden(&i.id))
                    .cloned()
                    .collect();
                expired_first(&mut list, format::now());
                list
            }
            _ => vec![],
        })
    });
    let state = Memo::new(move |_| {
        list.with(|l| match l {
            None => ListState::Loading,
            Some(Err(e)) => ListState::Failed(e.clone()),
            Some(Ok(_)) if items.with(Vec::is_empty) => ListState::Empty,
            Some(Ok(_)) => ListState::Ready,
        })
    });
    view! {
        <h2 class="visually-hidden">"Pending invitations"</h2>
        {move || match state.get() {
            ListState::Loading => view! { <LoadingRows rows=2 /> }.into_any(),
            ListState::Failed(e) => view! { <LoadError error=e retry=move |_| data.refresh_invitations() /> }.into_any(),
            ListState::Empty => view! { <p class="empty">"No invitations are waiting for an answer."</p> }.into_any(),
            ListState::Ready => view! {
                <div class="table-summary">
                    <p class="count">{move || items.with(|l| if l.len() == 1 { "1 invitation waiting for an answer".to_owned() } else { format!("{} invitations waiting for an answer", l.len()) })}</p>
                    <ExportInvitations items />
                </div>
                <div class="table-wrap">
                    <table class="table invitations">
                        <caption class="visually-hidden">"Pending invitations"</caption>
                        <thead><tr>
                            <th scope="col">"Invitee"</th><th scope="col">"Role"</th><th scope="col" class="wide-only">"Projects"</th>
                            <th scope="col">"Expires"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr></thead>
                        <tbody>
                            {keyed_list(move || items.get(), |i| i.id.clone(), move |invitation| {
                                view! { <InvitationRow invitation items /> }.into_any()
                            })}
                        </tbody>
                    </table>
                </div>
            }.into_any(),
        }}
    }
}

/// Focuses the menu button of `row` once the current changes have been drawn.
fn focus_menu_of(row: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    if let Some(el) = row
        .query_selector(".menu-trigger")
        .ok()
        .flatten()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    {
        set_timeout(
            move || {
                let _ = el.focus();
            },
            std::time::Duration::ZERO,
        );
    }
}

/// After a revoke: the next row's menu button, else the previous row's, else the tab.
fn focus_after_removing(row: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    let trigger_in = |el: Option<web_sys::Element>| {
        el.and_then(|r| r.query_selector(".menu-trigger").ok().flatten())
    };
    let target = trigger_in(row.next_element_sibling())
        .or_else(|| trigger_in(row.previous_element_sibling()))
        .or_else(|| document().get_element_by_id("tab-invitations"));
    if let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        // After the dialog has given focus back to its opener, which is about to go.
        set_timeout(
            move || {
                let _ = el.focus();
            },
            std::time::Duration::ZERO,
        );
    }
}

/// Puts `link` on the clipboard, or shows it when the browser refuses.
fn copy_link(link: String, copied: RwSignal<bool>, error: RwSignal<Option<String>>) {
    // Cleared first, so a second copy is announced again; gone after a few seconds.
    copied.set(false);
    leptos::task::spawn_local(async move {
        let clipboard = window().navigator().clipboard();
        match wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&link)).await {
            Ok(_) => {
                copied.set(true);
                set_timeout(move || copied.set(false), std::time::Duration::from_secs(4));
            }
            Err(_) => error.set(Some(format!("Could not copy. The link is {link}"))),
        }
    });
}

/// What one invitation row keeps between its parts.
#[derive(Clone, Copy)]
struct RowState {
    error: RwSignal<Option<String>>,
    confirm_revoke: RwSignal<bool>,
    copied: RwSignal<bool>,
    row: NodeRef<leptos::html::Tr>,
    /// Set by a resend: give focus back to the row's menu once it has moved.
    refocus: StoredValue<bool>,
}

/// Resend says what happened and reloads the list, or shows the server's reason; revoke is
/// held for undo.
fn row_actions(id: String, who: String, st: RowState) -> (Action<(), ()>, Callback<()>) {
    let (api, data, notice) = (use_api(), expect_context::<MembersData>(), use_notice());
    let (resend_id, resend_who) = (id.clone(), who.clone());
    let resend = Action::new_local(move |_: &()| {
        let (id, who) = (resend_id.clone(), resend_who.clone());
        async move {
            match api.resend_invitation(&id).await {
                Ok(renewed) => {
                    st.refocus.set_value(true);
                    let until = renewed.expires_at.as_deref().map(format::date_time);
                    let until = until.unwrap_or_default();
                    notice.say(format!(
                        "Sent the invitation to {who} again; it now expires {until}."
                    ));
                    data.refresh_invitations();
                }
                Err(e) => st.error.set(Some(e.to_string())),
            }
        }
    });
    // Revoking is held for undo: the row goes at once, the request when the window ends.
    let revoke = Callback::new(move |_: ()| {
        if let Some(r) = st.row.get_untracked() {
            focus_after_removing(&r);
        }
        st.confirm_revoke.set(false);
        revoke_held(id.clone(), who.clone());
    });
    (resend, revoke)
}

#[component]
fn InvitationRow(invitation: Invitation, items: Memo<Vec<Invitation>>) -> impl IntoView {
    let now = format::now();
    let st = RowState {
        error: RwSignal::new(None),
        confirm_revoke: RwSignal::new(false),
        copied: RwSignal::new(false),
        row: NodeRef::new(),
        refocus: StoredValue::new(false),
    };
    let RowState {
        error,
        confirm_revoke,
        copied,
        row,
        refocus,
    } = st;
    let invitee = invitation.invitee.clone();
    let (resend, revoke) = row_actions(invitation.id.clone(), invitee.clone(), st);
    let link = invite_link(
        &window().location().origin().unwrap_or_default(),
        &invitation,
    );
    let v = InvitationView::new(&invitation);
    let projects = v.projects.clone();
    let sent = format!(
        "Invited by {} · {}",
        v.inviter_or("someone"),
        format::date(&invitation.created_at)
    );
    // A resend renews the expiry: read it from the list, not from the row's first copy.
    let id = invitation.id.clone();
    let expires = Memo::new(move |_| {
        items
            .with(|l| {
                l.iter()
                    .find(|i| i.id == id)
                    .and_then(|i| i.expires_at.clone())
            })
            .unwrap_or_default()
    });
    let expired = move || expires.with(|e| format::is_past(e, now));
    // A resend moves the row (it now expires last), and a moved element loses focus: give it
    // back to the row's menu button, where the user left it.
    effect(move |before: Option<String>| {
        let now_expires = expires.get();
        if before.is_some_and(|b| b != now_expires) && refocus.get_value() {
            refocus.set_value(false);
            if let Some(r) = row.get_untracked() {
                focus_menu_of(&r);
            }
        }
        now_expires
    });
    view! {
        <tr class:expired=expired node_ref=row>
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
            <td data-label="Expires" title=move || expires.with(|e| format::date_time(e))>
                {move || if expired() { view! { <span class="badge warn">"Expired"</span> }.into_any() } else { expires.with(|e| format::relative(e, now)).into_any() }}
            </td>
            <td class="actions">
                <InvitationMenu invitee=invitee.clone() link resend=Callback::new(move |_| { resend.dispatch_local(()); })
                    copied error revoke=Callback::new(move |_| confirm_revoke.set(true)) />
                <ConfirmDialog open=confirm_revoke title=format!("Revoke the invitation to {invitee}?") keep="Keep it"
                    confirm="Revoke invitation" on_confirm=revoke>
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
