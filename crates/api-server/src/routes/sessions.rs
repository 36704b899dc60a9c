use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use org_contract::{Session, SignIn};

use crate::auth::{new_token, verify_password, CurrentUser};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ClientIp, JsonBody};
use crate::limits::too_many;
use crate::rows::UserRow;
use crate::{db, AppState};

const LOCKED: &str = "Too many failed sign-ins";

/// `POST /auth/sessions`: a new token for a correct email and password. An attempt is
/// counted against the address and the client's IP *before* the password is checked, so
/// concurrent guesses cannot all slip under the limit; a successful one gives its count back.
pub async fn sign_in(
    State(state): State<AppState>,
    ip: ClientIp,
    JsonBody(body): JsonBody<SignIn>,
) -> ApiResult<(StatusCode, Json<Session>)> {
    let email = super::address_of(&body.email)?;
    let limits = &state.limits;
    let by_ip = limits
        .sign_in_ip
        .reserve(&ip.key())
        .await
        .map_err(|secs| too_many(secs, LOCKED))?;
    let by_address = match limits.sign_in_address.reserve(&email).await {
        Ok(r) => r,
        Err(secs) => {
            limits.sign_in_ip.release(by_ip).await;
            return Err(too_many(secs, LOCKED));
        }
    };
    let user = state.store.user_by_email(&email).await?;
    // The console tells a mistyped address from a mistyped password, so the two answers
    // differ; both count towards the limits.
    let Some(user) = user else {
        return Err(ApiError::Unauthorized(format!(
            "No account uses the address {email}"
        )));
    };
    let ok = match user.password_hash.as_deref() {
        Some(h) => verify_password(&body.password, h).await,
        None => false,
    };
    if !ok {
        return Err(ApiError::Unauthorized("Wrong password".into()));
    }
    limits.sign_in_address.release(by_address).await;
    limits.sign_in_ip.release(by_ip).await;
    let session = start_session(&state, user).await?;
    Ok((StatusCode::CREATED, Json(session)))
}

/// Issues a token for `user` and records the sign-in time.
pub async fn start_session(state: &AppState, mut user: UserRow) -> ApiResult<Session> {
    let (token, hash) = new_token();
    let now = db::now();
    // Tokens nobody used for the idle period are dead; the user's are forgotten now.
    let idle =
        db::timestamp(chrono::Utc::now() - chrono::Duration::days(crate::auth::SESSION_IDLE_DAYS));
    state
        .store
        .start_session(&user.id, &hash, &now, &idle)
        .await?;
    user.last_login_at = Some(now);
    Ok(Session {
        token,
        user: user.to_user(),
    })
}

/// `DELETE /auth/sessions/current`: the token stops working.
pub async fn sign_out(State(state): State<AppState>, me: CurrentUser) -> ApiResult<StatusCode> {
    state.store.end_session(&me.token_hash).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Extension `DELETE /auth/sessions`: signs out everywhere; every token of the caller stops
/// working, this one included.
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    me: CurrentUser,
) -> ApiResult<StatusCode> {
    state.store.end_sessions_of(&me.user.id).await?;
    Ok(StatusCode::NO_CONTENT)
}
