//! Who belongs to which organization, as every handler asks first.

use super::Store;
use crate::db::on_db;
use crate::error::{ApiError, ApiResult};
use crate::rows::{MemberRow, OrganizationRow};

impl Store {
    /// The organization and the caller's membership in it; 404 when the caller is not a
    /// member, so organizations of others cannot even be confirmed to exist.
    pub async fn membership(
        &self,
        org_id: &str,
        user_id: &str,
    ) -> ApiResult<(OrganizationRow, MemberRow)> {
        let member = on_db!(&self.db, db => sqlx::query_as::<_, MemberRow>(
            "SELECT * FROM members WHERE organization_id = $1 AND user_id = $2",
        )
        .bind(org_id)
        .bind(user_id)
        .fetch_optional(db).await)?
        .ok_or(ApiError::NotFound)?;
        let org = crate::queries::organization_row(&self.db, org_id).await?;
        Ok((org, member))
    }
}
