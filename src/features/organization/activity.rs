//! The Activity page (owners and admins): the organization's log as sentences, newest
//! first, filtered by action and by person, a page at a time; and a member's latest events
//! for their Manage dialog.

use leptos::prelude::*;
use org_contract::{Action as Permission, Event, EventAction, EventActor, EventList};

use crate::api::{use_api, ApiError};
use crate::features::organization::layout::RoleGate;
use crate::model::activity::{sentence, ActivityQuery};
use crate::model::format;
use crate::state::fetched::Fetched;
use crate::state::org::use_current_org;
use crate::ui::status::{LoadError, LoadingRows};

#[component]
pub fn ActivityPage() -> impl IntoView {
    view! {
        <RoleGate action=Permission::ViewActivity page="Activity">
            <ActivityLog />
        </RoleGate>
    }
}

/// A server without the log answers 404: said plainly, not as a failure to retry.
fn without_log(e: &ApiError) -> bool {
    e.status() == Some(404)
}

#[component]
fn ActivityLog() -> impl IntoView {
    let (api, current) = (use_api(), use_current_org());
    let query = RwSignal::new(ActivityQuery {
        page: 1,
        ..ActivityQuery::default()
    });
    let log = current.resource(api, move |api, org| {
        let q = query.get().to_query();
        async move { api.events(&org, &q).await }
    });
    let people = current.resource(api, |api, org| async move {
        let list = api.events(&org, "per_page=1&include=actors").await?;
        Ok(list.actors.unwrap_or_default())
    });
    view! {
        <section class="page">
            <div class="page-header">
                <div>
                    <h1>"Activity"</h1>
                    <p class="lead">"Every change to this organization's members, invitations and settings, newest first."</p>
                </div>
            </div>
            <ActivityFilters query people />
            <Transition fallback=|| view! { <LoadingRows /> }>
                {move || Suspend::new(async move {
                    match log.await {
                        Err(e) if without_log(&e) => view! { <p class="empty">"This server keeps no activity log."</p> }.into_any(),
                        Err(e) => view! { <LoadError error=e retry=move |_| log.refetch() /> }.into_any(),
                        Ok(list) if list.events.is_empty() => view! { <p class="empty">"No activity matches."</p> }.into_any(),
                        Ok(list) => view! { <EventPage list query /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ActivityFilters(
    query: RwSignal<ActivityQuery>,
    people: Fetched<Result<Vec<EventActor>, ApiError>>,
) -> impl IntoView {
    let on_action = move |ev| {
        let action = EventAction::parse(&event_target_value(&ev));
        query.update(|q| {
            q.action = action;
            q.page = 1;
        });
    };
    let on_person = move |ev| {
        let actor = Some(event_target_value(&ev)).filter(|v| !v.is_empty());
        query.update(|q| {
            q.actor = actor;
            q.page = 1;
        });
    };
    let choices = move || {
        people
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|p| {
                let label = format!("{} ({})", p.shown(), p.email);
                view! { <option value=p.id>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="table-controls" role="search">
            <div class="field">
                <label for="activity-action">"Action"</label>
                <select id="activity-action" on:change=on_action>
                    <option value="">"All actions"</option>
                    {EventAction::ALL.into_iter().map(|a| view! { <option value=a.as_str()>{a.label()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="activity-person">"Person"</label>
                <select id="activity-person" on:change=on_person>
                    <option value="">"Everyone"</option>
                    {choices}
                </select>
            </div>
        </div>
    }
}

#[component]
fn EventPage(list: EventList, query: RwSignal<ActivityQuery>) -> impl IntoView {
    let (page, last) = (list.meta.current_page, list.meta.last_page);
    // Named: a `>=` inside the view macro's attributes would end the tag.
    let (at_first, at_last) = (page <= 1, page >= last);
    let go = move |to: u32| query.update(|q| q.page = to);
    view! {
        <ol class="event-list" aria-label="Activity">
            {list.events.into_iter().map(|e| view! { <EventItem event=e /> }).collect_view()}
        </ol>
        {(last > 1).then(|| view! {
            <nav class="pager" aria-label="Activity pages">
                <button type="button" class="button small" disabled=at_first on:click=move |_| go(page - 1)>"Previous"</button>
                <span>{format!("Page {page} of {last}")}</span>
                <button type="button" class="button small" disabled=at_last on:click=move |_| go(page + 1)>"Next"</button>
            </nav>
        })}
    }
}

/// One event: its sentence and when, relative, with the exact time on hover and on focus.
#[component]
pub fn EventItem(event: Event) -> impl IntoView {
    let exact = format::date_time(&event.created_at);
    let ago = format::relative(&event.created_at, format::now());
    view! {
        <li class="event">
            <span class="event-text">{sentence(&event)}</span>
            <time class="event-time" datetime=event.created_at title=exact.clone() data-exact=exact tabindex="0">{ago}</time>
        </li>
    }
}

/// A member's latest events, in their Manage dialog (owners and admins; nothing on a
/// server without the log).
#[component]
pub fn MemberHistory(member_id: String) -> impl IntoView {
    let (api, current) = (use_api(), use_current_org());
    let history = current.resource(api, move |api, org| {
        let member = member_id.clone();
        async move { api.member_events(&org, &member).await }
    });
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match history.await {
                    Err(e) if without_log(&e) => ().into_any(),
                    Err(e) => view! { <p class="field-error">{e.to_string()}</p> }.into_any(),
                    Ok(events) => view! {
                        <section class="member-history" aria-label="Recent activity">
                            <h3>"Recent activity"</h3>
                            {if events.is_empty() {
                                view! { <p class="hint">"No recorded changes yet."</p> }.into_any()
                            } else {
                                view! { <ol class="event-list compact">{events.into_iter().map(|e| view! { <EventItem event=e /> }).collect_view()}</ol> }.into_any()
                            }}
                        </section>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}
