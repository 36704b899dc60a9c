//! The console's paths, built in one place: every link and redirect to an organization's
//! page comes from here, so a route renamed in `app.rs` is renamed once.

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

/// The organization a path is about, for `/orgs/{id}/...`.
pub fn org_in(path: &str) -> Option<&str> {
    path.strip_prefix("/orgs/")?
        .split('/')
        .next()
        .filter(|id| !id.is_empty())
}

/// The organization page a path shows, for `/orgs/{id}/{page}`.
pub fn page_in(path: &str) -> Option<OrgPage> {
    org_in(path)?;
    OrgPage::from_slug(path.trim_end_matches('/').rsplit('/').next()?)
}

/// Where switching organizations goes from `path`: the same page when every role sees it
/// (General, Users), else General.
pub fn page_after_switch(path: &str) -> OrgPage {
    match page_in(path) {
        Some(OrgPage::Members) => OrgPage::Members,
        _ => OrgPage::General,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organization_paths_are_built_and_read_back() {
        for page in OrgPage::ALL {
            let path = org_page("o-1", page);
            assert_eq!(org_in(&path), Some("o-1"));
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
    fn switching_keeps_pages_every_role_sees() {
        assert_eq!(page_after_switch("/orgs/a/members"), OrgPage::Members);
        assert_eq!(page_after_switch("/orgs/a/billing"), OrgPage::General);
        assert_eq!(page_after_switch("/orgs/a/general"), OrgPage::General);
        assert_eq!(page_after_switch("/personal/profile"), OrgPage::General);
    }
}
