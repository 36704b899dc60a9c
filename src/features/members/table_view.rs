//! The members table's view (search, filters, sort, page) as the URL holds it, with one
//! exception: what is typed into the search box is shown at once and reaches the URL after a
//! pause. A navigation per keystroke (the history entry, parsing the URL, every reader of the
//! query woken) was about a third of a keystroke over 10,000 members.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::table_controls::ViewChange;
use crate::model::members_table::TableState;
use crate::state::effect::effect;

/// How long the search box waits after the last keystroke before the URL follows.
const URL_PAUSE: Duration = Duration::from_millis(300);

/// The table's view and the ways to change it.
#[derive(Clone, Copy)]
pub(super) struct TableView {
    pub state: Memo<TableState>,
    /// A new view now; `true` replaces the history entry instead of adding one.
    pub change: ViewChange,
    /// A keystroke in the search box: shown now, in the URL (replacing its entry) after
    /// [`URL_PAUSE`].
    pub search: Callback<TableState>,
    /// The URL takes a search still waiting for the pause now (the search box lost focus).
    pub settle: Callback<()>,
}

pub(super) fn table_view() -> TableView {
    let (url, location, navigate) = (use_query_map(), use_location(), use_navigate());
    let from_url = Memo::new(move |_| url.with(|q| TableState::from_query(|k| q.get(k))));
    let typed = RwSignal::new(None::<TableState>);
    let state = Memo::new(move |_| typed.get().unwrap_or_else(|| from_url.get()));
    let go = move |next: &TableState, replace: bool| {
        let path = location.pathname.get_untracked();
        let options = NavigateOptions {
            replace,
            scroll: false,
            ..Default::default()
        };
        navigate(&format!("{path}{}", next.to_query()), options);
    };
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let cancel = move || {
        if let Some(t) = timer.try_update_value(Option::take).flatten() {
            t.clear();
        }
    };
    let settle = Callback::new({
        let go = go.clone();
        move |()| {
            cancel();
            if let Some(next) = typed.get_untracked() {
                go(&next, true);
            }
        }
    });
    // Any change of the URL ends the wait: the settled search itself (the same view, so
    // nothing is drawn again), or Back and links, which win over what was being typed.
    effect(move |_| {
        from_url.track();
        cancel();
        if typed.with_untracked(Option::is_some) {
            typed.set(None);
        }
    });
    on_cleanup(cancel);
    let search = Callback::new(move |next: TableState| {
        cancel();
        typed.set(Some(next));
        let handle = set_timeout_with_handle(move || settle.run(()), URL_PAUSE).ok();
        timer.set_value(handle);
    });
    // Any other change carries what was typed with it (`state` has it), so the wait ends.
    let change = Callback::new(move |(next, replace): (TableState, bool)| {
        cancel();
        go(&next, replace);
    });
    TableView {
        state,
        change,
        search,
        settle,
    }
}
