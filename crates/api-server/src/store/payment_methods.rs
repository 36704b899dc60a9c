//! An organization's cards.

use super::Store;
use crate::error::ApiResult;
use crate::rows::PaymentMethodRow;

impl Store {
    /// The organization's cards, the default first.
    pub async fn cards(&self, org_id: &str) -> ApiResult<Vec<PaymentMethodRow>> {
        Ok(sqlx::query_as::<_, PaymentMethodRow>(
            "SELECT * FROM payment_methods WHERE organization_id = ? ORDER BY is_default DESC, created_at",
        )
        .bind(org_id)
        .fetch_all(&self.db)
        .await?)
    }

    /// One card of the organization, if it has it.
    pub async fn card(&self, org_id: &str, card_id: &str) -> ApiResult<Option<PaymentMethodRow>> {
        Ok(sqlx::query_as::<_, PaymentMethodRow>(
            "SELECT * FROM payment_methods WHERE id = ? AND organization_id = ?",
        )
        .bind(card_id)
        .bind(org_id)
        .fetch_optional(&self.db)
        .await?)
    }

    /// Makes `card_id` the default. One statement: exactly one default whatever else runs
    /// at the same time.
    pub async fn make_default_card(&self, org_id: &str, card_id: &str) -> ApiResult<()> {
        sqlx::query("UPDATE payment_methods SET is_default = (id = ?) WHERE organization_id = ?")
            .bind(card_id)
            .bind(org_id)
            .execute(&self.db)
            .await?;
        Ok(())
    }

    /// Removes the card unless it is the default; whether it did. The condition is part of
    /// the statement, so a card made default meanwhile stays.
    pub async fn remove_card_unless_default(&self, org_id: &str, card_id: &str) -> ApiResult<bool> {
        let removed = sqlx::query(
            "DELETE FROM payment_methods WHERE id = ? AND organization_id = ? AND is_default = 0",
        )
        .bind(card_id)
        .bind(org_id)
        .execute(&self.db)
        .await?
        .rows_affected();
        Ok(removed > 0)
    }
}
