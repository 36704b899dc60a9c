use leptos::prelude::*;
use leptos::web_sys::SubmitEvent;
use leptos_router::hooks::use_navigate;
use org_contract::validation::{check_description, check_organization_name, check_website};
use org_contract::CreateOrganization;

use crate::api::use_api;
use crate::components::dialog::Dialog;
use crate::components::field::Field;
use crate::form_errors::FormErrors;
use crate::org_context::use_directory;

const FIELDS: &[(&str, &str)] = &[
    ("name", "Organization name"),
    ("description", "Description"),
    ("website", "Website"),
];

/// Creates a company organization; on success the console switches to it.
#[component]
pub fn CreateOrgDialog(open: RwSignal<bool>) -> impl IntoView {
    let api = use_api();
    let directory = use_directory();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let website = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());

    let create = Action::new_local(move |body: &CreateOrganization| {
        let (api, body) = (api.clone(), body.clone());
        async move { api.create_organization(&body).await }
    });
    Effect::new(move |_| match create.value().get() {
        Some(Ok(org)) => {
            create.value().set(None);
            open.set(false);
            for s in [name, description, website] {
                s.set(String::new());
            }
            directory.refresh();
            navigate(&format!("/orgs/{}/general", org.id), Default::default());
        }
        Some(Err(e)) => errors.set(FormErrors::from_messages(&[e.to_string()], FIELDS)),
        None => {}
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut e = FormErrors::default();
        let n = e.check("name", check_organization_name(&name.get_untracked()));
        let d = e.check(
            "description",
            check_description(&description.get_untracked()),
        );
        let w = e.check("website", check_website(&website.get_untracked()));
        let ok = e.is_empty();
        errors.set(e);
        if ok {
            let opt = |s: Option<String>| s.filter(|v| !v.is_empty());
            create.dispatch_local(CreateOrganization {
                name: n.unwrap_or_default(),
                description: opt(d),
                website: opt(w),
                twitter: None,
            });
        }
    };
    let err = move |key: &'static str| Signal::derive(move || errors.with(|e| e.field(key)));
    view! {
        <Dialog open title="Create organization">
            <form class="form" on:submit=submit novalidate>
                <p class="hint">"You will be the owner of the new organization."</p>
                <Field id="new-org-name" label="Name" value=name error=err("name") required=true />
                <Field id="new-org-description" label="Description" value=description error=err("description") />
                <Field id="new-org-website" label="Website" value=website error=err("website") placeholder="https://example.com" />
                <p class="field-error" role="alert">{move || errors.with(|e| e.general.join(" "))}</p>
                <div class="form-actions">
                    <button type="button" class="button" on:click=move |_| open.set(false)>"Cancel"</button>
                    <button type="submit" class="button primary" disabled=move || create.pending().get()>
                        {move || if create.pending().get() { "Creating…" } else { "Create organization" }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}
