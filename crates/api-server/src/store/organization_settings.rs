//! An organization's settings, and deleting one.

use org_contract::{Address, EventAction, EventActor, EventDetails};

use super::events;
use super::Store;
use crate::db;
use crate::db::on_tx;
use crate::error::ApiResult;
use crate::rows::OrganizationRow;

/// What a settings update sets: `None` leaves a field as it is, `Some("")` clears an
/// optional one. Already validated.
pub struct SettingsChange<'a> {
    pub name: Option<&'a str>,
    pub description: Option<&'a str>,
    pub website: Option<&'a str>,
    pub twitter: Option<&'a str>,
    pub billing_address: Option<&'a Address>,
}

impl Store {
    /// Applies `change` and records which fields it changed (nothing when none did), in one
    /// transaction; the organization as it is now.
    pub async fn update_organization(
        &self,
        id: &str,
        change: &SettingsChange<'_>,
        actor: &EventActor,
    ) -> ApiResult<OrganizationRow> {
        let now = db::now();
        // IMMEDIATE: the write lock first, so the "before" read below is what this update
        // changes, not what a concurrent one left.
        let mut tx = self.db.begin_write().await?;
        let before = on_tx!(&mut tx, c => sqlx::query_as::<_, OrganizationRow>("SELECT * FROM organizations WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *c).await)?;
        // NULL leaves a column as it is; an empty string clears an optional field.
        on_tx!(&mut tx, c => sqlx::query(
            "UPDATE organizations SET name = coalesce($1, name), description = coalesce(nullif($2, ''), CASE WHEN $3 IS NULL THEN description END), \
             website = coalesce(nullif($4, ''), CASE WHEN $5 IS NULL THEN website END), \
             twitter = coalesce(nullif($6, ''), CASE WHEN $7 IS NULL THEN twitter END), updated_at = $8 WHERE id = $9",
        )
        .bind(change.name)
        .bind(change.description)
        .bind(change.description)
        .bind(change.website)
        .bind(change.website)
        .bind(change.twitter)
        .bind(change.twitter)
        .bind(&now)
        .bind(id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if let Some(a) = change.billing_address {
            on_tx!(&mut tx, c => sqlx::query("UPDATE organizations SET address = $1, address2 = $2, city = $3, state = $4, zip_code = $5, country = $6 WHERE id = $7")
                .bind(a.address.trim())
                .bind(a.address2.as_deref().map(str::trim).filter(|s| !s.is_empty()))
                .bind(a.city.trim())
                .bind(a.state.as_deref().map(str::trim).filter(|s| !s.is_empty()))
                .bind(a.zip_code.trim())
                .bind(a.country.trim())
                .bind(id)
                .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        }
        let row = on_tx!(&mut tx, c => sqlx::query_as::<_, OrganizationRow>("SELECT * FROM organizations WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *c).await)?;
        let fields = changed_fields(&before, &row);
        if !fields.is_empty() {
            let details = EventDetails {
                fields,
                ..EventDetails::default()
            };
            let action = EventAction::OrganizationUpdated;
            events::record(&mut tx, id, Some(actor), action, None, &details).await?;
        }
        tx.commit().await?;
        Ok(row)
    }

    /// Deletes the organization (its members, projects, invitations and log go with it)
    /// and stops it being anyone's default.
    pub async fn delete_organization(&self, id: &str) -> ApiResult<()> {
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "UPDATE users SET default_organization_id = NULL WHERE default_organization_id = $1",
        )
        .bind(id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM organizations WHERE id = $1")
            .bind(id)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        tx.commit().await?;
        Ok(())
    }
}

/// The settings that differ between two versions of an organization, as people name them.
fn changed_fields(before: &OrganizationRow, after: &OrganizationRow) -> Vec<String> {
    let address = |o: &OrganizationRow| {
        [
            &o.address,
            &o.address2,
            &o.city,
            &o.state,
            &o.zip_code,
            &o.country,
        ]
        .map(Clone::clone)
    };
    [
        ("name", before.name != after.name),
        ("description", before.description != after.description),
        ("website", before.website != after.website),
        ("twitter", before.twitter != after.twitter),
        ("billing address", address(before) != address(after)),
    ]
    .into_iter()
    .filter(|(_, changed)| *changed)
    .map(|(field, _)| field.to_owned())
    .collect()
}
