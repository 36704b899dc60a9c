use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use org_contract::email::normalize_email;
use org_contract::{Session, SignIn};

use crate::auth::{new_token, verify_password, CurrentUser};
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::rows::UserRow;
use crate::{db, AppState};

/// `POST /auth/sessions`: a new token for a correct email and password.
pub async fn sign_in(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<SignIn>,
) -> ApiResult<(StatusCode, Json<Session>)> {
    let email = normalize_email(&body.email);
    state.sign_in_limiter.check(&email)?;
    let user = sqlx::query_as::<_, UserRow>("SELECT * FROM users WHERE email = ?")
        .bind(&email)
        .fetch_optional(&state.db)
        .await?;
    // The console tells a mistyped address from a mistyped password, so the two answers
    // differ; both count towards the rate limit.
    let Some(user) = user else {
        state.sign_in_limiter.record_failure(&email);
        return Err(ApiError::Unauthorized(format!(
            "No account uses the address {email}"
        )));
    };
    let ok = user
        .password_hash
        .as_deref()
        .is_some_and(|h| verify_password(&body.password, h));
    if !ok {
        state.sign_in_limiter.record_failure(&email);
        return Err(ApiError::Unauthorized("Wrong password".into()));
    }
    state.sign_in_limiter.clear(&email);
    let session = start_session(&state, user).await?;
    Ok((StatusCode::CREATED, Json(session)))
}

/// Issues a token for `user` and records the sign-in time.
pub async fn start_session(state: &AppState, mut user: UserRow) -> ApiResult<Session> {
    let (token, hash) = new_token();
    let now = db::now();
    sqlx::query("INSERT INTO api_tokens (token_hash, user_id, created_at) VALUES (?, ?, ?)")
        .bind(&hash)
        .bind(&user.id)
        .bind(&now)
        .execute(&state.db)
        .await?;
    sqlx::query("UPDATE users SET last_login_at = ? WHERE id = ?")
        .bind(&now)
        .bind(&user.id)
        .execute(&state.db)
        .await?;
    user.last_login_at = Some(now);
    Ok(Session {
        token,
        user: user.to_user(),
    })
}

/// `DELETE /auth/sessions/current`: the token stops working.
pub async fn sign_out(State(state): State<AppState>, me: CurrentUser) -> ApiResult<StatusCode> {
    sqlx::query("DELETE FROM api_tokens WHERE token_hash = ?")
        .bind(&me.token_hash)
        .execute(&state.db)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
