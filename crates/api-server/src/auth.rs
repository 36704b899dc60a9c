//! Passwords, API tokens (with their idle expiry) and the signed-in user extractor.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::error::{ApiError, ApiResult};
use crate::rows::UserRow;
use crate::{db, AppState};

/// A token stops working after this many days without use.
pub const SESSION_IDLE_DAYS: i64 = 30;

/// Hashes a new password on the blocking pool: argon2 takes tens of milliseconds of CPU,
/// which on an async worker would stall every other request it serves.
/// At most one hash per core runs at a time (each takes ~19 MiB and a core for tens of
/// milliseconds); the rest wait their turn instead of exhausting memory.
fn hashing_slots() -> &'static tokio::sync::Semaphore {
    static SLOTS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    SLOTS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        tokio::sync::Semaphore::new(cores)
    })
}

pub async fn hash_password(password: &str) -> ApiResult<String> {
    let _slot = hashing_slots()
        .acquire()
        .await
        .map_err(|e| ApiError::Internal(format!("hashing slots: {e}")))?;
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || hash_password_now(&password))
        .await
        .map_err(|e| ApiError::Internal(format!("hashing task: {e}")))?
}

/// Whether `password` matches `stored`, checked on the blocking pool.
pub async fn verify_password(password: &str, stored: &str) -> bool {
    let Ok(_slot) = hashing_slots().acquire().await else {
        return false;
    };
    let (password, stored) = (password.to_owned(), stored.to_owned());
    tokio::task::spawn_blocking(move || verify_password_now(&password, &stored))
        .await
        .unwrap_or(false)
}

/// Synchronous hashing, for the demo seeder (which runs before serving) and tests.
pub fn hash_password_now(password: &str) -> ApiResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::Internal(format!("hashing a password: {e}")))
}

fn verify_password_now(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A new random API token and the hash under which it is stored.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A random invitation nonce.
pub fn new_nonce() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The user behind the request's `X-Auth-Token`; extracting it answers 401 when the header
/// is missing or the token is unknown or revoked.
pub struct CurrentUser {
    pub user: UserRow,
    pub token_hash: String,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let token = parts
            .headers
            .get("x-auth-token")
            .and_then(|v| v.to_str().ok())
            .filter(|t| !t.is_empty())
            .ok_or_else(ApiError::unauthenticated)?;
        let hash = token_hash(token);
        let row = state
            .store
            .session(&hash)
            .await?
            .ok_or_else(ApiError::unauthenticated)?;
        let now = chrono::Utc::now();
        let idle_limit = db::timestamp(now - chrono::Duration::days(SESSION_IDLE_DAYS));
        if row.last_used_at.as_str() <= idle_limit.as_str() {
            state.store.end_session(&hash).await?;
            return Err(ApiError::Unauthorized(
                "Your session has expired; sign in again".into(),
            ));
        }
        // Recording every use would make every read a write; once a minute is plenty for
        // a 30-day expiry.
        let stale = db::timestamp(now - chrono::Duration::minutes(1));
        if row.last_used_at.as_str() < stale.as_str() {
            state
                .store
                .touch_session(&hash, &db::timestamp(now))
                .await?;
        }
        Ok(CurrentUser {
            user: row.user,
            token_hash: hash,
        })
    }
}

/// `Option<CurrentUser>`: `None` without an `X-Auth-Token` header, 401 with a bad one.
impl OptionalFromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Option<Self>> {
        if parts.headers.get("x-auth-token").is_none() {
            return Ok(None);
        }
        <CurrentUser as FromRequestParts<AppState>>::from_request_parts(parts, state)
            .await
            .map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_against_their_hash() {
        let hash = hash_password_now("correct horse").unwrap();
        assert!(hash.starts_with("$argon2"));
        assert!(verify_password_now("correct horse", &hash));
        assert!(!verify_password_now("wrong horse", &hash));
        assert!(!verify_password_now("correct horse", "not a hash"));
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, ha) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(token_hash(&a), ha);
        assert_ne!(a, ha);
    }
}
