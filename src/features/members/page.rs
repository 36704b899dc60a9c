use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use org_contract::{Action as Permission, Invitation, Project, Role};

use super::source::MemberSource;
use super::table::MemberTable;
use crate::api::{use_api, ApiError};
use crate::features::members::pending::pending_invitations;
use crate::model::members_table::MemberRow;
use crate::state::deferred::{use_deferred, Sending};
use crate::state::effect::effect;
use crate::state::fetched::Fetched;
use crate::state::on_demand::OnDemand;
use crate::state::org::use_current_org;
use crate::state::session::use_session;

/// Everything the member table's parts share.
#[derive(Clone, Copy)]
pub struct MembersData {
    /// Where the rows come from: the whole list, or the server's pages of a large one.
    pub source: MemberSource,
    /// The organization's projects, for choosing a collaborator's (managers only): made and
    /// fetched by the first dialog that offers them (`manage::org_projects`).
    pub projects: OnDemand<Result<Vec<Project>, ApiError>>,
    /// How many invitations wait for an answer (owners and admins only; 0 for others).
    pub invitation_count: Fetched<Result<usize, ApiError>>,
    /// The pending invitations themselves, loaded by the first part that shows them
    /// (`pending::invitations`: the Invitations tab, the invite dialog's checks).
    pub invitations: OnDemand<Result<Vec<Invitation>, ApiError>>,
    /// Every member, once an organization small enough to search in the browser has
    /// arrived whole; `None` before, and for a larger one.
    pub rows: Memo<Option<Result<Vec<MemberRow>, ApiError>>>,
    /// How many owners there are, once known (the last-owner rules need it).
    pub owners: Memo<Option<usize>>,
    /// How many members there are, once the first page has said.
    pub total: Memo<Option<usize>>,
}

impl MembersData {
    /// After invitations were sent or revoked: their count, and the list if it was loaded.
    pub fn refresh_invitations(&self) {
        self.invitation_count.refetch();
        self.invitations.refetch();
    }
}

#[component]
pub fn MembersPage() -> impl IntoView {
    let api = use_api();
    let current = use_current_org();
    let session = use_session();
    let source = MemberSource::new(api, current);
    let manager = Memo::new(move |_| current.can(Permission::ManageMember(&Role::Billing)));
    // The same permission as the list's (`pending::invitations`): the count is that list's.
    let invitation_count = current.resource(api, move |api, org| {
        let allowed = untrack(|| current.can(Permission::ViewInvitations));
        async move {
            if allowed {
                api.invitation_count(&org).await
            } else {
                Ok(0)
            }
        }
    });
    let rows = Memo::new(move |_| source.whole_rows(&session.user_id()));
    let owners = Memo::new(move |_| {
        rows.with(|r| {
            r.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|r| r.iter().filter(|m| m.role == Role::Owner).count())
        })
        .or_else(|| source.owners_counted.get().flatten())
    });
    let total = Memo::new(move |_| {
        rows.with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).map(Vec::len))
            .or_else(|| source.total())
    });
    let data = MembersData {
        source,
        projects: OnDemand::unmade(),
        invitation_count,
        invitations: OnDemand::unmade(),
        rows,
        owners,
        total,
    };
    provide_context(data);
    provide_context(super::bulk::Bulk::new());
    // Held removals and revokes: the lists reload once the server has carried them out,
    // and leaving the page sends whatever is still held.
    let deferred = use_deferred();
    effect(move |before: Option<u64>| {
        let now = deferred.settled.get();
        if before.is_some_and(|b| b != now) {
            source.refetch();
            data.refresh_invitations();
        }
        now
    });
    on_cleanup(move || deferred.send_all(Sending::Now));
    let can_invite = Memo::new(move |_| current.can(Permission::ViewInvitations));
    view! {
        <section class="page">
            <div class="page-header">
                <div>
                    <h1>"Organization Members"</h1>
                    <p class="lead">{move || members_lead(manager.get())}</p>
                </div>
                {move || can_invite.get().then(|| view! { <crate::features::members::invite::InviteButton /> })}
            </div>
            {move || if can_invite.get() { view! { <MembersTabs /> }.into_any() } else { view! { <MemberTable /> }.into_any() }}
        </section>
    }
}

/// "Members 12 | Invitations 4" for those who manage invitations; the tab is in the URL
/// (`?tab=invitations`) so a link and Back keep it.
#[component]
fn MembersTabs() -> impl IntoView {
    let data = expect_context::<MembersData>();
    let url = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let invitations_open =
        Memo::new(move |_| url.with(|q| q.get("tab").as_deref() == Some("invitations")));
    // Switching keeps the members table's view (search, filter, sort, page) in the URL;
    // arrows replace the history entry, a click adds one; the open tab is left alone.
    let show = move |invitations: bool, replace: bool| {
        if invitations_open.get_untracked() == invitations {
            return;
        }
        let mut query = url.get_untracked();
        query.remove("tab");
        if invitations {
            query.insert("tab", "invitations".to_owned());
        }
        let path = location.pathname.get_untracked();
        navigate(
            &format!("{path}{}", query.to_query_string()),
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
        focus_by_id(if invitations {
            "tab-invitations"
        } else {
            "tab-members"
        });
    };
    let show = StoredValue::new(show);
    // Arrows move between the two tabs, as in every tab list (Alt+arrows stay the browser's).
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        if matches!(
            ev.key().as_str(),
            "ArrowLeft" | "ArrowRight" | "Home" | "End"
        ) {
            ev.prevent_default();
            let to_invitations = match ev.key().as_str() {
                "Home" => false,
                "End" => true,
                _ => !invitations_open.get_untracked(),
            };
            show.with_value(|s| s(to_invitations, true));
        }
    };
    let count = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    let members = Signal::derive(move || count(data.total.get()));
    let invitations =
        Signal::derive(move || count(data.invitation_count.get().and_then(Result::ok)));
    let on_members = Signal::derive(move || !invitations_open.get());
    let on_invitations = Signal::derive(move || invitations_open.get());
    view! {
        <div class="page-tabs" role="tablist" aria-label="Members and invitations" on:keydown=on_keydown>
            <TabButton id="tab-members" panel="panel-members" label="Members " count=members selected=on_members
                on_select=Callback::new(move |_| show.with_value(|s| s(false, false))) />
            <TabButton id="tab-invitations" panel="panel-invitations" label="Invitations " count=invitations
                selected=on_invitations on_select=Callback::new(move |_| show.with_value(|s| s(true, false))) />
        </div>
        {move || if invitations_open.get() {
            view! { <div role="tabpanel" id="panel-invitations" aria-labelledby="tab-invitations">{pending_invitations()}</div> }.into_any()
        } else {
            view! { <div role="tabpanel" id="panel-members" aria-labelledby="tab-members"><MemberTable /></div> }.into_any()
        }}
    }
}

/// One tab: selected or not, reachable by Tab only when selected (arrows move between).
#[component]
fn TabButton(
    id: &'static str,
    panel: &'static str,
    label: &'static str,
    count: Signal<String>,
    selected: Signal<bool>,
    on_select: Callback<()>,
) -> impl IntoView {
    view! {
        <button type="button" role="tab" id=id aria-controls=panel
            aria-selected=move || selected.get().to_string() tabindex=move || if selected.get() { "0" } else { "-1" }
            on:click=move |_| on_select.run(())>
            {label} <span class="badge">{count}</span>
        </button>
    }
}

/// A dialog a link opens (`?manage={member}`, `?invite=1`, from the command palette):
/// whenever the URL has `key`, `open` is given its value; once `open` says it opened (it
/// may wait for what it reads, the page's rows say), the parameter is taken out, replacing
/// the history entry, so a reload or Back does not open it again.
pub fn open_from_link(key: &'static str, open: impl Fn(&str) -> bool + 'static) {
    let (url, location, navigate) = (use_query_map(), use_location(), use_navigate());
    effect(move |_| {
        let Some(value) = url.with(|q| q.get(key)) else {
            return;
        };
        if !open(&value) {
            return;
        }
        let mut query = url.get_untracked();
        query.remove(key);
        let path = location.pathname.get_untracked();
        navigate(
            &format!("{path}{}", query.to_query_string()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
}

fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// What the page is for, as the reader's role may use it.
fn members_lead(can_manage: bool) -> &'static str {
    if can_manage {
        "Invite people, change their roles and projects, or remove them from the organization."
    } else {
        "The people in this organization and their roles. Owners and admins manage who is in it."
    }
}

#[cfg(test)]
mod tests {
    use super::members_lead;

    #[test]
    fn the_lead_says_what_the_reader_can_do() {
        assert!(members_lead(true).starts_with("Invite people"));
        assert!(members_lead(false).contains("Owners and admins manage"));
    }
}
