use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::NavigateOptions;

/// Goes to `path` in place of the address that led here, so Back does not return to an
/// address that only sends the user on again (a bare frame address, `/`, a page that needs
/// a session).
pub fn redirect_replacing(path: String) -> AnyView {
    let options = NavigateOptions {
        replace: true,
        ..Default::default()
    };
    view! { <Redirect path options /> }.into_any()
}
