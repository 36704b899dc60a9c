//! Profile's security section: change the password (the other sessions end, this one
//! stays) and sign out everywhere.

use leptos::prelude::*;
use leptos::web_sys::SubmitEvent;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use org_contract::validation::check_password;

use crate::api::use_api;
use crate::model::form_errors::FormErrors;
use crate::state::preferences;
use crate::state::session::use_session;
use crate::ui::confirm_dialog::ConfirmDialog;
use crate::ui::field::Field;
use crate::ui::status::use_notice;

/// Where the server's messages go: "Current password is not correct" next to the current
/// one, the password rule next to the new one.
const PASSWORD_FIELDS: &[(&str, &str)] = &[("current", "Current password"), ("new", "Password")];

#[component]
pub fn PasswordForm() -> impl IntoView {
    let api = use_api();
    let notice = use_notice();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let change = Action::new_local(move |(old, typed): &(String, String)| {
        let (api, old, new_password) = (api, old.clone(), typed.clone());
        async move {
            match api.change_password(&old, &new_password).await {
                Ok(_) => {
                    current.set(String::new());
                    new.set(String::new());
                    notice.say("Changed your password. Every other device was signed out.");
                }
                // What was typed stays, so a mistyped current password is one edit away.
                Err(e) => errors.set(FormErrors::from_messages(&[e.to_string()], PASSWORD_FIELDS)),
            }
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut e = FormErrors::default();
        if current.get_untracked().is_empty() {
            e.check::<()>("current", Err("Current password is required".into()));
        }
        e.check("new", check_password(&new.get_untracked()));
        let ok = e.is_empty();
        errors.set(e);
        if ok {
            change.dispatch_local((current.get_untracked(), new.get_untracked()));
        }
    };
    let err = move |key: &'static str| Signal::derive(move || errors.with(|e| e.field(key)));
    view! {
        <form class="form card" on:submit=submit novalidate>
            <h2>"Password"</h2>
            <Field id="current-password" label="Current password" value=current error=err("current") required=true kind="password" />
            <Field id="new-password" label="New password" value=new error=err("new") required=true kind="password" />
            <p class="hint">"8 to 128 characters. Changing it signs you out on every other device."</p>
            <p class="field-error" role="alert">{move || errors.with(|e| e.general.join(" "))}</p>
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || change.pending().get()>"Change password"</button>
            </div>
        </form>
    }
}

#[component]
pub fn SignOutEverywhere() -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let navigate = use_navigate();
    let confirm = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let sign_out = Action::new_local(move |_: &()| {
        let (api, navigate) = (api, navigate.clone());
        async move {
            match api.sign_out_everywhere().await {
                Ok(()) => {
                    session.sign_out();
                    preferences::forget();
                    let replace = NavigateOptions {
                        replace: true,
                        ..Default::default()
                    };
                    navigate("/sign-in", replace);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    });
    view! {
        <div class="form card">
            <h2>"Sessions"</h2>
            <p>"Signed in on a computer you no longer use, or lost a phone? End every session of your account, this one included."</p>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <div class="form-actions">
                <button type="button" class="button danger" on:click=move |_| confirm.set(true)>"Sign out everywhere"</button>
            </div>
            <ConfirmDialog open=confirm title="Sign out on every device?" keep="Cancel"
                confirm="Sign out everywhere" busy=sign_out.pending() on_confirm=move |_| { sign_out.dispatch_local(()); }>
                <p>"Every browser and API token signed in as you stops working, this one too. You can sign in again right away."</p>
            </ConfirmDialog>
        </div>
    }
}
