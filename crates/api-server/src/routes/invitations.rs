use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use org_contract::email::normalize_email;
use org_contract::{
    allows, check_invitation, Action, CreateInvitation, Invitation, InvitationContext,
    InvitationList, InvitationProblem, Member, Role, INVITATION_LIFETIME_DAYS,
};

use super::require;
use crate::auth::{new_nonce, CurrentUser};
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::listing::ListQuery;
use crate::mail::{invitation_message, InvitationEmail};
use crate::queries::{self, InvitationIncludes};
use crate::rows::{InvitationRow, MemberRow, API};
use crate::{db, AppState};

const NOT_MANAGER: &str = "You are not authorized to manage invitations of this organization";

fn expiry() -> String {
    db::timestamp(Utc::now() + chrono::Duration::days(INVITATION_LIFETIME_DAYS))
}

/// `GET /organizations/{id}/invitations`: owners and admins.
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    query: ListQuery,
) -> ApiResult<Json<InvitationList>> {
    let (_, member) = queries::membership(&state.db, &id, &me.user.id).await?;
    require(
        &member.role(),
        Action::ViewInvitations,
        "You are not authorized to see the invitations of this organization",
    )?;
    let total: i64 =
        sqlx::query_scalar("SELECT count(*) FROM invitations WHERE organization_id = ?")
            .bind(&id)
            .fetch_one(&state.db)
            .await?;
    let rows = sqlx::query_as::<_, InvitationRow>(
        "SELECT * FROM invitations WHERE organization_id = ? ORDER BY created_at, id LIMIT ? OFFSET ?",
    )
    .bind(&id)
    .bind(query.limit())
    .bind(query.offset())
    .fetch_all(&state.db)
    .await?;
    let invitations =
        queries::invitations(&state.db, &rows, InvitationIncludes::from(&query)).await?;
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
    let (org, member) = queries::membership(&state.db, &id, &me.user.id).await?;
    let actor = member.role();
    require(
        &actor,
        Action::ManageInvitation,
        "You are not authorized to invite members to this organization",
    )?;
    let invitee = normalize_email(&body.invitee);
    let now = db::now();
    let is_member: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM members m JOIN users u ON u.id = m.user_id WHERE m.organization_id = ? AND u.email = ?)",
    )
    .bind(&id)
    .bind(&invitee)
    .fetch_one(&state.db)
    .await?;
    let is_invited: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM invitations WHERE organization_id = ? AND invitee = ? AND expires_at > ?)",
    )
    .bind(&id)
    .bind(&invitee)
    .bind(&now)
    .fetch_one(&state.db)
    .await?;
    let project_ids = queries::project_ids(&state.db, &id).await?;
    check(&actor, &body, &project_ids, is_member, is_invited)?;

    let row = InvitationRow {
        id: db::new_id(),
        organization_id: id.clone(),
        invitee: invitee.clone(),
        role: body.roles[0].as_str().to_owned(),
        invited_by: me.user.id.clone(),
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
    };
    let mut tx = state.db.begin().await?;
    // An expired invitation no longer blocks the address: the new one replaces it.
    sqlx::query(
        "DELETE FROM invitations WHERE organization_id = ? AND invitee = ? AND expires_at <= ?",
    )
    .bind(&id)
    .bind(&invitee)
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    let inserted = sqlx::query(
        "INSERT INTO invitations (id, organization_id, invitee, role, invited_by, message, nonce, expires_at, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
    .execute(&mut *tx)
    .await;
    match inserted {
        // Another request invited the same address between our check and this insert.
        Err(e) if db::is_unique_violation(&e) => {
            return Err(problem(InvitationProblem::AlreadyInvited { invitee }))
        }
        other => other?,
    };
    for p in &body.projects_ids {
        sqlx::query(
            "INSERT OR IGNORE INTO invitation_projects (invitation_id, project_id) VALUES (?, ?)",
        )
        .bind(&row.id)
        .bind(p)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    if let Err(e) = send_email(&state, &row, &org.name, &me.user.full_name()).await {
        // Without its email the invitation is useless to the invitee; undo it so the
        // console keeps the address for a retry.
        sqlx::query("DELETE FROM invitations WHERE id = ?")
            .bind(&row.id)
            .execute(&state.db)
            .await?;
        tracing::error!(error = %e, "sending an invitation email");
        return Err(ApiError::Internal(format!(
            "The invitation email to {invitee} could not be sent"
        )));
    }
    let invitation = queries::invitation(&state.db, &row, InvitationIncludes::from(&query)).await?;
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
    if p.status() == 403 {
        ApiError::forbidden(p.to_string())
    } else {
        ApiError::invalid(p.to_string())
    }
}

async fn send_email(
    state: &AppState,
    row: &InvitationRow,
    organization: &str,
    inviter: &str,
) -> Result<(), String> {
    let link = format!(
        "{}/invitations/{}?nonce={}",
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
    let rows = sqlx::query_as::<_, InvitationRow>(
        "SELECT * FROM invitations WHERE invitee = ? ORDER BY created_at, id",
    )
    .bind(&me.user.email)
    .fetch_all(&state.db)
    .await?;
    let invitations =
        queries::invitations(&state.db, &rows, InvitationIncludes::from(&query)).await?;
    Ok(Json(InvitationList {
        invitations,
        meta: None,
    }))
}

/// How the caller relates to an invitation.
enum Party {
    Invitee,
    Manager,
}

/// The invitation and whether the caller may see it: its invitee, or an owner or admin of
/// its organization. Anyone else holding the link is told whose invitation it is, so the
/// console can offer to switch accounts.
async fn party(state: &AppState, me: &CurrentUser, id: &str) -> ApiResult<(InvitationRow, Party)> {
    let row = queries::invitation_row(&state.db, id).await?;
    if row.invitee == me.user.email.to_lowercase() {
        return Ok((row, Party::Invitee));
    }
    let member = sqlx::query_as::<_, MemberRow>(
        "SELECT * FROM members WHERE organization_id = ? AND user_id = ?",
    )
    .bind(&row.organization_id)
    .bind(&me.user.id)
    .fetch_optional(&state.db)
    .await?;
    match member {
        Some(m) if allows(&m.role(), Action::ManageInvitation) => Ok((row, Party::Manager)),
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
/// token, the invitation's current `nonce` (from the emailed link) is enough to read it, so
/// the link can show what it is for before the invitee signs in or signs up.
pub async fn show(
    State(state): State<AppState>,
    me: Option<CurrentUser>,
    Path(id): Path<String>,
    query: ListQuery,
) -> ApiResult<Json<Invitation>> {
    let row = match me {
        Some(me) => party(&state, &me, &id).await?.0,
        None => {
            let row = queries::invitation_row(&state.db, &id).await?;
            if query.get("nonce") != Some(row.nonce.as_str()) {
                return Err(ApiError::invalid(
                    "This invitation link is no longer valid; open the link in the most recent invitation email",
                ));
            }
            row
        }
    };
    Ok(Json(
        queries::invitation(&state.db, &row, InvitationIncludes::from(&query)).await?,
    ))
}

/// `PUT /invitations/{id}`: the invitee accepts and becomes a member.
pub async fn accept(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    query: ListQuery,
) -> ApiResult<Json<Member>> {
    let row = queries::invitation_row(&state.db, &id).await?;
    if row.invitee != me.user.email.to_lowercase() {
        return Err(wrong_account(&row, &me.user.email));
    }
    let now = db::now();
    if row.is_expired(&now) {
        return Err(ApiError::invalid("This invitation has expired"));
    }
    let already: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM members WHERE organization_id = ? AND user_id = ?)",
    )
    .bind(&row.organization_id)
    .bind(&me.user.id)
    .fetch_one(&state.db)
    .await?;
    if already {
        return Err(ApiError::invalid(
            "You are already a member of this organization",
        ));
    }
    // Read before claiming: deleting the invitation deletes its project list with it.
    let projects: Vec<String> =
        sqlx::query_scalar("SELECT project_id FROM invitation_projects WHERE invitation_id = ?")
            .bind(&row.id)
            .fetch_all(&state.db)
            .await?;
    let member_id = db::new_id();
    let mut tx = state.db.begin().await?;
    // Deleting first claims the invitation: of two concurrent accepts only one deletes it.
    let claimed = sqlx::query("DELETE FROM invitations WHERE id = ?")
        .bind(&row.id)
        .execute(&mut *tx)
        .await?;
    if claimed.rows_affected() == 0 {
        return Err(ApiError::NotFound);
    }
    queries::close_invitation(&mut tx, &row, "accepted").await?;
    sqlx::query("INSERT INTO members (id, organization_id, user_id, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(&member_id)
        .bind(&row.organization_id)
        .bind(&me.user.id)
        .bind(&row.role)
        .bind(&now)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
    for project in &projects {
        sqlx::query("INSERT INTO member_projects (member_id, project_id) VALUES (?, ?)")
            .bind(&member_id)
            .bind(project)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    let member = sqlx::query_as::<_, MemberRow>("SELECT * FROM members WHERE id = ?")
        .bind(&member_id)
        .fetch_one(&state.db)
        .await?;
    Ok(Json(
        queries::member(
            &state.db,
            member,
            query.includes("user"),
            query.includes("projects"),
        )
        .await?,
    ))
}

/// `DELETE /invitations/{id}`: the invitee declines, or a manager revokes.
pub async fn destroy(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let (row, party) = party(&state, &me, &id).await?;
    let mut tx = state.db.begin().await?;
    sqlx::query("DELETE FROM invitations WHERE id = ?")
        .bind(&row.id)
        .execute(&mut *tx)
        .await?;
    let outcome = match party {
        Party::Invitee => "declined",
        Party::Manager => "revoked",
    };
    queries::close_invitation(&mut tx, &row, outcome).await?;
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
    let (mut row, party) = party(&state, &me, &id).await?;
    if !matches!(party, Party::Manager) {
        return Err(ApiError::forbidden(NOT_MANAGER));
    }
    row.nonce = new_nonce();
    row.expires_at = expiry();
    row.updated_at = db::now();
    sqlx::query("UPDATE invitations SET nonce = ?, expires_at = ?, updated_at = ? WHERE id = ?")
        .bind(&row.nonce)
        .bind(&row.expires_at)
        .bind(&row.updated_at)
        .bind(&row.id)
        .execute(&state.db)
        .await?;
    let org = queries::organization_row(&state.db, &row.organization_id).await?;
    send_email(&state, &row, &org.name, &me.user.full_name())
        .await
        .map_err(|e| ApiError::Internal(format!("resending an invitation email: {e}")))?;
    Ok(Json(
        queries::invitation(&state.db, &row, InvitationIncludes::from(&query)).await?,
    ))
}
