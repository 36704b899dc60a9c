//! Where the members table's rows come from (the rule is in
//! `model::members_table::server_view`). The first request, the first 1,000 members by
//! name, is drawn as soon as it arrives. An organization of up to 10,000 members then
//! downloads the rest, and the table searches and sorts it in the browser; a larger one,
//! or a view the first request cannot answer while the rest is on its way, is asked of the
//! server one page at a time.

use std::collections::HashSet;
use std::time::Duration;

use leptos::prelude::*;
use org_contract::{Member, MemberList};

use crate::api::{Api, ApiError};
use crate::model::members_table::{
    first_request_covers, first_request_query, loads_whole, MemberRow, PageView, TableState,
};
use crate::state::fetched::Fetched;
use crate::state::org::CurrentOrg;

/// How long typing must pause before the server is asked: one request per word typed, not
/// per letter, and the answer still within about 150 ms of the last keystroke.
const TYPING_PAUSE: Duration = Duration::from_millis(80);

#[derive(Clone, Copy)]
pub struct MemberSource {
    api: Api,
    org: Memo<String>,
    /// Page 1 of 1,000 by name; its total decides whether the rest is downloaded.
    pub first: Fetched<Result<MemberList, ApiError>>,
    /// The other pages of an organization downloaded whole, with the total of the first
    /// request they follow; `None` for a larger one.
    pub rest: Fetched<Option<Rest>>,
    /// Owners, counted by the server for an organization not downloaded whole.
    pub owners_counted: Fetched<Option<usize>>,
    /// The server's page for the view last asked, with the parameters it answers.
    answer: RwSignal<Option<(String, Result<MemberList, ApiError>)>>,
    /// A view was asked and is not answered yet; the rows shown meanwhile are the previous.
    pub asking: RwSignal<bool>,
    // Not a `LocalResource`: a resource runs one future at a time, so a superseded search
    // would hold up the next one; here a new view aborts the request of the one before.
    pending: StoredValue<Pending, LocalStorage>,
}

/// The members after the first request's, and the total that request said.
pub type Rest = (u64, Result<Vec<Member>, ApiError>);

#[derive(Default)]
struct Pending {
    /// Counts the views asked; an answer to an older one is dropped.
    asked: u32,
    query: Option<String>,
    abort: Option<web_sys::AbortController>,
    timer: Option<TimeoutHandle>,
}

/// The first request, started by the organization's frame when it opens on the members
/// page: it then travels with the organization list instead of after it.
#[derive(Clone, Copy)]
pub struct EarlyFirstRequest {
    first: Fetched<Result<MemberList, ApiError>>,
    taken: StoredValue<bool>,
}

impl EarlyFirstRequest {
    /// Starts it, for the members page the frame is about to show.
    pub fn start(api: Api, current: CurrentOrg) {
        provide_context(EarlyFirstRequest {
            first: first_request(api, current),
            taken: StoredValue::new(false),
        });
    }

    /// The early request, for the page's first opening only: reopened later, the page asks
    /// anew (the early answer may be old, and refetching it would show it stale meanwhile).
    fn take() -> Option<Fetched<Result<MemberList, ApiError>>> {
        let early = use_context::<EarlyFirstRequest>()?;
        if early.taken.get_value() {
            return None;
        }
        early.taken.set_value(true);
        Some(early.first)
    }
}

fn first_request(api: Api, current: CurrentOrg) -> Fetched<Result<MemberList, ApiError>> {
    current.resource(api, |api, org| async move {
        api.members_query(&org, &first_request_query(), None).await
    })
}

impl MemberSource {
    pub fn new(api: Api, current: CurrentOrg) -> MemberSource {
        let org = current.id;
        let first = EarlyFirstRequest::take().unwrap_or_else(|| first_request(api, current));
        let shape = move || {
            first.with(|f| {
                f.as_ref()
                    .map(|r| r.as_ref().map(|l| (l.meta.total, l.meta.last_page)).ok())
            })
        };
        let rest = Fetched::new(move || {
            let (shape, org) = (shape().flatten(), org.get());
            async move {
                match shape {
                    Some((total, last)) if loads_whole(total) && last > 1 => {
                        Some((total, api.members_after_first(&org, last).await))
                    }
                    Some((total, _)) if loads_whole(total) => Some((total, Ok(vec![]))),
                    _ => None,
                }
            }
        });
        let owners_counted = Fetched::new(move || {
            let (large, org) = (
                shape().flatten().is_some_and(|(t, _)| !loads_whole(t)),
                org.get(),
            );
            async move {
                if !large {
                    return None;
                }
                let list = api.members_query(&org, "role=owner&per_page=1", None).await;
                list.ok().map(|l| l.meta.total as usize)
            }
        });
        let source = MemberSource {
            api,
            org,
            first,
            rest,
            owners_counted,
            answer: RwSignal::new(None),
            asking: RwSignal::new(false),
            pending: StoredValue::new_local(Pending::default()),
        };
        // Leaving the page (or the organization) stops what is still on its way.
        on_cleanup(move || source.cancel());
        source
    }

    /// Every member as a table row (`me`: the signed-in user's id), once an organization
    /// small enough has arrived whole. Read in place: 10,000 members are not copied.
    pub fn whole_rows(&self, me: &str) -> Option<Result<Vec<MemberRow>, ApiError>> {
        self.rest.with(|rest| {
            let (total, more) = rest.as_ref()?.as_ref()?;
            self.first.with(|f| match (f.as_ref()?, more) {
                // The rest of an earlier first request (before a change) waits for its own.
                (Ok(list), _) if list.meta.total != *total => None,
                (Ok(list), Ok(more)) => {
                    // A member who moved across page boundaries between the requests (a
                    // rename, a removal) is counted once.
                    let first: HashSet<&str> = list.members.iter().map(|m| m.id.as_str()).collect();
                    let rest = more.iter().filter(|m| !first.contains(m.id.as_str()));
                    Some(Ok(list
                        .members
                        .iter()
                        .chain(rest)
                        .map(|m| MemberRow::from_member(m, me))
                        .collect()))
                }
                (Err(e), _) | (_, Err(e)) => Some(Err(e.clone())),
            })
        })
    }

    /// How many members the organization has, once the first request has said.
    pub fn total(&self) -> Option<usize> {
        self.first.with(|f| {
            f.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|l| l.meta.total as usize)
        })
    }

    /// The first request's failure, or the server's refusal of `view`.
    pub fn error(&self, view: &TableState) -> Option<ApiError> {
        self.first
            .with(|f| f.as_ref().and_then(|r| r.as_ref().err().cloned()))
            .or_else(|| self.answer_for(view, |r| r.as_ref().err().cloned()))
    }

    /// The page of `view` without the whole list: from the first request when it holds
    /// it, else the server's answer for it; `None` while it is being asked.
    pub fn page(&self, view: &TableState, me: &str) -> Option<PageView> {
        self.page_in_first(view, me).or_else(|| {
            self.answer_for(view, |r| {
                r.as_ref().ok().map(|l| PageView::from_server(l, me))
            })
        })
    }

    fn answer_for<T>(
        &self,
        view: &TableState,
        read: impl FnOnce(&Result<MemberList, ApiError>) -> Option<T>,
    ) -> Option<T> {
        let query = view.server_query();
        self.answer.with(|a| match a {
            Some((asked, result)) if *asked == query => read(result),
            _ => None,
        })
    }

    /// Whether the first request holds `view`'s page (checked without building its rows:
    /// this runs at every keystroke).
    fn first_covers(&self, view: &TableState) -> bool {
        view.is_everyone_by_name()
            && self.first.with_untracked(|f| match f {
                Some(Ok(list)) => {
                    first_request_covers(list.members.len(), list.meta.total, view.page)
                }
                _ => false,
            })
    }

    fn page_in_first(&self, view: &TableState, me: &str) -> Option<PageView> {
        if !view.is_everyone_by_name() {
            return None;
        }
        self.first.with(|f| match f {
            Some(Ok(list)) => {
                PageView::from_first_request(&list.members, list.meta.total, view.page, me)
            }
            _ => None,
        })
    }

    /// Asks the server for `view` unless the first request answers it; while typing, only
    /// after [`TYPING_PAUSE`]. Whatever was asked before is cancelled.
    pub fn ask(&self, view: &TableState, typing: bool) {
        if self.first.with_untracked(|f| f.is_none()) || self.first_covers(view) {
            self.cancel();
            return;
        }
        let query = view.server_query();
        let same = self
            .pending
            .with_value(|p| p.query.as_deref() == Some(query.as_str()));
        if same {
            return;
        }
        // Typed back to a view already answered: it is shown as it is.
        let held = self
            .answer
            .with_untracked(|a| a.as_ref().is_some_and(|(q, r)| *q == query && r.is_ok()));
        if held {
            self.cancel();
            self.pending.update_value(|p| p.query = Some(query));
            return;
        }
        self.start(query, typing);
    }

    /// Cancels what was asked before and asks `query`, at once or after a typing pause.
    fn start(&self, query: String, typing: bool) {
        self.cancel();
        // Gone with the page (an action that finished after the user left): nothing to ask.
        let Some(asked) = self.pending.try_with_value(|p| p.asked) else {
            return;
        };
        self.pending.update_value(|p| p.query = Some(query.clone()));
        self.asking.set(true);
        let this = *self;
        if typing {
            let timer = set_timeout_with_handle(move || this.send(query, asked), TYPING_PAUSE);
            self.pending.update_value(|p| p.timer = timer.ok());
        } else {
            self.send(query, asked);
        }
    }

    fn send(self, query: String, asked: u32) {
        let controller = web_sys::AbortController::new().ok();
        let signal = controller.as_ref().map(|c| c.signal());
        self.pending.update_value(|p| p.abort = controller);
        let (api, org) = (self.api, self.org.get_untracked());
        leptos::task::spawn_local(async move {
            let result = api.members_query(&org, &query, signal.as_ref()).await;
            // A newer view (or leaving the page) superseded this one: its answer is not shown.
            if self.pending.try_with_value(|p| p.asked) != Some(asked) {
                return;
            }
            self.pending.update_value(|p| p.abort = None);
            self.answer.set(Some((query, result)));
            self.asking.set(false);
        });
    }

    /// Stops the question on its way, if any; the rows shown stay.
    pub fn cancel(&self) {
        let stopped = self.pending.try_update_value(|p| {
            p.asked = p.asked.wrapping_add(1);
            p.query = None;
            if let Some(timer) = p.timer.take() {
                timer.clear();
            }
            if let Some(abort) = p.abort.take() {
                abort.abort();
            }
        });
        if stopped.is_some() && self.asking.try_get_untracked() == Some(true) {
            self.asking.try_set(false);
        }
    }

    /// After a change: everything again, the view last asked included (none asked: the view
    /// is the first request's, asked again itself). Safe after the page is gone, as the
    /// actions that call it may finish later.
    pub fn refetch(&self) {
        self.first.refetch();
        if let Some(Some(query)) = self.pending.try_with_value(|p| p.query.clone()) {
            self.start(query, false);
        }
    }
}
