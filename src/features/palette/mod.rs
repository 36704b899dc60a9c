//! The command palette: Ctrl+K / Cmd+K (or its button) anywhere signed in. Jump to an
//! organization, to a page of the current one, to "Invite members", or to a member (their
//! Manage dialog), by fuzzy matching; only what the user's role allows is offered. An ARIA
//! combobox with its listbox, in a dialog.

use crate::lazy_code::lazy_dialog;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use org_contract::Member;

use crate::api::use_api;
use crate::model::members_table::MemberRow;
use crate::model::palette::{org_commands, ranked, Command, Target};
use crate::model::query_string::percent_encode;
use crate::model::routes::org_in;
use crate::state::effect::effect;
use crate::state::fetched::Fetched;
use crate::state::org::use_directory;
use crate::ui::dialog::Dialog;
use crate::ui::element_id::element_id;

/// Results listed at once: a screenful, the best first.
const SHOWN: usize = 12;
/// Members are asked of the server once typing pauses this long.
const MEMBER_PAUSE: std::time::Duration = std::time::Duration::from_millis(150);

#[component]
pub fn CommandPalette() -> impl IntoView {
    let open = RwSignal::new(false);
    let shortcut = window_event_listener(leptos::ev::keydown, move |ev| {
        if (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("k") {
            ev.prevent_default();
            open.set(true);
        }
    });
    on_cleanup(move || shortcut.remove());
    view! {
        <button type="button" class="button small palette-button" aria-keyshortcuts="Control+K Meta+K"
            on:click=move |_| open.set(true)>
            "Go to…" <kbd aria-hidden="true">"Ctrl K"</kbd>
        </button>
        {palette_dialog(open)}
    }
}

lazy_dialog! {
    fn palette_dialog(open) in palette => view! {
        <Dialog open title="Go to" class="palette">
            <PalettePanel open />
        </Dialog>
    }
}

/// The members matching what is typed, from the server (which searches any size of
/// organization); a server without search answers everyone and the ranking sorts it out.
fn member_commands(org: &str, members: &[Member]) -> Vec<Command> {
    members
        .iter()
        .map(|m| {
            let row = MemberRow::from_member(m, "");
            Command {
                label: format!("{} · {}", row.name, row.email),
                group: "Members",
                target: Target::Member {
                    org: org.to_owned(),
                    member: row.member_id,
                    email: row.email,
                },
            }
        })
        .collect()
}

#[component]
fn PalettePanel(open: RwSignal<bool>) -> impl IntoView {
    let (api, directory, location, navigate) =
        (use_api(), use_directory(), use_location(), use_navigate());
    let (query, typed, active) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(0usize),
    );
    let org = Memo::new(move |_| location.pathname.with(|p| org_in(p)));
    // The query settles before the server is asked; each keystroke restarts the pause.
    let pause = StoredValue::new(None::<TimeoutHandle>);
    effect(move |_| {
        let q = query.get();
        active.set(0);
        if let Some(t) = pause.get_value() {
            t.clear();
        }
        pause.set_value(set_timeout_with_handle(move || typed.set(q), MEMBER_PAUSE).ok());
    });
    let members = Fetched::new(move || {
        let (q, org) = (typed.get(), org.get());
        async move {
            match org {
                Some(org) if q.trim().chars().count() >= 2 => {
                    let path = format!("search={}&per_page=20", percent_encode(q.trim()));
                    api.members_query(&org, &path, None)
                        .await
                        .map(|l| member_commands(&org, &l.members))
                        .unwrap_or_default()
                }
                _ => vec![],
            }
        }
    });
    let commands = Memo::new(move |_| {
        let entries = directory.entries().unwrap_or_default();
        let mut all: Vec<Command> = entries
            .iter()
            .map(|e| Command {
                label: e.org.name.clone(),
                group: "Organizations",
                target: Target::Org(e.org.id.clone()),
            })
            .collect();
        if let Some(here) = org
            .get()
            .and_then(|id| entries.iter().find(|e| e.org.id == id).cloned())
        {
            all.extend(org_commands(&here.org.id, &here.effective_role()));
        }
        all.extend(members.get().unwrap_or_default());
        ranked(&query.get(), &all, SHOWN)
    });
    let run = Callback::new(move |c: Command| {
        open.set(false);
        navigate(&c.target.href(), Default::default());
    });
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let n = commands.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => active.update(|a| *a = (*a + 1) % n),
            "ArrowUp" if n > 0 => active.update(|a| *a = (*a + n - 1) % n),
            "Home" if n > 0 => active.set(0),
            "End" if n > 0 => active.set(n - 1),
            "Enter" => {
                if let Some(c) = commands.with(|c| c.get(active.get_untracked()).cloned()) {
                    run.run(c);
                }
            }
            _ => return,
        }
        ev.prevent_default();
    };
    let list_id = element_id("palette-list");
    let prefix = StoredValue::new(list_id.clone());
    let option_id = move |i: usize| prefix.with_value(|p| format!("{p}-{i}"));
    view! {
        <input type="text" class="palette-input" role="combobox" aria-expanded="true" aria-autocomplete="list"
            aria-controls=list_id.clone() aria-label="Go to an organization, page, action or member"
            aria-activedescendant=move || (commands.with(Vec::len) > 0).then(|| option_id(active.get()))
            placeholder="Organization, page, action or member" autocomplete="off"
            prop:value=query on:input=move |ev| query.set(event_target_value(&ev)) on:keydown=on_keydown />
        <ul role="listbox" id=list_id class="palette-list" aria-label="Results">
            {move || commands.get().into_iter().enumerate().map(|(i, c)| {
                let chosen = move || active.get() == i;
                let (group, label) = (c.group, c.label.clone());
                view! {
                    <li role="option" id=option_id(i) aria-selected=move || chosen().to_string() class:active=chosen
                        on:mousemove=move |_| active.set(i) on:click=move |_| run.run(c.clone())>
                        <span class="palette-label">{label}</span>
                        <span class="palette-group">{group}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
        <p class="hint" role="status">{move || match commands.with(Vec::len) {
            0 => "Nothing matches.".to_owned(),
            1 => "1 result; Enter opens it.".to_owned(),
            n => format!("{n} results; arrows choose, Enter opens."),
        }}</p>
    }
}
