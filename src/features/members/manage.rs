//! MANAGE on a member's row: change the role (owner offered to owners only), choose a
//! collaborator's projects, or remove them after a confirmation that names them. The last
//! owner is explained instead of offered.

use crate::lazy_code::lazy_dialog;
use leptos::prelude::*;
use org_contract::{
    allows, check_member_update, Action as Permission, Project, Role, UpdateMember,
};
use wasm_bindgen::JsCast;

use crate::api::{use_api, ApiError};
use crate::features::members::held::remove_held;
use crate::features::members::page::{open_from_link, MembersData};
use crate::features::organization::MemberHistory;
use crate::model::bulk::Picked;
use crate::model::members_table::MemberRow;
use crate::state::fetched::Fetched;
use crate::state::org::{use_current_org, use_directory};
use crate::ui::confirm_dialog::ConfirmDialog;
use crate::ui::dialog::Dialog;
use crate::ui::role_choices::RoleChoices;
use crate::ui::status::use_notice;

/// The roles `actor` may give an existing member, most privileged first.
pub fn assignable_roles(actor: &Role) -> Vec<Role> {
    Role::KNOWN
        .iter()
        .filter(|r| allows(actor, Permission::AssignRole(r)))
        .cloned()
        .collect()
}

/// Whether `row` is the organization's only owner.
pub fn is_last_owner(row: &MemberRow, owners: Option<usize>) -> bool {
    row.role == Role::Owner && owners.is_some_and(|n| n <= 1)
}

/// The table's one Manage dialog and the member it is open for. Every row's MANAGE button
/// opens it: a search keystroke that brings 50 new rows builds 50 buttons, not 50 dialogs
/// with their signals, effects and listeners.
#[derive(Clone, Copy, Default)]
pub struct Managing {
    open: RwSignal<bool>,
    row: RwSignal<Option<MemberRow>>,
}

impl Managing {
    /// The dialog's form starts from the member as they are now.
    fn start(self, row: MemberRow) {
        self.row.set(Some(row));
        self.open.set(true);
    }
}

fn manage_button_id(member_id: &str) -> String {
    format!("manage-{member_id}")
}

/// The button's accessible name and the dialog's title.
fn manage_label(row: &MemberRow) -> String {
    format!("Manage {}", row.name)
}

/// The MANAGE button of a row.
#[component]
pub fn ManageButton(row: Memo<MemberRow>, managing: Managing) -> impl IntoView {
    // The name is drawn once: the table draws a renamed member's row anew (`row_key`).
    let (id, label) = row.with_untracked(|r| (manage_button_id(&r.member_id), manage_label(r)));
    view! {
        // On phones the button covers its row, so a tap anywhere on a person opens Manage.
        <button type="button" class="button small manage-button" id=id aria-label=label
            on:click=move |_| managing.start(row.get_untracked())>
            <span class="manage-text">"MANAGE"</span><span class="manage-chevron" aria-hidden="true">"›"</span>
        </button>
    }
}

/// The Manage dialog, for the member whose MANAGE was pressed, or whom a link names
/// (`?manage={member}`: the command palette's "member" result) once `find` finds them on
/// the page with a MANAGE button.
pub fn manage_member_dialog(
    managing: Managing,
    find: impl Fn(&str) -> Option<MemberRow> + 'static,
) -> impl IntoView {
    open_from_link("manage", move |id| {
        let Some(row) = find(id) else {
            return false;
        };
        // From the row's button, so that closing gives focus back to it.
        let button = manage_button_id(id);
        request_animation_frame(move || {
            if let Some(b) = document()
                .get_element_by_id(&button)
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = b.focus();
            }
            managing.start(row);
        });
        true
    });
    manage_dialog(managing.open, managing)
}

lazy_dialog! {
    fn manage_dialog(open, managing: Managing) in manage =>
        view! { <ManageDialog open managing /> }
}

/// The form starts from the member as they are when it opens.
#[component]
fn ManageDialog(open: RwSignal<bool>, managing: Managing) -> impl IntoView {
    let title = Signal::derive(move || {
        managing
            .row
            .with(|r| r.as_ref().map(manage_label).unwrap_or_default())
    });
    view! {
        <Dialog open title>
            {move || {
                let Some(row) = managing.row.get_untracked() else {
                    return ().into_any();
                };
                let owners = expect_context::<MembersData>().owners.get_untracked();
                if is_last_owner(&row, owners) {
                    view! { <LastOwnerNote name=row.name open /> }.into_any()
                } else {
                    view! { <ManageForm row open /> }.into_any()
                }
            }}
        </Dialog>
    }
}

/// The last owner's dialog says why nothing can be changed, instead of offering it.
#[component]
fn LastOwnerNote(name: String, open: RwSignal<bool>) -> impl IntoView {
    view! {
        <p>{format!("{name} is the organization's last owner, so their role cannot be changed and they cannot be removed.")}</p>
        <p>"Make another member an owner first."</p>
        <div class="form-actions">
            <button type="button" class="button" on:click=move |_| open.set(false)>"Close"</button>
        </div>
    }
}

/// Saving ends by closing, saying what happened and reloading the members, or keeps the
/// dialog open with the server's reason. Removing closes at once and is held for undo.
fn member_actions(
    row: &MemberRow,
    open: RwSignal<bool>,
    error: RwSignal<Option<String>>,
) -> (Action<UpdateMember, ()>, Callback<()>) {
    let (api, data, current) = (
        use_api(),
        expect_context::<MembersData>(),
        use_current_org(),
    );
    let (directory, notice) = (use_directory(), use_notice());
    let (member_id, name) = (row.member_id.clone(), row.name.clone());
    let save = Action::new_local(move |body: &UpdateMember| {
        let (body, id, name) = (body.clone(), member_id.clone(), name.clone());
        let org = current.id.get_untracked();
        async move {
            match api.update_member(&org, &id, &body).await {
                Ok(_) => {
                    open.set(false);
                    notice.say(format!("Updated {name}'s membership."));
                    data.source.refetch();
                    directory.refresh();
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    });
    let picked = Picked::of(row);
    let remove = Callback::new(move |_: ()| {
        open.set(false);
        remove_held(current.id.get_untracked(), vec![picked.clone()], None);
    });
    (save, remove)
}

/// The change as chosen, checked with the server's own rules before sending (while the
/// projects are still loading, their membership is left to the server).
fn checked_update(
    role: &str,
    chosen: Vec<String>,
    (actor, target): (&Role, &Role),
    data: &MembersData,
) -> Result<UpdateMember, String> {
    let r = Role::parse(role);
    let projects = if r.is_project_scoped() {
        chosen
    } else {
        vec![]
    };
    let update = UpdateMember {
        roles: vec![r],
        projects_ids: projects,
    };
    let org_projects: Vec<String> = data
        .projects
        .get_untracked()
        .and_then(Result::ok)
        .map_or_else(
            || update.projects_ids.clone(),
            |l| l.into_iter().map(|p| p.id).collect(),
        );
    check_member_update(actor, target, &update, &org_projects)
        .map(|_| update)
        .map_err(|problem| format!("{problem}."))
}

#[component]
fn ManageForm(row: MemberRow, open: RwSignal<bool>) -> impl IntoView {
    let data = expect_context::<MembersData>();
    let current = use_current_org();
    let role = RwSignal::new(row.role.as_str().to_owned());
    let chosen = RwSignal::new(row.project_ids.clone());
    let error = RwSignal::new(None::<String>);
    let confirm_remove = RwSignal::new(false);
    let actor = current.acting_role();
    let offered = assignable_roles(&actor);
    let scoped = Memo::new(move |_| Role::parse(&role.get()).is_project_scoped());
    let (save, remove) = member_actions(&row, open, error);
    let target = row.role.clone();
    let submit = move |ev: leptos::web_sys::SubmitEvent| {
        ev.prevent_default();
        match checked_update(
            &role.get_untracked(),
            chosen.get_untracked(),
            (&actor, &target),
            &data,
        ) {
            Ok(update) => {
                error.set(None);
                save.dispatch_local(update);
            }
            Err(problem) => error.set(Some(problem)),
        }
    };
    let busy = move || save.pending().get();
    let name = row.name.clone();
    view! {
        <form class="form" on:submit=submit novalidate>
            <p class="hint">{row.email.clone()}</p>
            <RoleChoices offered chosen=role name="member-role" />
            <Show when=move || scoped.get()>
                <ProjectChoices chosen />
            </Show>
            <p class="field-error" role="alert">{move || error.get()}</p>
            {current.can(Permission::ViewActivity).then(|| view! { <MemberHistory member_id=row.member_id.clone() /> })}
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
        <ConfirmDialog open=confirm_remove title=format!("Remove {name}?") keep="Keep member"
            confirm=format!("Remove {name}") busy=Signal::derive(busy) on_confirm=move |_| { confirm_remove.set(false); remove.run(()); }>
            <p>{format!("{name} will lose access to this organization and its projects.")}</p>
        </ConfirmDialog>
    }
}

/// The organization's projects, made by the first dialog that offers them: their fetch and
/// decoding come with that dialog's code, not in the first download.
fn org_projects(data: &MembersData) -> Fetched<Result<Vec<Project>, ApiError>> {
    let (api, current) = (use_api(), use_current_org());
    data.projects.resource_or(move || {
        current.resource(api, move |api, org| {
            // Only managers choose projects, and only they may list all of them.
            let manager = untrack(|| current.can(Permission::ManageMember(&Role::Billing)));
            async move {
                if manager {
                    api.projects(&org).await
                } else {
                    Ok(vec![])
                }
            }
        })
    })
}

/// Checkboxes for the organization's projects.
#[component]
pub fn ProjectChoices(chosen: RwSignal<Vec<String>>) -> impl IntoView {
    let projects = org_projects(&expect_context::<MembersData>());
    move || {
        match projects.get() {
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
        assert!(is_last_owner(&owner, Some(1)));
        assert!(!is_last_owner(&owner, Some(2)));
        assert!(!is_last_owner(&admin, Some(1)));
        // Not counted yet: not treated as the last (the server's guard still holds).
        assert!(!is_last_owner(&owner, None));
    }
}
