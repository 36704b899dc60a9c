//! The invite modal's checks before sending: the contract's invitation rules for each
//! address, with what the page already knows about the organization.

use leptos::prelude::*;
use org_contract::email::normalize_email;
use org_contract::invitation_rules::MAX_INVITATION_MESSAGE;
use org_contract::{CreateInvitation, InvitationContext, InvitationProblem, Role};

use super::page::MembersData;
use crate::model::format;
use crate::model::invitation_view::InvitationView;
use crate::model::invite_chips::Known;

/// The first of the contract's invitation rules that a request of `batch` breaks, with
/// what the page knows about the organization (its projects, members and pending
/// invitations), gathered once for the whole batch.
pub(super) fn first_problem(
    actor: &Role,
    batch: &[CreateInvitation],
    data: &MembersData,
) -> Option<InvitationProblem> {
    let known = known(data);
    // While the projects are still loading, their membership is left to the server.
    let project_ids: Vec<String> = data
        .projects
        .get_untracked()
        .and_then(Result::ok)
        .map_or_else(
            || batch.iter().flat_map(|b| b.projects_ids.clone()).collect(),
            |l| l.into_iter().map(|p| p.id).collect(),
        );
    let ctx = InvitationContext {
        project_ids: &project_ids,
        is_member: &|address| known.members.iter().any(|m| m == address),
        is_invited: &|address| known.invited.iter().any(|i| i == address),
    };
    batch
        .iter()
        .find_map(|b| org_contract::check_invitation(actor, b, &ctx).err())
}

/// How a rule reads above the form's buttons: the ones about the form (not one address)
/// in the form's words.
pub(super) fn form_message(problem: &InvitationProblem) -> String {
    match problem {
        InvitationProblem::ProjectsRequired { .. } => {
            "Choose at least one project for collaborators.".to_owned()
        }
        InvitationProblem::MessageTooLong { .. } => {
            format!("The message must be at most {MAX_INVITATION_MESSAGE} characters.")
        }
        InvitationProblem::MessageInvalid { .. } => {
            "The message must not contain control characters.".to_owned()
        }
        other => format!("{other}."),
    }
}

/// The addresses the organization already has, from the loaded lists.
pub(super) fn known(data: &MembersData) -> Known {
    let members = data.rows.with_untracked(|r| {
        r.as_ref()
            .and_then(|r| r.as_ref().ok())
            .map(|rows| rows.iter().map(|m| normalize_email(&m.email)).collect())
            .unwrap_or_default()
    });
    let now = format::now();
    let invited = data
        .invitations
        .get_untracked()
        .and_then(Result::ok)
        .map(|list| {
            list.into_iter()
                .filter(|i| !InvitationView::new(i).is_expired(now))
                .map(|i| normalize_email(&i.invitee))
                .collect()
        })
        .unwrap_or_default();
    Known { members, invited }
}
