//! An organization's members: the list, searched, filtered and sorted.

use super::member_order::{role_slices, WITHIN_ROLE};
use super::member_page::{self, ListedMember};
use super::member_search::{MemberSearch, LARGE};
use super::Store;
use crate::db::{on_tx, Tx};
use crate::error::ApiResult;
use org_contract::Role;

impl Store {
    /// How many members match `search` (and `user`, when given), and the page of them
    /// at `limit`/`offset`, as one query each. A large organization sorted by role is read
    /// role by role instead: how many members each role has (one query on the members'
    /// role index), then each role's part of the page by name, from the users' index when
    /// the role is large, so no page sorts 100,000 members.
    pub async fn member_page(
        &self,
        org_id: &str,
        search: &MemberSearch,
        user: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> ApiResult<(i64, Vec<ListedMember>)> {
        let pg = self.db.is_postgres();
        let query = PageQuery::new(org_id, search, user, pg);
        // The total and the rows (and a sort by role's counts and slices) from one
        // snapshot, so a change made meanwhile cannot show a member twice or not at all.
        let mut tx = self.db.begin_read().await?;
        if search.by_role_slices() {
            let sql = format!(
                "SELECT m.role, count(*) {} GROUP BY m.role",
                search.count_from(pg)
            );
            let counts = query.role_counts(&mut tx, &sql).await?;
            let total = counts.iter().map(|(_, n)| n).sum();
            if total > LARGE {
                let mut rows = vec![];
                for (role, at, take) in role_slices(&counts, search.descending, offset, limit) {
                    let count = counts.iter().find(|(r, _)| *r == role).map_or(0, |c| c.1);
                    let from = MemberSearch::role_slice_from(pg, count);
                    let order = format!("{WITHIN_ROLE}, m.id");
                    let role_query = PageQuery {
                        role: Some(role),
                        ..query.clone()
                    };
                    let value = role_query.page(&mut tx, from, &order, take, at).await?;
                    rows.push(value);
                }
                tx.commit().await?;
                let mut members = vec![];
                for value in rows {
                    members.extend(self.in_project_order(value).await?);
                }
                return Ok((total, members));
            }
        }
        let count = format!("SELECT count(*) {}", search.count_from(pg));
        let total = query.count(&mut tx, &count).await?;
        // A page past the end reads nothing: in order from a users' index it would walk
        // every user in the database to find that no member is left.
        if offset >= total {
            return Ok((total, vec![]));
        }
        let from = search.page_from(pg, total);
        // Read from an index on every user, a page in the second half of the list is read
        // from its end, in the reverse order, and turned round: no page walks more than half.
        if search.reads_users_in_order(pg, total) && offset > total / 2 {
            let end = (offset + limit).min(total);
            let order = search.order_by_reversed();
            let value = query
                .page(&mut tx, from, &order, end - offset, total - end)
                .await?;
            tx.commit().await?;
            let mut rows = self.in_project_order(value).await?;
            rows.reverse();
            return Ok((total, rows));
        }
        let value = query
            .page(&mut tx, from, &search.order_by(), limit, offset)
            .await?;
        tx.commit().await?;
        Ok((total, self.in_project_order(value).await?))
    }
}

/// Binds a [`PageQuery`]'s `$1` to `$6` to `query`, in order.
macro_rules! bind_filters {
    ($query:expr, $q:expr) => {
        $query
            .bind($q.org_id)
            .bind(&$q.pattern)
            .bind(&$q.role)
            .bind($q.user)
            .bind(&$q.phrase)
            .bind($q.two_factor_off)
    };
}

/// The parameters every member-list statement binds, `$1` to `$6` (see
/// [`MemberSearch::FROM`]).
#[derive(Clone)]
struct PageQuery<'a> {
    org_id: &'a str,
    pattern: Option<String>,
    role: Option<String>,
    user: Option<&'a str>,
    phrase: Option<String>,
    two_factor_off: Option<i64>,
    pg: bool,
}

impl<'a> PageQuery<'a> {
    fn new(org_id: &'a str, search: &MemberSearch, user: Option<&'a str>, pg: bool) -> Self {
        PageQuery {
            org_id,
            pattern: search.pattern(),
            role: search.role.as_ref().map(Role::as_str).map(str::to_owned),
            user,
            phrase: search.phrase(pg),
            two_factor_off: search.two_factor_off.then_some(1_i64),
            pg,
        }
    }

    async fn count(&self, tx: &mut Tx, sql: &str) -> ApiResult<i64> {
        Ok(on_tx!(tx, c => bind_filters!(sqlx::query_scalar(sql), self)
            .fetch_one(&mut *c)
            .await)?)
    }

    /// How many members each role has, from `SELECT m.role, count(*) … GROUP BY m.role`.
    async fn role_counts(&self, tx: &mut Tx, sql: &str) -> ApiResult<Vec<(String, i64)>> {
        Ok(on_tx!(tx, c => bind_filters!(sqlx::query_as(sql), self)
            .fetch_all(&mut *c)
            .await)?)
    }

    /// Whether the page reads little more than its rows: the organization's own members
    /// from their index, in its order or sorting at most `LARGE` of them, nothing filtered
    /// and not far into the list. A filter can scan every member (a rare role), a search
    /// every user, a page deep in the list everything before it.
    fn bounded(&self, from: &str, limit: i64, offset: i64) -> bool {
        from == MemberSearch::FROM
            && self.pattern.is_none()
            && self.phrase.is_none()
            && self.role.is_none()
            && self.user.is_none()
            && self.two_factor_off.is_none()
            && offset + limit <= 10_000
    }

    /// The page `FROM from ORDER BY order LIMIT limit OFFSET offset`, its members' projects
    /// unordered.
    async fn page(
        &self,
        tx: &mut Tx,
        from: &str,
        order: &str,
        limit: i64,
        offset: i64,
    ) -> ApiResult<Vec<ListedMember>> {
        let sql = format!(
            "SELECT {} {from} ORDER BY {order} LIMIT $7 OFFSET $8",
            member_page::columns(self.pg)
        );
        match tx {
            Tx::Sqlite(t) => {
                // As `bind_filters!` binds them, then `$7` and `$8`.
                let args: [&(dyn rusqlite::ToSql + Sync); 8] = [
                    &self.org_id,
                    &self.pattern,
                    &self.role,
                    &self.user,
                    &self.phrase,
                    &self.two_factor_off,
                    &limit,
                    &offset,
                ];
                let bounded = self.bounded(from, limit, offset);
                member_page::sqlite_rows(t, &sql, &args, bounded).await
            }
            Tx::Postgres(t) => {
                let value: String =
                    bind_filters!(sqlx::query_scalar(&member_page::pg_one_value(&sql)), self)
                        .bind(limit)
                        .bind(offset)
                        .fetch_one(&mut **t)
                        .await?;
                member_page::from_pg_value(&value)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{MemberSearch, PageQuery};

    fn plain() -> PageQuery<'static> {
        PageQuery {
            org_id: "o",
            pattern: None,
            role: None,
            user: None,
            phrase: None,
            two_factor_off: None,
            pg: false,
        }
    }

    #[test]
    fn only_an_unfiltered_page_of_the_members_index_near_the_start_runs_in_place() {
        assert!(plain().bounded(MemberSearch::FROM, 1000, 0));
        assert!(plain().bounded(MemberSearch::FROM, 1000, 9000));
        assert!(!plain().bounded(MemberSearch::FROM, 1000, 9001));
        assert!(!plain().bounded(MemberSearch::FROM_SEARCH, 50, 0));
        assert!(!plain().bounded(MemberSearch::FROM_USERS_BY_NAME, 50, 0));
        let filtered = [
            PageQuery {
                pattern: Some("%ada%".into()),
                ..plain()
            },
            PageQuery {
                phrase: Some("\"ada\"".into()),
                ..plain()
            },
            PageQuery {
                role: Some("owner".into()),
                ..plain()
            },
            PageQuery {
                user: Some("u"),
                ..plain()
            },
            PageQuery {
                two_factor_off: Some(1),
                ..plain()
            },
        ];
        for q in filtered {
            assert!(!q.bounded(MemberSearch::FROM, 50, 0));
        }
    }
}
