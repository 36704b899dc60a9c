//! The one role picker: a radio per role offered, each with its one-line summary, or (compact)
//! a row of choices with the chosen role's summary once beneath.

use leptos::prelude::*;
use org_contract::Role;

#[component]
pub fn RoleChoices(
    /// The roles to offer, in order (the permission table decides which, by the caller).
    offered: Vec<Role>,
    /// The chosen role's wire name.
    chosen: RwSignal<String>,
    /// The radio group's name, unique on the page.
    name: &'static str,
    /// One line of choices and one summary, for forms with more to fill in.
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    if compact {
        return view! { <CompactRoleChoices offered chosen name /> }.into_any();
    }
    view! {
        <fieldset class="choices">
            <legend>"Role"</legend>
            {offered.into_iter().map(|r| {
                let value = r.as_str().to_owned();
                let current = value.clone();
                view! {
                    <label class="choice">
                        <input type="radio" name=name value=value.clone()
                            prop:checked=move || chosen.with(|c| *c == current)
                            on:change=move |_| chosen.set(value.clone()) />
                        <span><strong>{r.label().to_owned()}</strong><br /><span class="hint">{r.summary()}</span></span>
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
    .into_any()
}

#[component]
fn CompactRoleChoices(
    offered: Vec<Role>,
    chosen: RwSignal<String>,
    name: &'static str,
) -> impl IntoView {
    let (summary_id, described_by) = (format!("{name}-summary"), format!("{name}-summary"));
    let summary = move || chosen.with(|c| Role::parse(c).summary());
    view! {
        <fieldset class="choices compact" aria-describedby=described_by>
            <legend>"Role"</legend>
            <div class="choice-row">
                {offered.into_iter().map(|r| {
                    let value = r.as_str().to_owned();
                    let current = value.clone();
                    view! {
                        <label class="choice pill">
                            <input type="radio" name=name value=value.clone()
                                prop:checked=move || chosen.with(|c| *c == current)
                                on:change=move |_| chosen.set(value.clone()) />
                            <span>{r.label().to_owned()}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
            <p id=summary_id class="hint">{summary}</p>
        </fieldset>
    }
}
