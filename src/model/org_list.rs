//! The organizations the signed-in user belongs to, with their role in each: what the
//! switcher lists and what every organization page takes the role from. Pure data and
//! functions; the fetching lives in [`crate::state::org`].

use org_contract::{Organization, Role};

use crate::model::letter_case::lowercase;

/// One organization the user belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct OrgEntry {
    pub org: Organization,
    pub personal: bool,
    /// The user's role; `None` when the server did not say (shown as unknown).
    pub role: Option<Role>,
    /// The user's membership ID, for leaving.
    pub member_id: Option<String>,
    /// Projects named in the membership (collaborators only).
    pub project_ids: Vec<String>,
}

impl OrgEntry {
    /// From an organization that carries the server's `personal` and `membership`
    /// extensions.
    pub fn from_extended(org: Organization) -> OrgEntry {
        let membership = org.membership.clone();
        OrgEntry {
            personal: org.personal.unwrap_or(false),
            role: membership.as_ref().map(|m| Role::primary(&m.roles)),
            member_id: membership.as_ref().map(|m| m.id.clone()),
            project_ids: membership.map(|m| m.projects_ids).unwrap_or_default(),
            org,
        }
    }

    /// The role used for permissions: an unknown one counts as the least privileged.
    pub fn effective_role(&self) -> Role {
        self.role
            .clone()
            .unwrap_or_else(|| Role::Other("unknown".into()))
    }
}

/// Company organizations first, then personal ones, each by name, as the switcher shows them.
/// Each name is lower-cased once, not at every comparison (another name may go to the browser).
pub fn sort_entries(entries: &mut [OrgEntry]) {
    entries.sort_by_cached_key(|e| (e.personal, lowercase(&e.org.name), e.org.id.clone()));
}

/// Entries whose name, or role, contains every word of `query`, case-insensitively.
pub fn filter_entries<'a>(entries: &'a [OrgEntry], query: &str) -> Vec<&'a OrgEntry> {
    let words: Vec<String> = query.split_whitespace().map(lowercase).collect();
    entries
        .iter()
        .filter(|e| {
            let role = e
                .role
                .as_ref()
                .map(|r| lowercase(r.label()))
                .unwrap_or_default();
            let kind = if e.personal { "personal" } else { "company" };
            let haystack = format!("{} {role} {kind}", lowercase(&e.org.name));
            words.iter().all(|w| haystack.contains(w.as_str()))
        })
        .collect()
}

/// The switcher's order: the section holding the current organization first (Personal or
/// Organizations), the current one first in it, the rest as [`sort_entries`] left them.
pub fn switcher_order(entries: Vec<OrgEntry>, current: &str) -> Vec<OrgEntry> {
    let current_personal = entries
        .iter()
        .find(|e| e.org.id == current)
        .map(|e| e.personal);
    let mut entries = entries;
    entries.sort_by_key(|e| (Some(e.personal) != current_personal, e.org.id != current));
    entries
}

/// A switcher section's heading.
pub fn section_label(personal: bool) -> &'static str {
    if personal {
        "Personal"
    } else {
        "Organizations"
    }
}

/// The organization `/` opens: the one used last on this device if the user still belongs
/// to it, else their default organization, else the first one listed.
pub fn landing_org<'a>(
    entries: &'a [OrgEntry],
    last_used: Option<&str>,
    default: Option<&str>,
) -> Option<&'a OrgEntry> {
    let find = |id: Option<&str>| id.and_then(|id| entries.iter().find(|e| e.org.id == id));
    find(last_used)
        .or_else(|| find(default))
        .or_else(|| entries.first())
}

/// Moves the active option of a listbox by a key, wrapping at both ends.
pub fn move_active(active: Option<usize>, len: usize, key: &str) -> Option<usize> {
    if len == 0 {
        return None;
    }
    Some(match (key, active) {
        ("ArrowDown", None) | ("Home", _) => 0,
        ("ArrowDown", Some(i)) => (i + 1) % len,
        ("ArrowUp", None) | ("End", _) => len - 1,
        ("ArrowUp", Some(i)) => (i + len - 1) % len,
        (_, Some(i)) => i.min(len - 1),
        (_, None) => return None,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn org(id: &str, name: &str) -> Organization {
        Organization {
            id: id.into(),
            name: name.into(),
            description: None,
            website: None,
            twitter: None,
            logo: None,
            credit_amount: Some(0.0),
            billing_address: None,
            enforce_2fa_at: None,
            projects: Some(vec![]),
            members: Some(vec![]),
            created_at: "2026-01-01T00:00:00Z".into(),
            updated_at: "2026-01-01T00:00:00Z".into(),
            href: format!("/metal/v1/organizations/{id}"),
            personal: None,
            membership: None,
        }
    }

    pub fn entry(id: &str, name: &str, personal: bool, role: Role) -> OrgEntry {
        OrgEntry {
            org: org(id, name),
            personal,
            role: Some(role),
            member_id: None,
            project_ids: vec![],
        }
    }

    fn sample() -> Vec<OrgEntry> {
        let mut v = vec![
            entry("p", "Packet Sloth Projects", true, Role::Owner),
            entry("b", "sloth labs", false, Role::Collaborator),
            entry("a", "MO TEST", false, Role::Owner),
        ];
        sort_entries(&mut v);
        v
    }

    #[test]
    fn the_switcher_puts_the_current_section_and_organization_first() {
        let names = |current: &str| -> Vec<String> {
            switcher_order(sample(), current)
                .iter()
                .map(|e| e.org.name.clone())
                .collect()
        };
        assert_eq!(
            names("b"),
            ["sloth labs", "MO TEST", "Packet Sloth Projects"]
        );
        assert_eq!(
            names("a"),
            ["MO TEST", "sloth labs", "Packet Sloth Projects"]
        );
        assert_eq!(
            names("p"),
            ["Packet Sloth Projects", "MO TEST", "sloth labs"]
        );
        // An unknown current organization leaves the order alone.
        assert_eq!(
            names("x"),
            ["MO TEST", "sloth labs", "Packet Sloth Projects"]
        );
        assert_eq!(section_label(true), "Personal");
    }

    #[test]
    fn an_extended_answer_gives_role_membership_and_kind() {
        let mut o = org("o", "MO TEST");
        o.personal = Some(false);
        o.membership = Some(org_contract::OwnMembership {
            id: "m1".into(),
            roles: vec![Role::Collaborator],
            projects_ids: vec!["p1".into()],
            href: "/metal/v1/organizations/o/members/m1".into(),
        });
        let e = OrgEntry::from_extended(o);
        assert_eq!(e.role, Some(Role::Collaborator));
        assert_eq!(e.member_id.as_deref(), Some("m1"));
        assert_eq!(e.project_ids, ["p1"]);
        assert!(!e.personal);
    }

    #[test]
    fn company_organizations_come_first_by_name() {
        let names: Vec<_> = sample().iter().map(|e| e.org.name.clone()).collect();
        assert_eq!(names, ["MO TEST", "sloth labs", "Packet Sloth Projects"]);
    }

    #[test]
    fn filtering_matches_every_word_in_name_role_or_kind() {
        let all = sample();
        let ids = |q: &str| {
            filter_entries(&all, q)
                .iter()
                .map(|e| e.org.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("SLOTH"), ["b", "p"]);
        assert_eq!(ids("sloth personal"), ["p"]);
        assert_eq!(ids("collab"), ["b"]);
        assert_eq!(ids(""), ["a", "b", "p"]);
        assert!(ids("nothing like this").is_empty());
    }

    #[test]
    fn landing_prefers_last_used_then_default_then_first() {
        let all = sample();
        assert_eq!(landing_org(&all, Some("b"), Some("p")).unwrap().org.id, "b");
        assert_eq!(
            landing_org(&all, Some("gone"), Some("p")).unwrap().org.id,
            "p"
        );
        assert_eq!(landing_org(&all, None, None).unwrap().org.id, "a");
        assert!(landing_org(&[], Some("a"), None).is_none());
    }

    #[test]
    fn arrow_keys_wrap_around() {
        assert_eq!(move_active(None, 3, "ArrowDown"), Some(0));
        assert_eq!(move_active(Some(2), 3, "ArrowDown"), Some(0));
        assert_eq!(move_active(Some(0), 3, "ArrowUp"), Some(2));
        assert_eq!(move_active(None, 3, "ArrowUp"), Some(2));
        assert_eq!(move_active(Some(1), 3, "Home"), Some(0));
        assert_eq!(move_active(Some(1), 3, "End"), Some(2));
        assert_eq!(move_active(Some(5), 3, "x"), Some(2));
        assert_eq!(move_active(Some(1), 0, "ArrowDown"), None);
    }

    #[test]
    fn an_unknown_role_counts_as_least_privileged() {
        let mut e = entry("x", "X", false, Role::Owner);
        e.role = None;
        assert!(!org_contract::allows(
            &e.effective_role(),
            org_contract::Action::EditOrganization
        ));
    }
}
