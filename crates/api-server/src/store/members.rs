//! An organization's members: the list, searched, filtered and sorted.

use super::member_page::{self, ListedMember};
use super::member_search::MemberSearch;
use super::Store;
use crate::db::on_db;
use crate::error::ApiResult;
use org_contract::Role;

impl Store {
    /// How many members match `search` (and `user`, when given), and the page of them
    /// at `limit`/`offset`, as one query each.
    pub async fn member_page(
        &self,
        org_id: &str,
        search: &MemberSearch,
        user: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> ApiResult<(i64, Vec<ListedMember>)> {
        let pg = self.db.is_postgres();
        let (pattern, role) = (search.pattern(), search.role.as_ref().map(Role::as_str));
        let phrase = search.phrase(pg);
        let two_factor_off = search.two_factor_off.then_some(1_i64);
        let count = format!("SELECT count(*) {}", search.count_from(pg));
        let total: i64 = on_db!(&self.db, db => sqlx::query_scalar(&count)
            .bind(org_id)
            .bind(&pattern)
            .bind(role)
            .bind(user)
            .bind(&phrase)
            .bind(two_factor_off)
            .fetch_one(db)
            .await)?;
        let page = member_page::one_value(
            pg,
            &format!(
                "SELECT {} {} ORDER BY {} LIMIT $7 OFFSET $8",
                member_page::columns(pg),
                search.page_from(pg, total),
                search.order_by(pg)
            ),
        );
        let page: String = on_db!(&self.db, db => sqlx::query_scalar(&page)
            .bind(org_id)
            .bind(&pattern)
            .bind(role)
            .bind(user)
            .bind(&phrase)
            .bind(two_factor_off)
            .bind(limit)
            .bind(offset)
            .fetch_one(db)
            .await)?;
        Ok((total, member_page::parse_page(&page)?))
    }
}
