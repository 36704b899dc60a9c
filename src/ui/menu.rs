//! A row's "⋯" menu in the WAI-ARIA menu-button pattern: the button says what the menu is
//! about, opens a list of `menuitem`s with focus on the first, arrows move, Escape closes
//! and gives focus back, Tab or a click elsewhere closes. The list is placed with
//! `position: fixed` under the button so a scrolling table never clips it.

use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::effect::effect;
use crate::ui::element_id::element_id;

#[derive(Clone, Copy)]
struct MenuState {
    open: RwSignal<bool>,
    trigger: NodeRef<html::Button>,
}

#[component]
pub fn Menu(
    /// What the menu is about ("Actions for the invitation to ann@example.com").
    #[prop(into)]
    label: Signal<String>,
    children: ChildrenFn,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let (trigger, panel, root) = (
        NodeRef::<html::Button>::new(),
        NodeRef::<html::Div>::new(),
        NodeRef::<html::Div>::new(),
    );
    provide_context(MenuState { open, trigger });
    effect(move |_| {
        if open.get() {
            request_animation_frame(move || place_and_focus(trigger, panel));
        }
    });
    close_on_press_outside(root, open);
    // A scroll anywhere (captured, so a scrolling table or dialog counts too) or a resize
    // moves the button: the fixed list follows it, and closes once the button is out of
    // sight, giving focus back to it if the focus was inside.
    let close_quietly = move || {
        if !open.get_untracked() {
            return;
        }
        if let Some(true) = place(trigger, panel) {
            return;
        }
        let had_focus = panel
            .get_untracked()
            .zip(document().active_element())
            .is_some_and(|(p, a)| p.contains(Some(&a)));
        open.set(false);
        if had_focus {
            if let Some(t) = trigger.get_untracked() {
                let _ = t.focus();
            }
        }
    };
    let on_move = wasm_bindgen::closure::Closure::<dyn Fn()>::new(close_quietly);
    let listener = on_move.as_ref().unchecked_ref::<js_sys::Function>().clone();
    for event in ["scroll", "resize"] {
        let _ = window().add_event_listener_with_callback_and_bool(event, &listener, true);
    }
    let on_move = StoredValue::new_local(Some(on_move));
    on_cleanup(move || {
        for event in ["scroll", "resize"] {
            let _ = window().remove_event_listener_with_callback_and_bool(event, &listener, true);
        }
        on_move.update_value(|c| drop(c.take()));
    });
    let on_keydown = move |ev: KeyboardEvent| {
        if let Some(p) = panel.get_untracked() {
            move_within(&ev, &p, open, trigger);
        }
    };
    let children = StoredValue::new(children);
    view! {
        <div class="menu" node_ref=root>
            <button type="button" class="icon-button menu-trigger" aria-haspopup="menu" node_ref=trigger
                aria-expanded=move || open.get().to_string() aria-label=move || label.get()
                on:click=move |_| open.update(|o| *o = !*o)>
                <span aria-hidden="true">"⋯"</span>
            </button>
            <Show when=move || open.get()>
                <div class="menu-list" role="menu" aria-label=move || label.get() node_ref=panel on:keydown=on_keydown>
                    {children.read_value()()}
                </div>
            </Show>
        </div>
    }
}

/// Closes a popup (a menu, the account panel) when the pointer is pressed outside `root`.
/// Closed popups return at once: every row's menu listens.
pub fn close_on_press_outside(root: NodeRef<html::Div>, open: RwSignal<bool>) {
    let handle = window_event_listener(leptos::ev::pointerdown, move |ev| {
        if !open.get_untracked() {
            return;
        }
        let inside = root.get_untracked().is_some_and(|r| {
            ev.target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                .is_some_and(|t| r.contains(Some(&t)))
        });
        if !inside {
            open.set(false);
        }
    });
    on_cleanup(move || handle.remove());
}

/// One entry of a [`Menu`]: closes it, gives focus back to its button (so a dialog the
/// entry opens returns focus there), then does its work.
#[component]
pub fn MenuItem(
    #[prop(into)] on_select: Callback<()>,
    /// A fuller name for screen readers than the words shown.
    #[prop(optional, into)]
    label: Option<String>,
    #[prop(optional)] danger: bool,
    /// Shown but not offered; `note` says why.
    #[prop(optional)]
    disabled: bool,
    /// A line under the entry's name, read as its description.
    #[prop(optional, into)]
    note: Option<String>,
    children: Children,
) -> impl IntoView {
    let note_id = note.as_ref().map(|_| element_id("menu-note"));
    let described_by = note_id.clone();
    let menu = expect_context::<MenuState>();
    let select = move |_| {
        if disabled {
            return;
        }
        menu.open.set(false);
        if let Some(t) = menu.trigger.get_untracked() {
            let _ = t.focus();
        }
        on_select.run(());
    };
    view! {
        <button type="button" role="menuitem" tabindex="-1" class="menu-item" class:danger=danger
            aria-disabled=disabled.then_some("true") aria-label=label aria-describedby=described_by on:click=select>
            {children()}
        </button>
        // Beside the entry, not in it: its name stays its words, the note its description.
        {note.map(|n| view! { <p class="menu-note" id=note_id>{n}</p> })}
    }
}

/// Focuses an entry without scrolling: the list is fixed, but a browser would still scroll
/// the table around it to "reveal" it, and any scroll closes the menu.
fn focus_in_place(item: &web_sys::HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = item.focus_with_options(&options);
}

fn items(panel: &web_sys::HtmlElement) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = panel.query_selector_all("[role=menuitem]") else {
        return vec![];
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

/// Puts the list under the button's right edge (above it when there is no room below).
/// `Some(false)` when the button is out of sight, `None` before both are in the page.
fn place(trigger: NodeRef<html::Button>, panel: NodeRef<html::Div>) -> Option<bool> {
    let (t, p) = (trigger.get_untracked()?, panel.get_untracked()?);
    let (at, size) = (t.get_bounding_client_rect(), p.get_bounding_client_rect());
    let view_height = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(800.0);
    if at.bottom() < 0.0 || at.top() > view_height {
        return Some(false);
    }
    let top = if at.bottom() + size.height() + 8.0 > view_height {
        (at.top() - size.height() - 4.0).max(4.0)
    } else {
        at.bottom() + 4.0
    };
    let left = (at.right() - size.width()).max(4.0);
    // CSSOM, not a style attribute: the Content-Security-Policy allows the former only.
    // Whole pixels: formatting an f64 was the only use of Rust's float printing in the
    // first download (~7 KB of it).
    let style = web_sys::HtmlElement::style(&p);
    let _ = style.set_property("top", &format!("{}px", top.round() as i32));
    let _ = style.set_property("left", &format!("{}px", left.round() as i32));
    Some(true)
}

/// Places the list and focuses its first entry.
fn place_and_focus(trigger: NodeRef<html::Button>, panel: NodeRef<html::Div>) {
    place(trigger, panel);
    if let Some(first) = panel
        .get_untracked()
        .and_then(|p| items(&p).into_iter().next())
    {
        focus_in_place(&first);
    }
}

fn move_within(
    ev: &KeyboardEvent,
    panel: &web_sys::HtmlElement,
    open: RwSignal<bool>,
    trigger: NodeRef<html::Button>,
) {
    let list = items(panel);
    let active = document().active_element();
    let at = list
        .iter()
        .position(|i| active.as_ref() == Some(i.unchecked_ref::<web_sys::Element>()));
    let last = list.len().saturating_sub(1);
    let next = match ev.key().as_str() {
        "ArrowDown" => Some(at.map_or(0, |i| if i >= last { 0 } else { i + 1 })),
        "ArrowUp" => Some(at.map_or(last, |i| if i == 0 { last } else { i - 1 })),
        "Home" => Some(0),
        "End" => Some(last),
        "Escape" => {
            // Only the menu closes, not a dialog it sits in.
            ev.stop_propagation();
            open.set(false);
            if let Some(t) = trigger.get_untracked() {
                let _ = t.focus();
            }
            None
        }
        "Tab" => {
            // The list goes away and Tab goes on from its button, to the next control.
            open.set(false);
            if let Some(t) = trigger.get_untracked() {
                let _ = t.focus();
            }
            None
        }
        _ => None,
    };
    if let Some(i) = next {
        ev.prevent_default();
        if let Some(item) = list.get(i) {
            focus_in_place(item);
        }
    }
}
