//! Removals and revokes held for undo ("Removed Grace Hopper · Undo"): what each sends when
//! the window ends, the page is left or the tab closes, and what it says afterwards.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;

use super::bulk::{report, run_all, Bulk, RunView};
use crate::api::{use_api, Api};
use crate::model::bulk::{members, Outcome, Picked, Selection};
use crate::state::deferred::{use_deferred, Sending};
use crate::state::org::use_directory;
use crate::ui::status::use_notice;

/// Removes `list` from `org` once the undo window ends ("Removed Grace Hopper · Undo").
/// With `bulk`, each result goes to its panel; a removal refused when the page is gone, or
/// for a single member, is said in the toast's place.
pub fn remove_held(org: String, list: Vec<Picked>, bulk: Option<Bulk>) {
    let (api, deferred, notice, directory) =
        (use_api(), use_deferred(), use_notice(), use_directory());
    let label = match list.as_slice() {
        [one] => format!("Removed {}", one.name),
        many => format!("Removed {}", members(many.len())),
    };
    let ids: Vec<String> = list.iter().map(|p| p.id.clone()).collect();
    let send = move |how: Sending| async move {
        if how == Sending::Unloading {
            return send_on_unload(api, &org, &list);
        }
        let outcomes = remove_now(api, org, list, bulk).await;
        let refused: Vec<&Outcome> = outcomes.iter().filter(|o| o.refused.is_some()).collect();
        let back: Vec<String> = refused.iter().map(|o| o.id.clone()).collect();
        let shown_on_page = bulk.is_some_and(|b| b.run.try_with(|_| ()).is_some());
        let reasons = (!refused.is_empty() && !shown_on_page).then(|| {
            refused
                .iter()
                .map(|o| {
                    format!(
                        "{} was not removed: {}",
                        o.name,
                        o.refused.as_deref().unwrap_or("")
                    )
                })
                .collect::<Vec<_>>()
                .join(" ")
        });
        if let [only] = outcomes.as_slice() {
            if only.refused.is_none() {
                notice.say(format!("Removed {} from the organization.", only.name));
            }
        }
        deferred.finished(&back, reasons);
        directory.refresh();
    };
    deferred.hold(label, ids, send, || ());
}

/// The tab is closing: every removal goes out at once with `keepalive`, except the user's
/// own, which is only ever sent after the others have been answered (sent together, it
/// could land first and take away the right to remove the rest).
fn send_on_unload(api: Api, org: &str, list: &[Picked]) {
    for p in list.iter().filter(|p| !p.is_me) {
        api.remove_member_on_unload(org, &p.id);
    }
}

/// Sends the removals, [`AT_A_TIME`] at a time; if the tab closes meanwhile, the ones not
/// yet started go out with `keepalive` instead of being lost.
async fn remove_now(api: Api, org: String, list: Vec<Picked>, bulk: Option<Bulk>) -> Vec<Outcome> {
    if let Some(b) = bulk {
        b.run.try_set(Some(RunView {
            title: format!("Removing {}", members(list.len())),
            total: list.len(),
            outcomes: vec![],
            done_word: "removed",
        }));
    }
    let not_started = Rc::new(RefCell::new(list.clone()));
    let closing = {
        let (waiting, org) = (not_started.clone(), org.clone());
        window_event_listener(leptos::ev::pagehide, move |_| {
            send_on_unload(
                api,
                &org,
                &waiting.borrow_mut().drain(..).collect::<Vec<_>>(),
            );
        })
    };
    let outcomes = RefCell::new(vec![]);
    let one = |p: Picked| {
        not_started.borrow_mut().retain(|w| w.id != p.id);
        let org = org.clone();
        async move {
            let refused = api
                .remove_member(&org, &p.id)
                .await
                .err()
                .map(|e| e.to_string());
            Outcome {
                id: p.id,
                name: p.name,
                refused,
            }
        }
    };
    run_all(list, one, |o| {
        if let Some(b) = bulk {
            report(b, o.clone());
        }
        outcomes.borrow_mut().push(o);
    })
    .await;
    closing.remove();
    if let Some(b) = bulk {
        b.selection.try_set(Selection::default());
    }
    outcomes.into_inner()
}

/// "Revoked the invitation to …· Undo"; sent when the undo window ends (or the page is
/// left), and a refusal brings the row back with the server's reason.
pub(super) fn revoke_held(id: String, who: String) {
    let (api, deferred, notice) = (use_api(), use_deferred(), use_notice());
    let (hides, label) = (vec![id.clone()], format!("Revoked the invitation to {who}"));
    let send = move |how: Sending| async move {
        if how == Sending::Unloading {
            return api.delete_invitation_on_unload(&id);
        }
        match api.delete_invitation(&id).await {
            Ok(()) => {
                notice.say(format!("Revoked the invitation to {who}."));
                deferred.finished(&[], None);
            }
            Err(e) => deferred.finished(
                &[id],
                Some(format!("The invitation to {who} was not revoked: {e}")),
            ),
        }
    };
    deferred.hold(label, hides, send, || ());
}
