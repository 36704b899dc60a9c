//! The member table's controls: search, role and 2FA filters, the phone's sort menu, and
//! the sortable column headers. Every change is a new [`TableState`] for the URL.

use leptos::prelude::*;
use org_contract::Role;

use super::table_view::TableView;
use crate::model::members_table::{sort_choice, sort_value, SortKey, TableState};

/// A change of the table's view, and whether it replaces the current history entry.
pub(super) type ViewChange = Callback<(TableState, bool)>;

#[component]
pub(super) fn SortHeader(
    key: SortKey,
    state: Memo<TableState>,
    change: ViewChange,
) -> impl IntoView {
    view! {
        <th scope="col" aria-sort=move || state.with(|s| s.aria_sort(key))>
            <SortButton key state change />
        </th>
    }
}

/// The member column shows name and email in one cell, so its header sorts by either.
#[component]
pub(super) fn MemberHeader(state: Memo<TableState>, change: ViewChange) -> impl IntoView {
    let keys = [SortKey::Name, SortKey::Email];
    view! {
        <th scope="col" aria-sort=move || state.with(|s| s.aria_sort_of(&keys))>
            <span class="sort-pair">
                <SortButton key=SortKey::Name state change />
                <span aria-hidden="true">"/"</span>
                <SortButton key=SortKey::Email state change />
            </span>
        </th>
    }
}

#[component]
fn SortButton(key: SortKey, state: Memo<TableState>, change: ViewChange) -> impl IntoView {
    let toggle = move |_| {
        let mut s = state.get_untracked();
        s.toggle_sort(key);
        change.run((s, false));
    };
    view! {
        <button type="button" class="sort-button" on:click=toggle>
            {key.label()}
            <span aria-hidden="true" class="sort-mark">
                {move || match state.with(|s| s.aria_sort(key)) { "ascending" => "▲", "descending" => "▼", _ => "" }}
            </span>
        </button>
    }
}

/// Search, role filter, the 2FA filter (for those who see 2FA) and, on phones, where rows
/// have no headers, the sort.
#[component]
pub(super) fn TableControls(view: TableView, manager: bool) -> impl IntoView {
    let TableView {
        state,
        change,
        search,
        settle,
    } = view;
    let on_two_factor = move |ev: leptos::ev::Event| {
        let mut s = state.get_untracked();
        s.two_factor_off = event_target_checked(&ev);
        s.page = 0;
        change.run((s, false));
    };
    let on_search = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        let s = state.get_untracked();
        search.run(s.with_search(&typed, s.role.clone()));
    };
    let on_role = move |ev: leptos::ev::Event| {
        let picked = event_target_value(&ev);
        let role = (!picked.is_empty()).then(|| Role::parse(&picked));
        let s = state.get_untracked();
        change.run((s.with_search(&s.query, role), false));
    };
    let on_sort = move |ev: leptos::ev::Event| {
        let mut s = state.get_untracked();
        s.sort = sort_choice(&event_target_value(&ev));
        s.page = 0;
        change.run((s, false));
    };
    let role_text = move || {
        state
            .with(|s| s.role.as_ref().map(|r| r.as_str().to_owned()))
            .unwrap_or_default()
    };
    view! {
        <div class="table-controls" role="search">
            <div class="field">
                <label for="member-search">"Search members"</label>
                <input id="member-search" type="search" placeholder="Name or email"
                    prop:value=move || state.with(|s| s.query.clone()) on:input=on_search
                    on:blur=move |_| settle.run(()) />
            </div>
            <div class="field">
                <label for="role-filter">"Role"</label>
                <select id="role-filter" prop:value=role_text on:change=on_role>
                    <option value="">"All roles"</option>
                    {Role::KNOWN.iter().map(|r| view! { <option value=r.as_str()>{r.label()}</option> }).collect_view()}
                </select>
            </div>
            {manager.then(|| view! {
                <label class="check-filter">
                    <input type="checkbox" prop:checked=move || state.with(|s| s.two_factor_off) on:change=on_two_factor />
                    "Only 2FA off"
                </label>
            })}
            <div class="field mobile-only">
                <label for="member-sort">"Sort by"</label>
                <select id="member-sort" prop:value=move || state.with(|s| sort_value(s.sort)) on:change=on_sort>
                    <option value="">"You first, then name"</option>
                    <option value="name">"Name"</option>
                    <option value="email">"Email"</option>
                    <option value="role">"Role"</option>
                    <option value="joined-new">"Newest members"</option>
                    <option value="joined-old">"Longest members"</option>
                </select>
            </div>
        </div>
    }
}
