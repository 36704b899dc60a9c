use leptos::prelude::*;

use crate::model::members_table::MemberRow;

/// The user's picture, or their initials on a colour of their own when there is no picture
/// or it fails to load.
#[component]
pub fn Avatar(row: MemberRow) -> impl IntoView {
    let Some(url) = row.avatar_url.clone() else {
        // Nothing can fail to load: no signal, no effect (a table may draw 50 at once).
        return view! { <InitialsAvatar initials=row.initials.clone() hue=row.hue /> }.into_any();
    };
    let failed = RwSignal::new(false);
    (move || match failed.get() {
        false => view! {
            <img class="avatar" src=url.clone() alt="" width="32" height="32" on:error=move |_| failed.set(true) />
        }
        .into_any(),
        true => view! { <InitialsAvatar initials=row.initials.clone() hue=row.hue /> }.into_any(),
    })
    .into_any()
}

/// Initials on a colour of their own (a person's, or an organization's in the switcher).
#[component]
pub fn InitialsAvatar(initials: String, hue: u16, #[prop(optional)] small: bool) -> impl IntoView {
    // A class per 30° of hue, not an inline style: the Content-Security-Policy allows no
    // inline styles.
    let class = format!("avatar initials hue-{}", hue / 30);
    // Text as a property, not a child: under erase_components a child costs a boxed view and
    // a marker node, and a table draws fifty of these at once.
    view! { <span class=class class:small=small aria-hidden="true" prop:textContent=initials></span> }
}
