//! MANAGE on a member's row: change the role (owner offered to owners only), choose a
//! collaborator's projects, or remove them after a confirmation that names them. The last
//! owner is explained instead of offered.

use leptos::prelude::*;
use org_contract::{allows, Action as Permission, Role, UpdateMember};

use crate::api::{use_api, ApiError};
use crate::features::members::page::MembersData;
use crate::model::members_table::MemberRow;
use crate::state::org::{use_current_org, use_directory};
use crate::ui::dialog::Dialog;
use crate::ui::status::use_notice;

/// Whether `row` is the organization's only owner.
pub fn is_last_owner(row: &MemberRow, owners: usize) -> bool {
    row.role == Role::Owner && owners <= 1
}

#[component]
pub fn ManageMember(row: MemberRow) -> impl IntoView {
    let open = RwSignal::new(false);
    let name = row.name.clone();
    view! {
        <button type="button" class="button small" aria-label=format!("Manage {name}") on:click=move |_| open.set(true)>
            "MANAGE"
        </button>
        <Dialog open title=format!("Manage {}", row.name)>
            <ManageForm row=row.clone() open />
        </Dialog>
    }
}

#[component]
fn ManageForm(row: MemberRow, open: RwSignal<bool>) -> impl IntoView {
    let api = use_api();
    let data = expect_context::<MembersData>();
    let current = use_current_org();
    let directory = use_directory();
    let notice = use_notice();
    let role = RwSignal::new(row.role.as_str().to_owned());
    let chosen = RwSignal::new(row.project_ids.clone());
    let error = RwSignal::new(None::<String>);
    let confirm_remove = RwSignal::new(false);
    let last_owner = is_last_owner(&row, data.owners.get_untracked());
    let actor = current.role().unwrap_or(Role::Other("unknown".into()));
    let offered: Vec<Role> = Role::KNOWN
        .iter()
        .filter(|r| allows(&actor, Permission::AssignRole(r)))
        .cloned()
        .collect();
    let scoped = Memo::new(move |_| Role::parse(&role.get()).is_project_scoped());

    let member_id = row.member_id.clone();
    let save = Action::new_local(move |body: &UpdateMember| {
        let (api, body, id, org) = (
            api,
            body.clone(),
            member_id.clone(),
            current.id.get_untracked(),
        );
        async move { api.update_member(&org, &id, &body).await.map(drop) }
    });
    let api = use_api();
    let member_id = row.member_id.clone();
    let remove = Action::new_local(move |_: &()| {
        let (api, id, org) = (api, member_id.clone(), current.id.get_untracked());
        async move { api.remove_member(&org, &id).await }
    });
    let finish = move |message: String, result: Option<Result<(), ApiError>>| match result {
        Some(Ok(())) => {
            open.set(false);
            notice.say(message);
            data.members.refetch();
            directory.refresh();
        }
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    };
    let (saved_name, removed_name) = (row.name.clone(), row.name.clone());
    Effect::new(move |_| {
        finish(
            format!("Updated {saved_name}'s membership."),
            save.value().get(),
        )
    });
    Effect::new(move |_| {
        let result = remove.value().get();
        if result.is_some() {
            confirm_remove.set(false);
        }
        finish(
            format!("Removed {removed_name} from the organization."),
            result,
        )
    });

    let submit = move |ev: leptos::web_sys::SubmitEvent| {
        ev.prevent_default();
        let r = Role::parse(&role.get_untracked());
        let projects = if r.is_project_scoped() {
            chosen.get_untracked()
        } else {
            vec![]
        };
        if r.is_project_scoped() && projects.is_empty() {
            error.set(Some(
                "Choose at least one project for a collaborator.".into(),
            ));
            return;
        }
        error.set(None);
        save.dispatch_local(UpdateMember {
            roles: vec![r],
            projects_ids: projects,
        });
    };
    let busy = move || save.pending().get() || remove.pending().get();
    let name = row.name.clone();

    if last_owner {
        return view! {
            <p>{format!("{name} is the organization's last owner, so their role cannot be changed and they cannot be removed.")}</p>
            <p>"Make another member an owner first."</p>
            <div class="form-actions">
                <button type="button" class="button" on:click=move |_| open.set(false)>"Close"</button>
            </div>
        }
        .into_any();
    }
    view! {
        <form class="form" on:submit=submit novalidate>
            <p class="hint">{row.email.clone()}</p>
            <fieldset class="choices">
                <legend>"Role"</legend>
                {offered.into_iter().map(|r| {
                    let value = r.as_str().to_owned();
                    let v2 = value.clone();
                    view! {
                        <label class="choice">
                            <input type="radio" name="member-role" value=value.clone()
                                prop:checked=move || role.get() == v2
                                on:change=move |_| role.set(value.clone()) />
                            <span><strong>{r.label().to_owned()}</strong><br /><span class="hint">{r.summary()}</span></span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <Show when=move || scoped.get()>
                <ProjectChoices chosen />
            </Show>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <div class="form-actions spread">
                <button type="button" class="button danger" disabled=busy on:click=move |_| confirm_remove.set(true)>
                    "Remove from organization"
                </button>
                <span class="form-actions">
                    <button type="button" class="button" on:click=move |_| open.set(false)>"Cancel"</button>
                    <button type="submit" class="button primary" disabled=busy>"Save"</button>
                </span>
            </div>
        </form>
        <Dialog open=confirm_remove title=format!("Remove {name}?")>
            <p>{format!("{name} will lose access to this organization and its projects.")}</p>
            <div class="form-actions">
                <button type="button" class="button" on:click=move |_| confirm_remove.set(false)>"Keep member"</button>
                <button type="button" class="button danger" disabled=busy on:click=move |_| { remove.dispatch_local(()); }>
                    {format!("Remove {name}")}
                </button>
            </div>
        </Dialog>
    }
    .into_any()
}

/// Checkboxes for the organization's projects.
#[component]
pub fn ProjectChoices(chosen: RwSignal<Vec<String>>) -> impl IntoView {
    let data = expect_context::<MembersData>();
    move || {
        let projects = data.projects.get();
        match projects {
            None => view! { <p class="hint">"Loading projects…"</p> }.into_any(),
            Some(Err(e)) => view! { <p class="field-error">{e.to_string()}</p> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! { <p class="hint">"This organization has no projects yet; create one first."</p> }.into_any(),
            Some(Ok(list)) => view! {
                <fieldset class="choices">
                    <legend>"Projects (at least one)"</legend>
                    {list.into_iter().map(|p| {
                        let (id, id2) = (p.id.clone(), p.id.clone());
                        view! {
                            <label class="choice">
                                <input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&id2))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| { c.retain(|x| *x != id); if on { c.push(id.clone()); } });
                                    } />
                                <span>{p.name}</span>
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            }.into_any(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::members_table::tests::member;

    #[test]
    fn only_a_sole_owner_is_the_last_owner() {
        let owner = MemberRow::from_member(
            &member("1", "A B", "a@x.io", Role::Owner, "2025-01-01T00:00:00Z"),
            "",
        );
        let admin = MemberRow::from_member(
            &member("2", "C D", "c@x.io", Role::Admin, "2025-01-01T00:00:00Z"),
            "",
        );
        assert!(is_last_owner(&owner, 1));
        assert!(!is_last_owner(&owner, 2));
        assert!(!is_last_owner(&admin, 1));
    }
}
