//! The bulk controls: a checkbox per row the user may manage and one for the page, the bar
//! that acts on the selection ("Select all N matching", Change role, Remove), its two
//! confirmations, and the panel of results.

use crate::lazy_code::{chunk_preload, lazy_dialog, lazy_part};
use leptos::prelude::*;
use org_contract::{allows, Action as Permission, Role, UpdateMember};

use super::bulk::{change_roles, use_bulk};
use super::export::members_from_server;
use super::held::remove_held;
use super::manage::{assignable_roles, ProjectChoices};
use super::page::MembersData;
use crate::api::use_api;
use crate::model::bulk::{members, named, pick_all, run_order, summary, Picked};
use crate::model::members_table::{matching_rows, MemberRow, PageView, TableState};
use crate::state::org::use_current_org;
use crate::state::session::use_session;
use crate::ui::confirm_dialog::ConfirmDialog;
use crate::ui::dialog::Dialog;
use crate::ui::role_choices::RoleChoices;

/// A row's checkbox (only on rows whose MANAGE the permission table offers).
#[component]
pub fn RowCheckbox(row: Memo<MemberRow>) -> impl IntoView {
    let bulk = use_bulk();
    let id = row.with_untracked(|r| r.member_id.clone());
    let label = row.with_untracked(|r| format!("Select {}", r.name));
    let key = id.clone();
    let on_change = move |ev| {
        let on = event_target_checked(&ev);
        bulk.selection.update(|s| {
            if on {
                s.insert(id.clone(), row.with_untracked(Picked::of));
            } else {
                s.remove(&id);
            }
        });
    };
    view! {
        <input type="checkbox" class="row-check" aria-label=label
            prop:checked=move || bulk.selection.with(|s| s.contains_key(&key)) on:change=on_change />
    }
}

/// Selects (or clears) every row of the page the user may manage.
#[component]
pub fn PageCheckbox(page: Memo<PageView>) -> impl IntoView {
    let (bulk, current) = (use_bulk(), use_current_org());
    let actor = move || current.acting_role();
    let all_on = move || {
        let me = actor();
        page.with(|p| {
            let mut pickable = p
                .rows
                .iter()
                .filter(|r| allows(&me, Permission::ManageMember(&r.role)))
                .peekable();
            pickable.peek().is_some()
                && bulk
                    .selection
                    .with(|s| pickable.all(|r| s.contains_key(&r.member_id)))
        })
    };
    let on_change = move |ev| {
        let on = event_target_checked(&ev);
        let me = actor();
        bulk.selection.update(|s| {
            page.with_untracked(|p| {
                if on {
                    pick_all(s, &me, &p.rows);
                } else {
                    for r in &p.rows {
                        s.remove(&r.member_id);
                    }
                }
            })
        });
    };
    view! {
        <input type="checkbox" class="row-check" aria-label="Select every member on this page"
            prop:checked=all_on on:change=on_change />
    }
}

lazy_part! {
    /// The bar below, its code fetched the first time a member is selected.
    pub fn bulk_bar(
        when,
        state: Memo<TableState>,
        whole: Memo<Option<Result<Vec<MemberRow>, crate::api::ApiError>>>,
        matching: Signal<usize>
    ) in bulk_bar => view! { <BulkBar state whole matching /> }
}

chunk_preload! {
    /// Fetches the bar's code once the first rows are drawn, for those who may select.
    pub fn preload_bulk_bar() in bulk_bar
}

lazy_part! {
    /// The results panel below, its code fetched when the first run starts.
    pub fn bulk_results(when) in bulk_bar => view! { <BulkResults /> }
}

/// "3 selected · Select all 60 matching · Clear · Change role · Remove", while there is a
/// selection.
#[component]
fn BulkBar(
    state: Memo<TableState>,
    whole: Memo<Option<Result<Vec<MemberRow>, crate::api::ApiError>>>,
    matching: Signal<usize>,
) -> impl IntoView {
    let (bulk, current, api, session) = (use_bulk(), use_current_org(), use_api(), use_session());
    let error = RwSignal::new(None::<String>);
    let (choose_role, confirm_remove) = (RwSignal::new(false), RwSignal::new(false));
    let count = move || bulk.selection.with(|s| s.len());
    let (any, more) = (move || count() > 0, move || count() < matching.get());
    // Every matching member the user may manage: from the whole list when it is here, else
    // page by page from the server (the export's way).
    let select_all = Action::new_local(move |_: &()| {
        let view = state.get_untracked();
        let org = current.id.get_untracked();
        let me = current.acting_role();
        let loaded = whole.with_untracked(|w| match w {
            Some(Ok(rows)) => Some(
                matching_rows(rows, &view)
                    .into_iter()
                    .cloned()
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        });
        let user = session.user_id();
        async move {
            let rows = match loaded {
                Some(rows) => rows,
                None => match members_from_server(api, &org, &view, &user).await {
                    Ok(rows) => rows,
                    Err(e) => return error.set(Some(e.to_string())),
                },
            };
            bulk.selection.update(|s| pick_all(s, &me, &rows));
        }
    });
    let names = Signal::derive(move || bulk.selection.with(with_you));
    let remove_title = Signal::derive(move || format!("Remove {}?", members(count())));
    let on_remove = move |_| {
        confirm_remove.set(false);
        let list = bulk.selection.with_untracked(run_order);
        // Out of view while held: nothing else can be done to them meanwhile.
        bulk.selection.set(Default::default());
        remove_held(current.id.get_untracked(), list, Some(bulk));
    };
    view! {
        <Show when=any>
            <div class="bulk-bar" role="region" aria-label="Selected members">
                <span class="bulk-count">{move || format!("{} selected", count())}</span>
                <Show when=more>
                    <button type="button" class="button small link" disabled=move || select_all.pending().get()
                        on:click=move |_| { select_all.dispatch_local(()); }>
                        {move || format!("Select all {} matching", matching.get())}
                    </button>
                </Show>
                <button type="button" class="button small link" on:click=move |_| bulk.selection.set(Default::default())>"Clear selection"</button>
                <span class="bulk-actions">
                    <button type="button" class="button small" disabled=move || bulk.running() on:click=move |_| choose_role.set(true)>"Change role…"</button>
                    <button type="button" class="button small danger" disabled=move || bulk.running() on:click=move |_| confirm_remove.set(true)>"Remove…"</button>
                </span>
                <span class="field-error" role="alert">{move || error.get()}</span>
            </div>
        </Show>
        {bulk_role_dialog(choose_role)}
        <ConfirmDialog open=confirm_remove title=remove_title keep="Keep them" confirm="Remove them" on_confirm=on_remove>
            <p>{move || format!("{} will lose access to this organization and its projects.", names.get())}</p>
        </ConfirmDialog>
    }
}

/// The names a confirmation spells out, saying so when the user is among them (they come
/// last, so "and 55 others" would hide it).
fn with_you(selection: &crate::model::bulk::Selection) -> String {
    let list = run_order(selection);
    let names = named(&list);
    if list.iter().any(|p| p.is_me) {
        format!("{names} (including you)")
    } else {
        names
    }
}

lazy_dialog! {
    fn bulk_role_dialog(open) in bulk_role => view! { <BulkRoleDialog open /> }
}

/// Choose the role (and a collaborator's projects), then confirm with the count and names.
#[component]
fn BulkRoleDialog(open: RwSignal<bool>) -> impl IntoView {
    let (bulk, current, data) = (
        use_bulk(),
        use_current_org(),
        expect_context::<MembersData>(),
    );
    let (role, chosen) = (
        RwSignal::new("admin".to_owned()),
        RwSignal::new(Vec::<String>::new()),
    );
    let confirm = RwSignal::new(false);
    let actor = current.acting_role();
    let offered = assignable_roles(&actor);
    let scoped = Memo::new(move |_| Role::parse(&role.get()).is_project_scoped());
    let update = move || {
        let r = Role::parse(&role.get_untracked());
        let projects_ids = if r.is_project_scoped() {
            chosen.get_untracked()
        } else {
            vec![]
        };
        UpdateMember {
            roles: vec![r],
            projects_ids,
        }
    };
    let title = Signal::derive(move || {
        let n = bulk.selection.with(|s| s.len());
        format!(
            "Change {} to {}?",
            members(n),
            Role::parse(&role.get()).label()
        )
    });
    let names = move || bulk.selection.with(with_you);
    let run = move |_| {
        confirm.set(false);
        let projects = data
            .projects
            .get_untracked()
            .and_then(Result::ok)
            .map(|l| l.into_iter().map(|p| p.id).collect())
            .unwrap_or_default();
        bulk.selection
            .with_untracked(|s| change_roles(s, update(), projects));
    };
    view! {
        <Dialog open title=Signal::derive(move || format!("Change the role of {}", members(bulk.selection.with(|s| s.len()))))>
            <form class="form" on:submit=move |ev| { ev.prevent_default(); open.set(false); confirm.set(true); }>
                <RoleChoices offered=offered.clone() chosen=role name="bulk-role" />
                <Show when=move || scoped.get()><ProjectChoices chosen /></Show>
                <div class="form-actions">
                    <button type="button" class="button" on:click=move |_| open.set(false)>"Cancel"</button>
                    <button type="submit" class="button primary">"Continue"</button>
                </div>
            </form>
        </Dialog>
        <ConfirmDialog open=confirm title keep="Go back" confirm="Change roles" on_confirm=run>
            <p>{move || format!("{} will have the new role. Each change is checked on its own; the results are listed.", names())}</p>
        </ConfirmDialog>
    }
}

/// The current run: a progress bar while it goes, then a result per member, refusals first.
#[component]
fn BulkResults() -> impl IntoView {
    let bulk = use_bulk();
    move || {
        bulk.run.get().map(|r| {
            let done = r.outcomes.len();
            let finished = done == r.total;
            let mut outcomes = r.outcomes.clone();
            outcomes.sort_by_key(|o| o.refused.is_none());
            view! {
                <section class="bulk-results notice" aria-label="Bulk change results">
                    <div class="spread">
                        <h2>{r.title.clone()}</h2>
                        {finished.then(|| view! { <button type="button" class="icon-button" aria-label="Dismiss results" on:click=move |_| bulk.run.set(None)>"×"</button> })}
                    </div>
                    <progress max=r.total value=done aria-label="Progress"></progress>
                    <p role="status">{if finished { summary(&r.outcomes, r.done_word) } else { format!("{done} of {} done", r.total) }}</p>
                    <ul class="bulk-outcomes">
                        {outcomes.into_iter().map(|o| match o.refused {
                            Some(why) => view! { <li class="refused">{format!("{}: {why}", o.name)}</li> }.into_any(),
                            None => view! { <li>{format!("{}: {}", o.name, r.done_word)}</li> }.into_any(),
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
