//! A role as a small badge: the owner's stands out, the others are quiet.

use leptos::prelude::*;
use org_contract::Role;

#[component]
pub fn RoleBadge(role: Role) -> impl IntoView {
    role_badge(&role)
}

/// The badge's view, for a table cell that draws it anew when the role changes.
pub fn role_badge(role: &Role) -> impl IntoView {
    // The label as a property, not a child node: no marker node, no boxed child.
    view! { <span class=format!("badge role role-{}", role.as_str()) prop:textContent=role.label().to_owned()></span> }
}
