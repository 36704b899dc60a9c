//! A role as a small badge: the owner's stands out, the others are quiet.

use leptos::prelude::*;
use org_contract::Role;

#[component]
pub fn RoleBadge(#[prop(into)] role: Signal<Role>) -> impl IntoView {
    let class = move || role.with(|r| format!("badge role role-{}", r.as_str()));
    view! { <span class=class>{move || role.with(|r| r.label().to_owned())}</span> }
}
