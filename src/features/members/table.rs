//! The members table: search, role filter and sort in the URL, pages of 50, a row per
//! member (MANAGE where the permission table allows it).

use std::time::Duration;

use leptos::prelude::*;
use org_contract::{Action as Permission, Role};
use rustc_hash::FxHashSet;

use super::bulk::use_bulk;
use super::bulk_bar::{bulk_bar, bulk_results, preload_bulk_bar, PageCheckbox};
use super::export::ExportMembers;
use super::member_row::{may_manage, Row};
use crate::api::ApiError;
use crate::features::members::manage::{manage_member_dialog, Managing};
use crate::model::members_table::{
    first_paint_rows, sort_rows, MemberRow, PageView, SortKey, TableState,
};
use crate::state::deferred::{use_deferred, Deferred};
use crate::state::effect::effect;
use crate::state::org::use_current_org;
use crate::state::session::use_session;
use crate::ui::keyed_list::keyed_list;
use crate::ui::status::{LoadError, LoadingRows};

use super::page::MembersData;
use super::table_controls::{MemberHeader, SortHeader, TableControls, ViewChange};
use super::table_view::table_view;

/// The table with its search, filter, sorting and pages; reads [`MembersData`] and
/// [`crate::state::org::CurrentOrg`] from context.
#[component]
pub fn MemberTable() -> impl IntoView {
    let data = expect_context::<MembersData>();
    let current = use_current_org();
    // The view lives in the URL: a link opens the same view, Back restores the one before.
    // Filtering, sorting and paging add a history entry, so Back steps through them; a
    // search replaces it once typing pauses (one per search, not per keystroke).
    let view = table_view();
    let (state, change) = (view.state, view.change);
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
    let session = use_session();
    // The rows are read in place (`with`), never cloned whole: a keystroke over 10,000
    // members clones only the ≤ 50 rows of the page it shows. Without the whole list, the
    // page comes from the first request or the server, and while the server is asked the
    // rows shown before stay.
    let found = Memo::new(move |before: Option<&Option<PageView>>| {
        sorted
            .with(|r| match r {
                Some(Ok(rows)) => Some(state.with(|s| PageView::of(rows, s))),
                _ => state.with(|s| data.source.page(s, &session.user_id())),
            })
            .or_else(|| before.cloned().flatten())
    });
    // The whole list, once here, answers everything: a failed question before it is moot.
    let loaded = Memo::new(move |_| {
        let failed = sorted.with(|r| match r {
            Some(Ok(_)) => None,
            Some(Err(e)) => Some(e.clone()),
            None => state.with(|s| data.source.error(s)),
        });
        match failed {
            Some(e) => Loaded::Failed(e),
            None if found.with(Option::is_some) => Loaded::Ready,
            None => Loaded::Loading,
        }
    });
    let page = Memo::new(move |_| found.get().unwrap_or_default());
    // Follows the URL: a view the loaded rows cannot answer is asked of the server
    // (after a pause while typing); once the whole list is here, nothing is.
    effect(move |before: Option<TableState>| {
        let view = state.get();
        data.source.first.with(|_| ());
        if data.rows.with(|r| matches!(r, Some(Ok(_)))) {
            data.source.cancel();
        } else {
            let typing = before.as_ref().is_some_and(|b| b.query != view.query);
            data.source.ask(&view, typing);
        }
        view
    });
    // A page past the end (an old link, the last member of the last page removed) moves to
    // the last page, as the browser-side table shows it; only the server can answer one.
    effect(move |_| {
        let past_end = found.with(|p| {
            p.as_ref()
                .filter(|p| p.rows.is_empty() && p.matching > 0 && p.page >= p.page_count)
                .map(|p| p.page_count - 1)
        });
        if let Some(last) = past_end {
            let mut view = state.get_untracked();
            view.page = last;
            change.run((view, true));
        }
    });
    // The previous rows stay while the next page is on its way, dimmed after a moment.
    let refreshing = move || data.source.asking.get() && data.rows.with(|r| r.is_none());
    let manager = Memo::new(move |_| current.can(Permission::ManageMember(&Role::Billing)));
    let total = move || data.total.get().unwrap_or(0);

    view! {
        <TableControls view manager=manager.get_untracked() />
        {move || match loaded.get() {
            Loaded::Loading => view! { <LoadingRows rows=6 /> }.into_any(),
            Loaded::Failed(e) => view! { <LoadError error=e retry=move |_| data.source.refetch() /> }.into_any(),
            Loaded::Ready => view! {
                <div class="table-summary">
                    <p class="count" role="status" aria-live="polite">
                        {move || {
                            let (matching, total) = (page.with(|p| p.matching), total());
                            if matching == total { format!("{total} members") } else { format!("Showing {matching} of {total} members") }
                        }}
                    </p>
                    <ExportMembers state whole=sorted />
                </div>
                {manager.get().then(|| {
                    // Here before the first box is ticked: the bar then shows at once, not a
                    // download later, pushing the table down under the pointer.
                    after_paint(preload_bulk_bar);
                    let bulk = use_bulk();
                    let matching = Signal::derive(move || page.with(|p| p.matching));
                    view! {
                        {bulk_bar(move || bulk.selection.with(|s| !s.is_empty()), state, sorted, matching)}
                        {bulk_results(move || bulk.run.with(Option::is_some))}
                    }
                })}
                <Show when=move || page.with(|p| !p.rows.is_empty())
                    fallback=|| view! { <p class="empty">"No member matches your search."</p> }>
                    <Table page state change manager=manager.get() refreshing=Signal::derive(refreshing) />
                </Show>
                {move || {
                    let (at, count) = page.with(|p| (p.page, p.page_count));
                    view! { <Pager state change page=at count /> }
                }}
            }.into_any(),
        }}
    }
}

/// Where the member list stands; the rows themselves are read with `with`.
#[derive(Clone, PartialEq)]
enum Loaded {
    Loading,
    Failed(ApiError),
    Ready,
}

#[component]
fn Table(
    page: Memo<PageView>,
    state: Memo<TableState>,
    change: ViewChange,
    manager: bool,
    refreshing: Signal<bool>,
) -> impl IntoView {
    let deferred = use_deferred();
    let current = use_current_org();
    // Read here once, not by every row (a context lookup each).
    let actor = Memo::new(move |_| current.role());
    let managing = Managing::default();
    let find = move |id: &str| {
        page.with(|p| {
            p.rows
                .iter()
                .find(|r| r.member_id == id && actor.with(|a| may_manage(manager, a, &r.role)))
                .cloned()
        })
        .filter(|r| !deferred.is_hidden(&r.member_id))
    };
    let rows = page_rows(page, deferred);
    view! {
        <div class="table-wrap" class:refreshing=refreshing aria-busy=move || refreshing.get().to_string()>
            <table class="table members">
                <caption class="visually-hidden">"Organization members"</caption>
                <thead>
                    <tr>
                        {manager.then(|| view! { <th scope="col" class="select"><span class="visually-hidden">"Select"</span><PageCheckbox page /></th> })}
                        <MemberHeader state change />
                        <SortHeader key=SortKey::Role state change />
                        <SortHeader key=SortKey::Joined state change />
                        {manager.then(|| view! { <th scope="col">"2FA"</th><th scope="col">"Last active"</th> })}
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    // Keyed: paging, sorting and searching move rows instead of rebuilding them.
                    // Rows whose removal is held for undo are out of view meanwhile.
                    {keyed_list(rows, MemberRow::row_key, move |row| {
                        view! { <Row first=row page manager actor managing /> }.into_any()
                    })}
                </tbody>
            </table>
        </div>
        {manage_member_dialog(managing, find)}
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

/// The rows of the page as the table draws them, without those held for undo. A page that
/// changed draws its first rows before the browser paints and the rest right after: a
/// keystroke can bring fifty new rows, and a screen shows about a dozen.
fn page_rows(page: Memo<PageView>, deferred: Deferred) -> impl Fn() -> Vec<MemberRow> + Copy {
    // Set once the frame with the first rows is painted; the next draw is the whole page.
    let rest = RwSignal::new(false);
    let drawn = StoredValue::new(FxHashSet::default());
    move || {
        let whole = rest.get();
        if whole {
            rest.update_untracked(|r| *r = false);
        }
        let rows = page.with(|p| {
            let shown = p.rows.iter().filter(|r| !deferred.is_hidden(&r.member_id));
            let all = shown.clone().cloned().collect::<Vec<_>>();
            if whole {
                return all;
            }
            let first = drawn.with_value(|d| first_paint_rows(shown, d));
            // A hidden tab paints no frames (nor fires them): nothing to show sooner.
            if first.len() == all.len() || document().hidden() {
                return all;
            }
            after_paint(move || _ = rest.try_set(true));
            first
        });
        drawn.set_value(rows.iter().map(MemberRow::row_key).collect());
        rows
    }
}

/// Runs `f` once the browser has painted the next frame, or after 100 ms where no frame
/// comes (a tab hidden meanwhile): `f` may run twice.
fn after_paint(f: impl Fn() + Clone + 'static) {
    let painted = f.clone();
    request_animation_frame(move || set_timeout(painted, Duration::ZERO));
    set_timeout(f, Duration::from_millis(100));
}
