use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use org_contract::email::normalize_email;
use org_contract::validation::{check_first_name, check_last_name, check_password};
use org_contract::{validate_email, Session, SignUp, UpdateUser, User};

use super::Problems;
use crate::auth::{hash_password, CurrentUser};
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::queries::{self, NewOrganization};
use crate::{db, AppState};

/// `POST /users`: sign up, optionally from an invitation, with a personal organization.
pub async fn sign_up(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<SignUp>,
) -> ApiResult<(StatusCode, Json<Session>)> {
    let mut problems = Problems::default();
    let first = problems.check(check_first_name(&body.first_name));
    let last = problems.check(check_last_name(&body.last_name));
    let email = normalize_email(&body.email);
    problems.check(
        validate_email(&email).map_err(|r| format!("{email} is not a valid email address: it {r}")),
    );
    problems.check(check_password(&body.password));
    problems.into_result()?;
    let (first, last) = (first.unwrap_or_default(), last.unwrap_or_default());

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
    }

    let password_hash = hash_password(&body.password)?;
    let id = db::new_id();
    let now = db::now();
    let mut tx = state.db.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO users (id, short_id, first_name, last_name, email, password_hash, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(&id[..8])
    .bind(&first)
    .bind(&last)
    .bind(&email)
    .bind(&password_hash)
    .bind(&now)
    .bind(&now)
    .execute(&mut *tx)
    .await;
    match inserted {
        Err(e) if db::is_unique_violation(&e) => {
            return Err(ApiError::invalid(format!(
                "{email} is already registered; sign in instead"
            )))
        }
        other => other?,
    };
    let personal_name = format!("{first} {last} Projects");
    let org = NewOrganization {
        name: &personal_name,
        description: None,
        website: None,
        twitter: None,
        personal: true,
    };
    let org_id = queries::create_organization(&mut tx, org, &id).await?;
    sqlx::query("UPDATE users SET default_organization_id = ? WHERE id = ?")
        .bind(&org_id)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    let user = queries::user_row(&state.db, &id).await?;
    let session = super::sessions::start_session(&state, user).await?;
    Ok((StatusCode::CREATED, Json(session)))
}

/// `GET /user`
pub async fn current(me: CurrentUser) -> Json<User> {
    Json(me.user.to_user())
}

/// `PUT /user`: first name, last name, timezone.
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
    problems.into_result()?;
    sqlx::query(
        "UPDATE users SET first_name = coalesce(?, first_name), last_name = coalesce(?, last_name), \
         timezone = coalesce(?, timezone), updated_at = ? WHERE id = ?",
    )
    .bind(first)
    .bind(last)
    .bind(timezone)
    .bind(db::now())
    .bind(&me.user.id)
    .execute(&state.db)
    .await?;
    Ok(Json(
        queries::user_row(&state.db, &me.user.id).await?.to_user(),
    ))
}
