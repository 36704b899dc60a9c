use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{path, Lazy};

use crate::api::{use_api, Api};
use crate::features::account::{
    ForgotPasswordPage, ResetPasswordPage, SignInPage, SignUpPage, VerifyEmailPage,
};
use crate::features::invitations::InvitationPage;
use crate::features::members::MembersPage;
use crate::features::organization::{
    ActivityPage, BillingPage, GeneralPage, Home, OrgLayout, PaymentMethodsPage, ProjectsPage,
};
use crate::features::personal::{MyInvitationsPage, PersonalLayout, ProfilePage};
use crate::lazy_code::lazy_page;
use crate::model::query_string::percent_encode;
use crate::state::config::Config;
use crate::state::org::Directory;
use crate::state::session::{use_session, Session};
use crate::ui::not_found::NotFound;
use crate::ui::status::Notice;

// Every page but the members page (where a signed-in user lands) and the frames: each in
// the release build's chunk named second, downloaded when first opened (see lazy_code).
lazy_page!(SignInRoute, account, SignInPage);
lazy_page!(SignUpRoute, account, SignUpPage);
lazy_page!(ForgotPasswordRoute, account, ForgotPasswordPage);
lazy_page!(ResetPasswordRoute, account, ResetPasswordPage);
lazy_page!(VerifyEmailRoute, account, VerifyEmailPage);
lazy_page!(InvitationRoute, invitation, InvitationPage);
// General apart: `/` lands on it.
lazy_page!(GeneralRoute, general, GeneralPage);
lazy_page!(ProjectsRoute, org_settings, ProjectsPage);
lazy_page!(BillingRoute, org_settings, BillingPage);
lazy_page!(PaymentMethodsRoute, org_settings, PaymentMethodsPage);
lazy_page!(ActivityRoute, activity, ActivityPage);
lazy_page!(ProfileRoute, personal, ProfilePage);
lazy_page!(MyInvitationsRoute, personal, MyInvitationsPage);

#[component]
pub fn App(config: Config) -> impl IntoView {
    let session = Session::restore(&config.api_base);
    provide_context(session);
    provide_context(Api::new(&config.api_base, session.credentials));
    provide_context(Notice(RwSignal::new(None)));
    provide_context(crate::state::deferred::Deferred::new());
    view! {
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/sign-in") view={Lazy::<SignInRoute>::new()} />
                <Route path=path!("/sign-up") view={Lazy::<SignUpRoute>::new()} />
                <Route path=path!("/forgot-password") view={Lazy::<ForgotPasswordRoute>::new()} />
                <Route path=path!("/reset-password") view={Lazy::<ResetPasswordRoute>::new()} />
                <Route path=path!("/invitations/:id") view={Lazy::<InvitationRoute>::new()} />
                <Route path=path!("/verify-email") view={Lazy::<VerifyEmailRoute>::new()} />
                <Route path=path!("/") view=|| view! { <SignedIn><Home /></SignedIn> } />
                <ParentRoute path=path!("/orgs/:org_id") view=|| view! { <SignedIn><OrgLayout /></SignedIn> }>
                    <Route path=path!("") view=|| view! { <Redirect path="general" /> } />
                    <Route path=path!("general") view={Lazy::<GeneralRoute>::new()} />
                    <Route path=path!("members") view=MembersPage />
                    <Route path=path!("projects") view={Lazy::<ProjectsRoute>::new()} />
                    <Route path=path!("billing") view={Lazy::<BillingRoute>::new()} />
                    <Route path=path!("payment-methods") view={Lazy::<PaymentMethodsRoute>::new()} />
                    <Route path=path!("activity") view={Lazy::<ActivityRoute>::new()} />
                </ParentRoute>
                <ParentRoute path=path!("/personal") view=|| view! { <SignedIn><PersonalLayout /></SignedIn> }>
                    <Route path=path!("") view=|| view! { <Redirect path="profile" /> } />
                    <Route path=path!("profile") view={Lazy::<ProfileRoute>::new()} />
                    <Route path=path!("invitations") view={Lazy::<MyInvitationsRoute>::new()} />
                </ParentRoute>
            </Routes>
            // After every page's content: the changes held for undo, reachable by Tab.
            <crate::features::undo::UndoToast />
        </Router>
    }
}

/// Renders its children only with a session; otherwise sends the user to sign in and, by
/// `next`, back here afterwards. Reactive: a 401 anywhere ends the session and lands here.
/// Everything cached for the user lives below it, so signing out drops it all.
#[component]
fn SignedIn(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let api = use_api();
    let location = use_location();
    let signed_in = Memo::new(move |_| session.signed_in());
    move || {
        if signed_in.get() {
            provide_context(Directory::new(api, session));
            children().into_any()
        } else {
            let here = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            let path = format!("/sign-in?next={}", percent_encode(&here));
            view! { <Redirect path /> }.into_any()
        }
    }
}
