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
use crate::error::{ApiError, ApiResult};
use crate::extract::{ClientIp, JsonBody};
use crate::limits::too_many;
use crate::mail::verification_message;
use crate::rows::UserRow;
use crate::store::{NewUser, ProfileChange};
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
        let invitation = state
            .store
            .invitation_row(invitation_id)
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
    if state.store.email_taken(&email).await? {
        return Err(ApiError::invalid(format!(
            "{email} is already registered; sign in instead"
        )));
    }
    let password_hash = hash_password(&body.password).await?;
    let new = NewUser {
        first_name: &first,
        last_name: &last,
        email: &email,
        password_hash: &password_hash,
        verified,
        personal_organization: &personal_organization_name(&first, &last),
    };
    match state.store.create_user(&new).await? {
        Some(user) => Ok((user, verified)),
        None => Err(ApiError::invalid(format!(
            "{email} is already registered; sign in instead"
        ))),
    }
}

/// "Ada Lovelace Projects", within the organization name's own limit however long the
/// person's names are.
fn personal_organization_name(first: &str, last: &str) -> String {
    let full = format!("{first} {last}");
    if full.chars().count() + " Projects".len() <= MAX_NAME {
        format!("{full} Projects")
    } else {
        full.chars()
            .take(MAX_NAME)
            .collect::<String>()
            .trim()
            .to_owned()
    }
}

/// Stores a new single-use verification token for `user` and emails its link.
async fn send_verification(state: &AppState, user: &UserRow) -> Result<(), String> {
    let (token, hash) = new_token();
    let expires_at = db::timestamp(Utc::now() + chrono::Duration::hours(VERIFICATION_HOURS));
    state
        .store
        .add_verification(&hash, user, &expires_at)
        .await
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
    let Some(user_id) = state.store.verify_email(&hash).await? else {
        return Err(ApiError::invalid(BAD_VERIFICATION));
    };
    Ok(Json(state.store.user(&user_id).await?.to_user()))
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
    let change = ProfileChange {
        first_name: first.as_deref(),
        last_name: last.as_deref(),
        timezone: timezone.as_deref(),
    };
    let user = state.store.update_profile(&me.user.id, &change).await?;
    Ok(Json(user.to_user()))
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
    state
        .store
        .change_password(&me.user.id, &hash, &me.token_hash)
        .await
}
