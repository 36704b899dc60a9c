//! The console's paths, built and read in one place: every link and redirect to an
//! organization's page comes from here, and [`Route::parse`] is the console's route table.

/// A page of an organization, as its URL names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgPage {
    General,
    Members,
    Projects,
    Billing,
    PaymentMethods,
    Activity,
}

impl OrgPage {
    pub const ALL: [OrgPage; 6] = [
        OrgPage::General,
        OrgPage::Members,
        OrgPage::Projects,
        OrgPage::Billing,
        OrgPage::PaymentMethods,
        OrgPage::Activity,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            OrgPage::General => "general",
            OrgPage::Members => "members",
            OrgPage::Projects => "projects",
            OrgPage::Billing => "billing",
            OrgPage::PaymentMethods => "payment-methods",
            OrgPage::Activity => "activity",
        }
    }

    pub fn from_slug(slug: &str) -> Option<OrgPage> {
        OrgPage::ALL.into_iter().find(|p| p.slug() == slug)
    }
}

/// `/orgs/{id}/{page}`.
pub fn org_page(org_id: &str, page: OrgPage) -> String {
    format!("/orgs/{org_id}/{}", page.slug())
}

/// `/personal/{page}`.
pub fn personal_page(page: PersonalPage) -> String {
    format!("/personal/{}", page.slug())
}

/// The organization a path is about, for `/orgs/{id}` and `/orgs/{id}/{page}`.
pub fn org_in(path: &str) -> Option<String> {
    match Route::parse(path) {
        Route::Org(id, _) => Some(id),
        _ => None,
    }
}

/// The organization page a path shows, for `/orgs/{id}/{page}`.
pub fn page_in(path: &str) -> Option<OrgPage> {
    match Route::parse(path) {
        Route::Org(_, page) => page,
        _ => None,
    }
}

/// Where switching organizations goes from `path`: the same page when every role sees it
/// (General, Users), else General.
pub fn page_after_switch(path: &str) -> OrgPage {
    match page_in(path) {
        Some(OrgPage::Members) => OrgPage::Members,
        _ => OrgPage::General,
    }
}

/// A page of personal settings, as its URL names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PersonalPage {
    Profile,
    Invitations,
}

impl PersonalPage {
    pub const ALL: [PersonalPage; 2] = [PersonalPage::Profile, PersonalPage::Invitations];

    pub fn slug(self) -> &'static str {
        match self {
            PersonalPage::Profile => "profile",
            PersonalPage::Invitations => "invitations",
        }
    }

    pub fn from_slug(slug: &str) -> Option<PersonalPage> {
        PersonalPage::ALL.into_iter().find(|p| p.slug() == slug)
    }
}

/// What a path shows. Matched here, in plain Rust, rather than by the router's nested
/// `<Routes>`, whose machinery weighed more than this table is worth (docs/architecture.md,
/// "Routes").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    SignIn,
    SignUp,
    ForgotPassword,
    ResetPassword,
    VerifyEmail,
    /// `/invitations/{id}`: the emailed link.
    Invitation(String),
    /// `/`: lands on an organization.
    Home,
    /// `/orgs/{id}/{page}`; `None` for `/orgs/{id}`, which goes on to General.
    Org(String, Option<OrgPage>),
    /// `/personal/{page}`; `None` for `/personal`, which goes on to Profile.
    Personal(Option<PersonalPage>),
    NotFound,
}

impl Route {
    /// The route of a location's path (without its query). One trailing slash is allowed.
    pub fn parse(path: &str) -> Route {
        let path = match path.strip_suffix('/') {
            Some("") | None => path,
            Some(trimmed) if trimmed.ends_with('/') => return Route::NotFound,
            Some(trimmed) => trimmed,
        };
        let segments: Vec<&str> = path.strip_prefix('/').unwrap_or(path).split('/').collect();
        match segments.as_slice() {
            [""] => Route::Home,
            ["sign-in"] => Route::SignIn,
            ["sign-up"] => Route::SignUp,
            ["forgot-password"] => Route::ForgotPassword,
            ["reset-password"] => Route::ResetPassword,
            ["verify-email"] => Route::VerifyEmail,
            ["invitations", id] if is_id(id) => Route::Invitation((*id).to_owned()),
            ["orgs", id] if is_id(id) => Route::Org((*id).to_owned(), None),
            ["orgs", id, page] if is_id(id) => match OrgPage::from_slug(page) {
                Some(page) => Route::Org((*id).to_owned(), Some(page)),
                None => Route::NotFound,
            },
            ["personal"] => Route::Personal(None),
            ["personal", page] => match PersonalPage::from_slug(page) {
                Some(page) => Route::Personal(Some(page)),
                None => Route::NotFound,
            },
            _ => Route::NotFound,
        }
    }

    /// What stays mounted while the route changes within it: an organization's frame
    /// (which keys itself on the organization), personal settings' frame, or, for every
    /// other route, the route itself.
    pub fn frame(&self) -> RouteFrame {
        match self {
            Route::Org(_, Some(_)) => RouteFrame::Org,
            Route::Personal(Some(_)) => RouteFrame::Personal,
            other => RouteFrame::Alone(other.clone()),
        }
    }
}

/// Whether a path segment can be an id: the API's are UUIDs. It goes into API paths as it
/// is, so only plain characters get that far (no `%` escapes, no dots); index.html's early
/// members request takes the same ones. Anything else is not found, and asks nothing.
fn is_id(segment: &str) -> bool {
    !segment.is_empty()
        && segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// See [`Route::frame`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RouteFrame {
    Org,
    Personal,
    Alone(Route),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organization_paths_are_built_and_read_back() {
        for page in OrgPage::ALL {
            let path = org_page("o-1", page);
            assert_eq!(org_in(&path).as_deref(), Some("o-1"));
            assert_eq!(page_in(&path), Some(page));
        }
        assert_eq!(
            org_page("o-1", OrgPage::PaymentMethods),
            "/orgs/o-1/payment-methods"
        );
        assert_eq!(org_in("/personal/profile"), None);
        assert_eq!(org_in("/orgs/"), None);
        assert_eq!(page_in("/orgs/o-1/nope"), None);
    }

    #[test]
    fn personal_paths_are_built_and_read_back() {
        for page in PersonalPage::ALL {
            assert_eq!(
                Route::parse(&personal_page(page)),
                Route::Personal(Some(page))
            );
        }
    }

    #[test]
    fn switching_keeps_pages_every_role_sees() {
        assert_eq!(page_after_switch("/orgs/a/members"), OrgPage::Members);
        assert_eq!(page_after_switch("/orgs/a/billing"), OrgPage::General);
        assert_eq!(page_after_switch("/orgs/a/general"), OrgPage::General);
        assert_eq!(page_after_switch("/personal/profile"), OrgPage::General);
    }

    #[test]
    fn every_route_is_read_from_its_path() {
        let cases = [
            ("/", Route::Home),
            ("/sign-in", Route::SignIn),
            ("/sign-in/", Route::SignIn),
            ("/sign-up", Route::SignUp),
            ("/forgot-password", Route::ForgotPassword),
            ("/reset-password", Route::ResetPassword),
            ("/verify-email", Route::VerifyEmail),
            ("/invitations/i-1", Route::Invitation("i-1".into())),
            ("/orgs/o-1", Route::Org("o-1".into(), None)),
            ("/orgs/o-1/", Route::Org("o-1".into(), None)),
            ("/personal", Route::Personal(None)),
            (
                "/personal/profile",
                Route::Personal(Some(PersonalPage::Profile)),
            ),
            (
                "/personal/invitations",
                Route::Personal(Some(PersonalPage::Invitations)),
            ),
        ];
        for (path, route) in cases {
            assert_eq!(Route::parse(path), route, "{path}");
        }
        for page in OrgPage::ALL {
            let path = org_page("o-1", page);
            assert_eq!(Route::parse(&path), Route::Org("o-1".into(), Some(page)));
        }
    }

    #[test]
    fn unknown_paths_are_not_found() {
        for path in [
            "/nope",
            "/sign-in/more",
            "/invitations",
            "/invitations/",
            "/invitations/i-1/accept",
            "/orgs",
            "/orgs/",
            "/orgs//members",
            "/orgs/o-1/nope",
            "/orgs/o-1/members/more",
            "/personal/nope",
            "/SIGN-IN",
            "//",
            // Not ids (a browser has already resolved `..` and `%2E%2E` in a location).
            "/orgs/%2E%2E/members",
            "/orgs/a.b/members",
            "/orgs/a%2Fb/members",
            "/orgs/a_b/members",
            "/invitations/a%3Fb",
        ] {
            assert_eq!(Route::parse(path), Route::NotFound, "{path}");
        }
    }

    #[test]
    fn a_frame_stays_while_only_its_page_changes() {
        let members = Route::parse("/orgs/a/members").frame();
        assert_eq!(members, Route::parse("/orgs/a/general").frame());
        // The organization's frame keys itself on the organization.
        assert_eq!(members, Route::parse("/orgs/b/members").frame());
        assert_eq!(
            Route::parse("/personal/profile").frame(),
            Route::parse("/personal/invitations").frame()
        );
        assert_ne!(members, Route::parse("/personal/profile").frame());
        assert_ne!(
            Route::parse("/invitations/a").frame(),
            Route::parse("/invitations/b").frame()
        );
        assert_ne!(Route::parse("/orgs/a").frame(), members);
    }
}
