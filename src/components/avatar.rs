use leptos::prelude::*;

use crate::members_table::MemberRow;

/// The user's picture, or their initials on a colour of their own when there is no picture
/// or it fails to load.
#[component]
pub fn Avatar(row: MemberRow) -> impl IntoView {
    let failed = RwSignal::new(false);
    let style = format!("background: hsl({} 45% 32%)", row.hue);
    let initials = row.initials.clone();
    move || {
        match (&row.avatar_url, failed.get()) {
        (Some(url), false) => view! {
            <img class="avatar" src=url.clone() alt="" width="32" height="32" on:error=move |_| failed.set(true) />
        }
        .into_any(),
        _ => view! { <span class="avatar initials" style=style.clone() aria-hidden="true">{initials.clone()}</span> }.into_any(),
    }
    }
}
