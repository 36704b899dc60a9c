//! The organization switcher: the current organization's name opens a list of every
//! organization the user belongs to, with a search box that filters as you type. The box is
//! a combobox over a listbox (arrow keys move, Enter switches, Escape closes and gives focus
//! back to the trigger). The open panel's code (`switcher_panel`) comes in a chunk of its
//! own, fetched when the pointer or the focus reaches the trigger: most visits never open it.

use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;

use super::switcher_panel::SwitcherPanel;
use crate::features::organization::create::create_org_dialog;
use crate::lazy_code::{call_split, chunk_preload, drawn_or, split_fn};
use crate::state::org::use_current_org;
use crate::ui::menu::close_on_press_outside;

#[component]
pub fn OrgSwitcher() -> impl IntoView {
    let current = use_current_org();
    let open = RwSignal::new(false);
    // The dialog gives focus back to its opener when it closes; the panel holding the
    // "Create organization" button is gone by then, so the trigger is focused first.
    let creating = RwSignal::new(false);
    let trigger = NodeRef::<html::Button>::new();
    // The panel's search, the active option and the matches live with the open panel:
    // each opening starts from an empty search, or from what was typed while its code was
    // still on its way (the focus was on the trigger then). `Some` from the opening until the
    // panel takes it.
    let typed_ahead = StoredValue::new(None::<String>);
    // The open panel's code is on its way (from its first poll until it came or failed):
    // meanwhile the switcher says it is loading, in a status that is always in the page,
    // since one added with its words already in is often not announced.
    let waiting = RwSignal::new(false);
    let root = NodeRef::<html::Div>::new();
    close_on_press_outside(root, open);
    let close = Callback::new(move |refocus: bool| {
        open.set(false);
        typed_ahead.set_value(None);
        if refocus {
            if let Some(t) = trigger.get_untracked() {
                let _ = t.focus();
            }
        }
    });
    let current_name = move || {
        current
            .entry
            .with(|e| e.as_ref().map(|e| e.org.name.clone()))
            .unwrap_or_else(|| "Organization".into())
    };
    let create = Callback::new(move |_: ()| {
        close.run(true);
        creating.set(true);
    });
    view! {
        <div class="switcher" node_ref=root on:keydown=move |ev: KeyboardEvent| on_key(&ev, open, close, trigger, typed_ahead)>
            <button
                type="button"
                class="switcher-trigger"
                node_ref=trigger
                aria-haspopup="listbox"
                aria-expanded=move || open.get().to_string()
                on:pointerenter=move |_| preload_panel()
                on:focus=move |_| preload_panel()
                on:click=move |_| if open.get_untracked() { close.run(false) } else { typed_ahead.set_value(Some(String::new())); open.set(true) }
            >
                <span class="switcher-name">{current_name}</span>
                <span class="visually-hidden">", switch organization"</span>
                <span aria-hidden="true" class="chevron">"▾"</span>
            </button>
            <p class="visually-hidden" role="status">
                {move || (open.get() && waiting.get()).then_some("Loading your organizations…")}
            </p>
            <Show when=move || open.get()>
                {drawn_or(
                    async move {
                        waiting.set(true);
                        let panel = call_split!(panel(close, create, typed_ahead)).unwrap_or_else(|_| {
                            view! { <div class="switcher-panel">{crate::lazy_code::part_failed(|| true)}</div> }.into_any()
                        });
                        waiting.set(false);
                        panel
                    },
                    panel_loading,
                )}
            </Show>
            {create_org_dialog(creating)}
        </div>
    }
}

/// The open panel while its code is on its way: seldom seen, since the code is fetched when
/// the pointer or the focus reaches the trigger, but a slow connection would otherwise show
/// nothing at all after a click. The focus stays on the trigger meanwhile (keys typed there
/// are kept for the search box); screen readers hear the switcher's status instead.
fn panel_loading() -> AnyView {
    view! {
        <div class="switcher-panel" aria-hidden="true">
            <p class="hint">"Loading your organizations…"</p>
        </div>
    }
    .into_any()
}

split_fn!(switcher, fn panel(close: Callback<bool>, create: Callback<()>, typed_ahead: StoredValue<Option<String>>) => view! {
    <SwitcherPanel close create typed=typed_ahead.try_update_value(Option::take).flatten().unwrap_or_default() />
});

/// Escape closes the open switcher. While its panel's code is on its way (the focus still
/// on the trigger), what is typed is kept for the search box: characters, and Backspace.
fn on_key(
    ev: &KeyboardEvent,
    open: RwSignal<bool>,
    close: Callback<bool>,
    trigger: NodeRef<html::Button>,
    typed_ahead: StoredValue<Option<String>>,
) {
    if !open.get_untracked() {
        return;
    }
    let key = ev.key();
    if key == "Escape" {
        close.run(true);
        return;
    }
    let waiting = typed_ahead.with_value(Option::is_some);
    let on_trigger = trigger
        .get_untracked()
        .is_some_and(|t| document().active_element().is_some_and(|a| a == **t));
    if !(waiting && on_trigger) {
        return;
    }
    // One character (not "Enter", "ArrowDown"...), not Space (which would press the
    // button), not a shortcut (AltGr, which some systems report as Ctrl+Alt, types one).
    let shortcut = (ev.ctrl_key() || ev.meta_key()) && !ev.get_modifier_state("AltGraph");
    let character = key.chars().count() == 1 && key != " " && !shortcut;
    if character || key == "Backspace" {
        ev.prevent_default();
        typed_ahead.update_value(|t| {
            if let Some(t) = t {
                if character {
                    t.push_str(&key);
                } else {
                    t.pop();
                }
            }
        });
    }
}

chunk_preload! {
    /// Fetches the open panel's code when the user heads for the trigger.
    fn preload_panel() in switcher
}
