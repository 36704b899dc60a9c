//! A forgotten password: `/forgot-password` asks for the link (the answer is the same for
//! any address), `/reset-password?token=` sets the new one and signs in.

use leptos::prelude::*;
use leptos::web_sys::SubmitEvent;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use org_contract::validation::check_password;

use crate::api::use_api;
use crate::model::form_errors::FormErrors;
use crate::state::session::use_session;
use crate::ui::field::Field;
use crate::ui::status::use_notice;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let api = use_api();
    let email = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let sent_to = RwSignal::new(None::<String>);
    let ask = Action::new_local(move |address: &String| {
        let address = address.clone();
        async move {
            match api.request_password_reset(&address).await {
                Ok(()) => sent_to.set(Some(address)),
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let address = email.get_untracked().trim().to_owned();
        if address.is_empty() {
            error.set(Some("Email is required".into()));
        } else {
            error.set(None);
            ask.dispatch_local(address);
        }
    };
    view! {
        <main class="page-centered" id="main">
            <form class="card form sign-in" on:submit=submit novalidate>
                <h1>"Reset your password"</h1>
                {move || sent_to.get().map(|to| view! {
                    <p class="notice" role="status">
                        {format!("If an account uses {to}, we sent it a link to choose a new password. The link works for an hour.")}
                    </p>
                })}
                <Field id="reset-email" label="Email" value=email error=error required=true kind="email" />
                <button class="button primary" type="submit" disabled=move || ask.pending().get()>"Send the link"</button>
                <p><A href="/sign-in">"Back to sign in"</A></p>
            </form>
        </main>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let (api, session, notice, navigate) = (use_api(), use_session(), use_notice(), use_navigate());
    let query = use_query_map();
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let link_error = RwSignal::new(None::<String>);
    let reset = Action::new_local(move |new: &String| {
        let (new, navigate) = (new.clone(), navigate.clone());
        let token = query.with_untracked(|q| q.get("token").unwrap_or_default());
        async move {
            match api.reset_password(&token, &new).await {
                Ok(s) => {
                    session.begin(s);
                    notice.say("Your new password is set. Every other session was signed out.");
                    navigate("/", Default::default());
                }
                // The password rule goes next to the field; the rest is about the link.
                Err(e) => {
                    let routed =
                        FormErrors::from_messages(&[e.to_string()], &[("password", "Password")]);
                    error.set(routed.field("password"));
                    link_error.set((!routed.general.is_empty()).then(|| routed.general.join(" ")));
                }
            }
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match check_password(&password.get_untracked()) {
            Ok(()) => {
                error.set(None);
                reset.dispatch_local(password.get_untracked());
            }
            Err(m) => error.set(Some(m)),
        }
    };
    view! {
        <main class="page-centered" id="main">
            <form class="card form sign-in" on:submit=submit novalidate>
                <h1>"Choose a new password"</h1>
                {move || link_error.get().map(|m| view! {
                    <div class="notice error" role="alert">
                        <p>{m}</p>
                        <p><A href="/forgot-password">"Ask for a new link"</A></p>
                    </div>
                })}
                <Field id="new-password" label="New password" value=password error required=true kind="password" />
                <p class="hint">"8 to 128 characters. Setting it signs you out everywhere else."</p>
                <button class="button primary" type="submit" disabled=move || reset.pending().get()>"Set password and sign in"</button>
            </form>
        </main>
    }
}
