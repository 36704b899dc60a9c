//! A page of the member list (or one member, after a change) in one query: each member
//! with their user and the ids of their projects. sqlx's SQLite driver hands rows over one
//! at a time from its worker thread (a value copied and freed across threads and a channel
//! hand-over per row, ~25 µs of CPU per row: perf on bench-server), so on SQLite the page
//! is read straight off the connection's handle, which sqlx lends for that; PostgreSQL
//! writes the page as one JSON value instead, which sqlx reads in one piece.

use std::collections::HashMap;

use org_contract::{Expandable, Member};

use super::memberships::ProjectsSeen;
use super::Store;
use crate::db::Timestamp;
use crate::db::{self, on_db, Pool};
use crate::error::{ApiError, ApiResult};
use crate::rows::{href, MemberRow, ProjectRow, UserRow};

/// What a page query selects, in the order [`ListedMember`] reads it, named `c0` to `c19`
/// for [`pg_one_value`]. Every `FROM` of the member search names the members `m` and their
/// users `u`. The project ids come from the links' own index, unordered: putting them in
/// name order inside the query (a join and a sort per member) was more than half of a
/// 1,000-member page's SQL, so [`Store::in_project_order`] orders them, for the members with two
/// or more, by one look-up of those projects' names.
/// PostgreSQL writes its times in JSON's own form, which [`Timestamp`] reads.
pub fn columns(pg: bool) -> &'static str {
    if pg {
        "m.id c0, m.organization_id c1, m.user_id c2, m.role c3, \
         m.created_at c4, m.updated_at c5, u.short_id c6, u.first_name c7, \
         u.last_name c8, u.email c9, u.avatar_url c10, u.avatar_thumb_url c11, \
         u.two_factor_auth c12, u.timezone c13, u.default_organization_id c14, \
         u.last_login_at c15, u.created_at c16, u.updated_at c17, \
         u.email_verified c18, \
         (SELECT string_agg(mp.project_id, ',') FROM member_projects mp \
            WHERE mp.member_id = m.id) c19"
    } else {
        "m.id c0, m.organization_id c1, m.user_id c2, m.role c3, \
         m.created_at c4, m.updated_at c5, u.short_id c6, u.first_name c7, u.last_name c8, \
         u.email c9, u.avatar_url c10, u.avatar_thumb_url c11, u.two_factor_auth c12, \
         u.timezone c13, u.default_organization_id c14, u.last_login_at c15, u.created_at c16, \
         u.updated_at c17, u.email_verified c18, \
         (SELECT group_concat(mp.project_id) FROM member_projects mp \
            WHERE mp.member_id = m.id) c19"
    }
}

/// On PostgreSQL, the page query `inner` (selecting [`columns`], ordered and limited) as
/// one value: a JSON array of rows, each an array of the columns in order, written by the
/// database.
pub fn pg_one_value(inner: &str) -> String {
    format!(
        "SELECT coalesce(json_agg(json_build_array(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, \
         c10, c11, c12, c13, c14, c15, c16, c17, c18, c19)), '[]')::text FROM ({inner}) t"
    )
}

/// One row of [`columns`]: an element of [`pg_one_value`], or a row of SQLite's.
#[derive(serde::Deserialize)]
struct Columns(
    String,
    String,
    String,
    String,
    Timestamp,
    Timestamp,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    Option<String>,
    Option<Timestamp>,
    Timestamp,
    Timestamp,
    bool,
    Option<String>,
);

impl Columns {
    fn from_sqlite(r: &rusqlite::Row) -> rusqlite::Result<Columns> {
        Ok(Columns(
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
            r.get(8)?,
            r.get(9)?,
            r.get(10)?,
            r.get(11)?,
            r.get(12)?,
            r.get(13)?,
            r.get(14)?,
            r.get(15)?,
            r.get(16)?,
            r.get(17)?,
            r.get(18)?,
            r.get(19)?,
        ))
    }
}

/// The members [`pg_one_value`] selected, their projects unordered.
pub fn from_pg_value(value: &str) -> ApiResult<Vec<ListedMember>> {
    let rows: Vec<Columns> = serde_json::from_str(value)
        .map_err(|e| ApiError::Internal(format!("reading a page of members: {e}")))?;
    Ok(rows.into_iter().map(ListedMember::from).collect())
}

/// The members a SQLite page query (selecting [`columns`]) finds, their projects
/// unordered. `args` are `$1`, `$2`, … in order, numbered as sqlx numbers them; a query
/// need not use them all. `bounded`: the statement reads little more than the rows it
/// returns (see `PageQuery::bounded`).
pub async fn sqlite_rows(
    conn: &mut sqlx::SqliteConnection,
    sql: &str,
    args: &[&(dyn rusqlite::ToSql + Sync)],
    bounded: bool,
) -> ApiResult<Vec<ListedMember>> {
    let mut handle = conn.lock_handle().await?;
    // A search can walk every user in the database (a common word in the index), so such
    // a statement does not hold up the other requests on this thread: it runs in
    // `block_in_place` (sqlx's own worker thread used to run it). A bounded one runs in
    // place: handing the thread over cost more than it took (100 rows at 500/s, p99
    // 2.7-3.3 ms in place, 3.5-7.8 in `block_in_place`). Tests on a single-threaded runtime
    // run everything in place.
    match tokio::runtime::Handle::current().runtime_flavor() {
        tokio::runtime::RuntimeFlavor::MultiThread if !bounded => {
            tokio::task::block_in_place(|| read_locked(&mut handle, sql, args))
        }
        _ => read_locked(&mut handle, sql, args),
    }
}

/// [`read_rows`] on the handle sqlx lent, which it takes back only once `handle` is
/// dropped: the borrow keeps the rusqlite connection from outliving the loan.
fn read_locked(
    handle: &mut sqlx::sqlite::LockedSqliteHandle<'_>,
    sql: &str,
    args: &[&(dyn rusqlite::ToSql + Sync)],
) -> ApiResult<Vec<ListedMember>> {
    let raw = handle.as_raw_handle().as_ptr();
    // SAFETY: the handle is valid and used by this thread alone while `handle` is
    // borrowed; `from_handle` does not own it, so dropping `db` never closes it (nor, with
    // rusqlite's `hooks` feature off, touches the hooks sqlx set). Every statement
    // `read_rows` prepares is finalised before it returns. The statement runs in whatever
    // transaction the connection is in.
    let db = unsafe { rusqlite::Connection::from_handle(raw) }.map_err(sqlite_error)?;
    read_rows(&db, sql, args).map_err(sqlite_error)
}

fn read_rows(
    db: &rusqlite::Connection,
    sql: &str,
    args: &[&(dyn rusqlite::ToSql + Sync)],
) -> rusqlite::Result<Vec<ListedMember>> {
    let mut statement = db.prepare(sql)?;
    for i in 1..=statement.parameter_count() {
        let name = statement.parameter_name(i).unwrap_or("?");
        let n = name
            .strip_prefix('$')
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| (1..=args.len()).contains(n))
            .ok_or_else(|| rusqlite::Error::InvalidParameterName(name.to_owned()))?;
        statement.raw_bind_parameter(i, args[n - 1])?;
    }
    let mut rows = statement.raw_query();
    let mut members = vec![];
    while let Some(row) = rows.next()? {
        members.push(ListedMember::from(Columns::from_sqlite(row)?));
    }
    Ok(members)
}

fn sqlite_error(e: rusqlite::Error) -> ApiError {
    ApiError::Internal(format!("reading a page of members: {e}"))
}

pub struct ListedMember {
    member: MemberRow,
    user: UserRow,
    project_ids: Vec<String>,
}

impl Store {
    /// `rows` with each member's projects in name order (then id): one look-up of the names
    /// of the projects of the members with two or more.
    pub(super) async fn in_project_order(
        &self,
        mut rows: Vec<ListedMember>,
    ) -> ApiResult<Vec<ListedMember>> {
        let several = || rows.iter().filter(|r| r.project_ids.len() > 1);
        if several().next().is_none() {
            return Ok(rows);
        }
        let ids = db::json_list(several().flat_map(|r| r.project_ids.iter().map(String::as_str)));
        let names: Vec<(String, String)> = on_db!(&self.db, db, pg => sqlx::query_as(&format!(
            "SELECT id, name FROM projects WHERE id IN ({})",
            db::in_list(pg, 1)
        ))
        .bind(&ids)
        .fetch_all(db).await)?;
        let names: HashMap<String, String> = names.into_iter().collect();
        for row in rows.iter_mut().filter(|r| r.project_ids.len() > 1) {
            row.project_ids
                .sort_by(|a, b| (names.get(a), a).cmp(&(names.get(b), b)));
        }
        Ok(rows)
    }
}

impl From<Columns> for ListedMember {
    fn from(c: Columns) -> Self {
        let user = UserRow {
            id: c.2.clone(),
            short_id: c.6,
            first_name: c.7,
            last_name: c.8,
            email: c.9,
            // Never leaves the server, so never read for a list.
            password_hash: None,
            avatar_url: c.10,
            avatar_thumb_url: c.11,
            two_factor_auth: c.12,
            timezone: c.13,
            default_organization_id: c.14,
            last_login_at: c.15,
            created_at: c.16,
            updated_at: c.17,
            email_verified: c.18,
        };
        let member = MemberRow {
            id: c.0,
            organization_id: c.1,
            user_id: c.2,
            role: c.3,
            created_at: c.4,
            updated_at: c.5,
        };
        let project_ids =
            c.19.map(|ids| ids.split(',').map(str::to_owned).collect())
                .unwrap_or_default();
        ListedMember {
            member,
            user,
            project_ids,
        }
    }
}

/// The contract's members for a page: users expanded with `include_user`, projects with
/// `include_projects` where `seen` lets the viewer see them (one more query, for the
/// organization's projects, and only then).
impl Store {
    pub async fn members(
        &self,
        org_id: &str,
        rows: Vec<ListedMember>,
        include_user: bool,
        include_projects: bool,
        seen: &ProjectsSeen,
    ) -> ApiResult<Vec<Member>> {
        let projects: HashMap<String, ProjectRow> = if include_projects
            && rows.iter().any(|r| !r.project_ids.is_empty())
        {
            on_db!(&self.db, db => sqlx::query_as::<_, ProjectRow>("SELECT * FROM projects WHERE organization_id = $1")
                .bind(org_id)
                .fetch_all(db).await)?
                .into_iter()
                .map(|p| (p.id.clone(), p))
                .collect()
        } else {
            HashMap::new()
        };
        let organization = href(format_args!("/organizations/{org_id}"));
        Ok(rows
            .into_iter()
            .map(|r| {
                let user = if include_user {
                    Expandable::Full(Box::new(r.user.into_user()))
                } else {
                    Expandable::Ref(href(format_args!("/users/{}", r.member.user_id)))
                };
                // `projects` holds rows only when they are to be expanded.
                let count = r.project_ids.len() as u32;
                let projects = r
                    .project_ids
                    .iter()
                    .map(|id| match projects.get(id) {
                        Some(p) if seen.allows(id) => Expandable::Full(Box::new(p.to_project())),
                        _ => Expandable::Ref(href(format_args!("/projects/{id}"))),
                    })
                    .collect();
                member_object(r.member, user, projects, count, organization.clone())
            })
            .collect())
    }

    /// One member of `org_id`, built as a page's members are (after a change, for its answer).
    pub async fn member(
        &self,
        org_id: &str,
        member_id: &str,
        include_user: bool,
        include_projects: bool,
        seen: &ProjectsSeen,
    ) -> ApiResult<Member> {
        let pg = self.db.is_postgres();
        let sql = format!(
            "SELECT {} FROM members m JOIN users u ON u.id = m.user_id \
             WHERE m.id = $1 AND m.organization_id = $2",
            columns(pg)
        );
        let rows = match &self.db {
            Pool::Sqlite(pool) => {
                sqlite_rows(
                    &mut *pool.acquire().await?,
                    &sql,
                    &[&member_id, &org_id],
                    true,
                )
                .await?
            }
            Pool::Postgres(pool) => from_pg_value(
                &sqlx::query_scalar::<_, String>(&pg_one_value(&sql))
                    .bind(member_id)
                    .bind(org_id)
                    .fetch_one(pool)
                    .await?,
            )?,
        };
        self.members(
            org_id,
            self.in_project_order(rows).await?,
            include_user,
            include_projects,
            seen,
        )
        .await?
        .pop()
        .ok_or(ApiError::NotFound)
    }
}

/// The contract's member from its row, its user and its projects as they are to be shown.
fn member_object(
    m: MemberRow,
    user: Expandable<org_contract::User>,
    projects: Vec<Expandable<org_contract::Project>>,
    projects_count: u32,
    organization: org_contract::Href,
) -> Member {
    Member {
        roles: vec![m.role()],
        projects_count,
        projects,
        user,
        organization,
        href: m.href().href,
        id: m.id,
        created_at: m.created_at.into(),
        updated_at: m.updated_at.into(),
    }
}

#[cfg(test)]
mod tests {
    use sqlx::Connection;

    use super::sqlite_rows;

    /// A row of `columns` from literals, with `email` and `user_id` as given.
    fn row_sql(email: &str, user_id: &str) -> String {
        format!(
            "SELECT 'm1' c0, 'o1' c1, {user_id} c2, 'admin' c3, '2026-01-01T00:00:00Z' c4, \
             '2026-01-02T00:00:00Z' c5, 's1' c6, 'Ada' c7, 'Lovelace' c8, {email} c9, NULL c10, \
             NULL c11, '' c12, 'UTC' c13, NULL c14, NULL c15, '2026-01-01T00:00:00Z' c16, \
             '2026-01-01T00:00:00Z' c17, 1 c18, 'p2,p1' c19"
        )
    }

    #[tokio::test]
    async fn each_dollar_number_is_bound_to_its_own_argument_in_any_order() {
        let mut conn = sqlx::SqliteConnection::connect("sqlite::memory:")
            .await
            .unwrap();
        // `$3` before `$1`, `$2` unused, `$1` twice: as sqlx numbers them.
        let sql = format!("{} WHERE $1 IS NOT NULL", row_sql("$1", "$3"));
        let rows = sqlite_rows(&mut conn, &sql, &[&"ada@example.com", &7_i64, &"u-3"], true)
            .await
            .unwrap();
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(row.user.email, "ada@example.com");
        assert_eq!(
            (row.member.user_id.as_str(), row.user.id.as_str()),
            ("u-3", "u-3")
        );
        assert_eq!(row.member.created_at.as_str(), "2026-01-01T00:00:00Z");
        assert!(row.user.email_verified);
        assert_eq!(row.project_ids, ["p2", "p1"]);
        assert_eq!(row.user.avatar_url, None);
    }

    #[tokio::test]
    async fn a_number_without_its_argument_is_an_error_not_a_null() {
        let mut conn = sqlx::SqliteConnection::connect("sqlite::memory:")
            .await
            .unwrap();
        let sql = row_sql("$1", "$2");
        assert!(sqlite_rows(&mut conn, &sql, &[&"ada@example.com"], true)
            .await
            .is_err());
    }

    // On the server's multi-threaded runtime, where the rows are read in `block_in_place`.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_rows_are_read_inside_the_connection_s_open_transaction() {
        let mut conn = sqlx::SqliteConnection::connect("sqlite::memory:")
            .await
            .unwrap();
        sqlx::query("CREATE TABLE t (email TEXT)")
            .execute(&mut conn)
            .await
            .unwrap();
        let mut tx = conn.begin().await.unwrap();
        sqlx::query("INSERT INTO t VALUES ('seen@example.com')")
            .execute(&mut *tx)
            .await
            .unwrap();
        let sql = format!("{} FROM t", row_sql("t.email", "'u-1'"));
        let rows = sqlite_rows(&mut tx, &sql, &[], false).await.unwrap();
        assert_eq!(rows[0].user.email, "seen@example.com");
        // The connection goes on working for sqlx afterwards.
        tx.rollback().await.unwrap();
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM t")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(n, 0);
    }
}
