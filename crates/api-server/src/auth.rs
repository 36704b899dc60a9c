//! Passwords, API tokens, the signed-in user extractor and the sign-in rate limit.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

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
use crate::AppState;

pub fn hash_password(password: &str) -> ApiResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::Internal(format!("hashing a password: {e}")))
}

pub fn verify_password(password: &str, stored: &str) -> bool {
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
        let user = sqlx::query_as::<_, UserRow>(
            "SELECT u.* FROM users u JOIN api_tokens t ON t.user_id = u.id WHERE t.token_hash = ?",
        )
        .bind(&hash)
        .fetch_optional(&state.db)
        .await?
        .ok_or_else(ApiError::unauthenticated)?;
        Ok(CurrentUser {
            user,
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

/// Counts failed sign-ins per address; past the limit, sign-in answers 429 until the window
/// ends. Kept in memory: a restart forgiving a few failures is acceptable.
pub struct SignInLimiter {
    max_failures: u32,
    window: Duration,
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl SignInLimiter {
    pub fn new(max_failures: u32, window: Duration) -> Self {
        SignInLimiter {
            max_failures,
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// Errs with 429 and the seconds to wait while `email` is locked out.
    pub fn check(&self, email: &str) -> ApiResult<()> {
        let failures = self.failures.lock().expect("limiter lock");
        match failures.get(email) {
            Some((count, since))
                if *count >= self.max_failures && since.elapsed() < self.window =>
            {
                let left = self.window - since.elapsed();
                Err(ApiError::TooManyRequests {
                    retry_after_secs: left.as_secs().max(1),
                })
            }
            _ => Ok(()),
        }
    }

    pub fn record_failure(&self, email: &str) {
        let mut failures = self.failures.lock().expect("limiter lock");
        let entry = failures
            .entry(email.to_owned())
            .or_insert((0, Instant::now()));
        if entry.1.elapsed() >= self.window {
            *entry = (0, Instant::now());
        }
        entry.0 += 1;
    }

    pub fn clear(&self, email: &str) {
        self.failures.lock().expect("limiter lock").remove(email);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_against_their_hash() {
        let hash = hash_password("correct horse").unwrap();
        assert!(hash.starts_with("$argon2"));
        assert!(verify_password("correct horse", &hash));
        assert!(!verify_password("wrong horse", &hash));
        assert!(!verify_password("correct horse", "not a hash"));
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

    #[test]
    fn limiter_locks_after_the_limit_and_clears() {
        let l = SignInLimiter::new(2, Duration::from_secs(60));
        l.record_failure("a");
        assert!(l.check("a").is_ok());
        l.record_failure("a");
        assert!(matches!(
            l.check("a"),
            Err(ApiError::TooManyRequests { .. })
        ));
        assert!(l.check("b").is_ok());
        l.clear("a");
        assert!(l.check("a").is_ok());
    }
}
