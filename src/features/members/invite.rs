//! "+ Invite New Member": one field for many addresses (as chips), a role, projects for
//! collaborators, an optional message; one request per address, a few at a time, and a
//! result for every address.

use crate::lazy_code::lazy_dialog;
use leptos::prelude::*;
use org_contract::invitation_rules::MAX_INVITATION_MESSAGE;
use org_contract::{allows, Action as Permission, Role};

use super::invite_checks::known;
use super::invite_parts::{
    batch_or_problem, commit_typed, send_action, AddressField, InviteForm, SendProgress,
    SendResults, SkippedSummary,
};
use crate::features::members::manage::ProjectChoices;
use crate::features::members::page::MembersData;
use crate::model::invite_chips::{ChipList, Outcome};
use crate::state::org::use_current_org;
use crate::ui::confirm_dialog::ConfirmDialog;
use crate::ui::dialog::Dialog;
use crate::ui::role_choices::RoleChoices;

#[component]
pub fn InviteButton() -> impl IntoView {
    let open = RwSignal::new(false);
    let button = NodeRef::<leptos::html::Button>::new();
    // "Invite members" in the command palette links here with `?invite=1`.
    crate::features::members::page::open_from_link("invite", move |value| {
        value == "1" && {
            request_animation_frame(move || {
                if let Some(b) = button.get_untracked() {
                    let _ = b.focus();
                }
                open.set(true);
            });
            true
        }
    });
    view! {
        <button type="button" class="button primary" on:click=move |_| open.set(true) node_ref=button>"+ Invite New Member"</button>
        {invite_dialog(open)}
    }
}

lazy_dialog! {
    /// The modal's code (chips, checks, sending) comes with its first opening.
    fn invite_dialog(open) in invite => view! { <InviteModal open /> }
}

/// The roles `actor` may invite with, in the order the modal offers them.
fn offered_roles(actor: &Role) -> Vec<Role> {
    [
        Role::Admin,
        Role::Collaborator,
        Role::LimitedCollaborator,
        Role::Billing,
        Role::Owner,
    ]
    .into_iter()
    .filter(|r| allows(actor, Permission::Invite(r)))
    .collect()
}

#[component]
fn InviteModal(open: RwSignal<bool>) -> impl IntoView {
    let data = expect_context::<MembersData>();
    let current = use_current_org();
    let chips = RwSignal::new(ChipList::default());
    let typed = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Collaborator.as_str().to_owned());
    let projects = RwSignal::new(Vec::<String>::new());
    let message = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let results = RwSignal::new(Vec::<(String, Outcome)>::new());
    let progress = RwSignal::new((0usize, 0usize));
    let confirm_discard = RwSignal::new(false);
    let offered = offered_roles(&current.acting_role());
    let scoped = Memo::new(move |_| Role::parse(&role.get()).is_project_scoped());
    let send = send_action(chips, results, progress);
    let submit = move |ev: leptos::web_sys::SubmitEvent| {
        ev.prevent_default();
        commit_typed(chips, typed, &known(&data));
        results.set(vec![]);
        let form = InviteForm {
            role: Role::parse(&role.get_untracked()),
            projects: projects.get_untracked(),
            message: message.get_untracked(),
        };
        match batch_or_problem(&chips.get_untracked(), &form, &data, &current) {
            Ok(batch) => {
                error.set(None);
                send.dispatch_local(batch);
            }
            Err(problem) => error.set(Some(problem)),
        }
    };
    let request_close = Callback::new(move |_: ()| {
        if chips.with_untracked(|c| c.chips.is_empty())
            && typed.with_untracked(|t| t.trim().is_empty())
        {
            open.set(false);
            results.set(vec![]);
        } else {
            confirm_discard.set(true);
        }
    });
    view! {
        <Dialog open title="Invite New Member" on_close=request_close class="wide">
            <form class="form invite-form" on:submit=submit novalidate>
                <AddressField chips typed />
                <SkippedSummary chips />
                <RoleChoices offered=offered.clone() chosen=role name="invite-role" compact=true />
                <Show when=move || scoped.get()>
                    <ProjectChoices chosen=projects />
                </Show>
                <div class="field">
                    <label for="invite-message">"Message (optional)"</label>
                    <textarea id="invite-message" rows="3" maxlength=MAX_INVITATION_MESSAGE.to_string() bind:value=message></textarea>
                </div>
                <p class="field-error" role="alert">{move || error.get()}</p>
                <SendProgress sending=send.pending() progress />
                <SendResults results />
                // Sticky: the send button stays in view however many addresses there are.
                <div class="form-actions dialog-footer">
                    <button type="button" class="button" on:click=move |_| request_close.run(())>"Close"</button>
                    <button type="submit" class="button primary" disabled=move || send.pending().get()>
                        {move || match chips.with(|c| c.ready().len()) {
                            0 | 1 => "Send invitation".to_owned(),
                            n => format!("Send {n} invitations"),
                        }}
                    </button>
                </div>
            </form>
        </Dialog>
        <ConfirmDialog open=confirm_discard title="Discard unsent addresses?" keep="Keep editing" confirm="Discard"
            on_confirm=move |_| {
                confirm_discard.set(false);
                chips.set(ChipList::default());
                typed.set(String::new());
                results.set(vec![]);
                open.set(false);
            }>
            <p>"The addresses in the field have not been invited yet."</p>
        </ConfirmDialog>
    }
}
