use crate::lazy_code::lazy_dialog;
use leptos::prelude::*;
use leptos::web_sys::SubmitEvent;
use leptos_router::hooks::use_navigate;
use org_contract::CreateOrganization;

use crate::api::use_api;
use crate::model::form_errors::{check_org_fields, FormErrors, ORG_FIELDS};
use crate::model::routes::{org_page, OrgPage};
use crate::state::org::use_directory;
use crate::ui::dialog::Dialog;
use crate::ui::field::Field;

lazy_dialog! {
    /// [`CreateOrgDialog`], its code fetched when first opened.
    pub fn create_org_dialog(open) in create_org => view! { <CreateOrgDialog open /> }
}

/// Creates a company organization; on success the console switches to it.
#[component]
fn CreateOrgDialog(open: RwSignal<bool>) -> impl IntoView {
    let api = use_api();
    let directory = use_directory();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let website = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());

    let create = Action::new_local(move |body: &CreateOrganization| {
        let (body, navigate) = (body.clone(), navigate.clone());
        async move {
            match api.create_organization(&body).await {
                Ok(org) => {
                    open.set(false);
                    for s in [name, description, website] {
                        s.set(String::new());
                    }
                    directory.refresh();
                    navigate(&org_page(&org.id, OrgPage::General), Default::default());
                }
                // What was typed stays, with each message next to its field.
                Err(e) => errors.set(FormErrors::from_messages(&[e.to_string()], ORG_FIELDS)),
            }
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let checked = check_org_fields(
            &name.get_untracked(),
            &description.get_untracked(),
            &website.get_untracked(),
            "",
        );
        match checked {
            Ok(f) => {
                errors.set(FormErrors::default());
                let opt = |s: String| (!s.is_empty()).then_some(s);
                create.dispatch_local(CreateOrganization {
                    name: f.name,
                    description: opt(f.description),
                    website: opt(f.website),
                    twitter: None,
                });
            }
            Err(e) => errors.set(e),
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
