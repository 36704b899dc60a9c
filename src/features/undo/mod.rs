//! The toast of changes held for undo (see `state::deferred`): "Removed Grace Hopper · Undo", one line per change,
//! announced politely and reachable by Tab after the page's content.

use leptos::prelude::*;

use crate::state::deferred::{use_deferred, Sending, Shown};
use crate::ui::keyed_list::keyed_list;

#[component]
pub fn UndoToast() -> impl IntoView {
    let deferred = use_deferred();
    // A labelled live region, always there (a live region must exist before what it
    // announces); a refusal is an alert, there only while it is shown. Neither takes the
    // page's own `status` or `alert` roles.
    view! {
        <div class="toast-region">
            <div role="region" aria-live="polite" aria-label="Changes you can undo">
                {keyed_list(move || deferred.shown.get(), |s| s.id, |held| view! { <HeldChange held /> }.into_any())}
            </div>
            {move || deferred.failed.get().map(|reason| view! {
                <div class="toast failed" role="alert">
                    <span>{reason}</span>
                    <button type="button" class="icon-button" aria-label="Dismiss"
                        on:click=move |_| deferred.failed.set(None)>"×"</button>
                </div>
            })}
        </div>
    }
}

#[component]
fn HeldChange(held: Shown) -> impl IntoView {
    let deferred = use_deferred();
    let id = held.id;
    view! {
        <div class="toast">
            <span>{held.label.clone()}</span>
            <button type="button" class="button small" aria-label=format!("Undo: {}", held.label)
                on:click=move |_| deferred.undo(id)>"Undo"</button>
            // Dismissing does not take it back: it sends it now.
            <button type="button" class="icon-button" aria-label="Dismiss"
                on:click=move |_| deferred.send(id, Sending::Now)>"×"</button>
        </div>
    }
}
