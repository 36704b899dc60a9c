//! An organization's cards.

use super::Store;
use crate::db::on_db;
use crate::error::ApiResult;
use crate::rows::PaymentMethodRow;

impl Store {
    /// The organization's cards, the default first.
    pub async fn cards(&self, org_id: &str) -> ApiResult<Vec<PaymentMethodRow>> {
        Ok(
            on_db!(&self.db, db => sqlx::query_as::<_, PaymentMethodRow>(
            "SELECT * FROM payment_methods WHERE organization_id = $1 ORDER BY is_default DESC, created_at",
        )
        .bind(org_id)
        .fetch_all(db).await)?,
        )
    }

    /// One card of the organization, if it has it.
    pub async fn card(&self, org_id: &str, card_id: &str) -> ApiResult<Option<PaymentMethodRow>> {
        Ok(
            on_db!(&self.db, db => sqlx::query_as::<_, PaymentMethodRow>(
            "SELECT * FROM payment_methods WHERE id = $1 AND organization_id = $2",
        )
        .bind(card_id)
        .bind(org_id)
        .fetch_optional(db).await)?,
        )
    }

    /// Makes `card_id` the default. One statement: exactly one default whatever else runs
    /// at the same time.
    pub async fn make_default_card(&self, org_id: &str, card_id: &str) -> ApiResult<()> {
        on_db!(&self.db, db => sqlx::query("UPDATE payment_methods SET is_default = (id = $1) WHERE organization_id = $2")
            .bind(card_id)
            .bind(org_id)
            .execute(db).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Removes the card unless it is the default; whether it did. The condition is part of
    /// the statement, so a card made default meanwhile stays.
    pub async fn remove_card_unless_default(&self, org_id: &str, card_id: &str) -> ApiResult<bool> {
        let removed = on_db!(&self.db, db => sqlx::query(
            "DELETE FROM payment_methods WHERE id = $1 AND organization_id = $2 AND is_default = FALSE",
        )
        .bind(card_id)
        .bind(org_id)
        .execute(db).await.map(|r| r.rows_affected()))?;
        Ok(removed > 0)
    }
}
