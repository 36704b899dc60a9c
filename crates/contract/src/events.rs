//! The activity log (extension): one event per change to an organization, written by the
//! server in the same transaction as the change, read by owners and admins through
//! `GET /organizations/{id}/events`.

use serde::{Deserialize, Serialize};

use crate::objects::{Href, Meta};
use crate::role::Role;

/// What happened. On the wire it is the dotted string of [`EventAction::as_str`]; a client
/// keeps strings it does not know and shows them as they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventAction {
    MemberInvited,
    InvitationResent,
    InvitationRevoked,
    InvitationAccepted,
    InvitationDeclined,
    InvitationExpired,
    MemberUpdated,
    MemberRemoved,
    MemberLeft,
    OrganizationUpdated,
    ProjectCreated,
}

impl EventAction {
    pub const ALL: [EventAction; 11] = [
        EventAction::MemberInvited,
        EventAction::InvitationResent,
        EventAction::InvitationRevoked,
        EventAction::InvitationAccepted,
        EventAction::InvitationDeclined,
        EventAction::InvitationExpired,
        EventAction::MemberUpdated,
        EventAction::MemberRemoved,
        EventAction::MemberLeft,
        EventAction::OrganizationUpdated,
        EventAction::ProjectCreated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventAction::MemberInvited => "member.invited",
            EventAction::InvitationResent => "invitation.resent",
            EventAction::InvitationRevoked => "invitation.revoked",
            EventAction::InvitationAccepted => "invitation.accepted",
            EventAction::InvitationDeclined => "invitation.declined",
            EventAction::InvitationExpired => "invitation.expired",
            EventAction::MemberUpdated => "member.updated",
            EventAction::MemberRemoved => "member.removed",
            EventAction::MemberLeft => "member.left",
            EventAction::OrganizationUpdated => "organization.updated",
            EventAction::ProjectCreated => "project.created",
        }
    }

    pub fn parse(s: &str) -> Option<EventAction> {
        EventAction::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// The action as a filter offers it.
    pub fn label(self) -> &'static str {
        match self {
            EventAction::MemberInvited => "Member invited",
            EventAction::InvitationResent => "Invitation resent",
            EventAction::InvitationRevoked => "Invitation revoked",
            EventAction::InvitationAccepted => "Invitation accepted",
            EventAction::InvitationDeclined => "Invitation declined",
            EventAction::InvitationExpired => "Invitation expired",
            EventAction::MemberUpdated => "Role or projects changed",
            EventAction::MemberRemoved => "Member removed",
            EventAction::MemberLeft => "Member left",
            EventAction::OrganizationUpdated => "Settings changed",
            EventAction::ProjectCreated => "Project created",
        }
    }
}

/// Who did it, as they were named when they did it (the record outlives the account).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventActor {
    pub id: String,
    pub name: String,
    pub email: String,
}

/// The name, or the address for someone who never gave one.
fn name_or_email<'a>(name: &'a str, email: &'a str) -> &'a str {
    if name.is_empty() {
        email
    } else {
        name
    }
}

impl EventActor {
    pub fn shown(&self) -> &str {
        name_or_email(&self.name, &self.email)
    }
}

/// Whom it was done to: an address (an invitation) and, once they are one, a member.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventSubject {
    pub email: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_id: Option<String>,
}

impl EventSubject {
    pub fn shown(&self) -> &str {
        name_or_email(&self.name, &self.email)
    }
}

/// What changed. Which fields are set depends on the action; projects are named as they
/// were called at the time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_projects: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_projects: Option<Vec<String>>,
    /// The settings an `organization.updated` changed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// The project a `project.created` made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub organization: Href,
    /// `None` when the system did it (an invitation that expired).
    pub actor: Option<EventActor>,
    pub action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<EventSubject>,
    #[serde(default)]
    pub details: EventDetails,
    pub created_at: String,
}

impl Event {
    pub fn kind(&self) -> Option<EventAction> {
        EventAction::parse(&self.action)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventList {
    pub events: Vec<Event>,
    pub meta: Meta,
    /// With `include=actors`: everyone who has an event in the organization, for the
    /// "by person" filter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actors: Option<Vec<EventActor>>,
}

// How the console reads them (crate::from_json).
crate::from_json_for!(EventActor { id, name, email });
crate::from_json_for!(EventSubject { email, name = default, member_id });
crate::from_json_for!(EventDetails {
    role, projects = default, from_role, to_role, from_projects, to_projects,
    fields = default, project,
});
crate::from_json_for!(Event {
    id, organization, actor, action, subject, details = default, created_at,
});
crate::from_json_for!(EventList {
    events,
    meta,
    actors
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_round_trip_through_their_strings() {
        for a in EventAction::ALL {
            assert_eq!(EventAction::parse(a.as_str()), Some(a));
        }
        assert_eq!(EventAction::parse("member.teleported"), None);
    }

    #[test]
    fn details_leave_out_what_an_action_does_not_use() {
        let d = EventDetails {
            from_role: Some(Role::Collaborator),
            to_role: Some(Role::Admin),
            ..EventDetails::default()
        };
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"from_role":"collaborator","to_role":"admin"}"#
        );
        let back: EventDetails = serde_json::from_str("{}").unwrap();
        assert_eq!(back, EventDetails::default());
        assert_eq!(crate::from_json::<EventDetails>("{}").unwrap(), back);
    }

    #[test]
    fn the_console_reads_an_event_list_as_serde_does() {
        let actor = EventActor {
            id: "u1".into(),
            name: String::new(),
            email: "kate@example.com".into(),
        };
        let list = EventList {
            events: vec![Event {
                id: "e1".into(),
                organization: Href::new("/metal/v1/organizations/o1"),
                actor: Some(actor.clone()),
                action: "member.role_changed".into(),
                subject: Some(EventSubject {
                    email: "x@example.com".into(),
                    name: "X".into(),
                    member_id: Some("m1".into()),
                }),
                details: EventDetails {
                    from_role: Some(Role::Collaborator),
                    to_role: Some(Role::Admin),
                    from_projects: Some(vec!["Web".into()]),
                    fields: vec!["name".into()],
                    ..EventDetails::default()
                },
                created_at: "2026-01-01T00:00:00Z".into(),
            }],
            meta: Meta {
                first: None,
                previous: None,
                self_: None,
                next: None,
                last: None,
                total: 1,
                current_page: 1,
                last_page: 1,
            },
            actors: Some(vec![actor]),
        };
        let text = serde_json::to_string(&list).unwrap();
        assert_eq!(crate::from_json::<EventList>(&text).unwrap(), list);
        let bare = r#"{"events": [{"id": "e2", "organization": {"href": "/o"}, "actor": null,
            "action": "invitation.expired", "created_at": "t"}], "meta": {"first": null,
            "previous": null, "self": null, "next": null, "last": null, "total": 1,
            "current_page": 1, "last_page": 1}}"#;
        assert_eq!(
            crate::from_json::<EventList>(bare).unwrap(),
            serde_json::from_str::<EventList>(bare).unwrap()
        );
    }
}
