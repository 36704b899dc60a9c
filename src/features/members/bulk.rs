//! Bulk changes on the members page (owners and admins): the selection, and running a
//! change over it: one request per member, [`AT_A_TIME`] at a time, the user's own
//! membership last, a result per member. Removals are held for undo first (`held.rs`).

use futures::stream::{self, StreamExt};
use leptos::prelude::*;
use org_contract::{check_member_update, UpdateMember};

use crate::api::use_api;
use crate::model::bulk::{members, run_order, Outcome, Picked, Selection, AT_A_TIME};
use crate::state::deferred::use_deferred;
use crate::state::org::{use_current_org, use_directory};

/// A run's progress and results, as the results panel shows them.
#[derive(Clone, Debug, PartialEq)]
pub struct RunView {
    pub title: String,
    pub total: usize,
    pub outcomes: Vec<Outcome>,
    /// "changed", "removed": what a result says was done.
    pub done_word: &'static str,
}

/// The page's selection and its current (or last) run.
#[derive(Clone, Copy)]
pub struct Bulk {
    pub selection: RwSignal<Selection>,
    pub run: RwSignal<Option<RunView>>,
}

impl Bulk {
    pub fn new() -> Bulk {
        Bulk {
            selection: RwSignal::new(Selection::default()),
            run: RwSignal::new(None),
        }
    }

    pub fn running(&self) -> bool {
        self.run
            .with(|r| r.as_ref().is_some_and(|r| r.outcomes.len() < r.total))
    }
}

impl Default for Bulk {
    fn default() -> Self {
        Bulk::new()
    }
}

pub fn use_bulk() -> Bulk {
    expect_context::<Bulk>()
}

/// Runs `one` over `list` (already in [`run_order`]): the others [`AT_A_TIME`] at a time,
/// then the user's own membership alone. Each result is reported as it arrives.
pub(super) async fn run_all<F, Fut>(list: Vec<Picked>, one: F, report: impl Fn(Outcome))
where
    F: Fn(Picked) -> Fut,
    Fut: std::future::Future<Output = Outcome>,
{
    let (mine, others): (Vec<Picked>, Vec<Picked>) = list.into_iter().partition(|p| p.is_me);
    let mut results = stream::iter(others).map(&one).buffer_unordered(AT_A_TIME);
    while let Some(outcome) = results.next().await {
        report(outcome);
    }
    for p in mine {
        report(one(p).await);
    }
}

/// Changes the role (and projects) of everyone in `selection` to `update`'s. The rules the
/// server applies are checked per member first, so a member the user may not change is
/// explained without a request.
pub fn change_roles(selection: &Selection, update: UpdateMember, org_projects: Vec<String>) {
    let (api, current, bulk) = (use_api(), use_current_org(), use_bulk());
    let (deferred, directory) = (use_deferred(), use_directory());
    let actor = current.acting_role();
    let list = run_order(selection);
    let role = update
        .roles
        .first()
        .map(|r| r.label().to_owned())
        .unwrap_or_default();
    bulk.run.set(Some(RunView {
        title: format!("Changing {} to {role}", members(list.len())),
        total: list.len(),
        outcomes: vec![],
        done_word: "changed",
    }));
    let org = current.id.get_untracked();
    let one = move |p: Picked| {
        let (update, org, actor, projects) = (
            update.clone(),
            org.clone(),
            actor.clone(),
            org_projects.clone(),
        );
        async move {
            let refused = match check_member_update(&actor, &p.role, &update, &projects) {
                Err(problem) => Some(format!("{problem}.")),
                Ok(_) => api
                    .update_member(&org, &p.id, &update)
                    .await
                    .err()
                    .map(|e| e.to_string()),
            };
            Outcome {
                id: p.id,
                name: p.name,
                refused,
            }
        }
    };
    leptos::task::spawn_local(async move {
        run_all(list, one, |o| report(bulk, o)).await;
        bulk.selection.try_set(Selection::default());
        // The page reloads its members when a held change settles; so does this.
        deferred.finished(&[], None);
        directory.refresh();
    });
}

pub(super) fn report(bulk: Bulk, outcome: Outcome) {
    bulk.run.try_update(|r| {
        if let Some(r) = r {
            r.outcomes.push(outcome);
        }
    });
}
