//! Accounts from the front door: a forgotten password. The request answers the same
//! whether or not the address has an account; the emailed link (single use, one hour)
//! sets a new password, ends every other session and proves the address.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use org_contract::validation::check_password;
use org_contract::{PasswordReset, PasswordResetConfirm, Session};

use crate::auth::{hash_password, new_token, token_hash};
use crate::db::{on_db, on_tx};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ClientIp, JsonBody};
use crate::limits::too_many;
use crate::mail::password_reset_message;
use crate::rows::UserRow;
use crate::{db, AppState};

const BAD_LINK: &str = "This reset link is invalid or has expired";
/// How long a reset link works.
const RESET_MINUTES: i64 = 60;

/// `POST /auth/password-reset {email}`: 202 whatever the address. Both limits apply to
/// every address, known or not, so a 429 tells nothing either.
pub async fn request(
    State(state): State<AppState>,
    ip: ClientIp,
    JsonBody(body): JsonBody<PasswordReset>,
) -> ApiResult<StatusCode> {
    let email = super::address_of(&body.email)?;
    let limits = &state.limits;
    let by_ip = limits
        .reset_ip
        .reserve(&ip.key())
        .await
        .map_err(|secs| too_many(secs, "Too many password reset requests from your network"))?;
    if let Err(secs) = limits.reset_address.reserve(&email).await {
        limits.reset_ip.release(by_ip).await;
        return Err(too_many(
            secs,
            "A reset link was sent to this address a moment ago",
        ));
    }
    let user = on_db!(&state.db, db => sqlx::query_as::<_, UserRow>("SELECT * FROM users WHERE lower(email) = lower($1)")
        .bind(&email)
        .fetch_optional(db).await)?;
    if let Some(user) = user.filter(|u| u.password_hash.is_some()) {
        if let Err(e) = send_link(&state, &user).await {
            // The answer stays the same: it must not tell whether the address has an account.
            tracing::error!(error = %e, "sending a password reset email");
        }
    }
    Ok(StatusCode::ACCEPTED)
}

async fn send_link(state: &AppState, user: &UserRow) -> Result<(), String> {
    let (token, hash) = new_token();
    let now = Utc::now();
    on_db!(&state.db, db => sqlx::query("DELETE FROM password_resets WHERE expires_at <= $1")
        .bind(db::timestamp(now))
        .execute(db).await.map(|r| r.rows_affected()))
    .map_err(|e| e.to_string())?;
    on_db!(&state.db, db => sqlx::query(
        "INSERT INTO password_resets (token_hash, user_id, expires_at, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(&hash)
    .bind(&user.id)
    .bind(db::timestamp(now + chrono::Duration::minutes(RESET_MINUTES)))
    .bind(db::timestamp(now))
    .execute(db).await.map(|r| r.rows_affected()))
    .map_err(|e| e.to_string())?;
    let link = format!("{}/reset-password?token={token}", state.public_url);
    let message = password_reset_message(&state.mail_from, &user.email, &user.first_name, &link)?;
    state.mailer.send(message).await
}

/// `POST /auth/password-reset/confirm {token, password}`: a new password, a new session,
/// every other session ended, the address verified (the link proved it).
pub async fn confirm(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<PasswordResetConfirm>,
) -> ApiResult<Json<Session>> {
    check_password(&body.password).map_err(ApiError::invalid)?;
    let token = token_hash(body.token.trim());
    // A made-up token costs no hash.
    let known: bool = on_db!(&state.db, db => sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM password_resets WHERE token_hash = $1)")
            .bind(&token)
            .fetch_one(db).await)?;
    if !known {
        return Err(ApiError::invalid(BAD_LINK));
    }
    let hash = hash_password(&body.password).await?;
    let mut tx = state.db.begin().await?;
    // Deleting claims the link: of two concurrent uses only one finds it.
    let claimed: Option<(String, db::Timestamp)> = on_tx!(&mut tx, c => sqlx::query_as(
        "DELETE FROM password_resets WHERE token_hash = $1 RETURNING user_id, expires_at",
    )
    .bind(&token)
    .fetch_optional(&mut *c).await)?;
    let Some((user_id, expires_at)) = claimed else {
        return Err(ApiError::invalid(BAD_LINK));
    };
    if expires_at <= db::now() {
        tx.commit().await?;
        return Err(ApiError::invalid(BAD_LINK));
    }
    on_tx!(&mut tx, c => sqlx::query(
        "UPDATE users SET password_hash = $1, email_verified = TRUE, updated_at = $2 WHERE id = $3",
    )
    .bind(&hash)
    .bind(db::now())
    .bind(&user_id)
    .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    for table in ["api_tokens", "password_resets"] {
        on_tx!(&mut tx, c => sqlx::query(&format!("DELETE FROM {table} WHERE user_id = $1"))
            .bind(&user_id)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    tx.commit().await?;
    let user = crate::queries::user_row(&state.db, &user_id).await?;
    Ok(Json(super::sessions::start_session(&state, user).await?))
}
