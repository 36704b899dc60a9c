//! Changes held back so they can be taken back: removing members and revoking invitations
//! show "Removed Grace Hopper · Undo" for [`UNDO_WINDOW`], and the request goes out when the
//! window ends, when the toast is dismissed, or when the user leaves the page (then, not
//! never). Undo within the window cancels it: nothing was sent.
//!
//! App-wide (the toast outlives a page's owner); what a change hides is in [`Deferred::hidden`],
//! which the lists read to leave those rows out meanwhile.

use std::collections::HashSet;
use std::future::Future;
use std::time::Duration;

use futures::future::{join_all, LocalBoxFuture};
use futures::FutureExt;
use leptos::prelude::*;

pub const UNDO_WINDOW: Duration = Duration::from_secs(10);

/// How a held change is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sending {
    /// From a live page: the answer is awaited and reported.
    Now,
    /// The tab is going away: sent so that it outlives the page (`keepalive`), unanswered.
    Unloading,
}

struct Held {
    id: u64,
    /// Sends the change; the future ends when the server has answered (at once when
    /// unloading: nothing can wait then).
    send: Box<dyn FnOnce(Sending) -> LocalBoxFuture<'static, ()>>,
    undo: Box<dyn FnOnce()>,
    timer: Option<TimeoutHandle>,
    /// The ids of the rows it hides.
    hides: Vec<String>,
}

/// What the toast shows of one held change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    pub id: u64,
    pub label: String,
}

#[derive(Clone, Copy)]
pub struct Deferred {
    held: StoredValue<Vec<Held>, LocalStorage>,
    pub shown: RwSignal<Vec<Shown>>,
    /// Rows (member or invitation ids) out of view while their change is held or on its way.
    pub hidden: RwSignal<HashSet<String>>,
    /// Counts the held changes the server has carried out, for the pages that list them
    /// to reload.
    pub settled: RwSignal<u64>,
    /// Why the last held change that was sent did not happen.
    pub failed: RwSignal<Option<String>>,
    next: StoredValue<u64>,
}

impl Deferred {
    pub fn new() -> Deferred {
        let deferred = Deferred {
            held: StoredValue::new_local(vec![]),
            shown: RwSignal::new(vec![]),
            hidden: RwSignal::new(HashSet::new()),
            settled: RwSignal::new(0),
            failed: RwSignal::new(None),
            next: StoredValue::new(1),
        };
        // Closing the tab or following a link out of the console: send what is held.
        let listener = window_event_listener(leptos::ev::pagehide, move |_| {
            deferred.send_all(Sending::Unloading)
        });
        on_cleanup(move || listener.remove());
        deferred
    }

    /// Holds `send` for the undo window, hiding the rows `hides`; `undo` runs instead if the
    /// user takes it back. `send` must unhide the rows it fails to change.
    pub fn hold<F>(
        &self,
        label: String,
        hides: Vec<String>,
        send: impl FnOnce(Sending) -> F + 'static,
        undo: impl FnOnce() + 'static,
    ) where
        F: Future<Output = ()> + 'static,
    {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        let this = *self;
        let timer = set_timeout_with_handle(move || this.send(id, Sending::Now), UNDO_WINDOW).ok();
        self.hidden.update(|h| h.extend(hides.iter().cloned()));
        self.held.update_value(|held| {
            held.push(Held {
                id,
                send: Box::new(move |how| send(how).boxed_local()),
                undo: Box::new(undo),
                timer,
                hides,
            })
        });
        self.shown.update(|s| s.push(Shown { id, label }));
    }

    fn take(&self, id: u64) -> Option<Held> {
        let mut found = None;
        self.held.update_value(|held| {
            if let Some(at) = held.iter().position(|h| h.id == id) {
                found = Some(held.remove(at));
            }
        });
        self.shown.update(|s| s.retain(|x| x.id != id));
        let held = found?;
        if let Some(t) = held.timer {
            t.clear();
        }
        Some(held)
    }

    /// Sends one held change now (its window ended, or its toast was dismissed).
    pub fn send(&self, id: u64, how: Sending) {
        if let Some(held) = self.take(id) {
            leptos::task::spawn_local((held.send)(how));
        }
    }

    /// Takes one held change back: nothing is sent and its rows come back.
    pub fn undo(&self, id: u64) {
        if let Some(held) = self.take(id) {
            self.unhide(&held.hides);
            (held.undo)();
        }
    }

    /// Sends everything held: the page that held it is being left.
    pub fn send_all(&self, how: Sending) {
        for id in self.ids() {
            self.send(id, how);
        }
    }

    /// Sends everything held and waits for the answers: signing out must not end the
    /// session before what the user asked for has been done.
    pub async fn settle_all(&self) {
        let sends: Vec<_> = self
            .ids()
            .into_iter()
            .filter_map(|id| self.take(id))
            .map(|held| (held.send)(Sending::Now))
            .collect();
        join_all(sends).await;
    }

    fn ids(&self) -> Vec<u64> {
        self.shown
            .with_untracked(|s| s.iter().map(|x| x.id).collect())
    }

    pub fn unhide(&self, ids: &[String]) {
        self.hidden.update(|h| {
            for id in ids {
                h.remove(id);
            }
        });
    }

    /// After a held change was sent: the rows `back` it did not change come back, and
    /// `reason` (when the page does not say it itself) is shown.
    pub fn finished(&self, back: &[String], reason: Option<String>) {
        self.unhide(back);
        if let Some(reason) = reason {
            self.failed.set(Some(reason));
        }
        self.settled.update(|n| *n += 1);
    }

    pub fn is_hidden(&self, id: &str) -> bool {
        self.hidden.with(|h| h.contains(id))
    }
}

impl Default for Deferred {
    fn default() -> Self {
        Deferred::new()
    }
}

pub fn use_deferred() -> Deferred {
    expect_context::<Deferred>()
}
