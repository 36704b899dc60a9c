use leptos::prelude::*;
use leptos::web_sys::SubmitEvent;
use leptos_router::hooks::use_navigate;
use org_contract::{Action as Permission, Organization, UpdateOrganization};

use crate::api::use_api;
use crate::model::form_errors::{check_org_fields, FormErrors, ORG_FIELDS};
use crate::model::format;
use crate::model::org_list::OrgEntry;
use crate::state::org::{use_current_org, use_directory};
use crate::state::preferences;
use crate::ui::dialog::Dialog;
use crate::ui::field::Field;
use crate::ui::status::use_notice;

#[component]
pub fn GeneralPage() -> impl IntoView {
    let current = use_current_org();
    move || {
        current.entry.get().map(|entry| {
            let can_edit = current.can(Permission::EditOrganization);
            let can_delete = current.can(Permission::DeleteOrganization);
            view! {
                <section class="page">
                    <h1>"General"</h1>
                    <p class="lead">"The organization's name and public details."</p>
                    {if can_edit {
                        view! { <SettingsForm org=entry.org.clone() /> }.into_any()
                    } else {
                        view! { <Details entry=entry.clone() /> }.into_any()
                    }}
                    {can_delete.then(|| view! { <DeleteOrganization org=entry.org.clone() /> })}
                </section>
            }
        })
    }
}

/// Read-only details, as plain text, for roles that may not edit.
#[component]
fn Details(entry: OrgEntry) -> impl IntoView {
    let org = entry.org;
    let or_none = |v: Option<String>| v.filter(|s| !s.is_empty()).unwrap_or_else(|| "—".into());
    view! {
        <dl class="details">
            <dt>"Name"</dt><dd>{org.name}</dd>
            <dt>"Type"</dt><dd>{if entry.personal { "Personal" } else { "Company" }}</dd>
            <dt>"Description"</dt><dd>{or_none(org.description)}</dd>
            <dt>"Website"</dt><dd>{or_none(org.website)}</dd>
            <dt>"Twitter"</dt><dd>{or_none(org.twitter)}</dd>
            <dt>"Created"</dt><dd>{format::date(&org.created_at)}</dd>
        </dl>
    }
}

#[component]
fn SettingsForm(org: Organization) -> impl IntoView {
    let api = use_api();
    let directory = use_directory();
    let notice = use_notice();
    let name = RwSignal::new(org.name.clone());
    let description = RwSignal::new(org.description.clone().unwrap_or_default());
    let website = RwSignal::new(org.website.clone().unwrap_or_default());
    let twitter = RwSignal::new(org.twitter.clone().unwrap_or_default());
    let errors = RwSignal::new(FormErrors::default());
    let id = org.id.clone();
    let save = Action::new_local(move |body: &UpdateOrganization| {
        let (body, id) = (body.clone(), id.clone());
        async move {
            match api.update_organization(&id, &body).await {
                Ok(saved) => {
                    notice.say(format!("Saved the settings of {}.", saved.name));
                    directory.refresh();
                }
                Err(e) => {
                    let messages = match &e {
                        crate::api::ApiError::Api { messages, .. } => messages.clone(),
                        other => vec![other.to_string()],
                    };
                    errors.set(FormErrors::from_messages(&messages, ORG_FIELDS));
                }
            }
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let checked = check_org_fields(
            &name.get_untracked(),
            &description.get_untracked(),
            &website.get_untracked(),
            &twitter.get_untracked(),
        );
        match checked {
            Ok(f) => {
                errors.set(FormErrors::default());
                save.dispatch_local(UpdateOrganization {
                    name: Some(f.name),
                    description: Some(f.description),
                    website: Some(f.website),
                    twitter: Some(f.twitter),
                    billing_address: None,
                });
            }
            Err(e) => errors.set(e),
        }
    };
    let err = move |key: &'static str| Signal::derive(move || errors.with(|e| e.field(key)));
    view! {
        <form class="form card" on:submit=submit novalidate>
            <Field id="org-name" label="Name" value=name error=err("name") required=true />
            <Field id="org-description" label="Description" value=description error=err("description") multiline=true />
            <Field id="org-website" label="Website" value=website error=err("website") placeholder="https://example.com" />
            <Field id="org-twitter" label="Twitter" value=twitter error=err("twitter") placeholder="@handle" />
            <p class="field-error" role="alert">{move || errors.with(|e| e.general.join(" "))}</p>
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || save.pending().get()>
                    {move || if save.pending().get() { "Saving…" } else { "Save changes" }}
                </button>
            </div>
        </form>
    }
}

/// Owners delete the organization after typing its name.
#[component]
fn DeleteOrganization(org: Organization) -> impl IntoView {
    let api = use_api();
    let directory = use_directory();
    let notice = use_notice();
    let navigate = use_navigate();
    let open = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let (id, name) = (org.id.clone(), org.name.clone());
    let deleted_name = name.clone();
    let delete = Action::new_local(move |_: &()| {
        let (id, deleted, navigate) = (id.clone(), deleted_name.clone(), navigate.clone());
        async move {
            match api.delete_organization(&id).await {
                Ok(()) => {
                    open.set(false);
                    preferences::forget();
                    directory.refresh();
                    notice.say(format!("Deleted {deleted}."));
                    navigate("/", Default::default());
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    });
    let confirm_name = name.clone();
    let matches = Memo::new(move |_| typed.with(|t| t.trim() == confirm_name));
    view! {
        <section class="danger-zone card" aria-labelledby="danger-title">
            <h2 id="danger-title">"Delete this organization"</h2>
            <p>"Deleting removes its projects, members and invitations for everyone. It cannot be undone."</p>
            <button type="button" class="button danger" on:click=move |_| open.set(true)>"Delete organization"</button>
        </section>
        <Dialog open title=format!("Delete {name}?")>
            <p>{format!("Type the organization's name, {name}, to confirm.")}</p>
            <div class="field">
                <label for="confirm-name">"Organization name"</label>
                <input id="confirm-name" type="text" autocomplete="off" bind:value=typed />
            </div>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <div class="form-actions">
                <button type="button" class="button" on:click=move |_| open.set(false)>"Cancel"</button>
                <button type="button" class="button danger" disabled=move || !matches.get() || delete.pending().get()
                    on:click=move |_| { delete.dispatch_local(()); }>
                    "Delete organization"
                </button>
            </div>
        </Dialog>
    }
}
