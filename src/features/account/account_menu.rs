//! The account menu at the top right: who is signed in (initials, name, email), their
//! profile, and signing out. A disclosure (a button and the panel it shows), closed by
//! Escape, by a click elsewhere, or by following one of its links.

use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use super::logout::sign_out_action;
use crate::model::members_table::{hue, initials};
use crate::model::routes::{personal_page, PersonalPage};
use crate::state::effect::effect;
use crate::state::session::use_session;
use crate::ui::avatar::InitialsAvatar;
use crate::ui::menu::close_on_press_outside;

#[component]
pub fn AccountMenu() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let open = RwSignal::new(false);
    let (root, trigger) = (NodeRef::<html::Div>::new(), NodeRef::<html::Button>::new());
    let logout = sign_out_action();
    let who = Memo::new(move |_| {
        session.user.with(|u| {
            u.as_ref()
                .map(|u| (u.id.clone(), u.full_name.clone(), u.email.clone()))
        })
    });
    // Following a link (Profile) closes it.
    effect(move |_| {
        location.pathname.track();
        open.set(false);
    });
    close_on_press_outside(root, open);
    let on_keydown = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(t) = trigger.get_untracked() {
                let _ = t.focus();
            }
        }
    };
    // Tabbing out of it closes it, so it never covers what gets focus next.
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        let staying = root.get_untracked().is_some_and(|r| {
            ev.related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                .is_some_and(|t| r.contains(Some(&t)))
        });
        if !staying && ev.related_target().is_some() {
            open.set(false);
        }
    };
    move || {
        who.get().map(|(id, name, email)| view! {
            <div class="account" node_ref=root on:keydown=on_keydown on:focusout=on_focusout>
                <button type="button" class="account-trigger" node_ref=trigger aria-controls="account-panel"
                    aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                    <InitialsAvatar initials=initials(&name) hue=hue(&id) />
                    <span class="visually-hidden">{format!("Account: {name}")}</span>
                </button>
                <Show when=move || open.get()>
                    <div id="account-panel" class="account-panel">
                        <p class="account-name">{name.clone()}</p>
                        <p class="account-email">{email.clone()}</p>
                        <ul class="account-links">
                            <li><A href=personal_page(PersonalPage::Profile)>"Profile"</A></li>
                            <li><button type="button" class="link-button" on:click=move |_| { logout.dispatch_local(()); }>"Sign out"</button></li>
                        </ul>
                    </div>
                </Show>
            </div>
        })
    }
}
