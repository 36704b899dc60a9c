//! Password reset links: single-use tokens, stored hashed.

use super::Store;
use crate::db::{self, on_db, on_tx, Timestamp};
use crate::error::ApiResult;

impl Store {
    /// Stores a reset token (by its hash) for the user, until `expires_at`; clears out the
    /// expired ones first.
    pub async fn add_password_reset(
        &self,
        token_hash: &str,
        user_id: &str,
        expires_at: &Timestamp,
    ) -> ApiResult<()> {
        let now = db::now();
        on_db!(&self.db, db => sqlx::query("DELETE FROM password_resets WHERE expires_at <= $1")
            .bind(&now)
            .execute(db).await.map(|r| r.rows_affected()))?;
        on_db!(&self.db, db => sqlx::query(
            "INSERT INTO password_resets (token_hash, user_id, expires_at, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(expires_at)
        .bind(&now)
        .execute(db).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Whether a reset token exists (expired or not), so a made-up one costs no hash.
    pub async fn password_reset_exists(&self, token_hash: &str) -> ApiResult<bool> {
        Ok(
            on_db!(&self.db, db => sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM password_resets WHERE token_hash = $1)")
            .bind(token_hash)
            .fetch_one(db).await)?,
        )
    }

    /// Uses a reset token: sets the new password, verifies the address (the link proved
    /// it), ends every session of the user and drops their other reset tokens, together.
    /// The user's id, or `None` for a token that is unknown, used or expired.
    pub async fn reset_password(
        &self,
        token_hash: &str,
        password_hash: &str,
    ) -> ApiResult<Option<String>> {
        let mut tx = self.db.begin().await?;
        // Deleting claims the link: of two concurrent uses only one finds it.
        let claimed: Option<(String, Timestamp)> = on_tx!(&mut tx, c => sqlx::query_as(
            "DELETE FROM password_resets WHERE token_hash = $1 RETURNING user_id, expires_at",
        )
        .bind(token_hash)
        .fetch_optional(&mut *c).await)?;
        let Some((user_id, expires_at)) = claimed else {
            return Ok(None);
        };
        if expires_at <= db::now() {
            tx.commit().await?;
            return Ok(None);
        }
        on_tx!(&mut tx, c => sqlx::query(
            "UPDATE users SET password_hash = $1, email_verified = TRUE, updated_at = $2 WHERE id = $3",
        )
        .bind(password_hash)
        .bind(db::now())
        .bind(&user_id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        for table in ["api_tokens", "password_resets"] {
            on_tx!(&mut tx, c => sqlx::query(&format!("DELETE FROM {table} WHERE user_id = $1"))
                .bind(&user_id)
                .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        }
        tx.commit().await?;
        Ok(Some(user_id))
    }
}
