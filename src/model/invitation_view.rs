//! An invitation as the console shows it: who invited, to which organization, as what, to
//! which projects, until when. Built once from the API's object for every place that shows
//! one (the invitee's page, personal settings, pending invitations).

use org_contract::{Expandable, Invitation, InvitationPreview, Role};

use crate::model::format;

#[derive(Clone, Debug, PartialEq)]
pub struct InvitationView {
    pub organization_id: String,
    /// "an organization" when the server did not expand it.
    pub organization: String,
    /// `None` when the server did not expand the inviter.
    pub inviter: Option<String>,
    pub role: Role,
    pub projects: Vec<String>,
    pub expires_at: Option<String>,
}

impl InvitationView {
    pub fn new(i: &Invitation) -> InvitationView {
        let (organization_id, organization) = match &i.organization {
            Expandable::Full(o) => (o.id.clone(), o.name.clone()),
            Expandable::Ref(h) => (h.id().to_owned(), "an organization".to_owned()),
        };
        InvitationView {
            organization_id,
            organization,
            inviter: match &i.invited_by {
                Expandable::Full(u) => Some(u.full_name.clone()),
                Expandable::Ref(_) => None,
            },
            role: Role::primary(&i.roles),
            projects: i
                .projects
                .iter()
                .filter_map(|p| p.full().map(|p| p.name.clone()))
                .collect(),
            expires_at: i.expires_at.clone(),
        }
    }

    /// From the token-less preview of an emailed link.
    pub fn from_preview(p: &InvitationPreview) -> InvitationView {
        InvitationView {
            organization_id: p.organization.id.clone(),
            organization: p.organization.name.clone(),
            inviter: Some(p.invited_by.full_name.clone()).filter(|n| !n.is_empty()),
            role: Role::primary(&p.roles),
            projects: vec![],
            expires_at: p.expires_at.clone(),
        }
    }

    pub fn inviter_or(&self, fallback: &str) -> String {
        self.inviter.clone().unwrap_or_else(|| fallback.to_owned())
    }

    /// Past its expiry at `now` (seconds since the epoch). Without an expiry, never.
    pub fn is_expired(&self, now: i64) -> bool {
        self.expires_at
            .as_deref()
            .is_some_and(|e| format::is_past(e, now))
    }

    /// "Projects: Web, Edge", or nothing for an invitation without projects.
    pub fn projects_line(&self) -> Option<String> {
        (!self.projects.is_empty()).then(|| format!("Projects: {}", self.projects.join(", ")))
    }
}

/// Pending invitations as a manager reads them: expired ones first (they need a resend or
/// a revoke), then the rest, each group soonest to expire first.
pub fn expired_first(list: &mut [Invitation], now: i64) {
    list.sort_by_cached_key(|i| {
        let expires = i.expires_at.as_deref().and_then(format::parse_rfc3339);
        let expired = expires.is_some_and(|e| e <= now);
        (!expired, expires.unwrap_or(i64::MAX))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invitation(expanded: bool) -> Invitation {
        let org = if expanded {
            serde_json::json!({"id": "o1", "name": "MO TEST", "description": null, "website": null, "twitter": null,
                "logo": null, "credit_amount": 0.0, "billing_address": null, "enforce_2fa_at": null, "projects": [],
                "members": [], "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
                "href": "/metal/v1/organizations/o1"})
        } else {
            serde_json::json!({"href": "/metal/v1/organizations/o1"})
        };
        serde_json::from_value(serde_json::json!({
            "id": "i1", "invitee": "x@example.com", "roles": ["limited_collaborator"],
            "projects": [{"id": "p1", "name": "Edge", "organization": {"href": "/o"}, "created_at": "2026-01-01T00:00:00Z",
                "updated_at": "2026-01-01T00:00:00Z", "href": "/metal/v1/projects/p1"}, {"href": "/metal/v1/projects/p2"}],
            "organization": org, "invited_by": {"href": "/metal/v1/users/u1"}, "message": null, "nonce": "n",
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
            "href": "/metal/v1/invitations/i1", "expires_at": "2026-01-08T00:00:00Z"
        }))
        .unwrap()
    }

    #[test]
    fn reads_expanded_and_plain_references() {
        let v = InvitationView::new(&invitation(true));
        assert_eq!(
            (v.organization_id.as_str(), v.organization.as_str()),
            ("o1", "MO TEST")
        );
        assert_eq!(v.role, Role::LimitedCollaborator);
        assert_eq!(v.projects_line().unwrap(), "Projects: Edge");
        assert_eq!(v.inviter_or("Someone"), "Someone");
        let plain = InvitationView::new(&invitation(false));
        assert_eq!(
            (plain.organization_id.as_str(), plain.organization.as_str()),
            ("o1", "an organization")
        );
    }

    #[test]
    fn reads_a_preview() {
        let p: InvitationPreview = serde_json::from_value(serde_json::json!({
            "id": "i1", "invitee": "x@example.com", "roles": ["billing"],
            "organization": {"id": "o1", "name": "MO TEST"}, "invited_by": {"full_name": "Packet Sloth"},
            "expires_at": "2026-01-08T00:00:00Z", "href": "/metal/v1/invitations/i1"
        }))
        .unwrap();
        let v = InvitationView::from_preview(&p);
        assert_eq!(v.organization, "MO TEST");
        assert_eq!(v.inviter_or("Someone"), "Packet Sloth");
        assert_eq!(v.role, Role::Billing);
        assert_eq!(v.projects_line(), None);
    }

    #[test]
    fn expiry() {
        let v = InvitationView::new(&invitation(true));
        let at = |s: &str| format::parse_rfc3339(s).unwrap();
        assert!(!v.is_expired(at("2026-01-07T23:59:59Z")));
        assert!(v.is_expired(at("2026-01-08T00:00:00Z")));
    }

    #[test]
    fn expired_invitations_come_first_then_soonest_to_expire() {
        let with = |id: &str, expires: Option<&str>| {
            let mut i = invitation(true);
            i.id = id.into();
            i.expires_at = expires.map(str::to_owned);
            i
        };
        let mut list = vec![
            with("later", Some("2026-03-01T00:00:00Z")),
            with("never", None),
            with("expired-late", Some("2026-01-20T00:00:00Z")),
            with("soon", Some("2026-02-01T00:00:00Z")),
            with("expired-early", Some("2026-01-10T00:00:00Z")),
        ];
        expired_first(
            &mut list,
            format::parse_rfc3339("2026-01-25T00:00:00Z").unwrap(),
        );
        let ids: Vec<_> = list.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(
            ids,
            ["expired-early", "expired-late", "soon", "later", "never"]
        );
    }
}
