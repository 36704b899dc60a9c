//! The invitations an organization sends: its list, a new one, and a resend, with the
//! emails that carry their links.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use org_contract::email::normalize_email;
use org_contract::validation::check_project_ids;
use org_contract::{
    check_invitation, Action, CreateInvitation, Invitation, InvitationContext, InvitationList,
    InvitationProblem, Role, INVITATION_LIFETIME_DAYS,
};

use super::invitation_responses::{gone, party, Party};
use super::require;
use crate::auth::{new_nonce, new_token, CurrentUser};
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::limits::too_many;
use crate::listing::ListQuery;
use crate::mail::{invitation_message, InvitationEmail};
use crate::rows::{InvitationRow, API};
use crate::store::{events, InvitationIncludes, InvitationViewer, Invited};
use crate::{db, AppState};

const NOT_MANAGER: &str = "You are not authorized to manage invitations of this organization";

fn expiry() -> db::Timestamp {
    db::timestamp(Utc::now() + chrono::Duration::days(INVITATION_LIFETIME_DAYS))
}

/// `GET /organizations/{id}/invitations`: owners and admins.
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    query: ListQuery,
) -> ApiResult<Json<InvitationList>> {
    let (_, member) = state.store.membership(&id, &me.user.id).await?;
    let role = member.role();
    require(
        &role,
        Action::ViewInvitations,
        "You are not authorized to see the invitations of this organization",
    )?;
    state.store.notice_expired(&id).await?;
    let (total, rows) = state
        .store
        .invitation_page(&id, query.limit(), query.offset())
        .await?;
    let include = InvitationIncludes::from(&query);
    let viewer = InvitationViewer::Manager(&role);
    let invitations = state.store.invitations(&rows, include, viewer).await?;
    let meta = query.meta(&format!("{API}/organizations/{id}/invitations"), total);
    Ok(Json(InvitationList {
        invitations,
        meta: Some(meta),
    }))
}

/// `POST /organizations/{id}/invitations`: invite one address and email it the link.
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    query: ListQuery,
    JsonBody(body): JsonBody<CreateInvitation>,
) -> ApiResult<(StatusCode, Json<Invitation>)> {
    let (org, member) = state.store.membership(&id, &me.user.id).await?;
    let actor = member.role();
    require(
        &actor,
        Action::ManageInvitation,
        "You are not authorized to invite members to this organization",
    )?;
    let invitee = normalize_email(&body.invitee);
    let now = db::now();
    let (is_member, is_invited) = state.store.address_standing(&id, &invitee).await?;
    let project_ids = state.store.project_ids(&id).await?;
    check(&actor, &body, &project_ids, is_member, is_invited)?;
    let projects_ids = check_project_ids(&body.projects_ids).map_err(ApiError::invalid)?;
    // Counted once the request is known to be good; given back if it still fails below.
    let reservation = state
        .limits
        .invitations
        .reserve(&id)
        .await
        .map_err(|secs| {
            too_many(
                secs,
                "This organization has sent too many invitations in the last hour",
            )
        })?;
    let created = insert_and_send(
        &state,
        &me,
        &org.name,
        &actor,
        row_for(&id, &invitee, &body, &me.user.id, &now),
        &projects_ids,
        &query,
    )
    .await;
    if created.is_err() {
        state.limits.invitations.release(reservation).await;
    }
    created
}

fn row_for(
    org_id: &str,
    invitee: &str,
    body: &CreateInvitation,
    invited_by: &str,
    now: &db::Timestamp,
) -> InvitationRow {
    InvitationRow {
        id: db::new_id(),
        organization_id: org_id.to_owned(),
        invitee: invitee.to_owned(),
        role: body.roles[0].as_str().to_owned(),
        invited_by: invited_by.to_owned(),
        message: body
            .message
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .map(str::to_owned),
        nonce: new_nonce(),
        expires_at: expiry(),
        created_at: now.clone(),
        updated_at: now.clone(),
        proof_hash: None,
    }
}

/// Stores the invitation and emails its link; without the email the invitation is undone.
async fn insert_and_send(
    state: &AppState,
    me: &CurrentUser,
    org_name: &str,
    actor: &Role,
    row: InvitationRow,
    projects_ids: &[String],
    query: &ListQuery,
) -> ApiResult<(StatusCode, Json<Invitation>)> {
    let actor_event = events::actor(&me.user);
    let event = match state
        .store
        .send_invitation(&row, projects_ids, &actor_event)
        .await?
    {
        Invited::Sent { event } => event,
        Invited::AlreadyInvited => {
            let invitee = row.invitee.clone();
            return Err(problem(InvitationProblem::AlreadyInvited { invitee }));
        }
    };
    if let Err(e) = send_email(state, &row, org_name, &me.user.full_name()).await {
        // Without its email the invitation is useless to the invitee; undo it (and its
        // event) so the console keeps the address for a retry.
        state.store.unsend_invitation(&row.id, &event).await?;
        tracing::error!(error = %e, "sending an invitation email");
        return Err(ApiError::Internal(format!(
            "The invitation email to {} could not be sent",
            row.invitee
        )));
    }
    let include = InvitationIncludes::from(query);
    let viewer = InvitationViewer::Manager(actor);
    let invitation = state.store.invitation(&row, include, viewer).await?;
    Ok((StatusCode::CREATED, Json(invitation)))
}

/// The contract's invitation rules, with what the database said about the address. (A
/// plain function: the context's closures must not live across an await.)
fn check(
    actor: &Role,
    body: &CreateInvitation,
    project_ids: &[String],
    is_member: bool,
    is_invited: bool,
) -> ApiResult<()> {
    let ctx = InvitationContext {
        project_ids,
        is_member: &|_| is_member,
        is_invited: &|_| is_invited,
    };
    check_invitation(actor, body, &ctx).map_err(problem)
}

fn problem(p: InvitationProblem) -> ApiError {
    ApiError::Coded {
        status: p.status(),
        code: p.code(),
        message: p.to_string(),
    }
}

/// Mails the invitation's link: its nonce, and a fresh proof that only the email carries
/// (stored hashed), which is what lets a sign-up from the link count as verified.
async fn send_email(
    state: &AppState,
    row: &InvitationRow,
    organization: &str,
    inviter: &str,
) -> Result<(), String> {
    let (proof, proof_hash) = new_token();
    state
        .store
        .set_invitation_proof(&row.id, &proof_hash)
        .await
        .map_err(|e| e.to_string())?;
    let link = format!(
        "{}/invitations/{}?nonce={}&proof={proof}",
        state.public_url, row.id, row.nonce
    );
    let role = Role::parse(&row.role);
    let email = InvitationEmail {
        to: &row.invitee,
        organization,
        inviter,
        role: &role.label().to_lowercase(),
        message: row.message.as_deref(),
        link: &link,
        expires_at: &row.expires_at.replace('T', " ").replace('Z', ""),
    };
    state
        .mailer
        .send(invitation_message(&state.mail_from, &email)?)
        .await
}

/// `POST /invitations/{id}`: resend with a fresh nonce and expiry; the old link stops working.
pub async fn resend(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    query: ListQuery,
) -> ApiResult<Json<Invitation>> {
    let _serial = state.invitation_locks.hold(&id).await;
    let (mut row, party) = party(&state, &me, &id).await?;
    let Party::Manager(role) = &party else {
        return Err(ApiError::forbidden(NOT_MANAGER));
    };
    let reservation = state
        .limits
        .resend
        .reserve(&row.id)
        .await
        .map_err(|secs| too_many(secs, "This invitation was sent again a moment ago"))?;
    let resent = renew_and_send(&state, &me, &mut row).await;
    if resent.is_err() {
        state.limits.resend.release(reservation).await;
    }
    resent?;
    let include = InvitationIncludes::from(&query);
    let viewer = InvitationViewer::Manager(role);
    Ok(Json(state.store.invitation(&row, include, viewer).await?))
}

/// Gives the invitation a new nonce and expiry and mails the new link. An invitation that
/// vanished meanwhile is a 404 (or 410) and no email; a failed email puts the old nonce and
/// expiry back, so the link the invitee already has keeps working.
async fn renew_and_send(
    state: &AppState,
    me: &CurrentUser,
    row: &mut InvitationRow,
) -> ApiResult<()> {
    let old = row.clone();
    row.nonce = new_nonce();
    row.expires_at = expiry();
    row.updated_at = db::now();
    let actor = events::actor(&me.user);
    let Some(event) = state.store.renew_invitation(row, &actor).await? else {
        return Err(gone(state, &row.id).await);
    };
    let org = state.store.organization_row(&row.organization_id).await?;
    if let Err(e) = send_email(state, row, &org.name, &me.user.full_name()).await {
        state.store.unrenew_invitation(&old, row, &event).await?;
        return Err(ApiError::Internal(format!(
            "resending an invitation email: {e}"
        )));
    }
    Ok(())
}
