use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_location;
use leptos_router::location::{BrowserUrl, LocationProvider};

use crate::api::{use_api, Api};
use crate::features::account::{
    ForgotPasswordPage, ResetPasswordPage, SignInPage, SignUpPage, VerifyEmailPage,
};
use crate::features::invitations::InvitationPage;
use crate::features::organization::{
    ActivityPage, BillingPage, GeneralPage, Home, OrgLayout, PaymentMethodsPage, ProjectsPage,
};
use crate::features::personal::{MyInvitationsPage, PersonalLayout, ProfilePage};
use crate::lazy_code::{lazy_view, replaced_on_change};
use crate::model::query_string::percent_encode;
use crate::model::routes::{org_page, personal_page, OrgPage, PersonalPage, Route, RouteFrame};
use crate::state::config::Config;
use crate::state::effect::effect;
use crate::state::org::Directory;
use crate::state::session::{use_session, Session};
use crate::ui::not_found::NotFound;
use crate::ui::redirect::redirect_replacing;
use crate::ui::status::Notice;

// Every page but the members page (where a signed-in user lands) and the frames: each in
// the release build's chunk named after `in`, downloaded when first opened (see lazy_code).
lazy_view!(fn sign_in_page() in account => SignInPage());
lazy_view!(fn sign_up_page() in account => SignUpPage());
lazy_view!(fn forgot_password_page() in account => ForgotPasswordPage());
lazy_view!(fn reset_password_page() in account => ResetPasswordPage());
lazy_view!(fn verify_email_page() in account => VerifyEmailPage());
lazy_view!(fn invitation_page(id: String) in invitation => view! { <InvitationPage id /> });
// General apart: `/` lands on it.
lazy_view!(fn general_page() in general => GeneralPage());
lazy_view!(fn projects_page() in org_settings => ProjectsPage());
lazy_view!(fn billing_page() in org_settings => BillingPage());
lazy_view!(fn payment_methods_page() in org_settings => PaymentMethodsPage());
lazy_view!(fn activity_page() in activity => ActivityPage());
lazy_view!(fn profile_page() in personal => ProfilePage());
lazy_view!(fn my_invitations_page() in personal => MyInvitationsPage());

#[component]
pub fn App(config: Config) -> impl IntoView {
    let session = Session::restore(&config.api_base);
    provide_context(session);
    provide_context(Api::new(&config.api_base, session.credentials));
    provide_context(Notice(RwSignal::new(None)));
    provide_context(crate::state::deferred::Deferred::new());
    view! {
        <Router>
            <Pages />
            // After every page's content: the changes held for undo, reachable by Tab.
            <crate::features::undo::UndoToast />
        </Router>
    }
}

/// The page the location names ([`Route::parse`]). A frame (an organization's, personal
/// settings') stays mounted while only the page inside it changes.
#[component]
fn Pages() -> impl IntoView {
    let pathname = use_location().pathname;
    let route = Memo::new(move |_| pathname.with(|path| Route::parse(path)));
    let frame = Memo::new(move |_| route.with(Route::frame));
    // The router pushes a followed link's address into the history (and scrolls) only when
    // told it may: its own `<Routes>` says so once the page's code is in; here, as soon as
    // the location has changed (a lazy page may still be downloading).
    let browser_url = expect_context::<BrowserUrl>();
    effect(move |_| {
        pathname.track();
        browser_url.ready_to_complete();
    });
    replaced_on_change(frame, move |frame| match frame {
        RouteFrame::Org => view! {
            <SignedIn><OrgLayout route page_view=org_page_view /></SignedIn>
        }
        .into_any(),
        RouteFrame::Personal => view! {
            <SignedIn><PersonalLayout route page_view=personal_page_view /></SignedIn>
        }
        .into_any(),
        RouteFrame::Alone(route) => unframed_page_view(route),
    })
}

/// A route drawn in no frame of its own.
fn unframed_page_view(route: Route) -> AnyView {
    match route {
        Route::SignIn => sign_in_page(),
        Route::SignUp => sign_up_page(),
        Route::ForgotPassword => forgot_password_page(),
        Route::ResetPassword => reset_password_page(),
        Route::VerifyEmail => verify_email_page(),
        Route::Invitation(id) => invitation_page(id),
        Route::Home => view! { <SignedIn><Home /></SignedIn> }.into_any(),
        // A bare frame address goes on to the frame's first page.
        Route::Org(id, _) => redirect_replacing(org_page(&id, OrgPage::General)),
        Route::Personal(_) => redirect_replacing(personal_page(PersonalPage::Profile)),
        Route::NotFound => NotFound().into_any(),
    }
}

/// The page of an organization's frame.
fn org_page_view(page: OrgPage) -> AnyView {
    match page {
        OrgPage::General => general_page(),
        OrgPage::Members => crate::features::members::MembersPage().into_any(),
        OrgPage::Projects => projects_page(),
        OrgPage::Billing => billing_page(),
        OrgPage::PaymentMethods => payment_methods_page(),
        OrgPage::Activity => activity_page(),
    }
}

/// The page of personal settings' frame.
fn personal_page_view(page: PersonalPage) -> AnyView {
    match page {
        PersonalPage::Profile => profile_page(),
        PersonalPage::Invitations => my_invitations_page(),
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
            redirect_replacing(format!("/sign-in?next={}", percent_encode(&here)))
        }
    }
}
