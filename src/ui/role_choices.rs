//! The one role picker: a radio per role offered, each with its one-line summary.

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
) -> impl IntoView {
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
}
