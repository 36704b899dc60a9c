//! The rules an invitation must pass. The server turns a problem into its 422 (or 403);
//! the console runs the same check before sending, so most problems never reach the wire.

use std::fmt;

use crate::email::{normalize_email, validate_email, EmailError};
use crate::permissions::{allows, Action};
use crate::requests::CreateInvitation;
use crate::role::Role;

/// Longest message an invitation may carry.
pub const MAX_INVITATION_MESSAGE: usize = 1000;

/// What the rules need to know about the organization.
pub struct InvitationContext<'a> {
    /// IDs of the organization's projects.
    pub project_ids: &'a [String],
    /// Whether the normalized address belongs to a member already.
    pub is_member: &'a dyn Fn(&str) -> bool,
    /// Whether a pending, unexpired invitation exists for the normalized address.
    pub is_invited: &'a dyn Fn(&str) -> bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InvitationProblem {
    InvalidEmail {
        invitee: String,
        reason: EmailError,
    },
    NoRole {
        invitee: String,
    },
    MoreThanOneRole {
        invitee: String,
    },
    UnknownRole {
        invitee: String,
        role: String,
    },
    /// The actor's role may not invite with this role: a 403, not a 422.
    RoleNotAllowed {
        invitee: String,
        role: Role,
    },
    ProjectsRequired {
        invitee: String,
    },
    ProjectsNotAllowed {
        invitee: String,
    },
    ProjectOutsideOrganization {
        invitee: String,
        project_id: String,
    },
    AlreadyMember {
        invitee: String,
    },
    AlreadyInvited {
        invitee: String,
    },
    MessageTooLong {
        invitee: String,
    },
    /// The message has control characters other than line breaks and tabs.
    MessageInvalid {
        invitee: String,
    },
    TooManyProjects {
        invitee: String,
    },
}

impl InvitationProblem {
    /// The error body's `code` for this problem (an extension of the contract).
    pub fn code(&self) -> &'static str {
        use InvitationProblem::*;
        match self {
            InvalidEmail { .. } => "invalid_email",
            NoRole { .. } | MoreThanOneRole { .. } | UnknownRole { .. } => "invalid_role",
            RoleNotAllowed { .. } => "role_not_allowed",
            ProjectsRequired { .. }
            | ProjectsNotAllowed { .. }
            | ProjectOutsideOrganization { .. }
            | TooManyProjects { .. } => "invalid_projects",
            AlreadyMember { .. } => "already_member",
            AlreadyInvited { .. } => "already_invited",
            MessageTooLong { .. } | MessageInvalid { .. } => "invalid_message",
        }
    }

    /// 403 for a role the actor may not hand out, 422 for everything else.
    pub fn status(&self) -> u16 {
        match self {
            InvitationProblem::RoleNotAllowed { .. } => 403,
            _ => 422,
        }
    }
}

impl fmt::Display for InvitationProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use InvitationProblem::*;
        match self {
            InvalidEmail { invitee, reason } => {
                write!(f, "{invitee} is not a valid email address: it {reason}")
            }
            NoRole { invitee } => write!(f, "Choose a role for {invitee}"),
            MoreThanOneRole { invitee } => write!(f, "Choose exactly one role for {invitee}"),
            UnknownRole { invitee, role } => {
                write!(f, "{role:?} is not a role that {invitee} can be invited with")
            }
            RoleNotAllowed { invitee, role } => write!(
                f,
                "You are not allowed to invite {invitee} as {}",
                role.label().to_ascii_lowercase()
            ),
            ProjectsRequired { invitee } => {
                write!(f, "Choose at least one project for {invitee}, who is invited as a collaborator")
            }
            ProjectsNotAllowed { invitee } => write!(
                f,
                "Projects can only be chosen for collaborators; {invitee} gets access to all of them"
            ),
            ProjectOutsideOrganization { invitee, project_id } => write!(
                f,
                "Project {project_id} chosen for {invitee} is not in this organization"
            ),
            AlreadyMember { invitee } => write!(f, "{invitee} is already a member of this organization"),
            AlreadyInvited { invitee } => write!(f, "{invitee} has already been invited to this organization"),
            MessageTooLong { invitee } => write!(
                f,
                "The message to {invitee} is longer than {MAX_INVITATION_MESSAGE} characters"
            ),
            MessageInvalid { invitee } => write!(
                f,
                "The message to {invitee} must not contain control characters"
            ),
            TooManyProjects { invitee } => write!(
                f,
                "Choose at most {} projects for {invitee}",
                crate::validation::MAX_PROJECT_IDS
            ),
        }
    }
}

/// Checks one invitation by a member whose role is `actor`, who is allowed to invite at all
/// (see [`Action::ViewInvitations`]). Returns the first problem, in the order a person would
/// fix them: the address, the role, the projects, then the organization's state.
pub fn check_invitation(
    actor: &Role,
    request: &CreateInvitation,
    ctx: &InvitationContext<'_>,
) -> Result<(), InvitationProblem> {
    use InvitationProblem::*;
    let invitee = normalize_email(&request.invitee);
    // Control characters are refused, not trimmed away: an address is one line.
    let checked = if crate::validation::has_control(&request.invitee) {
        Err(EmailError::InvalidLocalPart)
    } else {
        validate_email(&invitee)
    };
    if let Err(reason) = checked {
        return Err(InvalidEmail {
            invitee: request.invitee.trim().to_owned(),
            reason,
        });
    }
    let role = match request.roles.as_slice() {
        [] => return Err(NoRole { invitee }),
        [role] => role,
        _ => return Err(MoreThanOneRole { invitee }),
    };
    if let Role::Other(name) = role {
        return Err(UnknownRole {
            invitee,
            role: name.clone(),
        });
    }
    if !allows(actor, Action::Invite(role)) {
        return Err(RoleNotAllowed {
            invitee,
            role: role.clone(),
        });
    }
    if crate::validation::check_project_ids(&request.projects_ids).is_err() {
        return Err(TooManyProjects { invitee });
    }
    if role.is_project_scoped() {
        if request.projects_ids.is_empty() {
            return Err(ProjectsRequired { invitee });
        }
        if let Some(p) = request
            .projects_ids
            .iter()
            .find(|p| !ctx.project_ids.contains(p))
        {
            return Err(ProjectOutsideOrganization {
                invitee,
                project_id: p.clone(),
            });
        }
    } else if !request.projects_ids.is_empty() {
        return Err(ProjectsNotAllowed { invitee });
    }
    if request
        .message
        .as_deref()
        .is_some_and(|m| m.chars().count() > MAX_INVITATION_MESSAGE)
    {
        return Err(MessageTooLong { invitee });
    }
    if request
        .message
        .as_deref()
        .is_some_and(|m| crate::validation::check_message(m).is_err())
    {
        return Err(MessageInvalid { invitee });
    }
    if (ctx.is_member)(&invitee) {
        return Err(AlreadyMember { invitee });
    }
    if (ctx.is_invited)(&invitee) {
        return Err(AlreadyInvited { invitee });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(invitee: &str, roles: &[Role], projects: &[&str]) -> CreateInvitation {
        CreateInvitation {
            invitee: invitee.into(),
            roles: roles.to_vec(),
            projects_ids: projects.iter().map(|s| s.to_string()).collect(),
            message: None,
        }
    }

    fn check(actor: Role, req: CreateInvitation) -> Result<(), InvitationProblem> {
        let projects = vec!["p1".to_string(), "p2".to_string()];
        let ctx = InvitationContext {
            project_ids: &projects,
            is_member: &|e| e == "member@example.com",
            is_invited: &|e| e == "invited@example.com",
        };
        check_invitation(&actor, &req, &ctx)
    }

    #[test]
    fn a_good_invitation_passes() {
        assert_eq!(
            check(
                Role::Admin,
                request("new@example.com", &[Role::Billing], &[])
            ),
            Ok(())
        );
        assert_eq!(
            check(
                Role::Owner,
                request("New@Example.com", &[Role::Collaborator], &["p2"])
            ),
            Ok(())
        );
        assert_eq!(
            check(Role::Owner, request("new@example.com", &[Role::Owner], &[])),
            Ok(())
        );
    }

    #[test]
    fn each_rule_names_the_address() {
        let cases = [
            (Role::Owner, request("bob@", &[Role::Admin], &[]), "bob@ is not a valid email address: it has nothing after the @"),
            (Role::Owner, request("a@example.com", &[], &[]), "Choose a role for a@example.com"),
            (Role::Owner, request("a@example.com", &[Role::Admin, Role::Billing], &[]), "Choose exactly one role for a@example.com"),
            (Role::Owner, request("a@example.com", &[Role::Other("boss".into())], &[]), "\"boss\" is not a role that a@example.com can be invited with"),
            (Role::Admin, request("a@example.com", &[Role::Owner], &[]), "You are not allowed to invite a@example.com as owner"),
            (Role::Owner, request("a@example.com", &[Role::Collaborator], &[]), "Choose at least one project for a@example.com, who is invited as a collaborator"),
            (Role::Owner, request("a@example.com", &[Role::LimitedCollaborator], &["p9"]), "Project p9 chosen for a@example.com is not in this organization"),
            (Role::Owner, request("a@example.com", &[Role::Admin], &["p1"]), "Projects can only be chosen for collaborators; a@example.com gets access to all of them"),
            (Role::Owner, request("Member@example.com", &[Role::Billing], &[]), "member@example.com is already a member of this organization"),
            (Role::Owner, request("invited@example.com", &[Role::Billing], &[]), "invited@example.com has already been invited to this organization"),
        ];
        for (actor, req, want) in cases {
            let problem = check(actor, req).unwrap_err();
            assert_eq!(problem.to_string(), want);
        }
    }

    #[test]
    fn only_the_owner_rule_is_a_403() {
        let p = check(Role::Admin, request("a@example.com", &[Role::Owner], &[])).unwrap_err();
        assert_eq!(p.status(), 403);
        let p = check(Role::Admin, request("a@example.com", &[], &[])).unwrap_err();
        assert_eq!(p.status(), 422);
    }

    #[test]
    fn long_messages_are_refused() {
        let mut req = request("a@example.com", &[Role::Billing], &[]);
        req.message = Some("x".repeat(MAX_INVITATION_MESSAGE + 1));
        assert!(matches!(
            check(Role::Owner, req),
            Err(InvitationProblem::MessageTooLong { .. })
        ));
    }

    #[test]
    fn control_characters_and_too_many_projects_are_refused() {
        let mut req = request("a@example.com", &[Role::Billing], &[]);
        req.message = Some("Hi\u{1b}[2J".into());
        assert!(matches!(
            check(Role::Owner, req),
            Err(InvitationProblem::MessageInvalid { .. })
        ));
        let mut ok = request("a@example.com", &[Role::Billing], &[]);
        ok.message = Some("Line one\nLine two".into());
        assert_eq!(check(Role::Owner, ok), Ok(()));
        let ids: Vec<String> = (0..101).map(|i| format!("p{i}")).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let many = request("a@example.com", &[Role::Collaborator], &refs);
        assert!(matches!(
            check(Role::Owner, many),
            Err(InvitationProblem::TooManyProjects { .. })
        ));
    }
}
