//! The activity log as people read it: a sentence per event, and the query a filtered page
//! of the log asks the server for.

use org_contract::{Event, EventAction, Role};

/// "Ada Lovelace changed Grace Hopper from Collaborator to Admin".
pub fn sentence(e: &Event) -> String {
    let actor = e.actor.as_ref().map_or("The system", |a| a.shown());
    let subject = e.subject.as_ref().map_or("someone", |s| s.shown());
    let email = e.subject.as_ref().map_or("someone", |s| s.email.as_str());
    let d = &e.details;
    let role = d.role.as_ref().map(Role::label).unwrap_or("member");
    match e.kind() {
        Some(EventAction::MemberInvited) => format!(
            "{actor} invited {email} as {role}{}",
            projects_suffix(" to ", &d.projects)
        ),
        Some(EventAction::InvitationResent) => format!("{actor} resent the invitation to {email}"),
        Some(EventAction::InvitationRevoked) => {
            format!("{actor} revoked the invitation to {email}")
        }
        Some(EventAction::InvitationAccepted) => {
            format!("{subject} accepted the invitation and joined as {role}")
        }
        Some(EventAction::InvitationDeclined) => format!("{email} declined the invitation"),
        Some(EventAction::InvitationExpired) => format!("The invitation to {email} expired"),
        Some(EventAction::MemberUpdated) => member_change(actor, subject, e),
        Some(EventAction::MemberRemoved) => format!("{actor} removed {subject}"),
        Some(EventAction::MemberLeft) => format!("{subject} left the organization"),
        Some(EventAction::OrganizationUpdated) => format!(
            "{actor} changed the organization's {}",
            listed(&d.fields, "settings")
        ),
        Some(EventAction::ProjectCreated) => format!(
            "{actor} created the project {}",
            d.project.as_deref().unwrap_or("(unnamed)")
        ),
        None => format!("{actor}: {}", e.action),
    }
}

fn member_change(actor: &str, subject: &str, e: &Event) -> String {
    let d = &e.details;
    let projects = d.to_projects.as_ref().map(|p| listed(p, "no projects"));
    match (&d.from_role, &d.to_role, projects) {
        (Some(from), Some(to), None) => {
            format!(
                "{actor} changed {subject} from {} to {}",
                from.label(),
                to.label()
            )
        }
        (Some(from), Some(to), Some(p)) => format!(
            "{actor} changed {subject} from {} to {}, with {p}",
            from.label(),
            to.label()
        ),
        (_, _, Some(p)) => format!("{actor} gave {subject} {p}"),
        _ => format!("{actor} changed {subject}'s membership"),
    }
}

/// " to Edge Cache and Atlas", or nothing for no projects.
fn projects_suffix(lead: &str, projects: &[String]) -> String {
    if projects.is_empty() {
        String::new()
    } else {
        format!("{lead}{}", listed(projects, ""))
    }
}

/// "a", "a and b", "a, b and c"; `none` for an empty list.
pub fn listed(items: &[String], none: &str) -> String {
    match items {
        [] => none.to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A page of the log as the Activity page asks for it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivityQuery {
    pub page: u32,
    pub action: Option<EventAction>,
    /// A user id.
    pub actor: Option<String>,
}

pub const PER_PAGE: u32 = 25;

impl ActivityQuery {
    /// The query string, with the people for the filter on the first page only (they do not
    /// change from page to page).
    pub fn to_query(&self) -> String {
        let page = self.page.max(1);
        let mut q = format!("page={page}&per_page={PER_PAGE}");
        if let Some(a) = self.action {
            q.push_str("&action=");
            q.push_str(a.as_str());
        }
        if let Some(a) = &self.actor {
            q.push_str("&actor=");
            q.push_str(&crate::model::query_string::percent_encode(a));
        }
        q
    }
}

#[cfg(test)]
mod tests {
    use org_contract::{EventActor, EventDetails, EventSubject, Href};

    use super::*;

    fn event(action: EventAction, details: EventDetails) -> Event {
        Event {
            id: "e".into(),
            organization: Href::new("/metal/v1/organizations/o"),
            actor: Some(EventActor {
                id: "u".into(),
                name: "Ada Lovelace".into(),
                email: "ada@example.com".into(),
            }),
            action: action.as_str().into(),
            subject: Some(EventSubject {
                email: "grace@example.com".into(),
                name: "Grace Hopper".into(),
                member_id: Some("m".into()),
            }),
            details,
            created_at: "2026-12-01T10:00:00Z".into(),
        }
    }

    fn names(n: &[&str]) -> Vec<String> {
        n.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn role_changes_read_from_what_to_what() {
        let e = event(
            EventAction::MemberUpdated,
            EventDetails {
                from_role: Some(Role::Collaborator),
                to_role: Some(Role::Admin),
                ..EventDetails::default()
            },
        );
        assert_eq!(
            sentence(&e),
            "Ada Lovelace changed Grace Hopper from Collaborator to Admin"
        );
        let e = event(
            EventAction::MemberUpdated,
            EventDetails {
                from_projects: Some(vec![]),
                to_projects: Some(names(&["Atlas", "Edge Cache"])),
                ..EventDetails::default()
            },
        );
        assert_eq!(
            sentence(&e),
            "Ada Lovelace gave Grace Hopper Atlas and Edge Cache"
        );
    }

    #[test]
    fn every_known_action_has_its_own_sentence() {
        let invited = event(
            EventAction::MemberInvited,
            EventDetails {
                role: Some(Role::LimitedCollaborator),
                projects: names(&["A", "B", "C"]),
                ..EventDetails::default()
            },
        );
        assert_eq!(
            sentence(&invited),
            "Ada Lovelace invited grace@example.com as Limited collaborator to A, B and C"
        );
        let mut expired = event(EventAction::InvitationExpired, EventDetails::default());
        expired.actor = None;
        assert_eq!(
            sentence(&expired),
            "The invitation to grace@example.com expired"
        );
        let settings = event(
            EventAction::OrganizationUpdated,
            EventDetails {
                fields: names(&["name", "website"]),
                ..EventDetails::default()
            },
        );
        assert_eq!(
            sentence(&settings),
            "Ada Lovelace changed the organization's name and website"
        );
        let sentences: std::collections::HashSet<String> = EventAction::ALL
            .into_iter()
            .map(|a| sentence(&event(a, EventDetails::default())))
            .collect();
        assert_eq!(sentences.len(), EventAction::ALL.len());
        let mut odd = event(EventAction::MemberLeft, EventDetails::default());
        odd.action = "member.teleported".into();
        assert_eq!(sentence(&odd), "Ada Lovelace: member.teleported");
    }

    #[test]
    fn the_query_carries_page_and_filters() {
        let q = ActivityQuery {
            page: 2,
            action: Some(EventAction::MemberRemoved),
            actor: Some("u 1".into()),
        };
        assert_eq!(
            q.to_query(),
            "page=2&per_page=25&action=member.removed&actor=u%201"
        );
        assert_eq!(ActivityQuery::default().to_query(), "page=1&per_page=25");
    }
}
