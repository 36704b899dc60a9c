//! The API's routes, a module per resource.

mod events;
mod invitation_responses;
mod invitations;
mod members;
mod organizations;
mod password_reset;
mod projects;
mod sessions;
mod users;

use axum::routing::{delete, get, post, put};
use axum::Router;
use org_contract::{allows, Action, Role};

use crate::error::{ApiError, ApiResult};
use crate::AppState;

pub fn api() -> Router<AppState> {
    Router::new()
        .route(
            "/auth/sessions",
            post(sessions::sign_in).delete(sessions::sign_out_everywhere),
        )
        .route("/auth/sessions/current", delete(sessions::sign_out))
        .route("/auth/password-reset", post(password_reset::request))
        .route(
            "/auth/password-reset/confirm",
            post(password_reset::confirm),
        )
        .route("/users", post(users::sign_up))
        .route("/users/verify-email", post(users::verify_email))
        .route(
            "/users/verify-email/resend",
            post(users::resend_verification),
        )
        .route("/user", get(users::current).put(users::update))
        .route(
            "/organizations",
            get(organizations::list).post(organizations::create),
        )
        .route(
            "/organizations/{id}",
            get(organizations::show)
                .put(organizations::update)
                .delete(organizations::destroy),
        )
        .route("/organizations/{id}/members", get(members::list))
        .route("/organizations/{id}/events", get(events::list))
        .route(
            "/organizations/{id}/members/{member_id}",
            put(members::update).delete(members::remove),
        )
        .route(
            "/organizations/{id}/invitations",
            get(invitations::list).post(invitations::create),
        )
        .route(
            "/organizations/{id}/projects",
            get(projects::list).post(projects::create),
        )
        .route(
            "/organizations/{id}/payment-methods",
            get(projects::payment_methods),
        )
        .route(
            "/organizations/{id}/payment-methods/{pm_id}",
            put(projects::update_payment_method).delete(projects::delete_payment_method),
        )
        .route("/invitations", get(invitation_responses::mine))
        .route(
            "/invitations/{id}",
            get(invitation_responses::show)
                .put(invitation_responses::accept)
                .delete(invitation_responses::destroy)
                .post(invitations::resend),
        )
        .fallback(|| async { ApiError::NotFound })
}

/// 403 with `message` unless the permission table allows `role` to do `action`.
fn require(role: &Role, action: Action<'_>, message: &str) -> ApiResult<()> {
    if allows(role, action) {
        Ok(())
    } else {
        Err(ApiError::forbidden(message))
    }
}

/// The normalized address of a sign-in or reset request. An address no account could have
/// is refused before anything counts it, so the limiters only ever hold bounded keys.
fn address_of(raw: &str) -> ApiResult<String> {
    org_contract::validation::check_email(raw).map_err(|_| {
        let shown: String = org_contract::email::normalize_email(raw)
            .chars()
            .take(org_contract::validation::MAX_EMAIL)
            .collect();
        ApiError::invalid(format!("{shown} is not a valid email address"))
    })
}

/// Collects every field problem of a request so the 422 lists them all at once.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn check<T>(&mut self, result: Result<T, String>) -> Option<T> {
        result.map_err(|m| self.0.push(m)).ok()
    }

    fn into_result(self) -> ApiResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Invalid(self.0))
        }
    }
}
