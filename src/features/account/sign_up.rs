//! `/sign-up`: an account without an invitation. The address starts unverified; the
//! banner on every page says so until the emailed link is opened.

use leptos::prelude::*;
use leptos::web_sys::SubmitEvent;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use org_contract::email::normalize_email;
use org_contract::validation::{check_first_name, check_last_name, check_password, MAX_EMAIL};
use org_contract::{validate_email, SignUp};

use crate::api::use_api;
use crate::model::form_errors::FormErrors;
use crate::state::session::use_session;
use crate::ui::field::Field;

/// Where the server's messages go.
const SIGN_UP_FIELDS: &[(&str, &str)] = &[
    ("first", "First name"),
    ("last", "Last name"),
    ("password", "Password"),
    ("email", "Email"),
];

/// The form's own checks: the contract crate's rules, as the server applies them.
fn check(first: &str, last: &str, email: &str, password: &str) -> (FormErrors, Option<SignUp>) {
    let mut e = FormErrors::default();
    let f = e.check("first", check_first_name(first));
    let l = e.check("last", check_last_name(last));
    let address = normalize_email(email);
    let email_ok = if address.chars().count() > MAX_EMAIL {
        Err(format!("Email must be at most {MAX_EMAIL} characters"))
    } else {
        validate_email(&address).map_err(|r| format!("Email {r}"))
    };
    e.check("email", email_ok);
    e.check("password", check_password(password));
    let body = e.is_empty().then(|| SignUp {
        first_name: f.unwrap_or_default(),
        last_name: l.unwrap_or_default(),
        email: address,
        password: password.to_owned(),
        ..SignUp::default()
    });
    (e, body)
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let (api, session, navigate) = (use_api(), use_session(), use_navigate());
    let [first, last, email, password] = [(); 4].map(|_| RwSignal::new(String::new()));
    let errors = RwSignal::new(FormErrors::default());
    let sign_up = Action::new_local(move |body: &SignUp| {
        let (body, navigate) = (body.clone(), navigate.clone());
        async move {
            match api.sign_up(&body).await {
                Ok(s) => {
                    session.begin(s);
                    navigate("/", Default::default());
                }
                // What was typed stays, each message next to its field.
                Err(e) => errors.set(FormErrors::from_messages(&[e.to_string()], SIGN_UP_FIELDS)),
            }
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (e, body) = check(
            &first.get_untracked(),
            &last.get_untracked(),
            &email.get_untracked(),
            &password.get_untracked(),
        );
        errors.set(e);
        if let Some(body) = body {
            sign_up.dispatch_local(body);
        }
    };
    let err = move |key: &'static str| Signal::derive(move || errors.with(|e| e.field(key)));
    view! {
        <main class="page-centered" id="main">
            <form class="card form sign-in" on:submit=submit novalidate>
                <h1>"Create your org-console account"</h1>
                <Field id="signup-first" label="First name" value=first error=err("first") required=true />
                <Field id="signup-last" label="Last name" value=last error=err("last") required=true />
                <Field id="signup-email" label="Email" value=email error=err("email") required=true kind="email" />
                <Field id="signup-password" label="Password" value=password error=err("password") required=true kind="password" />
                <p class="hint">"8 to 128 characters. We will send a link to confirm the address."</p>
                <p class="field-error" role="alert">{move || errors.with(|e| e.general.join(" "))}</p>
                <button class="button primary" type="submit" disabled=move || sign_up.pending().get()>"Create account"</button>
                <p>"Already have an account? " <A href="/sign-in">"Sign in"</A></p>
            </form>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn the_form_applies_the_contracts_rules() {
        let (e, body) = check("Ada", "Lovelace", " Ada@Example.com ", "long-enough");
        assert!(e.is_empty());
        assert_eq!(body.unwrap().email, "ada@example.com");
        let (e, body) = check("", "L\nx", "nope", "short");
        assert!(body.is_none());
        assert_eq!(e.field("first").unwrap(), "First name is required");
        assert!(e.field("last").unwrap().contains("one line"));
        assert!(e.field("email").unwrap().starts_with("Email "));
        assert_eq!(
            e.field("password").unwrap(),
            "Password must be at least 8 characters"
        );
    }
}
