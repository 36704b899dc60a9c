use leptos::prelude::*;

use crate::model::members_table::MemberRow;

/// The user's picture, or their initials on a colour of their own when there is no picture
/// or it fails to load.
#[component]
pub fn Avatar(row: MemberRow) -> impl IntoView {
    let failed = RwSignal::new(false);
    // A class per 30° of hue, not an inline style: the Content-Security-Policy allows no
    // inline styles.
    let class = format!("avatar initials hue-{}", row.hue / 30);
    let initials = row.initials.clone();
    move || {
        match (&row.avatar_url, failed.get()) {
        (Some(url), false) => view! {
            <img class="avatar" src=url.clone() alt="" width="32" height="32" on:error=move |_| failed.set(true) />
        }
        .into_any(),
        _ => view! { <span class=class.clone() aria-hidden="true">{initials.clone()}</span> }.into_any(),
    }
    }
}
