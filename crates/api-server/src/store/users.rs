//! Users: accounts with their personal organization, profiles, passwords, and the
//! single-use email verification tokens (stored hashed).

use std::collections::HashMap;

use super::organizations::{create_organization, NewOrganization};
use super::Store;
use crate::db::{self, on_db, on_tx, Timestamp};
use crate::error::{ApiError, ApiResult};
use crate::rows::UserRow;

/// A new account, already validated, its password hashed.
pub struct NewUser<'a> {
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub verified: bool,
    /// The name of the personal organization it starts with.
    pub personal_organization: &'a str,
}

/// A profile change: `None` leaves a field as it is.
pub struct ProfileChange<'a> {
    pub first_name: Option<&'a str>,
    pub last_name: Option<&'a str>,
    pub timezone: Option<&'a str>,
}

impl Store {
    pub async fn user(&self, user_id: &str) -> ApiResult<UserRow> {
        on_db!(&self.db, db => sqlx::query_as::<_, UserRow>("SELECT * FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(db).await)?
        .ok_or(ApiError::NotFound)
    }

    /// The users among `ids`, by id, in one query.
    pub async fn users_by_id(
        &self,
        ids: impl Iterator<Item = &str>,
    ) -> ApiResult<HashMap<String, UserRow>> {
        let ids = db::json_list(ids);
        let users = on_db!(&self.db, db, pg => sqlx::query_as::<_, UserRow>(&format!(
            "SELECT * FROM users WHERE id IN ({})",
            db::in_list(pg, 1)
        ))
        .bind(&ids)
        .fetch_all(db).await)?;
        Ok(users.into_iter().map(|u| (u.id.clone(), u)).collect())
    }

    /// Whether an account has this address, in any letter case.
    pub async fn email_taken(&self, email: &str) -> ApiResult<bool> {
        Ok(
            on_db!(&self.db, db => sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower($1))")
            .bind(email)
            .fetch_one(db).await)?,
        )
    }

    /// Creates the account with its personal organization (its default), together; `None`
    /// when the address was registered meanwhile.
    pub async fn create_user(&self, new: &NewUser<'_>) -> ApiResult<Option<UserRow>> {
        let id = db::new_id();
        let now = db::now();
        let mut tx = self.db.begin().await?;
        let inserted = on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO users (id, short_id, first_name, last_name, email, password_hash, created_at, updated_at, email_verified) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&id)
        .bind(&id[..8])
        .bind(new.first_name)
        .bind(new.last_name)
        .bind(new.email)
        .bind(new.password_hash)
        .bind(&now)
        .bind(&now)
        .bind(new.verified)
        .execute(&mut *c).await.map(|r| r.rows_affected()));
        match inserted {
            Err(e) if db::is_unique_violation(&e) => return Ok(None),
            other => other?,
        };
        let org = NewOrganization {
            name: new.personal_organization,
            description: None,
            website: None,
            twitter: None,
            personal: true,
        };
        let org_id = create_organization(&mut tx, org, &id).await?;
        on_tx!(&mut tx, c => sqlx::query("UPDATE users SET default_organization_id = $1 WHERE id = $2")
            .bind(&org_id)
            .bind(&id)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        tx.commit().await?;
        Ok(Some(self.user(&id).await?))
    }

    /// Applies a profile change; the user as they are now.
    pub async fn update_profile(
        &self,
        user_id: &str,
        change: &ProfileChange<'_>,
    ) -> ApiResult<UserRow> {
        on_db!(&self.db, db => sqlx::query(
            "UPDATE users SET first_name = coalesce($1, first_name), last_name = coalesce($2, last_name), \
             timezone = coalesce($3, timezone), updated_at = $4 WHERE id = $5",
        )
        .bind(change.first_name)
        .bind(change.last_name)
        .bind(change.timezone)
        .bind(db::now())
        .bind(user_id)
        .execute(db).await.map(|r| r.rows_affected()))?;
        self.user(user_id).await
    }

    /// Stores a new password hash and ends every session of the user but `keep` (a token
    /// hash), together.
    pub async fn change_password(
        &self,
        user_id: &str,
        password_hash: &str,
        keep: &str,
    ) -> ApiResult<()> {
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
            .bind(password_hash)
            .bind(db::now())
            .bind(user_id)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM api_tokens WHERE user_id = $1 AND token_hash != $2")
            .bind(user_id)
            .bind(keep)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        tx.commit().await?;
        Ok(())
    }

    /// Stores a verification token (by its hash) for the user's current address, until
    /// `expires_at`; clears out the expired ones first.
    pub async fn add_verification(
        &self,
        token_hash: &str,
        user: &UserRow,
        expires_at: &Timestamp,
    ) -> ApiResult<()> {
        let now = db::now();
        on_db!(&self.db, db => sqlx::query("DELETE FROM email_verifications WHERE expires_at <= $1")
            .bind(&now)
            .execute(db).await.map(|r| r.rows_affected()))?;
        on_db!(&self.db, db => sqlx::query(
            "INSERT INTO email_verifications (token_hash, user_id, email, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(&user.id)
        .bind(&user.email)
        .bind(expires_at)
        .bind(&now)
        .execute(db).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Uses a verification token: marks its user's address verified (if it is still the
    /// address the token was sent to) and drops the user's other tokens. The user's id, or
    /// `None` for a token that is unknown, used, expired or for an address since changed.
    pub async fn verify_email(&self, token_hash: &str) -> ApiResult<Option<String>> {
        let mut tx = self.db.begin().await?;
        // Deleting claims the token: of two concurrent uses only one finds it.
        let claimed: Option<(String, String, Timestamp)> = on_tx!(&mut tx, c => sqlx::query_as(
            "DELETE FROM email_verifications WHERE token_hash = $1 RETURNING user_id, email, expires_at",
        )
        .bind(token_hash)
        .fetch_optional(&mut *c).await)?;
        let Some((user_id, email, expires_at)) = claimed else {
            return Ok(None);
        };
        if expires_at <= db::now() {
            tx.commit().await?;
            return Ok(None);
        }
        let updated = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE users SET email_verified = TRUE, updated_at = $1 WHERE id = $2 AND lower(email) = lower($3)",
        )
        .bind(db::now())
        .bind(&user_id)
        .bind(&email)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if updated == 0 {
            tx.commit().await?;
            return Ok(None);
        }
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM email_verifications WHERE user_id = $1")
            .bind(&user_id)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        tx.commit().await?;
        Ok(Some(user_id))
    }
}
