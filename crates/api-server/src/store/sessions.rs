//! Sessions: API tokens, stored as a SHA-256 of each (a copy of the database signs nobody
//! in), and when each was last used (they expire after 30 idle days).

use super::Store;
use crate::error::ApiResult;
use crate::rows::UserRow;

/// A token's user and when the token was last used.
#[derive(sqlx::FromRow)]
pub struct SessionRow {
    pub last_used_at: String,
    #[sqlx(flatten)]
    pub user: UserRow,
}

impl Store {
    /// The session of a token, by its hash.
    pub async fn session(&self, token_hash: &str) -> ApiResult<Option<SessionRow>> {
        Ok(sqlx::query_as::<_, SessionRow>(
            "SELECT t.last_used_at, u.* FROM users u JOIN api_tokens t ON t.user_id = u.id WHERE t.token_hash = ?",
        )
        .bind(token_hash)
        .fetch_optional(&self.db)
        .await?)
    }

    /// Records that the token was used at `now`.
    pub async fn touch_session(&self, token_hash: &str, now: &str) -> ApiResult<()> {
        sqlx::query("UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?")
            .bind(now)
            .bind(token_hash)
            .execute(&self.db)
            .await?;
        Ok(())
    }

    /// Issues the token (by its hash) to the user at `now`, records the sign-in, and forgets
    /// the user's tokens unused since `idle_since` (dead already; the table does not grow
    /// with every sign-in). One transaction.
    pub async fn start_session(
        &self,
        user_id: &str,
        token_hash: &str,
        now: &str,
        idle_since: &str,
    ) -> ApiResult<()> {
        let mut tx = self.db.begin().await?;
        sqlx::query(
            "INSERT INTO api_tokens (token_hash, user_id, created_at, last_used_at) VALUES (?, ?, ?, ?)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE users SET last_login_at = ? WHERE id = ?")
            .bind(now)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM api_tokens WHERE user_id = ? AND last_used_at <= ?")
            .bind(user_id)
            .bind(idle_since)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The token stops working.
    pub async fn end_session(&self, token_hash: &str) -> ApiResult<()> {
        sqlx::query("DELETE FROM api_tokens WHERE token_hash = ?")
            .bind(token_hash)
            .execute(&self.db)
            .await?;
        Ok(())
    }

    /// Every token of the user stops working.
    pub async fn end_sessions_of(&self, user_id: &str) -> ApiResult<()> {
        sqlx::query("DELETE FROM api_tokens WHERE user_id = ?")
            .bind(user_id)
            .execute(&self.db)
            .await?;
        Ok(())
    }

    /// The user with this (normalized) address.
    pub async fn user_by_email(&self, email: &str) -> ApiResult<Option<UserRow>> {
        Ok(
            sqlx::query_as::<_, UserRow>("SELECT * FROM users WHERE email = ?")
                .bind(email)
                .fetch_optional(&self.db)
                .await?,
        )
    }
}
