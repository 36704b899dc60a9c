//! A modal dialog in the manner of thaw's: rendered in a portal on `<body>`, `role="dialog"`
//! with `aria-modal` and a label, focus moved in and trapped, Escape (or the close button)
//! closes only this dialog, and focus returns to whatever opened it.

use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::portal::Portal;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::effect::effect;
use crate::ui::element_id::element_id;

const FOCUSABLE: &str =
    "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), \
                         textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

fn focusables(root: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else {
        return vec![];
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

fn active_element() -> Option<web_sys::Element> {
    document().active_element()
}

/// Moves focus into the dialog once the portal has mounted it: to the element marked
/// `autofocus`, else the first field, else the first focusable element (the close button
/// comes first in the markup but is the least useful place to start).
fn focus_first_field(panel: NodeRef<html::Div>, tries: u8) {
    request_animation_frame(move || {
        let Some(p) = panel.get_untracked() else {
            if tries > 0 {
                focus_first_field(panel, tries - 1);
            }
            return;
        };
        let pick = |selector: &str| {
            p.query_selector(selector)
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        };
        // In a radio group, the checked radio is the one the keyboard starts from.
        let first_field = || {
            let f =
                pick("input:not([disabled]), select:not([disabled]), textarea:not([disabled])")?;
            match (f.get_attribute("type").as_deref(), f.get_attribute("name")) {
                (Some("radio"), Some(name)) => {
                    pick(&format!("input[type=radio][name=\"{name}\"]:checked")).or(Some(f))
                }
                _ => Some(f),
            }
        };
        let target = pick("[autofocus]")
            .or_else(first_field)
            .or_else(|| focusables(&p).into_iter().nth(1))
            .or_else(|| focusables(&p).into_iter().next());
        match target {
            Some(el) => {
                let _ = el.focus();
            }
            None => {
                let _ = p.focus();
            }
        }
    });
}

/// A modal dialog. `on_close` decides what closing means (to ask before losing typed
/// input, say); without it, closing sets `open` to false.
#[component]
pub fn Dialog(
    open: RwSignal<bool>,
    #[prop(into)] title: Signal<String>,
    #[prop(optional, into)] on_close: Option<Callback<()>>,
    #[prop(optional, into)] class: String,
    children: ChildrenFn,
) -> impl IntoView {
    let id = element_id("dialog");
    let title_id = StoredValue::new(format!("{id}-title"));
    let panel = NodeRef::<html::Div>::new();
    let class = StoredValue::new(format!("dialog {class}"));
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let request_close = move || match on_close {
        Some(cb) => cb.run(()),
        None => open.set(false),
    };

    // Remember the opener when opening; give focus back to it when closing.
    effect(move |was_open: Option<bool>| {
        let is_open = open.get();
        if is_open && was_open != Some(true) {
            opener.set_value(active_element().and_then(|e| e.dyn_into().ok()));
            focus_first_field(panel, 10);
        } else if !is_open && was_open == Some(true) {
            if let Some(el) = opener.get_value() {
                let _ = el.focus();
            }
        }
        is_open
    });

    let on_keydown = move |ev: KeyboardEvent| {
        if let Some(p) = panel.get_untracked() {
            keep_keys_inside(&ev, &p, request_close);
        }
    };
    // Focus can fall out of a dialog without the user moving it (a button that disables
    // itself while it works drops focus to <body>); keys then still belong to the top one.
    let stray_keys = window_event_listener(leptos::ev::keydown, move |ev| {
        // Closed dialogs return at once (every row's Manage dialog listens). One key, one
        // dialog: a dialog this key just opened must not take it too.
        if !open.get_untracked() {
            return;
        }
        let Some(p) = panel.get_untracked().filter(|_| !ev.default_prevented()) else {
            return;
        };
        let outside = active_element().is_none_or(|a| !p.contains(Some(&a)));
        if outside && is_top_dialog(&p) {
            keep_keys_inside(&ev, &p, request_close);
        }
    });
    on_cleanup(move || stray_keys.remove());

    let children = StoredValue::new(children);
    view! {
        <Show when=move || open.get()>
            <Portal>
                <div class="dialog-backdrop">
                    <div
                        class=class.get_value()
                        role="dialog"
                        aria-modal="true"
                        aria-labelledby=title_id.get_value()
                        tabindex="-1"
                        node_ref=panel
                        on:keydown=on_keydown
                    >
                        <div class="dialog-header">
                            <h2 id=title_id.get_value()>{move || title.get()}</h2>
                            <button type="button" class="icon-button" aria-label="Close dialog" on:click=move |_| request_close()>
                                "×"
                            </button>
                        </div>
                        {children.read_value()()}
                    </div>
                </div>
            </Portal>
        </Show>
    }
}

/// Whether `panel` is the last modal dialog on the page, the one the user sees on top.
fn is_top_dialog(panel: &web_sys::HtmlElement) -> bool {
    let Ok(all) = document().query_selector_all("[role=dialog][aria-modal=true]") else {
        return false;
    };
    all.length() > 0
        && all
            .item(all.length() - 1)
            .is_some_and(|last| &last == panel.unchecked_ref::<web_sys::Node>())
}

/// Escape closes this dialog (not one beneath it); Tab and Shift+Tab cycle inside it.
fn keep_keys_inside(ev: &KeyboardEvent, p: &web_sys::HtmlElement, request_close: impl Fn()) {
    match ev.key().as_str() {
        "Escape" => {
            // Only the dialog the key was pressed in closes, not one beneath it.
            ev.stop_propagation();
            ev.prevent_default();
            request_close();
        }
        "Tab" => {
            let items = focusables(p);
            let (Some(first), Some(last)) = (items.first(), items.last()) else {
                ev.prevent_default();
                return;
            };
            let active = active_element();
            let at = |el: &web_sys::HtmlElement| {
                active
                    .as_ref()
                    .is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
            };
            let outside = active.as_ref().is_none_or(|a| !p.contains(Some(a)));
            if ev.shift_key() && (at(first) || outside) {
                ev.prevent_default();
                let _ = last.focus();
            } else if !ev.shift_key() && (at(last) || outside) {
                ev.prevent_default();
                let _ = first.focus();
            }
        }
        _ => {}
    }
}
