use leptos::prelude::*;
use leptos::web_sys::SubmitEvent;
use org_contract::validation::{check_first_name, check_last_name};
use org_contract::UpdateUser;

use crate::api::use_api;
use crate::features::account::{AccountMenu, LogoutButton, UnverifiedBanner};
use crate::features::invitations::InvitationCard;
use crate::features::personal::security::{PasswordForm, SignOutEverywhere};
use crate::lazy_code::replaced_on_change;
use crate::model::form_errors::FormErrors;
use crate::model::format;
use crate::model::routes::{personal_page, PersonalPage, Route};
use crate::state::fetched::Fetched;
use crate::state::org::use_directory;
use crate::state::preferences;
use crate::state::session::use_session;
use crate::ui::field::Field;
use crate::ui::frame::{Frame, NavLink};
use crate::ui::status::{use_notice, LoadError, LoadingRows};

/// Every `/personal/{page}` route: stays mounted while the route changes within it.
#[component]
pub fn PersonalLayout(
    route: Memo<Route>,
    /// Draws one of its pages (`app.rs` knows them all, and which are downloaded later).
    page_view: fn(PersonalPage) -> AnyView,
) -> impl IntoView {
    // Keeps its last value while the layout is taken down (see `OrgLayout`).
    let page = Memo::new(move |was: Option<&PersonalPage>| match &*route.read() {
        Route::Personal(Some(page)) => *page,
        _ => was.copied().unwrap_or(PersonalPage::Profile),
    });
    view! {
        <Frame last_org=preferences::last_org() account=|| view! { <crate::features::palette::CommandPalette /><AccountMenu /> } sidebar=|| view! {
            <p class="sidebar-title">"Personal settings"</p>
            <nav aria-label="Personal">
                <ul class="nav-list">
                    <NavLink href=personal_page(PersonalPage::Profile) label="Profile" />
                    <NavLink href=personal_page(PersonalPage::Invitations) label="Invitations" />
                    <LogoutButton />
                </ul>
            </nav>
        }>
            <UnverifiedBanner />
            {replaced_on_change(page, page_view)}
        </Frame>
    }
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    let session = use_session();
    move || match session.user.get() {
        None => view! { <LoadingRows /> }.into_any(),
        Some(user) => view! {
            <section class="page">
                <h1>"Profile"</h1>
                <dl class="details">
                    <dt>"Email"</dt><dd>{user.email.clone()}</dd>
                    <dt>"Time zone"</dt><dd>{user.timezone.clone()}</dd>
                    <dt>"Member since"</dt><dd>{format::date(&user.created_at)}</dd>
                </dl>
                <NameForm first=user.first_name.clone() last=user.last_name.clone() />
                <PasswordForm />
                <SignOutEverywhere />
            </section>
        }
        .into_any(),
    }
}

#[component]
fn NameForm(first: String, last: String) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let notice = use_notice();
    let first = RwSignal::new(first);
    let last = RwSignal::new(last);
    let errors = RwSignal::new(FormErrors::default());
    let save = Action::new_local(move |body: &UpdateUser| {
        let body = body.clone();
        async move {
            match api.update_user(&body).await {
                Ok(user) => {
                    notice.say(format!("Saved your name as {}.", user.full_name));
                    session.user.set(Some(user));
                }
                Err(e) => errors.set(FormErrors::from_messages(
                    &[e.to_string()],
                    &[("first", "First name"), ("last", "Last name")],
                )),
            }
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut e = FormErrors::default();
        let f = e.check("first", check_first_name(&first.get_untracked()));
        let l = e.check("last", check_last_name(&last.get_untracked()));
        let ok = e.is_empty();
        errors.set(e);
        if ok {
            save.dispatch_local(UpdateUser {
                first_name: f,
                last_name: l,
                ..UpdateUser::default()
            });
        }
    };
    let err = move |key: &'static str| Signal::derive(move || errors.with(|e| e.field(key)));
    view! {
        <form class="form card" on:submit=submit novalidate>
            <h2>"Your name"</h2>
            <Field id="first-name" label="First name" value=first error=err("first") required=true />
            <Field id="last-name" label="Last name" value=last error=err("last") required=true />
            <p class="field-error" role="alert">{move || errors.with(|e| e.general.join(" "))}</p>
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || save.pending().get()>"Save name"</button>
            </div>
        </form>
    }
}

#[component]
pub fn MyInvitationsPage() -> impl IntoView {
    let (api, directory) = (use_api(), use_directory());
    let invitations = directory
        .invitations
        .resource_or(move || Fetched::new(move || async move { api.my_invitations().await }));
    view! {
        <section class="page">
            <h1>"Invitations"</h1>
            <p class="lead">"Organizations that have invited you to join them."</p>
            <UnverifiedInvitationsNote />
            <Transition fallback=|| view! { <LoadingRows /> }>
                {move || Suspend::new(async move {
                    match invitations.await {
                        Err(e) => view! { <LoadError error=e retry=move |_| directory.refresh() /> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p class="empty">"No invitations are waiting for you."</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="invitation-list">
                                {list.into_iter().map(|i| view! { <li><InvitationCard invitation=i /></li> }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// Why the list may be empty for an unverified address, and how to see the invitations.
#[component]
fn UnverifiedInvitationsNote() -> impl IntoView {
    let session = use_session();
    move || {
        session
            .user
            .with(|u| u.as_ref().is_some_and(|u| u.email_verified == Some(false)))
            .then(|| view! {
                <p class="notice" role="note">
                    "Your email address is not verified yet, so invitations sent to it are not listed here. "
                    "Open the link in an invitation email to answer it, or verify your address with the link we sent you."
                </p>
            })
    }
}
