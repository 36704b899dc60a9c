use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use org_contract::email::normalize_email;
use org_contract::validation::check_project_ids;
use org_contract::{
    allows, check_invitation, AcceptInvitation, Action, CreateInvitation, EventAction,
    EventDetails, Invitation, InvitationContext, InvitationList, InvitationProblem, Member, Role,
    INVITATION_LIFETIME_DAYS,
};

use super::require;
use crate::auth::{new_nonce, new_token, CurrentUser};
use crate::db::{on_db, on_tx};
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::limits::too_many;
use crate::listing::ListQuery;
use crate::mail::{invitation_message, InvitationEmail};
use crate::member_page;
use crate::queries::{self, InvitationIncludes, InvitationViewer};
use crate::rows::{InvitationRow, MemberRow, API};
use crate::store::events;
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
    events::notice_expired(&state.db, &id).await?;
    let total: i64 = on_db!(&state.db, db => sqlx::query_scalar("SELECT count(*) FROM invitations WHERE organization_id = $1")
            .bind(&id)
            .fetch_one(db).await)?;
    let rows = on_db!(&state.db, db => sqlx::query_as::<_, InvitationRow>(
        "SELECT * FROM invitations WHERE organization_id = $1 ORDER BY created_at, id LIMIT $2 OFFSET $3",
    )
    .bind(&id)
    .bind(query.limit())
    .bind(query.offset())
    .fetch_all(db).await)?;
    let invitations = queries::invitations(
        &state.db,
        &rows,
        InvitationIncludes::from(&query),
        InvitationViewer::Manager(&role),
    )
    .await?;
    let meta = query.meta(
        &format!("{API}/organizations/{id}/invitations"),
        total as u64,
    );
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
    let is_member: bool = on_db!(&state.db, db => sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM members m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 AND lower(u.email) = lower($2))",
    )
    .bind(&id)
    .bind(&invitee)
    .fetch_one(db).await)?;
    let is_invited: bool = on_db!(&state.db, db => sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM invitations WHERE organization_id = $1 AND lower(invitee) = lower($2) AND expires_at > $3)",
    )
    .bind(&id)
    .bind(&invitee)
    .bind(&now)
    .fetch_one(db).await)?;
    let project_ids = queries::project_ids(&state.db, &id).await?;
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
    let (id, invitee, now) = (
        row.organization_id.clone(),
        row.invitee.clone(),
        row.created_at.clone(),
    );
    // The expired invitation this one may replace is recorded as expired before it goes.
    events::notice_expired(&state.db, &id).await?;
    let mut tx = state.db.begin().await?;
    let details = EventDetails {
        role: Some(Role::parse(&row.role)),
        projects: events::project_names(&mut tx, &id, projects_ids).await?,
        ..EventDetails::default()
    };
    // An expired invitation no longer blocks the address: the new one replaces it.
    on_tx!(&mut tx, c => sqlx::query(
        "DELETE FROM invitations WHERE organization_id = $1 AND lower(invitee) = lower($2) AND expires_at <= $3",
    )
    .bind(&id)
    .bind(&invitee)
    .bind(&now)
    .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    let inserted = on_tx!(&mut tx, c => sqlx::query(
        "INSERT INTO invitations (id, organization_id, invitee, role, invited_by, message, nonce, expires_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&row.id)
    .bind(&row.organization_id)
    .bind(&row.invitee)
    .bind(&row.role)
    .bind(&row.invited_by)
    .bind(&row.message)
    .bind(&row.nonce)
    .bind(&row.expires_at)
    .bind(&row.created_at)
    .bind(&row.updated_at)
    .execute(&mut *c).await.map(|r| r.rows_affected()));
    match inserted {
        // Another request invited the same address between our check and this insert.
        Err(e) if db::is_unique_violation(&e) => {
            return Err(problem(InvitationProblem::AlreadyInvited { invitee }))
        }
        other => other?,
    };
    for p in projects_ids {
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO invitation_projects (invitation_id, project_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(&row.id)
        .bind(p)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    let event = events::record(
        &mut tx,
        &id,
        Some(&events::actor(&me.user)),
        EventAction::MemberInvited,
        Some(&events::address_subject(&invitee)),
        &details,
    )
    .await?;
    tx.commit().await?;
    if let Err(e) = send_email(state, &row, org_name, &me.user.full_name()).await {
        // Without its email the invitation is useless to the invitee; undo it (and its
        // event) so the console keeps the address for a retry.
        let mut undo = state.db.begin().await?;
        on_tx!(&mut undo, c => sqlx::query("DELETE FROM invitations WHERE id = $1")
            .bind(&row.id)
            .execute(&mut *c)
            .await
            .map(|_| ()))?;
        events::forget(&mut undo, &event).await?;
        undo.commit().await?;
        tracing::error!(error = %e, "sending an invitation email");
        return Err(ApiError::Internal(format!(
            "The invitation email to {invitee} could not be sent"
        )));
    }
    let invitation = queries::invitation(
        &state.db,
        &row,
        InvitationIncludes::from(query),
        InvitationViewer::Manager(actor),
    )
    .await?;
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
    on_db!(&state.db, db => sqlx::query("UPDATE invitations SET proof_hash = $1 WHERE id = $2")
        .bind(&proof_hash)
        .bind(&row.id)
        .execute(db).await.map(|r| r.rows_affected()))
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
    let rows = on_db!(&state.db, db => sqlx::query_as::<_, InvitationRow>(
        "SELECT * FROM invitations WHERE lower(invitee) = lower($1) ORDER BY created_at, id",
    )
    .bind(&me.user.email)
    .fetch_all(db).await)?;
    let invitations = queries::invitations(
        &state.db,
        &rows,
        InvitationIncludes::from(&query),
        InvitationViewer::Invitee { verified: true },
    )
    .await?;
    Ok(Json(InvitationList {
        invitations,
        meta: None,
    }))
}

/// How the caller relates to an invitation.
enum Party {
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
async fn party(state: &AppState, me: &CurrentUser, id: &str) -> ApiResult<(InvitationRow, Party)> {
    let row = queries::invitation_row(&state.db, id).await?;
    if row.invitee == me.user.email.to_lowercase() {
        return Ok((row, Party::Invitee));
    }
    let member = on_db!(&state.db, db => sqlx::query_as::<_, MemberRow>(
        "SELECT * FROM members WHERE organization_id = $1 AND user_id = $2",
    )
    .bind(&row.organization_id)
    .bind(&me.user.id)
    .fetch_optional(db).await)?;
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
        let row = queries::invitation_row(&state.db, &id).await?;
        if nonce != Some(row.nonce.as_str()) {
            return Err(stale_link());
        }
        return Ok(Json(queries::invitation_preview(&state.db, &row).await?).into_response());
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
    let invitation = queries::invitation(
        &state.db,
        &row,
        InvitationIncludes::from(&query),
        party.viewer(&me),
    )
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
    let row = queries::invitation_row(&state.db, &id).await?;
    if row.invitee != me.user.email.to_lowercase() {
        return Err(wrong_account(&row, &me.user.email));
    }
    let by_link = nonce.as_deref() == Some(row.nonce.as_str());
    if !me.user.email_verified && !by_link {
        return Err(ApiError::forbidden(
            "Verify your email address to accept this invitation",
        ));
    }
    let now = db::now();
    if row.is_expired(&now) {
        events::notice_expired(&state.db, &row.organization_id).await?;
        return Err(ApiError::invalid("This invitation has expired"));
    }
    let already: bool = on_db!(&state.db, db => sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM members WHERE organization_id = $1 AND user_id = $2)",
    )
    .bind(&row.organization_id)
    .bind(&me.user.id)
    .fetch_one(db).await)?;
    if already {
        return Err(ApiError::invalid(
            "You are already a member of this organization",
        ));
    }
    // Read before claiming: deleting the invitation deletes its project list. (Nothing
    // changes an invitation's projects, and the transaction must start with its write: a
    // SQLite transaction that reads first cannot take the write lock from a concurrent one.)
    let projects: Vec<String> = on_db!(&state.db, db => sqlx::query_scalar("SELECT project_id FROM invitation_projects WHERE invitation_id = $1")
            .bind(&row.id)
            .fetch_all(db).await)?;
    let member_id = db::new_id();
    let mut tx = state.db.begin().await?;
    // Deleting claims the invitation: of a concurrent accept, decline, revoke or resend
    // only one changes it, and the others find it gone (or, for a nonce-bound accept,
    // renewed) and say so.
    let claimed = on_tx!(&mut tx, c => sqlx::query("DELETE FROM invitations WHERE id = $1 AND ($2 OR nonce = $3)")
        .bind(&row.id)
        .bind(me.user.email_verified)
        .bind(nonce.as_deref().unwrap_or_default())
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if claimed == 0 {
        drop(tx);
        return Err(match queries::invitation_row(&state.db, &id).await {
            Ok(_) => stale_link(),
            Err(e) => e,
        });
    }
    queries::close_invitation(&mut tx, &row, "accepted").await?;
    let details = EventDetails {
        role: Some(Role::parse(&row.role)),
        projects: events::project_names(&mut tx, &row.organization_id, &projects).await?,
        ..EventDetails::default()
    };
    on_tx!(&mut tx, c => sqlx::query("INSERT INTO members (id, organization_id, user_id, role, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(&member_id)
        .bind(&row.organization_id)
        .bind(&me.user.id)
        .bind(&row.role)
        .bind(&now)
        .bind(&now)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    for project in &projects {
        on_tx!(&mut tx, c => sqlx::query("INSERT INTO member_projects (member_id, project_id) VALUES ($1, $2)")
            .bind(&member_id)
            .bind(project)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    events::record(
        &mut tx,
        &row.organization_id,
        Some(&events::actor(&me.user)),
        EventAction::InvitationAccepted,
        Some(&events::member_subject(&me.user, &member_id)),
        &details,
    )
    .await?;
    tx.commit().await?;
    let member = on_db!(&state.db, db => sqlx::query_as::<_, MemberRow>("SELECT * FROM members WHERE id = $1")
        .bind(&member_id)
        .fetch_one(db).await)?;
    let seen = queries::ProjectsSeen::of(&state.db, &member).await?;
    Ok(Json(
        member_page::member(
            &state.db,
            &member.organization_id,
            &member.id,
            query.includes("user"),
            query.includes("projects"),
            &seen,
        )
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
    let mut tx = state.db.begin().await?;
    let deleted = on_tx!(&mut tx, c => sqlx::query("DELETE FROM invitations WHERE id = $1")
        .bind(&row.id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if deleted == 0 {
        // Accepted, declined or revoked since we read it: say what became of it.
        drop(tx);
        return Err(queries::invitation_row(&state.db, &id)
            .await
            .err()
            .unwrap_or(ApiError::NotFound));
    }
    let (outcome, action) = match party {
        Party::Invitee => ("declined", EventAction::InvitationDeclined),
        Party::Manager(_) => ("revoked", EventAction::InvitationRevoked),
    };
    queries::close_invitation(&mut tx, &row, outcome).await?;
    let details = EventDetails {
        role: Some(Role::parse(&row.role)),
        ..EventDetails::default()
    };
    events::record(
        &mut tx,
        &row.organization_id,
        Some(&events::actor(&me.user)),
        action,
        Some(&events::address_subject(&row.invitee)),
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
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
    Ok(Json(
        queries::invitation(
            &state.db,
            &row,
            InvitationIncludes::from(&query),
            InvitationViewer::Manager(role),
        )
        .await?,
    ))
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
    let mut tx = state.db.begin().await?;
    let renewed = on_tx!(&mut tx, c => sqlx::query(
        "UPDATE invitations SET nonce = $1, expires_at = $2, updated_at = $3 WHERE id = $4",
    )
    .bind(&row.nonce)
    .bind(&row.expires_at)
    .bind(&row.updated_at)
    .bind(&row.id)
    .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if renewed == 0 {
        drop(tx);
        return Err(queries::invitation_row(&state.db, &row.id)
            .await
            .err()
            .unwrap_or(ApiError::NotFound));
    }
    let details = EventDetails {
        role: Some(Role::parse(&row.role)),
        ..EventDetails::default()
    };
    let event = events::record(
        &mut tx,
        &row.organization_id,
        Some(&events::actor(&me.user)),
        EventAction::InvitationResent,
        Some(&events::address_subject(&row.invitee)),
        &details,
    )
    .await?;
    tx.commit().await?;
    let org = queries::organization_row(&state.db, &row.organization_id).await?;
    if let Err(e) = send_email(state, row, &org.name, &me.user.full_name()).await {
        let mut undo = state.db.begin().await?;
        on_tx!(&mut undo, c => sqlx::query("UPDATE invitations SET nonce = $1, expires_at = $2, updated_at = $3, proof_hash = $4 WHERE id = $5 AND nonce = $6")
            .bind(&old.nonce)
            .bind(&old.expires_at)
            .bind(&old.updated_at)
            .bind(&old.proof_hash)
            .bind(&row.id)
            .bind(&row.nonce)
            .execute(&mut *c)
            .await
            .map(|_| ()))?;
        events::forget(&mut undo, &event).await?;
        undo.commit().await?;
        return Err(ApiError::Internal(format!(
            "resending an invitation email: {e}"
        )));
    }
    Ok(())
}
