//! The rules a change of a member's role and projects must pass. The server turns a problem
//! into its 403 or 422; the console runs the same check before sending.

use std::fmt;

use crate::permissions::{allows, Action};
use crate::requests::UpdateMember;
use crate::role::Role;
use crate::validation::{check_project_ids, MAX_PROJECT_IDS};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MemberUpdateProblem {
    /// The actor may not manage members at all.
    NotManager,
    /// The actor may not manage a member with the target's role (an admin and an owner).
    TargetIsOwner,
    NoSingleRole,
    UnknownRole(String),
    /// The actor may not hand out this role (only owners make owners).
    RoleNotAllowed,
    TooManyProjects,
    ProjectsRequired,
    ProjectsNotAllowed,
    ProjectOutsideOrganization(String),
}

impl MemberUpdateProblem {
    /// 403 for what the actor may not do, 422 for a request that is wrong in itself.
    pub fn status(&self) -> u16 {
        use MemberUpdateProblem::*;
        match self {
            NotManager | TargetIsOwner | RoleNotAllowed => 403,
            _ => 422,
        }
    }
}

impl fmt::Display for MemberUpdateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use MemberUpdateProblem::*;
        match self {
            NotManager => {
                f.write_str("You are not authorized to manage members of this organization")
            }
            TargetIsOwner => f.write_str("Only owners can change an owner's membership"),
            NoSingleRole => f.write_str("Choose exactly one role"),
            UnknownRole(r) => write!(f, "{r:?} is not a role"),
            RoleNotAllowed => f.write_str("Only owners can make someone an owner"),
            TooManyProjects => write!(f, "Choose at most {MAX_PROJECT_IDS} projects at once"),
            ProjectsRequired => f.write_str("Choose at least one project for a collaborator"),
            ProjectsNotAllowed => f.write_str("Projects can only be chosen for collaborators"),
            ProjectOutsideOrganization(p) => write!(f, "Project {p} is not in this organization"),
        }
    }
}

/// Checks a change of the member whose role is `target` by a member whose role is `actor`,
/// in an organization with `org_projects`. Returns the new role and the de-duplicated
/// project ids to store.
pub fn check_member_update(
    actor: &Role,
    target: &Role,
    update: &UpdateMember,
    org_projects: &[String],
) -> Result<(Role, Vec<String>), MemberUpdateProblem> {
    use MemberUpdateProblem::*;
    if !allows(actor, Action::ManageMember(&Role::Admin)) {
        return Err(NotManager);
    }
    if !allows(actor, Action::ManageMember(target)) {
        return Err(TargetIsOwner);
    }
    let role = match update.roles.as_slice() {
        [role] if role.is_known() => role.clone(),
        [Role::Other(r)] => return Err(UnknownRole(r.clone())),
        _ => return Err(NoSingleRole),
    };
    if !allows(actor, Action::AssignRole(&role)) {
        return Err(RoleNotAllowed);
    }
    let projects = check_project_ids(&update.projects_ids).map_err(|_| TooManyProjects)?;
    if role.is_project_scoped() {
        if projects.is_empty() {
            return Err(ProjectsRequired);
        }
        if let Some(p) = projects.iter().find(|p| !org_projects.contains(p)) {
            return Err(ProjectOutsideOrganization(p.clone()));
        }
    } else if !projects.is_empty() {
        return Err(ProjectsNotAllowed);
    }
    Ok((role, projects))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(roles: &[Role], projects: &[&str]) -> UpdateMember {
        UpdateMember {
            roles: roles.to_vec(),
            projects_ids: projects.iter().map(|p| p.to_string()).collect(),
        }
    }

    const ORG: &[&str] = &["p1", "p2"];

    fn check(
        actor: Role,
        target: Role,
        u: UpdateMember,
    ) -> Result<(Role, Vec<String>), MemberUpdateProblem> {
        let org: Vec<String> = ORG.iter().map(|p| p.to_string()).collect();
        check_member_update(&actor, &target, &u, &org)
    }

    #[test]
    fn good_changes_pass_with_their_projects_deduplicated() {
        assert_eq!(
            check(
                Role::Admin,
                Role::Billing,
                update(&[Role::Collaborator], &["p1", "p1", "p2"])
            ),
            Ok((Role::Collaborator, vec!["p1".into(), "p2".into()]))
        );
        assert_eq!(
            check(Role::Owner, Role::Admin, update(&[Role::Owner], &[])),
            Ok((Role::Owner, vec![]))
        );
    }

    #[test]
    fn each_rule_and_its_status() {
        use MemberUpdateProblem::*;
        let cases = [
            (
                check(
                    Role::Collaborator,
                    Role::Billing,
                    update(&[Role::Billing], &[]),
                ),
                NotManager,
                403,
            ),
            (
                check(Role::Admin, Role::Owner, update(&[Role::Admin], &[])),
                TargetIsOwner,
                403,
            ),
            (
                check(Role::Admin, Role::Billing, update(&[Role::Owner], &[])),
                RoleNotAllowed,
                403,
            ),
            (
                check(Role::Owner, Role::Billing, update(&[], &[])),
                NoSingleRole,
                422,
            ),
            (
                check(
                    Role::Owner,
                    Role::Billing,
                    update(&[Role::Admin, Role::Billing], &[]),
                ),
                NoSingleRole,
                422,
            ),
            (
                check(
                    Role::Owner,
                    Role::Billing,
                    update(&[Role::Other("boss".into())], &[]),
                ),
                UnknownRole("boss".into()),
                422,
            ),
            (
                check(
                    Role::Owner,
                    Role::Billing,
                    update(&[Role::Collaborator], &[]),
                ),
                ProjectsRequired,
                422,
            ),
            (
                check(Role::Owner, Role::Billing, update(&[Role::Admin], &["p1"])),
                ProjectsNotAllowed,
                422,
            ),
            (
                check(
                    Role::Owner,
                    Role::Billing,
                    update(&[Role::LimitedCollaborator], &["p9"]),
                ),
                ProjectOutsideOrganization("p9".into()),
                422,
            ),
        ];
        for (got, want, status) in cases {
            assert_eq!(got, Err(want.clone()));
            assert_eq!(want.status(), status, "{want}");
        }
        let many: Vec<String> = (0..101).map(|i| format!("p{i}")).collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(
            check(
                Role::Owner,
                Role::Billing,
                update(&[Role::Collaborator], &refs)
            ),
            Err(TooManyProjects)
        );
    }
}
