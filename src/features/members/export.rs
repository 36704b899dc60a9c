//! "Export CSV" for owners and admins: the members in view (the search and filters as they
//! are, every page, in the table's order) and the pending invitations, built in the browser
//! from what the page has, or, for an organization searched on the server, from the same
//! queries page by page.

use leptos::prelude::*;
use org_contract::{Action as Permission, Invitation};

use futures::future::LocalBoxFuture;

use crate::api::{use_api, Api, ApiError};
use crate::lazy_code::{call_split, ChunkFailed};
use crate::model::csv_export::{file_name, invitations_csv, members_csv};
use crate::model::members_table::{matching_rows, MemberRow, TableState};
use crate::state::org::{use_current_org, CurrentOrg};
use crate::state::session::use_session;
use crate::ui::download::save_text;

const CSV: &str = "text/csv;charset=utf-8";
/// Members per request when an export pages through the server.
const EXPORT_PAGE: usize = 1000;

/// Every member of `view` (all its pages) from the server, in its order.
pub(super) async fn members_from_server(
    api: Api,
    org: &str,
    view: &TableState,
    me: &str,
) -> Result<Vec<MemberRow>, ApiError> {
    let mut rows = Vec::new();
    let mut page = 0;
    loop {
        let list = api
            .members_query(org, &view.server_query_for(page, EXPORT_PAGE), None)
            .await?;
        rows.extend(list.members.iter().map(|m| MemberRow::from_member(m, me)));
        page += 1;
        if list.members.is_empty() || page >= list.meta.last_page as usize {
            return Ok(rows);
        }
    }
}

/// Today as YYYY-MM-DD (UTC), for the file name.
fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.get(..10).unwrap_or("today").to_owned()
}

/// Saves `csv` as the organization's `what` file of today.
fn save_csv(organization: Option<String>, what: &str, csv: &str) -> Result<(), String> {
    save_text(
        &file_name(&organization.unwrap_or_default(), what, &today()),
        CSV,
        csv,
    )
}

/// The organization's name, for the file name.
fn organization_name(current: CurrentOrg) -> Option<String> {
    current
        .entry
        .with_untracked(|e| e.as_ref().map(|e| e.org.name.clone()))
}

/// The button, its busy state and its one failure message, beside it; only for those the
/// permission table lets export.
#[component]
fn ExportButton(export: Action<(), Result<(), String>>) -> impl IntoView {
    let current = use_current_org();
    let failed = move || export.value().get().and_then(Result::err);
    move || {
        current.can(Permission::ExportMembers).then(|| view! {
            <span class="export">
                <button type="button" class="button" aria-busy=move || export.pending().get().to_string()
                    on:click=move |_| { if !export.pending().get_untracked() { export.dispatch(()); } }>
                    {move || if export.pending().get() { "Preparing…" } else { "Export CSV" }}
                </button>
                <span class="field-error" role="alert">{failed}</span>
            </span>
        })
    }
}

/// "Export CSV" of the members the table's view matches.
#[component]
pub(super) fn ExportMembers(
    state: Memo<TableState>,
    whole: Memo<Option<Result<Vec<MemberRow>, ApiError>>>,
) -> impl IntoView {
    let (api, current, session) = (use_api(), use_current_org(), use_session());
    let export = Action::new_local(move |_: &()| {
        // Everything read at the click: the code may arrive after the page has gone (its
        // signals with it), and the file is of the view the user saw.
        let view = state.get_untracked();
        let org = current.id.get_untracked();
        let name = organization_name(current);
        let me = session.user_id();
        let loaded = whole.with_untracked(|w| match w {
            Some(Ok(rows)) => Some(matching_rows(rows, &view).into_iter().cloned().collect()),
            _ => None,
        });
        async move {
            let work = call_split!(members_export(api, org, view, name, loaded, me));
            work.map_err(|_| NO_CODE.to_owned())?.await
        }
    });
    view! { <ExportButton export /> }
}

/// Said beside the button when the export's code did not download.
const NO_CODE: &str = "The export could not start: check your connection, then reload the page.";

/// The export's work: its code (the CSV writer, the paging through the server) is fetched
/// on the first export, not with the page. `loaded`: the rows in view, when the browser
/// has the whole list; otherwise they are read from the server.
#[cfg_attr(split, leptos::wasm_split::wasm_split(
    export, wasm_split_path = ::leptos::wasm_split, fallible
))]
fn members_export(
    api: Api,
    org: String,
    view: TableState,
    name: Option<String>,
    loaded: Option<Vec<MemberRow>>,
    me: String,
) -> Result<LocalBoxFuture<'static, Result<(), String>>, ChunkFailed> {
    Ok(Box::pin(async move {
        let csv = match loaded {
            Some(rows) => members_csv(&rows),
            None => members_csv(
                &members_from_server(api, &org, &view, &me)
                    .await
                    .map_err(|e| e.to_string())?,
            ),
        };
        save_csv(name, "members", &csv)
    }))
}

/// "Export CSV" of the pending invitations, in the order the list shows them.
#[component]
pub(super) fn ExportInvitations(items: Memo<Vec<Invitation>>) -> impl IntoView {
    let current = use_current_org();
    let export = Action::new_local(move |_: &()| {
        let csv = items.with_untracked(|list| invitations_csv(list));
        let name = organization_name(current);
        async move { save_csv(name, "invitations", &csv) }
    });
    view! { <ExportButton export /> }
}
