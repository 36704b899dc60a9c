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
    let user = state.store.user_by_email(&email).await?;
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
    let expires_at = db::timestamp(Utc::now() + chrono::Duration::minutes(RESET_MINUTES));
    state
        .store
        .add_password_reset(&hash, &user.id, &expires_at)
        .await
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
    if !state.store.password_reset_exists(&token).await? {
        return Err(ApiError::invalid(BAD_LINK));
    }
    let hash = hash_password(&body.password).await?;
    let Some(user_id) = state.store.reset_password(&token, &hash).await? else {
        return Err(ApiError::invalid(BAD_LINK));
    };
    let user = state.store.user(&user_id).await?;
    Ok(Json(super::sessions::start_session(&state, user).await?))
}
