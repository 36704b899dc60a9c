//! "+ Invite New Member": one field for many addresses (as chips), a role, projects for
//! collaborators, an optional message; one request per address, a few at a time, and a
//! result for every address.

use leptos::ev::{ClipboardEvent, KeyboardEvent};
use leptos::prelude::*;
use org_contract::invitation_rules::MAX_INVITATION_MESSAGE;
use org_contract::{allows, Action as Permission, CreateInvitation, Role};

use super::invite_checks::{check_invitation, form_message, known, rules_context};
use crate::api::use_api;
use crate::features::members::manage::ProjectChoices;
use crate::features::members::page::MembersData;
use crate::model::invite_chips::{ChipKind, ChipList, Outcome};
use crate::state::org::use_current_org;
use crate::ui::confirm_dialog::ConfirmDialog;
use crate::ui::dialog::Dialog;
use crate::ui::role_choices::RoleChoices;
use crate::ui::status::use_notice;

/// How many invitations are sent at the same time.
const IN_FLIGHT: usize = 4;

#[component]
pub fn InviteButton() -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <button type="button" class="button primary" on:click=move |_| open.set(true)>"+ Invite New Member"</button>
        <InviteModal open />
    }
}

#[component]
fn InviteModal(open: RwSignal<bool>) -> impl IntoView {
    let api = use_api();
    let data = expect_context::<MembersData>();
    let current = use_current_org();
    let notice = use_notice();
    let chips = RwSignal::new(ChipList::default());
    let typed = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Collaborator.as_str().to_owned());
    let projects = RwSignal::new(Vec::<String>::new());
    let message = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let results = RwSignal::new(Vec::<(String, Outcome)>::new());
    let progress = RwSignal::new((0usize, 0usize));
    let confirm_discard = RwSignal::new(false);
    let known_now = move || known(&data);
    let actor = current.role().unwrap_or(Role::Other("unknown".into()));
    let offered: Vec<Role> = [
        Role::Admin,
        Role::Collaborator,
        Role::LimitedCollaborator,
        Role::Billing,
        Role::Owner,
    ]
    .into_iter()
    .filter(|r| allows(&actor, Permission::Invite(r)))
    .collect();
    let scoped = Memo::new(move |_| Role::parse(&role.get()).is_project_scoped());

    let send = Action::new_local(move |batch: &Vec<CreateInvitation>| {
        let (api, batch, org) = (api, batch.clone(), current.id.get_untracked());
        async move {
            let mut outcomes = Vec::new();
            progress.set((0, batch.len()));
            for chunk in batch.chunks(IN_FLIGHT) {
                let replies =
                    futures::future::join_all(chunk.iter().map(|b| api.invite(&org, b))).await;
                for (body, reply) in chunk.iter().zip(replies) {
                    let outcome = match reply {
                        Ok(_) => Outcome::Invited,
                        Err(e) => Outcome::from_error(&e),
                    };
                    outcomes.push((body.invitee.clone(), outcome));
                }
                progress.update(|p| p.0 = outcomes.len());
            }
            let invited: Vec<String> = outcomes
                .iter()
                .filter(|(_, o)| *o == Outcome::Invited)
                .map(|(a, _)| a.clone())
                .collect();
            // Successful addresses leave the field; failed ones stay for a retry.
            chips.update(|c| c.remove_addresses(&invited));
            if !invited.is_empty() {
                data.invitations.refetch();
                let n = invited.len();
                notice.say(if n == 1 {
                    format!("Invited {}.", invited[0])
                } else {
                    format!("Invited {n} people.")
                });
            }
            results.set(outcomes);
        }
    });

    let commit_typed = move || {
        let text = typed.get_untracked();
        if !text.trim().is_empty() {
            let k = known_now();
            chips.update(|c| {
                c.add(&text, &k);
            });
        }
        typed.set(String::new());
    };
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let k = known_now();
        let mut rest = value.clone();
        chips.update(|c| rest = c.take_typed(&value, &k));
        typed.set(rest);
    };
    let on_paste = move |ev: ClipboardEvent| {
        let text = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text").ok())
            .unwrap_or_default();
        ev.prevent_default();
        let k = known_now();
        let combined = format!("{} {text}", typed.get_untracked());
        chips.update(|c| {
            c.add(&combined, &k);
        });
        typed.set(String::new());
    };
    let on_key = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            ev.prevent_default();
            commit_typed();
        }
        "Backspace" if typed.with_untracked(String::is_empty) => {
            chips.update(|c| {
                c.remove_last();
            });
        }
        _ => {}
    };
    let submit = move |ev: leptos::web_sys::SubmitEvent| {
        ev.prevent_default();
        commit_typed();
        results.set(vec![]);
        let list = chips.get_untracked();
        let r = Role::parse(&role.get_untracked());
        let chosen = if r.is_project_scoped() {
            projects.get_untracked()
        } else {
            vec![]
        };
        let text = message.get_untracked();
        let message = Some(text.trim().to_owned()).filter(|m| !m.is_empty());
        let batch: Vec<CreateInvitation> = list
            .ready()
            .into_iter()
            .map(|invitee| CreateInvitation {
                invitee,
                roles: vec![r.clone()],
                projects_ids: chosen.clone(),
                message: message.clone(),
            })
            .collect();
        let problem = if list.chips.is_empty() {
            Some("Enter at least one email address.".to_owned())
        } else if batch.is_empty() {
            Some("None of these addresses can be invited; see the marked ones.".to_owned())
        } else if let Some(m) = list.over_limit() {
            Some(m)
        } else {
            // The contract's own rules, as the server will apply them to each address.
            let actor = current.role().unwrap_or(Role::Other("unknown".into()));
            batch
                .iter()
                .find_map(|b| check_invitation(&actor, b, &rules_context(&data, b)).err())
                .map(|p| form_message(&p))
        };
        error.set(problem.clone());
        if problem.is_none() {
            send.dispatch_local(batch);
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
                <div class="field">
                    <label for="invite-addresses">"Email addresses"</label>
                    <p id="invite-addresses-hint" class="hint">"Separate addresses with commas, spaces or new lines, or paste a list from your mail program."</p>
                    <div class="chip-field">
                        <ul class="chips" aria-label="Addresses to invite">
                            {move || chips.get().chips.into_iter().enumerate().map(|(i, chip)| {
                                let (problem, note) = (chip.problem(), chip.note());
                                let bad = matches!(chip.kind, ChipKind::Invalid(_));
                                let flagged = problem.is_some() && !bad;
                                let label = format!("Remove {}", chip.text);
                                view! {
                                    <li class="chip" class:invalid=bad class:flagged=flagged>
                                        <span>{chip.text.clone()}</span>
                                        {note.map(|n| view! { <span class="chip-problem" title=problem.clone()>{n}</span> })}
                                        <button type="button" class="chip-remove" aria-label=label on:click=move |_| chips.update(|c| c.remove(i))>"×"</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <input id="invite-addresses" type="text" autocomplete="off" aria-describedby="invite-addresses-hint"
                            prop:value=move || typed.get() on:input=on_input on:paste=on_paste on:keydown=on_key on:blur=move |_| commit_typed() />
                    </div>
                </div>
                <RoleChoices offered=offered.clone() chosen=role name="invite-role" />
                <Show when=move || scoped.get()>
                    <ProjectChoices chosen=projects />
                </Show>
                <div class="field">
                    <label for="invite-message">"Message (optional)"</label>
                    <textarea id="invite-message" rows="3" maxlength=MAX_INVITATION_MESSAGE.to_string() bind:value=message></textarea>
                </div>
                <p class="field-error" role="alert">{move || error.get()}</p>
                <div role="status" aria-live="polite" class="invite-progress">
                    {move || send.pending().get().then(|| {
                        let (done, all) = progress.get();
                        view! { <progress max=all.to_string() value=done.to_string()></progress> <span>{format!("Sending {done} of {all}…")}</span> }
                    })}
                </div>
                {move || (!results.with(Vec::is_empty)).then(|| view! {
                    <div class="invite-results">
                        <h3>"Results"</h3>
                        <ul>
                            {results.get().into_iter().map(|(address, outcome)| {
                                let ok = outcome == Outcome::Invited;
                                view! { <li class:ok=ok class:failed=!ok><strong>{address}</strong>": "{outcome.text()}</li> }
                            }).collect_view()}
                        </ul>
                    </div>
                })}
                <div class="form-actions">
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
