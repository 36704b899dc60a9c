//! The switcher's list: the organizations that match, in two sections (Personal,
//! Organizations) with initials avatars, the current one checked.

use leptos::prelude::*;
use org_contract::Role;

use crate::model::members_table::{hue, initials};
use crate::model::org_list::{section_label, OrgEntry};
use crate::state::org::use_current_org;
use crate::ui::avatar::InitialsAvatar;

/// The listbox of the organizations that match the search, in two sections (Personal,
/// Organizations), the current one first and checked.
#[component]
pub(super) fn SwitcherOptions(
    matches: Memo<Vec<OrgEntry>>,
    active: RwSignal<Option<usize>>,
    choose: Callback<String>,
) -> impl IntoView {
    view! {
        // The empty message sits beside the listbox, which may hold only options.
        {move || matches.with(Vec::is_empty).then(|| view! { <p class="switcher-empty" role="status">"No organization matches"</p> })}
        <div id="org-options" role="listbox" aria-label="Organizations" class="switcher-options">
            {move || {
                let list = matches.get();
                if list.is_empty() {
                    return ().into_any();
                }
                // `list` is already in section order; each run of one kind is a section.
                let mut sections: Vec<(bool, Vec<(usize, OrgEntry)>)> = vec![];
                for (i, e) in list.into_iter().enumerate() {
                    match sections.last_mut() {
                        Some((personal, items)) if *personal == e.personal => items.push((i, e)),
                        _ => sections.push((e.personal, vec![(i, e)])),
                    }
                }
                sections.into_iter().map(|(personal, items)| {
                    let label_id = if personal { "org-section-personal" } else { "org-section-companies" };
                    view! {
                        <div role="group" aria-labelledby=label_id class="switcher-section">
                            <div id=label_id class="switcher-section-label">{section_label(personal)}</div>
                            {items.into_iter().map(|(i, e)| view! { <SwitcherOption index=i entry=e active choose /> }).collect_view()}
                        </div>
                    }
                }).collect_view().into_any()
            }}
        </div>
    }
}

#[component]
fn SwitcherOption(
    index: usize,
    entry: OrgEntry,
    active: RwSignal<Option<usize>>,
    choose: Callback<String>,
) -> impl IntoView {
    let current = use_current_org();
    let id = entry.org.id.clone();
    let is_current = current.id.with_untracked(|c| *c == entry.org.id);
    let role = entry.role.clone();
    // Owner is the usual case in one's own organizations: said to screen readers, not shown.
    let role_view = match role {
        Some(Role::Owner) => view! { <span class="visually-hidden">", Owner"</span> }.into_any(),
        Some(r) => view! { <span class="option-role">{r.label().to_owned()}</span> }.into_any(),
        None => view! { <span class="option-role">"Role unknown"</span> }.into_any(),
    };
    view! {
        <div id=format!("org-option-{index}") role="option" class="switcher-option"
            class:active=move || active.get() == Some(index)
            aria-selected=is_current.to_string()
            on:click=move |_| choose.run(id.clone())>
            <InitialsAvatar initials=initials(&entry.org.name) hue=hue(&entry.org.id) small=true />
            <span class="option-text">
                <span class="option-name">{entry.org.name.clone()}</span>
                {entry.personal.then(|| view! { <span class="visually-hidden">", Personal"</span> })}
                {role_view}
            </span>
            <span class="check" aria-hidden="true">{if is_current { "✓" } else { "" }}</span>
        </div>
    }
}
