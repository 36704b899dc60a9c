//! The open organization switcher, in the chunk `switcher` (see `switcher.rs`): the search
//! box (a combobox), the organizations that match it, and the way to create one.

use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};

use super::switcher_options::SwitcherOptions;
use crate::model::org_list::{filter_entries, move_active, switcher_order, OrgEntry};
use crate::model::routes::{org_page, page_after_switch, personal_page, PersonalPage};
use crate::state::effect::effect;
use crate::state::org::{use_current_org, use_directory};

/// Typing starts the active option again from the top; opening moves focus to the search
/// box.
fn follow_typing_and_opening(
    query: RwSignal<String>,
    active: RwSignal<Option<usize>>,
    search: NodeRef<html::Input>,
) {
    // aria-activedescendant does not scroll: keep the active option in sight.
    effect(move |_| {
        if let Some(el) = active
            .get()
            .and_then(|i| document().get_element_by_id(&format!("org-option-{i}")))
        {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            el.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
    // Typing changes the matches: start again from the top.
    effect(move |_| {
        query.track();
        active.set(None);
    });
    // Focus moves to the search box in the same task that opened the panel (a microtask,
    // once the panel is in the DOM), not a frame later: keys typed right after Enter must
    // land in the box, not on the trigger. The first opening waits for the panel's code
    // (fetched when the pointer or the focus reached the trigger): should the user have
    // gone on to another control meanwhile, the focus stays there.
    queue_microtask(move || {
        let Some(s) = search.get_untracked() else {
            return;
        };
        let free = document().active_element().is_none_or(|a| {
            a.tag_name() == "BODY"
                || s.closest(".switcher")
                    .ok()
                    .flatten()
                    .is_some_and(|root| root.contains(Some(&a)))
        });
        if free {
            let _ = s.focus();
        }
    });
}

/// The listbox pattern's keys in the search box: arrows, Home and End move the active
/// option, Enter chooses it (or the only match), Escape closes and refocuses the trigger.
fn on_search_key(
    ev: &KeyboardEvent,
    active: RwSignal<Option<usize>>,
    matches: Memo<Vec<OrgEntry>>,
    choose: Callback<String>,
    close: Callback<bool>,
) {
    let key = ev.key();
    match key.as_str() {
        "ArrowDown" | "ArrowUp" | "Home" | "End" => {
            ev.prevent_default();
            let count = matches.with_untracked(Vec::len);
            active.set(move_active(active.get_untracked(), count, &key));
        }
        "Enter" => {
            ev.prevent_default();
            let pick = matches.with_untracked(|list| {
                let at = active.get_untracked().or((list.len() == 1).then_some(0));
                at.and_then(|i| list.get(i)).map(|e| e.org.id.clone())
            });
            if let Some(id) = pick {
                choose.run(id);
            }
        }
        "Escape" => {
            ev.prevent_default();
            ev.stop_propagation();
            close.run(true);
        }
        _ => {}
    }
}

/// The open switcher. Built at each opening, so the search starts empty (or with what was
/// `typed` before it arrived); `close` closes it (giving focus back to the trigger when
/// asked), `create` opens "Create organization".
#[component]
pub(super) fn SwitcherPanel(
    close: Callback<bool>,
    create: Callback<()>,
    typed: String,
) -> impl IntoView {
    let directory = use_directory();
    let current = use_current_org();
    let location = use_location();
    let navigate = use_navigate();
    let query = RwSignal::new(typed);
    let active = RwSignal::new(None::<usize>);
    let search = NodeRef::<html::Input>::new();
    let matches = Memo::new(move |_| {
        let list = directory.entries().unwrap_or_default();
        let found = filter_entries(&list, &query.get())
            .into_iter()
            .cloned()
            .collect::<Vec<OrgEntry>>();
        current.id.with(|c| switcher_order(found, c))
    });
    let choose = Callback::new(move |id: String| {
        let page = page_after_switch(&location.pathname.get_untracked());
        close.run(true);
        navigate(&org_page(&id, page), Default::default());
    });
    follow_typing_and_opening(query, active, search);
    view! {
        <div class="switcher-panel">
            <label for="org-search" class="visually-hidden">"Search organizations"</label>
            <input
                id="org-search"
                type="search"
                placeholder="Search organizations"
                role="combobox"
                aria-expanded="true"
                aria-controls="org-options"
                aria-autocomplete="list"
                aria-activedescendant=move || active.get().map(|i| format!("org-option-{i}"))
                autocomplete="off"
                node_ref=search
                bind:value=query
                on:keydown=move |ev| on_search_key(&ev, active, matches, choose, close)
            />
            <SwitcherOptions matches active choose />
            <div class="switcher-footer">
                <button type="button" class="button" on:click=move |_| create.run(())>"Create organization"</button>
                <WaitingInvitations />
            </div>
        </div>
    }
}

/// The number of invitations waiting for the user, linking to them.
#[component]
pub fn WaitingInvitations() -> impl IntoView {
    let directory = use_directory();
    move || {
        let count = directory
            .invitation_count
            .get()
            .and_then(Result::ok)
            .unwrap_or(0);
        (count > 0).then(|| {
            let text = if count == 1 {
                "1 invitation waiting".to_owned()
            } else {
                format!("{count} invitations waiting")
            };
            view! { <A href=personal_page(PersonalPage::Invitations) attr:class="invitations-link">{text}</A> }
        })
    }
}
