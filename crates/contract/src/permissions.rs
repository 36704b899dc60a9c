//! The permission matrix of the contract, as one pure function.
//!
//! The server answers 403 where [`allows`] says no; the console does not render the
//! control at all. Rules that depend on the organization's state rather than on roles
//! (the last owner cannot leave or be demoted) are 422s and live in the server.

use crate::role::Role;

/// Something a member may try to do in an organization. Actions on another member or an
/// invitation carry the role that matters for the decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action<'a> {
    /// See the organization, its General page and its member list.
    ViewOrganization,
    EditOrganization,
    DeleteOrganization,
    ViewInvitations,
    /// Invite someone with this role.
    Invite(&'a Role),
    /// Change the role or projects of, or remove, a member who has this role now.
    ManageMember(&'a Role),
    /// Give an existing member this role.
    AssignRole(&'a Role),
    /// Resend or revoke an invitation.
    ManageInvitation,
    /// Download the member list or the pending invitations as CSV (what the page shows,
    /// gathered in one file: for those who look after membership).
    ExportMembers,
    /// Read the organization's activity log (who changed what in its membership).
    ViewActivity,
    /// Leave the organization (the last-owner guard is checked separately).
    Leave,
    ViewProjects,
    CreateProject,
    /// See Billing and Payment Methods.
    ViewBilling,
    /// Choose the default card or remove one (an extension; the roles that see billing,
    /// since looking after it is the billing role's whole job).
    ManagePaymentMethods,
}

/// Which projects a role sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProjectScope {
    All,
    /// Only the projects named in the membership.
    Own,
    None,
}

/// Whether a member with role `actor` may do `action`. Unknown roles may only look and
/// leave: they are treated as the least privileged.
pub fn allows(actor: &Role, action: Action<'_>) -> bool {
    use Role::*;
    let manager = matches!(actor, Owner | Admin);
    match action {
        Action::ViewOrganization | Action::Leave => true,
        Action::EditOrganization
        | Action::ViewInvitations
        | Action::ManageInvitation
        | Action::ExportMembers
        | Action::ViewActivity
        | Action::CreateProject => manager,
        Action::DeleteOrganization => *actor == Owner,
        // Only owners make owners; nobody hands out a role the contract does not know.
        Action::Invite(role) | Action::AssignRole(role) => match role {
            Owner => *actor == Owner,
            Other(_) => false,
            _ => manager,
        },
        // Admins manage everyone but owners.
        Action::ManageMember(target) => match actor {
            Owner => true,
            Admin => *target != Owner,
            _ => false,
        },
        Action::ViewProjects => project_scope(actor) != ProjectScope::None,
        Action::ViewBilling | Action::ManagePaymentMethods => {
            matches!(actor, Owner | Admin | Billing)
        }
    }
}

pub fn project_scope(actor: &Role) -> ProjectScope {
    match actor {
        Role::Owner | Role::Admin => ProjectScope::All,
        Role::Collaborator | Role::LimitedCollaborator => ProjectScope::Own,
        Role::Billing | Role::Other(_) => ProjectScope::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Role::*;

    const ROLES: [Role; 5] = Role::KNOWN;

    /// Checks one row of the contract's matrix: `expected` is in the order of the
    /// contract's columns (owner, admin, collaborator, limited_collaborator, billing).
    fn row(action: Action<'_>, expected: [bool; 5]) {
        for (actor, want) in ROLES.iter().zip(expected) {
            assert_eq!(allows(actor, action), want, "{actor:?} doing {action:?}");
        }
    }

    #[test]
    fn matrix_rows_match_the_contract() {
        row(Action::ViewOrganization, [true; 5]);
        row(Action::EditOrganization, [true, true, false, false, false]);
        row(
            Action::DeleteOrganization,
            [true, false, false, false, false],
        );
        row(Action::ViewInvitations, [true, true, false, false, false]);
        for role in [Admin, Collaborator, LimitedCollaborator, Billing] {
            row(Action::Invite(&role), [true, true, false, false, false]);
            row(Action::AssignRole(&role), [true, true, false, false, false]);
        }
        row(Action::Invite(&Owner), [true, false, false, false, false]);
        row(
            Action::AssignRole(&Owner),
            [true, false, false, false, false],
        );
        for target in [Admin, Collaborator, LimitedCollaborator, Billing] {
            row(
                Action::ManageMember(&target),
                [true, true, false, false, false],
            );
        }
        row(
            Action::ManageMember(&Owner),
            [true, false, false, false, false],
        );
        row(Action::ManageInvitation, [true, true, false, false, false]);
        row(Action::ExportMembers, [true, true, false, false, false]);
        row(Action::ViewActivity, [true, true, false, false, false]);
        row(Action::Leave, [true; 5]);
        row(Action::ViewProjects, [true, true, true, true, false]);
        row(Action::CreateProject, [true, true, false, false, false]);
        row(Action::ViewBilling, [true, true, false, false, true]);
        row(
            Action::ManagePaymentMethods,
            [true, true, false, false, true],
        );
    }

    #[test]
    fn project_scope_matches_the_contract() {
        let scopes: Vec<_> = ROLES.iter().map(project_scope).collect();
        use ProjectScope::*;
        assert_eq!(scopes, [All, All, Own, Own, None]);
    }

    #[test]
    fn unknown_roles_are_least_privileged() {
        let odd = Other("auditor".into());
        assert!(allows(&odd, Action::ViewOrganization));
        assert!(allows(&odd, Action::Leave));
        for action in [
            Action::EditOrganization,
            Action::DeleteOrganization,
            Action::ViewInvitations,
            Action::Invite(&Billing),
            Action::ManageMember(&Billing),
            Action::ManageInvitation,
            Action::ExportMembers,
            Action::ViewActivity,
            Action::ViewProjects,
            Action::CreateProject,
            Action::ViewBilling,
            Action::ManagePaymentMethods,
        ] {
            assert!(!allows(&odd, action), "{action:?}");
        }
        // Nobody may hand out a role the contract does not know.
        assert!(!allows(&Owner, Action::Invite(&odd)));
        assert!(!allows(&Owner, Action::AssignRole(&odd)));
    }
}
