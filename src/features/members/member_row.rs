//! One member's row of the members table.

use leptos::prelude::*;
use org_contract::{allows, Action as Permission, Role};

use super::bulk_bar::RowCheckbox;
use crate::features::members::leave::OwnRowMenu;
use crate::features::members::manage::{ManageButton, Managing};
use crate::model::format;
use crate::model::members_table::{MemberRow, PageView};
use crate::ui::avatar::Avatar;
use crate::ui::role_badge::role_badge;

/// One member's row, kept while the member is on the page. What it draws once (name,
/// email, picture, joined) is in its key; what can change (role, 2FA, last active, whether
/// the user may manage them) updates in place, so the MANAGE button keeps its focus. A
/// search keystroke can bring 50 new rows: each costs few reactive nodes.
#[component]
pub(super) fn Row(
    first: MemberRow,
    page: Memo<PageView>,
    manager: bool,
    actor: Memo<Option<Role>>,
    managing: Managing,
) -> impl IntoView {
    let id = first.member_id.clone();
    let drawn = first.clone();
    // `For` keeps a row only while its member is on the page, so it is always found. A
    // memo: found once per page change, not once per cell that reads it.
    let row = Memo::new(move |_| {
        page.with(|p| p.rows.iter().find(|r| r.member_id == id).cloned())
            .unwrap_or_else(|| first.clone())
    });
    let can_manage =
        Memo::new(move |_| actor.with(|a| row.with(|r| may_manage(manager, a, &r.role))));
    let me = drawn.is_me;
    view! {
        <tr class:me=me>
            {manager.then(|| view! { <td class="select">{move || can_manage.get().then(|| view! { <RowCheckbox row /> })}</td> })}
            // Flat on purpose, texts as properties: under erase_components each element
            // with children costs a boxed view per child and a marker node, and a keystroke
            // can draw fifty rows.
            <td class="member">
                <div class="member-name">
                    <Avatar row=drawn.clone() />
                    <span class="name" prop:textContent=drawn.name.clone()></span>
                    {me.then(|| view! { <span class="badge you">"You"</span> })}
                    <span class="email" prop:textContent=drawn.email.clone()></span>
                </div>
            </td>
            <td data-label="Role">{move || row.with(|r| role_badge(&r.role))}</td>
            <td class="wide-only" data-label="Joined" title=format::date_time(&drawn.joined) prop:textContent=format::date(&drawn.joined)></td>
            {manager.then(|| view! { {move || row.with(two_factor_cell)} {move || row.with(last_active_cell)} })}
            <td class="actions">
                <span class="row-actions">
                    {move || can_manage.get().then(|| view! { <ManageButton row managing /> })}
                    {me.then(|| view! { <OwnRowMenu /> })}
                </span>
            </td>
        </tr>
    }
}

/// Whether the user sees MANAGE and a checkbox on the row of a member with `role`.
pub(super) fn may_manage(manager: bool, actor: &Option<Role>, role: &Role) -> bool {
    manager
        && actor
            .as_ref()
            .is_some_and(|me| allows(me, Permission::ManageMember(role)))
}

fn two_factor_cell(r: &MemberRow) -> impl IntoView {
    view! {
        <td data-label="2FA" class="wide-only" class:two-factor-off=r.two_factor.is_empty() prop:textContent=r.two_factor_label()></td>
    }
}

fn last_active_cell(r: &MemberRow) -> impl IntoView {
    let at = r.last_login_at.as_deref();
    view! {
        <td class="wide-only" data-label="Last active" title=at.map(format::date_time)
            prop:textContent=at.map(|l| format::relative(l, format::now())).unwrap_or_else(|| "Never".into())></td>
    }
}
