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

/// What [`check_invitation`] needs to know about the organization, for one request.
pub(super) fn rules_context(data: &MembersData, request: &CreateInvitation) -> OwnedContext {
    let known = known(data);
    let invitee = normalize_email(&request.invitee);
    OwnedContext {
        project_ids: data
            .projects
            .get_untracked()
            .and_then(Result::ok)
            .map_or_else(
                || request.projects_ids.clone(),
                |l| l.into_iter().map(|p| p.id).collect(),
            ),
        is_member: known.members.contains(&invitee),
        is_invited: known.invited.contains(&invitee),
    }
}

/// An [`InvitationContext`]'s answers, computed up front.
pub(super) struct OwnedContext {
    project_ids: Vec<String>,
    is_member: bool,
    is_invited: bool,
}

pub(super) fn check_invitation(
    actor: &Role,
    request: &CreateInvitation,
    ctx: &OwnedContext,
) -> Result<(), InvitationProblem> {
    org_contract::check_invitation(
        actor,
        request,
        &InvitationContext {
            project_ids: &ctx.project_ids,
            is_member: &|_| ctx.is_member,
            is_invited: &|_| ctx.is_invited,
        },
    )
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
