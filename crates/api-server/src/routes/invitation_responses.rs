//! An invitation by its id, as its emailed link opens it: read (or previewed without an
//! account), accepted or declined by its invitee, revoked by a manager; and the
//! invitations sent to the caller's own address.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use org_contract::{allows, AcceptInvitation, Action, InvitationList, Member, Role};

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::listing::ListQuery;
use crate::rows::InvitationRow;
use crate::store::{events, InvitationEnd, InvitationIncludes, InvitationViewer};
use crate::{db, AppState};

/// `GET /invitations`: invitations sent to the caller's address.
pub async fn mine(
    State(state): State<AppState>,
    me: CurrentUser,
    query: ListQuery,
) -> ApiResult<Json<InvitationList>> {
    // Nothing proves an unverified user receives mail at their address: anyone could have
    // signed up with it. They see an invitation only through its emailed link.
    if !me.user.email_verified {
        return Ok(Json(InvitationList {
            invitations: vec![],
            meta: None,
        }));
    }
    let rows = state.store.invitations_to(&me.user.email).await?;
    let include = InvitationIncludes::from(&query);
    let viewer = InvitationViewer::Invitee { verified: true };
    let invitations = state.store.invitations(&rows, include, viewer).await?;
    Ok(Json(InvitationList {
        invitations,
        meta: None,
    }))
}

/// How the caller relates to an invitation.
pub(super) enum Party {
    Invitee,
    Manager(Role),
}

impl Party {
    fn viewer<'a>(&'a self, me: &CurrentUser) -> InvitationViewer<'a> {
        match self {
            Party::Manager(role) => InvitationViewer::Manager(role),
            Party::Invitee => InvitationViewer::Invitee {
                verified: me.user.email_verified,
            },
        }
    }
}

/// The invitation and whether the caller may see it: its invitee, or an owner or admin of
/// its organization. Anyone else holding the link is told whose invitation it is, so the
/// console can offer to switch accounts.
pub(super) async fn party(
    state: &AppState,
    me: &CurrentUser,
    id: &str,
) -> ApiResult<(InvitationRow, Party)> {
    let row = state.store.invitation_row(id).await?;
    if row.invitee == me.user.email.to_lowercase() {
        return Ok((row, Party::Invitee));
    }
    let member = state
        .store
        .member_of(&row.organization_id, &me.user.id)
        .await?;
    match member {
        Some(m) if allows(&m.role(), Action::ManageInvitation) => {
            Ok((row, Party::Manager(m.role())))
        }
        _ => Err(wrong_account(&row, &me.user.email)),
    }
}

fn wrong_account(row: &InvitationRow, email: &str) -> ApiError {
    ApiError::forbidden(format!(
        "This invitation was sent to {}, but you are signed in as {email}",
        row.invitee
    ))
}

/// `GET /invitations/{id}?include=organization,invited_by,projects`. Extension: without a
/// token, the invitation's current `nonce` (from the emailed link) is enough to read a
/// preview of it (the organization's id and name, the inviter's name, the roles), so the
/// link can show what it is for before the invitee signs in or signs up. An unverified
/// invitee also needs the nonce: nothing else proves the address is theirs.
pub async fn show(
    State(state): State<AppState>,
    me: Option<CurrentUser>,
    Path(id): Path<String>,
    query: ListQuery,
) -> ApiResult<Response> {
    let nonce = query.get("nonce");
    let Some(me) = me else {
        let row = state.store.invitation_row(&id).await?;
        if nonce != Some(row.nonce.as_str()) {
            return Err(stale_link());
        }
        return Ok(Json(state.store.invitation_preview(&row).await?).into_response());
    };
    let (row, party) = party(&state, &me, &id).await?;
    if matches!(party, Party::Invitee)
        && !me.user.email_verified
        && nonce != Some(row.nonce.as_str())
    {
        return Err(ApiError::forbidden(
            "Verify your email address to see this invitation, or open the link in the invitation email",
        ));
    }
    let include = InvitationIncludes::from(&query);
    let invitation = state
        .store
        .invitation(&row, include, party.viewer(&me))
        .await?;
    Ok(Json(invitation).into_response())
}

fn stale_link() -> ApiError {
    ApiError::invalid(
        "This invitation link is no longer valid; open the link in the most recent invitation email",
    )
}

/// `PUT /invitations/{id}`: the invitee accepts and becomes a member. An unverified
/// invitee must bring the link's current nonce (`?nonce=` or `{"nonce"}`). Accepting never
/// verifies the address: the organization's managers know the nonce too.
pub async fn accept(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    query: ListQuery,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Json<Member>> {
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge(org_contract::validation::MAX_BODY_BYTES)
        } else {
            ApiError::invalid(rejection.body_text())
        }
    })?;
    let _serial = state.invitation_locks.hold(&id).await;
    let from_body = if body.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        serde_json::from_slice::<Option<AcceptInvitation>>(&body)
            .map_err(|e| ApiError::invalid(format!("The request body is not valid: {e}")))?
            .and_then(|b| b.nonce)
    };
    let nonce = query.get("nonce").map(str::to_owned).or(from_body);
    let row = state.store.invitation_row(&id).await?;
    if row.invitee != me.user.email.to_lowercase() {
        return Err(wrong_account(&row, &me.user.email));
    }
    let by_link = nonce.as_deref() == Some(row.nonce.as_str());
    if !me.user.email_verified && !by_link {
        return Err(ApiError::forbidden(
            "Verify your email address to accept this invitation",
        ));
    }
    if row.is_expired(&db::now()) {
        state.store.notice_expired(&row.organization_id).await?;
        return Err(ApiError::invalid("This invitation has expired"));
    }
    if state
        .store
        .member_of(&row.organization_id, &me.user.id)
        .await?
        .is_some()
    {
        return Err(ApiError::invalid(
            "You are already a member of this organization",
        ));
    }
    // Deleting claims the invitation: of a concurrent accept, decline, revoke or resend
    // only one changes it, and the others find it gone (or, for a nonce-bound accept,
    // renewed) and say so.
    let accepted = state
        .store
        .accept_invitation(&row, &me.user, nonce.as_deref())
        .await?;
    let Some(member) = accepted else {
        return Err(match state.store.invitation_row(&id).await {
            Ok(_) => stale_link(),
            Err(e) => e,
        });
    };
    let seen = state.store.projects_seen(&member).await?;
    let (user, projects) = (query.includes("user"), query.includes("projects"));
    let org_id = &member.organization_id;
    Ok(Json(
        state
            .store
            .member(org_id, &member.id, user, projects, &seen)
            .await?,
    ))
}

/// `DELETE /invitations/{id}`: the invitee declines, or a manager revokes.
pub async fn destroy(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    query: ListQuery,
) -> ApiResult<StatusCode> {
    let _serial = state.invitation_locks.hold(&id).await;
    let (row, party) = party(&state, &me, &id).await?;
    // Like accepting: an unverified invitee proves the address with the link's nonce, or
    // whoever signed up with it could decline invitations meant for its owner.
    if matches!(party, Party::Invitee)
        && !me.user.email_verified
        && query.get("nonce") != Some(row.nonce.as_str())
    {
        return Err(ApiError::forbidden(
            "Verify your email address to decline this invitation",
        ));
    }
    let end = match party {
        Party::Invitee => InvitationEnd::Declined,
        Party::Manager(_) => InvitationEnd::Revoked,
    };
    let actor = events::actor(&me.user);
    if !state.store.end_invitation(&row, end, &actor).await? {
        // Accepted, declined or revoked since we read it: say what became of it.
        return Err(gone(&state, &id).await);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// What became of an invitation that vanished between reading and changing it.
pub(super) async fn gone(state: &AppState, id: &str) -> ApiError {
    state
        .store
        .invitation_row(id)
        .await
        .err()
        .unwrap_or(ApiError::NotFound)
}
