use crate::lazy_code::lazy_dialog;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use org_contract::Role;

use crate::api::use_api;
use crate::features::members::page::MembersData;
use crate::state::org::{use_current_org, use_directory};
use crate::state::preferences;
use crate::ui::dialog::Dialog;
use crate::ui::menu::{Menu, MenuItem};
use crate::ui::status::use_notice;

/// The "⋯" menu on the user's own row. "Leave organization" is offered to everyone but
/// the last owner, who is shown why instead.
#[component]
pub fn OwnRowMenu() -> impl IntoView {
    let current = use_current_org();
    let data = expect_context::<MembersData>();
    let open = RwSignal::new(false);
    let last_owner =
        move || current.role() == Some(Role::Owner) && data.owners.get().is_some_and(|n| n <= 1);
    view! {
        <Menu label="More actions for you">
            {move || if last_owner() {
                view! {
                    <MenuItem disabled=true on_select=|_| () label="Leave organization"
                        note="You are the last owner of this organization, so you cannot leave it. Make another member an owner first.">
                        "Leave organization"
                    </MenuItem>
                }.into_any()
            } else {
                view! { <MenuItem danger=true on_select=move |_| open.set(true)>"Leave organization"</MenuItem> }.into_any()
            }}
        </Menu>
        {leave_dialog(open)}
    }
}

lazy_dialog! {
    fn leave_dialog(open) in leave => view! { <LeaveDialog open /> }
}

/// Confirms, leaves, and lands in another organization. Should the user have become the
/// last owner since opening it, it says why they cannot leave.
#[component]
fn LeaveDialog(open: RwSignal<bool>) -> impl IntoView {
    let api = use_api();
    let current = use_current_org();
    let directory = use_directory();
    let data = expect_context::<MembersData>();
    let notice = use_notice();
    let navigate = use_navigate();
    let error = RwSignal::new(None::<String>);
    let org_name = move || {
        current
            .entry
            .with(|e| e.as_ref().map(|e| e.org.name.clone()).unwrap_or_default())
    };
    let last_owner =
        move || current.role() == Some(Role::Owner) && data.owners.get().is_some_and(|n| n <= 1);
    let leave = Action::new_local(move |_: &()| {
        let api = api;
        let (org, member) = (
            current.id.get_untracked(),
            current
                .entry
                .with_untracked(|e| e.as_ref().and_then(|e| e.member_id.clone())),
        );
        let navigate = navigate.clone();
        async move {
            let left = match member {
                Some(m) => api.remove_member(&org, &m).await,
                None => Err(crate::api::ApiError::Unreadable(
                    "your membership is not known".into(),
                )),
            };
            match left {
                Ok(()) => {
                    open.set(false);
                    notice.say(format!("You left {}.", org_name()));
                    preferences::forget();
                    directory.refresh();
                    navigate("/", Default::default());
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    });
    view! {
        <Dialog open title=Signal::derive(move || format!("Leave {}?", org_name()))>
            {move || if last_owner() {
                view! {
                    <p>"You are the last owner of this organization, so you cannot leave it."</p>
                    <p>"Make another member an owner first, or delete the organization under General."</p>
                    <div class="form-actions">
                        <button type="button" class="button" on:click=move |_| open.set(false)>"Close"</button>
                    </div>
                }.into_any()
            } else {
                view! {
                    <p>"You will lose access to this organization and its projects until someone invites you again."</p>
                    <p class="field-error" role="alert">{move || error.get()}</p>
                    <div class="form-actions">
                        <button type="button" class="button" on:click=move |_| open.set(false)>"Stay"</button>
                        <button type="button" class="button danger" disabled=move || leave.pending().get()
                            on:click=move |_| { leave.dispatch_local(()); }>"Leave organization"</button>
                    </div>
                }.into_any()
            }}
        </Dialog>
    }
}
