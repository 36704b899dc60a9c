use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use org_contract::email::normalize_email;
use org_contract::validation::{
    check_email, check_first_name, check_last_name, check_password, MAX_NAME,
};
use org_contract::{Session, SignUp, UpdateUser, User, VerifyEmail};

use super::Problems;
use crate::auth::{hash_password, new_token, token_hash, verify_password, CurrentUser};
use crate::db::{on_db, on_tx};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ClientIp, JsonBody};
use crate::limits::too_many;
use crate::mail::verification_message;
use crate::queries::{self, NewOrganization};
use crate::rows::UserRow;
use crate::{db, AppState};

/// How long a verification link works.
const VERIFICATION_HOURS: i64 = 24;
const BAD_VERIFICATION: &str = "This verification link is invalid or has expired";

/// `POST /users`: sign up, optionally from an invitation, with a personal organization.
/// Counted per client IP (a refused sign-up gives its count back). The address is verified
/// when the invitation link proved it; otherwise a verification email goes out.
pub async fn sign_up(
    State(state): State<AppState>,
    ip: ClientIp,
    JsonBody(body): JsonBody<SignUp>,
) -> ApiResult<(StatusCode, Json<Session>)> {
    let reservation = state
        .limits
        .sign_up_ip
        .reserve(&ip.key())
        .await
        .map_err(|secs| too_many(secs, "Too many accounts were created from your network"))?;
    let result = create_user(&state, body).await;
    if result.is_err() {
        state.limits.sign_up_ip.release(reservation).await;
    }
    let (user, verified) = result?;
    if !verified {
        // The account exists either way; a lost email is one "Resend" away.
        if let Err(e) = send_verification(&state, &user).await {
            tracing::error!(error = %e, "sending a verification email");
        }
    }
    let session = super::sessions::start_session(&state, user).await?;
    Ok((StatusCode::CREATED, Json(session)))
}

async fn create_user(state: &AppState, body: SignUp) -> ApiResult<(UserRow, bool)> {
    let mut problems = Problems::default();
    let first = problems.check(check_first_name(&body.first_name));
    let last = problems.check(check_last_name(&body.last_name));
    let email = problems
        .check(check_email(&body.email))
        .unwrap_or_else(|| normalize_email(&body.email));
    problems.check(check_password(&body.password));
    problems.into_result()?;
    let (first, last) = (first.unwrap_or_default(), last.unwrap_or_default());

    let mut verified = false;
    if let Some(invitation_id) = &body.invitation_id {
        let invitation = queries::invitation_row(&state.db, invitation_id)
            .await
            .map_err(|_| {
                ApiError::invalid("This invitation no longer exists; it may have been revoked")
            })?;
        if invitation.invitee != email {
            return Err(ApiError::invalid(format!(
                "This invitation was sent to {}; sign up with that address",
                invitation.invitee
            )));
        }
        if body.nonce.as_deref() != Some(invitation.nonce.as_str()) {
            return Err(ApiError::invalid(
                "This invitation link is no longer valid; open the link in the most recent invitation email",
            ));
        }
        if invitation.is_expired(&db::now()) {
            return Err(ApiError::invalid("This invitation has expired"));
        }
        // Owners and admins know the nonce (they copy links), so it proves nothing about
        // the address; the proof that only the emailed link carries does.
        verified = match (&body.proof, &invitation.proof_hash) {
            (Some(proof), Some(stored)) => token_hash(proof) == *stored,
            _ => false,
        };
    }
    // Hashing costs tens of milliseconds: a taken address is refused before it.
    let taken: bool = on_db!(&state.db, db => sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower($1))")
        .bind(&email)
        .fetch_one(db).await)?;
    if taken {
        return Err(ApiError::invalid(format!(
            "{email} is already registered; sign in instead"
        )));
    }

    let password_hash = hash_password(&body.password).await?;
    let id = db::new_id();
    let now = db::now();
    let mut tx = state.db.begin().await?;
    let inserted = on_tx!(&mut tx, c => sqlx::query(
        "INSERT INTO users (id, short_id, first_name, last_name, email, password_hash, created_at, updated_at, email_verified) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(&id[..8])
    .bind(&first)
    .bind(&last)
    .bind(&email)
    .bind(&password_hash)
    .bind(&now)
    .bind(&now)
    .bind(verified)
    .execute(&mut *c).await.map(|r| r.rows_affected()));
    match inserted {
        Err(e) if db::is_unique_violation(&e) => {
            return Err(ApiError::invalid(format!(
                "{email} is already registered; sign in instead"
            )))
        }
        other => other?,
    };
    // Within the organization name's own limit, however long the person's names are.
    let full = format!("{first} {last}");
    let personal_name = if full.chars().count() + " Projects".len() <= MAX_NAME {
        format!("{full} Projects")
    } else {
        full.chars()
            .take(MAX_NAME)
            .collect::<String>()
            .trim()
            .to_owned()
    };
    let org = NewOrganization {
        name: &personal_name,
        description: None,
        website: None,
        twitter: None,
        personal: true,
    };
    let org_id = queries::create_organization(&mut tx, org, &id).await?;
    on_tx!(&mut tx, c => sqlx::query("UPDATE users SET default_organization_id = $1 WHERE id = $2")
        .bind(&org_id)
        .bind(&id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok((queries::user_row(&state.db, &id).await?, verified))
}

/// Stores a new single-use verification token for `user` and emails its link.
async fn send_verification(state: &AppState, user: &UserRow) -> Result<(), String> {
    let (token, hash) = new_token();
    let now = Utc::now();
    on_db!(&state.db, db => sqlx::query("DELETE FROM email_verifications WHERE expires_at <= $1")
        .bind(db::timestamp(now))
        .execute(db).await.map(|r| r.rows_affected()))
    .map_err(|e| e.to_string())?;
    on_db!(&state.db, db => sqlx::query(
        "INSERT INTO email_verifications (token_hash, user_id, email, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&hash)
    .bind(&user.id)
    .bind(&user.email)
    .bind(db::timestamp(now + chrono::Duration::hours(VERIFICATION_HOURS)))
    .bind(db::timestamp(now))
    .execute(db).await.map(|r| r.rows_affected()))
    .map_err(|e| e.to_string())?;
    let link = format!("{}/verify-email?token={token}", state.public_url);
    let message = verification_message(&state.mail_from, &user.email, &user.first_name, &link)?;
    state.mailer.send(message).await
}

/// Extension `POST /users/verify-email {token}`: no session needed (the link may open in
/// another browser). The token works once, for 24 hours, and only for the address it was
/// sent to.
pub async fn verify_email(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<VerifyEmail>,
) -> ApiResult<Json<User>> {
    let hash = token_hash(body.token.trim());
    let mut tx = state.db.begin().await?;
    // Deleting claims the token: of two concurrent uses only one finds it.
    let claimed: Option<(String, String, db::Timestamp)> = on_tx!(&mut tx, c => sqlx::query_as(
        "DELETE FROM email_verifications WHERE token_hash = $1 RETURNING user_id, email, expires_at",
    )
    .bind(&hash)
    .fetch_optional(&mut *c).await)?;
    let Some((user_id, email, expires_at)) = claimed else {
        return Err(ApiError::invalid(BAD_VERIFICATION));
    };
    if expires_at <= db::now() {
        tx.commit().await?;
        return Err(ApiError::invalid(BAD_VERIFICATION));
    }
    let updated = on_tx!(&mut tx, c => sqlx::query(
        "UPDATE users SET email_verified = TRUE, updated_at = $1 WHERE id = $2 AND lower(email) = lower($3)",
    )
    .bind(db::now())
    .bind(&user_id)
    .bind(&email)
    .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if updated == 0 {
        tx.commit().await?;
        return Err(ApiError::invalid(BAD_VERIFICATION));
    }
    on_tx!(&mut tx, c => sqlx::query("DELETE FROM email_verifications WHERE user_id = $1")
        .bind(&user_id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(Json(
        queries::user_row(&state.db, &user_id).await?.to_user(),
    ))
}

/// Extension `POST /users/verify-email/resend`: a new link, at most once a minute (the
/// sign-up email does not count).
pub async fn resend_verification(
    State(state): State<AppState>,
    me: CurrentUser,
) -> ApiResult<StatusCode> {
    if me.user.email_verified {
        return Err(ApiError::invalid("Your email address is already verified"));
    }
    let reservation = state
        .limits
        .verify_resend
        .reserve(&me.user.id)
        .await
        .map_err(|secs| too_many(secs, "A verification email was sent a moment ago"))?;
    if let Err(e) = send_verification(&state, &me.user).await {
        state.limits.verify_resend.release(reservation).await;
        return Err(ApiError::Internal(format!(
            "sending a verification email: {e}"
        )));
    }
    Ok(StatusCode::ACCEPTED)
}

/// `GET /user`
pub async fn current(me: CurrentUser) -> Json<User> {
    Json(me.user.to_user())
}

/// `PUT /user`: first name, last name, timezone; extension: `current_password` with
/// `password` changes the password and ends every other session of the user.
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    JsonBody(body): JsonBody<UpdateUser>,
) -> ApiResult<Json<User>> {
    let mut problems = Problems::default();
    let first = body
        .first_name
        .as_deref()
        .and_then(|n| problems.check(check_first_name(n)));
    let last = body
        .last_name
        .as_deref()
        .and_then(|n| problems.check(check_last_name(n)));
    let timezone = body.timezone.as_deref().map(str::trim).and_then(|tz| {
        let ok = !tz.is_empty()
            && tz.len() <= 64
            && tz
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "/_+-".contains(c));
        problems.check(if ok {
            Ok(tz.to_owned())
        } else {
            Err(format!("{tz:?} is not a time zone name"))
        })
    });
    if let Some(new) = &body.password {
        problems.check(check_password(new));
    }
    problems.into_result()?;
    if let Some(new) = &body.password {
        change_password(&state, &me, body.current_password.as_deref(), new).await?;
    }
    on_db!(&state.db, db => sqlx::query(
        "UPDATE users SET first_name = coalesce($1, first_name), last_name = coalesce($2, last_name), \
         timezone = coalesce($3, timezone), updated_at = $4 WHERE id = $5",
    )
    .bind(first)
    .bind(last)
    .bind(timezone)
    .bind(db::now())
    .bind(&me.user.id)
    .execute(db).await.map(|r| r.rows_affected()))?;
    Ok(Json(
        queries::user_row(&state.db, &me.user.id).await?.to_user(),
    ))
}

/// Checks the current password (counted like a sign-in against the address), stores the
/// new one and ends every session but this one.
async fn change_password(
    state: &AppState,
    me: &CurrentUser,
    current: Option<&str>,
    new: &str,
) -> ApiResult<()> {
    let current = current
        .ok_or_else(|| ApiError::invalid("Current password is required to set a new password"))?;
    let limiter = &state.limits.sign_in_address;
    let reservation = limiter
        .reserve(&me.user.email)
        .await
        .map_err(|secs| too_many(secs, "Too many wrong passwords"))?;
    let ok = match me.user.password_hash.as_deref() {
        Some(h) => verify_password(current, h).await,
        None => false,
    };
    if !ok {
        return Err(ApiError::invalid("Current password is not correct"));
    }
    limiter.release(reservation).await;
    let hash = hash_password(new).await?;
    let mut tx = state.db.begin().await?;
    on_tx!(&mut tx, c => sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(&hash)
        .bind(db::now())
        .bind(&me.user.id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    on_tx!(&mut tx, c => sqlx::query("DELETE FROM api_tokens WHERE user_id = $1 AND token_hash != $2")
        .bind(&me.user.id)
        .bind(&me.token_hash)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(())
}
