use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use org_contract::{allows, Action as Permission, Invitation, Member, Project, Role};

use crate::api::{use_api, ApiError};
use crate::features::members::leave::LeaveOrganization;
use crate::features::members::manage::ManageMember;
use crate::features::members::pending::PendingInvitations;
use crate::model::format;
use crate::model::members_table::{sort_rows, table_page, MemberRow, SortKey, TableState};
use crate::state::org::use_current_org;
use crate::state::session::use_session;
use crate::ui::avatar::Avatar;
use crate::ui::status::{LoadError, LoadingRows};

/// Everything the member table's parts share.
#[derive(Clone, Copy)]
pub struct MembersData {
    pub members: LocalResource<Result<Vec<Member>, ApiError>>,
    /// The organization's projects, for choosing a collaborator's (managers only).
    pub projects: LocalResource<Result<Vec<Project>, ApiError>>,
    /// Pending invitations (owners and admins only; empty for others).
    pub invitations: LocalResource<Result<Vec<Invitation>, ApiError>>,
    pub rows: Memo<Option<Result<Vec<MemberRow>, ApiError>>>,
    pub owners: Memo<usize>,
}

#[component]
pub fn MembersPage() -> impl IntoView {
    let api = use_api();
    let current = use_current_org();
    let session = use_session();
    let members = current.resource(api, |api, org| async move { api.all_members(&org).await });
    let manager = Memo::new(move |_| current.can(Permission::ManageMember(&Role::Billing)));
    let projects = current.resource(api, move |api, org| async move {
        // Only managers choose projects, and only they may list all of them.
        if manager.get_untracked() {
            api.projects(&org).await
        } else {
            Ok(vec![])
        }
    });
    let invitations = current.resource(api, move |api, org| async move {
        if manager.get_untracked() {
            api.all_invitations(&org).await
        } else {
            Ok(vec![])
        }
    });
    let rows = Memo::new(move |_| {
        let me = session
            .user
            .with(|u| u.as_ref().map(|u| u.id.clone()).unwrap_or_default());
        let result = members.get()?;
        Some(result.map(|list| {
            list.iter()
                .map(|m| MemberRow::from_member(m, &me))
                .collect::<Vec<_>>()
        }))
    });
    let owners = Memo::new(move |_| {
        rows.with(|r| {
            r.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map_or(0, |r| r.iter().filter(|m| m.role == Role::Owner).count())
        })
    });
    let data = MembersData {
        members,
        projects,
        invitations,
        rows,
        owners,
    };
    provide_context(data);
    let can_invite = Memo::new(move |_| current.can(Permission::ViewInvitations));
    view! {
        <section class="page">
            <div class="page-header">
                <div>
                    <h1>"Organization Members"</h1>
                    <p class="lead">"Organization members can manage an organization settings, projects, licenses, and reserved hardware."</p>
                </div>
                {move || can_invite.get().then(|| view! { <crate::features::members::invite::InviteButton /> })}
            </div>
            <MemberTable />
            {move || can_invite.get().then(|| view! { <PendingInvitations /> })}
        </section>
    }
}

/// The table with its search, filter, sorting and pages; reads [`MembersData`] and
/// [`crate::state::org::CurrentOrg`] from context.
#[component]
pub fn MemberTable() -> impl IntoView {
    let data = expect_context::<MembersData>();
    let current = use_current_org();
    let url = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    // The view lives in the URL: a link opens the same view, Back restores the one before.
    let state = Memo::new(move |_| url.with(|q| TableState::from_query(|k| q.get(k))));
    // Typing replaces the history entry (one per search, not per keystroke); filtering,
    // sorting and paging add one, so Back steps through them.
    let change = Callback::new(move |(next, replace): (TableState, bool)| {
        let path = location.pathname.get_untracked();
        let options = NavigateOptions {
            replace,
            scroll: false,
            ..Default::default()
        };
        navigate(&format!("{path}{}", next.to_query()), options);
    });
    let search_text = move || state.with(|s| s.query.clone());
    let role_text = move || {
        state
            .with(|s| s.role.as_ref().map(|r| r.as_str().to_owned()))
            .unwrap_or_default()
    };
    let on_search = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        let s = state.get_untracked();
        change.run((s.with_search(&typed, s.role.clone()), true));
    };
    let on_role = move |ev: leptos::ev::Event| {
        let picked = event_target_value(&ev);
        let role = (!picked.is_empty()).then(|| Role::parse(&picked));
        let s = state.get_untracked();
        change.run((s.with_search(&s.query, role), false));
    };
    let sort = Memo::new(move |_| state.with(|s| s.sort));
    let sorted = Memo::new(move |_| {
        data.rows.with(|r| match r {
            Some(Ok(rows)) => {
                let mut rows = rows.clone();
                sort_rows(&mut rows, sort.get());
                Some(Ok(rows))
            }
            Some(Err(e)) => Some(Err(e.clone())),
            None => None,
        })
    });
    let manager = Memo::new(move |_| current.can(Permission::ManageMember(&Role::Billing)));
    let total = move || {
        data.rows
            .with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).map_or(0, Vec::len))
    };

    view! {
        <div class="table-controls" role="search">
            <div class="field">
                <label for="member-search">"Search members"</label>
                <input id="member-search" type="search" placeholder="Name or email" prop:value=search_text on:input=on_search />
            </div>
            <div class="field">
                <label for="role-filter">"Role"</label>
                <select id="role-filter" prop:value=role_text on:change=on_role>
                    <option value="">"All roles"</option>
                    {Role::KNOWN.iter().map(|r| view! { <option value=r.as_str()>{r.label()}</option> }).collect_view()}
                </select>
            </div>
            // Phones show rows as cards without the sortable header, so they sort here.
            <div class="field mobile-only">
                <label for="member-sort">"Sort by"</label>
                <select id="member-sort" prop:value=move || sort_value(sort.get()) on:change=move |ev| {
                    let mut s = state.get_untracked();
                    s.sort = sort_choice(&event_target_value(&ev));
                    s.page = 0;
                    change.run((s, false));
                }>
                    <option value="">"You first, then name"</option>
                    <option value="name">"Name"</option>
                    <option value="email">"Email"</option>
                    <option value="role">"Role"</option>
                    <option value="joined-new">"Newest members"</option>
                    <option value="joined-old">"Longest members"</option>
                </select>
            </div>
        </div>
        {move || match sorted.get() {
            None => view! { <LoadingRows rows=6 /> }.into_any(),
            Some(Err(e)) => view! { <LoadError error=e retry=move |_| data.members.refetch() /> }.into_any(),
            Some(Ok(rows)) => {
                let page = state.with(|s| {
                    let p = table_page(&rows, s);
                    (p.rows.into_iter().cloned().collect::<Vec<_>>(), p.matching, p.page, p.page_count)
                });
                let (page_rows, matching, page_index, page_count) = page;
                view! {
                    <p class="count" role="status" aria-live="polite">
                        {if matching == total() { format!("{} members", total()) } else { format!("Showing {matching} of {} members", total()) }}
                    </p>
                    {if page_rows.is_empty() {
                        view! { <p class="empty">"No member matches your search."</p> }.into_any()
                    } else {
                        view! { <Table rows=page_rows state change manager=manager.get() /> }.into_any()
                    }}
                    <Pager state change page=page_index count=page_count />
                }.into_any()
            }
        }}
    }
}

/// The phone layout's "Sort by" choice for a sort (the inverse of [`sort_choice`]).
fn sort_value(sort: Option<(SortKey, bool)>) -> &'static str {
    match sort {
        Some((SortKey::Name, _)) => "name",
        Some((SortKey::Email, _)) => "email",
        Some((SortKey::Role, _)) => "role",
        Some((SortKey::Joined, false)) => "joined-new",
        Some((SortKey::Joined, true)) => "joined-old",
        None => "",
    }
}

/// The sort of the phone layout's "Sort by" choice.
fn sort_choice(value: &str) -> Option<(SortKey, bool)> {
    match value {
        "name" => Some((SortKey::Name, true)),
        "email" => Some((SortKey::Email, true)),
        "role" => Some((SortKey::Role, true)),
        "joined-new" => Some((SortKey::Joined, false)),
        "joined-old" => Some((SortKey::Joined, true)),
        _ => None,
    }
}

/// A change of the table's view, and whether it replaces the current history entry.
type ViewChange = Callback<(TableState, bool)>;

#[component]
fn SortHeader(key: SortKey, state: Memo<TableState>, change: ViewChange) -> impl IntoView {
    let toggle = move |_| {
        let mut s = state.get_untracked();
        s.toggle_sort(key);
        change.run((s, false));
    };
    view! {
        <th scope="col" aria-sort=move || state.with(|s| s.aria_sort(key))>
            <button type="button" class="sort-button" on:click=toggle>
                {key.label()}
                <span aria-hidden="true" class="sort-mark">
                    {move || match state.with(|s| s.aria_sort(key)) { "ascending" => "▲", "descending" => "▼", _ => "" }}
                </span>
            </button>
        </th>
    }
}

#[component]
fn Table(
    rows: Vec<MemberRow>,
    state: Memo<TableState>,
    change: ViewChange,
    manager: bool,
) -> impl IntoView {
    let current = use_current_org();
    let now = format::now();
    view! {
        <div class="table-wrap">
            <table class="table members stack">
                <caption class="visually-hidden">"Organization members"</caption>
                <thead>
                    <tr>
                        <SortHeader key=SortKey::Name state change />
                        <SortHeader key=SortKey::Email state change />
                        <SortHeader key=SortKey::Role state change />
                        <SortHeader key=SortKey::Joined state change />
                        {manager.then(|| view! { <th scope="col">"2FA"</th><th scope="col">"Last active"</th><th scope="col"><span class="visually-hidden">"Manage"</span></th> })}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let can_manage = manager && current.role().is_some_and(|me| allows(&me, Permission::ManageMember(&row.role)));
                        let last_title = row.last_login_at.as_deref().map(format::date_time);
                        let last_text = row.last_login_at.as_deref().map(|l| format::relative(l, now)).unwrap_or_else(|| "Never".into());
                        view! {
                            <tr class:me=row.is_me>
                                <td>
                                    <div class="member-name">
                                        <Avatar row=row.clone() />
                                        <span class="member-text">
                                            <span class="name">{row.name.clone()}</span>
                                            {row.is_me.then(|| view! { <span class="badge you">"You"</span> <LeaveOrganization /> })}
                                        </span>
                                    </div>
                                </td>
                                <td class="email" data-label="Email">{row.email.clone()}</td>
                                <td data-label="Role">{row.role.label().to_owned()}</td>
                                <td data-label="Joined" title=format::date_time(&row.joined)>{format::date(&row.joined)}</td>
                                {manager.then(|| view! {
                                    <td data-label="2FA">{row.two_factor_label()}</td>
                                    <td data-label="Last active" title=last_title>{last_text}</td>
                                    <td class="actions">{can_manage.then(|| view! { <ManageMember row=row.clone() /> })}</td>
                                })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Pager(state: Memo<TableState>, change: ViewChange, page: usize, count: usize) -> impl IntoView {
    (count > 1).then(|| {
        let go = move |p: usize| {
            let mut s = state.get_untracked();
            s.page = p;
            change.run((s, false));
        };
        view! {
            <nav class="pager" aria-label="Member pages">
                <button type="button" class="button small" disabled={page == 0} on:click=move |_| go(page - 1)>"Previous"</button>
                <span>{format!("Page {} of {count}", page + 1)}</span>
                <button type="button" class="button small" disabled={page + 1 >= count} on:click=move |_| go(page + 1)>"Next"</button>
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_sort_choices() {
        assert_eq!(sort_choice("joined-new"), Some((SortKey::Joined, false)));
        assert_eq!(sort_choice("email"), Some((SortKey::Email, true)));
        assert_eq!(sort_choice(""), None);
        for v in ["", "name", "email", "role", "joined-new", "joined-old"] {
            assert_eq!(sort_value(sort_choice(v)), v);
        }
    }
}
