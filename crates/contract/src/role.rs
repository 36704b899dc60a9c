use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A member's role. On the wire it is a string in `roles: [role]`.
///
/// The contract says unknown role strings are treated as the least privileged and shown
/// as they are, so they are kept in [`Role::Other`] instead of failing to parse.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Owner,
    Admin,
    Collaborator,
    LimitedCollaborator,
    Billing,
    Other(String),
}

impl Role {
    /// Every role the API knows, most privileged first.
    pub const KNOWN: [Role; 5] = [
        Role::Owner,
        Role::Admin,
        Role::Collaborator,
        Role::LimitedCollaborator,
        Role::Billing,
    ];

    pub fn as_str(&self) -> &str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Collaborator => "collaborator",
            Role::LimitedCollaborator => "limited_collaborator",
            Role::Billing => "billing",
            Role::Other(s) => s,
        }
    }

    pub fn parse(s: &str) -> Role {
        match s {
            "owner" => Role::Owner,
            "admin" => Role::Admin,
            "collaborator" => Role::Collaborator,
            "limited_collaborator" => Role::LimitedCollaborator,
            "billing" => Role::Billing,
            other => Role::Other(other.to_owned()),
        }
    }

    /// The role as people read it: "Limited collaborator". Unknown roles are shown as-is.
    pub fn label(&self) -> &str {
        match self {
            Role::Owner => "Owner",
            Role::Admin => "Admin",
            Role::Collaborator => "Collaborator",
            Role::LimitedCollaborator => "Limited collaborator",
            Role::Billing => "Billing",
            Role::Other(s) => s,
        }
    }

    /// One line on what the role may do, for role pickers.
    pub fn summary(&self) -> &'static str {
        match self {
            Role::Owner => "Full control, including deleting the organization and naming owners.",
            Role::Admin => "Full control over settings, members, projects and billing.",
            Role::Collaborator => "Works in the projects chosen for them.",
            Role::LimitedCollaborator => {
                "Works in the projects chosen for them, with fewer rights inside them."
            }
            Role::Billing => "Sees and manages billing and payment methods only.",
            Role::Other(_) => "A role this console does not know; treated as least privileged.",
        }
    }

    pub fn is_known(&self) -> bool {
        !matches!(self, Role::Other(_))
    }

    /// Collaborators work only in the projects named in their membership.
    pub fn is_project_scoped(&self) -> bool {
        matches!(self, Role::Collaborator | Role::LimitedCollaborator)
    }

    /// The role of a member from its `roles` list: the most privileged known one, else the
    /// first unknown one. An empty list counts as an unknown role.
    pub fn primary(roles: &[Role]) -> Role {
        roles
            .iter()
            .filter(|r| r.is_known())
            .min()
            .or_else(|| roles.first())
            .cloned()
            .unwrap_or_else(|| Role::Other(String::new()))
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Role {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(Role::parse(&s))
    }
}

impl crate::from_json::FromJson for Role {
    fn read(r: &mut crate::from_json::JsonReader<'_>) -> Result<Self, crate::from_json::ReadError> {
        r.string().map(|s| Role::parse(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_roles_round_trip_through_json() {
        for role in Role::KNOWN {
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
            assert_eq!(serde_json::from_str::<Role>(&json).unwrap(), role);
        }
    }

    #[test]
    fn unknown_role_is_kept_as_is() {
        let role: Role = serde_json::from_str("\"auditor\"").unwrap();
        assert_eq!(role, Role::Other("auditor".into()));
        assert_eq!(role.label(), "auditor");
        assert!(!role.is_known());
    }

    #[test]
    fn primary_role_prefers_the_most_privileged_known_role() {
        let roles = vec![Role::Other("x".into()), Role::Billing, Role::Admin];
        assert_eq!(Role::primary(&roles), Role::Admin);
        assert_eq!(
            Role::primary(&[Role::Other("x".into())]),
            Role::Other("x".into())
        );
        assert_eq!(Role::primary(&[]), Role::Other(String::new()));
    }
}
