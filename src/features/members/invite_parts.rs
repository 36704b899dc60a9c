//! The Invite New Member modal's parts: the address field with its chips, sending (one
//! request per address, a few at a time) with progress, and the result for each address.

use leptos::ev::{ClipboardEvent, KeyboardEvent};
use leptos::prelude::*;
use org_contract::{CreateInvitation, Role};

use super::invite_checks::{first_problem, form_message, known};
use super::page::MembersData;
use crate::api::use_api;
use crate::model::invite_chips::{ChipKind, ChipList, Known, Outcome};
use crate::state::effect::effect;
use crate::state::org::{use_current_org, CurrentOrg};
use crate::ui::status::use_notice;

/// How many invitations are sent at the same time.
const IN_FLIGHT: usize = 4;

/// What the form says besides the addresses.
pub(super) struct InviteForm {
    pub role: Role,
    pub projects: Vec<String>,
    pub message: String,
}

/// Turns whatever is typed but not yet a chip into chips.
pub(super) fn commit_typed(chips: RwSignal<ChipList>, typed: RwSignal<String>, known: &Known) {
    let text = typed.get_untracked();
    if !text.trim().is_empty() {
        chips.update(|c| {
            c.add(&text, known);
        });
    }
    typed.set(String::new());
}

/// One request per address ready to send, or what is wrong with the form (the contract's
/// invitation rules, as the server will apply them to each address).
pub(super) fn batch_or_problem(
    list: &ChipList,
    form: &InviteForm,
    data: &MembersData,
    current: &CurrentOrg,
) -> Result<Vec<CreateInvitation>, String> {
    let projects = if form.role.is_project_scoped() {
        form.projects.clone()
    } else {
        vec![]
    };
    let message = Some(form.message.trim().to_owned()).filter(|m| !m.is_empty());
    let batch: Vec<CreateInvitation> = list
        .ready()
        .into_iter()
        .map(|invitee| CreateInvitation {
            invitee,
            roles: vec![form.role.clone()],
            projects_ids: projects.clone(),
            message: message.clone(),
        })
        .collect();
    if list.chips.is_empty() {
        return Err("Enter at least one email address.".to_owned());
    }
    if batch.is_empty() {
        return Err("None of these addresses can be invited; see the marked ones.".to_owned());
    }
    if let Some(m) = list.over_limit() {
        return Err(m);
    }
    let actor = current.acting_role();
    match first_problem(&actor, &batch, data) {
        Some(problem) => Err(form_message(&problem)),
        None => Ok(batch),
    }
}

/// Sends a batch, `IN_FLIGHT` at a time; then the sent addresses leave the field (failed
/// ones stay for a retry), the pending list reloads and each address gets its result.
pub(super) fn send_action(
    chips: RwSignal<ChipList>,
    results: RwSignal<Vec<(String, Outcome)>>,
    progress: RwSignal<(usize, usize)>,
) -> Action<Vec<CreateInvitation>, ()> {
    let api = use_api();
    let data = expect_context::<MembersData>();
    let current = use_current_org();
    let notice = use_notice();
    Action::new_local(move |batch: &Vec<CreateInvitation>| {
        let (batch, org) = (batch.clone(), current.id.get_untracked());
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
            chips.update(|c| c.remove_addresses(&invited));
            if !invited.is_empty() {
                data.refresh_invitations();
                notice.say(match invited.as_slice() {
                    [one] => format!("Invited {one}."),
                    many => format!("Invited {} people.", many.len()),
                });
            }
            results.set(outcomes);
        }
    })
}

/// The addresses: typed or pasted text becomes a chip per address, each marked with what
/// is wrong with it (invalid, already a member, already invited).
#[component]
pub(super) fn AddressField(chips: RwSignal<ChipList>, typed: RwSignal<String>) -> impl IntoView {
    let data = expect_context::<MembersData>();
    // The lists the checks read can arrive after the first addresses (the pending
    // invitations load when the modal first opens): their chips are marked then.
    let invitations = super::pending::invitations(&data);
    effect(move |_| {
        data.rows.track();
        invitations.track();
        let known = known(&data);
        chips.maybe_update(|c| c.recheck(&known));
    });
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let mut rest = value.clone();
        let k = known(&data);
        chips.update(|c| rest = c.take_typed(&value, &k));
        typed.set(rest);
    };
    let on_paste = move |ev: ClipboardEvent| {
        let text = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text").ok())
            .unwrap_or_default();
        ev.prevent_default();
        typed.update(|t| *t = format!("{t} {text}"));
        commit_typed(chips, typed, &known(&data));
    };
    let on_key = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            ev.prevent_default();
            commit_typed(chips, typed, &known(&data));
        }
        "Backspace" if typed.with_untracked(String::is_empty) => {
            chips.update(|c| {
                c.remove_last();
            });
        }
        _ => {}
    };
    view! {
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
                    prop:value=move || typed.get() on:input=on_input on:paste=on_paste on:keydown=on_key
                    on:blur=move |_| commit_typed(chips, typed, &known(&data)) />
            </div>
        </div>
    }
}

/// "2 addresses will be skipped: 1 not valid, 1 already a member." with a button that
/// removes them, so what will be sent is plain before sending.
#[component]
pub(super) fn SkippedSummary(chips: RwSignal<ChipList>) -> impl IntoView {
    move || {
        chips.with(ChipList::skipped_summary).map(|summary| view! {
            <p class="skip-summary">
                <span>{summary}</span>
                <button type="button" class="link-button" on:click=move |_| chips.update(ChipList::remove_skipped)>
                    "Remove them"
                </button>
            </p>
        })
    }
}

/// "Sending 3 of 12…" while a batch goes out.
#[component]
pub(super) fn SendProgress(
    #[prop(into)] sending: Signal<bool>,
    progress: RwSignal<(usize, usize)>,
) -> impl IntoView {
    view! {
        <div role="status" aria-live="polite" class="invite-progress">
            {move || sending.get().then(|| {
                let (done, all) = progress.get();
                view! { <progress max=all.to_string() value=done.to_string()></progress> <span>{format!("Sending {done} of {all}…")}</span> }
            })}
        </div>
    }
}

/// The result for each address of the last batch.
#[component]
pub(super) fn SendResults(results: RwSignal<Vec<(String, Outcome)>>) -> impl IntoView {
    move || {
        (!results.with(Vec::is_empty)).then(|| view! {
            <div class="invite-results">
                <h3>"Results"</h3>
                <ul>
                    {results.get().into_iter().map(|(address, outcome)| {
                        let ok = outcome == Outcome::Invited;
                        view! { <li class:ok=ok class:failed=!ok><strong>{address}</strong>": "{outcome.text()}</li> }
                    }).collect_view()}
                </ul>
            </div>
        })
    }
}
