//! Sessions: API tokens, stored as a SHA-256 of each (a copy of the database signs nobody
//! in), and when each was last used (they expire after 30 idle days).

use super::Store;
use crate::db::{on_db, on_tx, Timestamp};
use crate::error::ApiResult;
use crate::rows::UserRow;

/// A token's user and when the token was last used.
#[derive(sqlx::FromRow)]
pub struct SessionRow {
    pub last_used_at: Timestamp,
    #[sqlx(flatten)]
    pub user: UserRow,
}

impl Store {
    /// The session of a token, by its hash.
    pub async fn session(&self, token_hash: &str) -> ApiResult<Option<SessionRow>> {
        Ok(on_db!(&self.db, db => sqlx::query_as::<_, SessionRow>(
            "SELECT t.last_used_at, u.* FROM users u JOIN api_tokens t ON t.user_id = u.id WHERE t.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(db).await)?)
    }

    /// Records that the token was used at `now`.
    pub async fn touch_session(&self, token_hash: &str, now: &Timestamp) -> ApiResult<()> {
        on_db!(&self.db, db => sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(token_hash)
            .execute(db).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Issues the token (by its hash) to the user at `now`, records the sign-in, and forgets
    /// the user's tokens unused since `idle_since` (dead already; the table does not grow
    /// with every sign-in). One transaction.
    pub async fn start_session(
        &self,
        user_id: &str,
        token_hash: &str,
        now: &Timestamp,
        idle_since: &Timestamp,
    ) -> ApiResult<()> {
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO api_tokens (token_hash, user_id, created_at, last_used_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(now)
        .bind(now)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        on_tx!(&mut tx, c => sqlx::query("UPDATE users SET last_login_at = $1 WHERE id = $2")
            .bind(now)
            .bind(user_id)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM api_tokens WHERE user_id = $1 AND last_used_at <= $2")
            .bind(user_id)
            .bind(idle_since)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        tx.commit().await?;
        Ok(())
    }

    /// The token stops working.
    pub async fn end_session(&self, token_hash: &str) -> ApiResult<()> {
        on_db!(&self.db, db => sqlx::query("DELETE FROM api_tokens WHERE token_hash = $1")
            .bind(token_hash)
            .execute(db).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Every token of the user stops working.
    pub async fn end_sessions_of(&self, user_id: &str) -> ApiResult<()> {
        on_db!(&self.db, db => sqlx::query("DELETE FROM api_tokens WHERE user_id = $1")
            .bind(user_id)
            .execute(db).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// The user with this (normalized) address.
    pub async fn user_by_email(&self, email: &str) -> ApiResult<Option<UserRow>> {
        Ok(
            on_db!(&self.db, db => sqlx::query_as::<_, UserRow>("SELECT * FROM users WHERE lower(email) = lower($1)")
                .bind(email)
                .fetch_optional(db).await)?,
        )
    }
}
