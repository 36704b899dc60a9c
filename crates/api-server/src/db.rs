//! The two databases the server runs on, chosen by the URL: SQLite (a file; the embedded
//! default, one server process) and PostgreSQL (several server processes on one database).
//!
//! Every statement is written once, in the SQL both accept (`$1` placeholders, `ON
//! CONFLICT`, `TRUE`/`FALSE`, `lower()` for case-insensitive addresses), and run on either
//! pool through [`on_db!`] / [`on_tx!`], which expand the same code once per driver. The
//! few statements that differ (JSON lists, the member search's index) ask the macro's
//! `pg` flag.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool};

/// The database behind the server. Cheap to clone (a pool is shared).
#[derive(Clone, Debug)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A transaction on either database.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

/// Runs `body` on the pool of either database, `c` naming the pool (and `pg`, when given,
/// telling which it is). Exported for the tests' own SQL.
#[macro_export]
macro_rules! on_db {
    ($pool:expr, $c:ident => $body:expr) => {
        match $pool {
            $crate::db::Pool::Sqlite($c) => $body,
            $crate::db::Pool::Postgres($c) => $body,
        }
    };
    ($pool:expr, $c:ident, $pg:ident => $body:expr) => {
        match $pool {
            $crate::db::Pool::Sqlite($c) => {
                let $pg = false;
                $body
            }
            $crate::db::Pool::Postgres($c) => {
                let $pg = true;
                $body
            }
        }
    };
}
pub use crate::on_db;

/// Runs `body` inside a [`Tx`], `c` naming its connection (pass it on as `&mut *c`).
macro_rules! on_tx {
    ($tx:expr, $c:ident => $body:expr) => {
        match $tx {
            $crate::db::Tx::Sqlite(t) => {
                let $c: &mut sqlx::SqliteConnection = &mut **t;
                $body
            }
            $crate::db::Tx::Postgres(t) => {
                let $c: &mut sqlx::PgConnection = &mut **t;
                $body
            }
        }
    };
    ($tx:expr, $c:ident, $pg:ident => $body:expr) => {
        match $tx {
            $crate::db::Tx::Sqlite(t) => {
                let $c: &mut sqlx::SqliteConnection = &mut **t;
                let $pg = false;
                $body
            }
            $crate::db::Tx::Postgres(t) => {
                let $c: &mut sqlx::PgConnection = &mut **t;
                let $pg = true;
                $body
            }
        }
    };
}
pub(crate) use on_tx;

impl Pool {
    /// Opens the database `url` names and brings its schema up to date: `postgres://…` (or
    /// `postgresql://…`) for PostgreSQL; `sqlite:…` or a file path for SQLite, created with
    /// its folder when missing.
    pub async fn open(url: &str) -> Result<Pool, sqlx::Error> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let mut options = PgConnectOptions::from_str(url)?;
            // Index look-ups priced as the member pages find them: their users' rows are in
            // memory. At the default `random_page_cost` of 4 (a spinning disk) the planner
            // joined a 1,000-member page to its users by reading all 100,000 users of the
            // benchmark's database (a hash join: 16 of the query's 28 ms) rather than looking
            // up 1,000 of them by key (3 ms); 1.1 is PostgreSQL's own advice for solid-state
            // disks. Set when each connection starts (no statement, no round trip); a URL
            // that sets it itself (`?options=-c random_page_cost=…`) keeps its own.
            if !options
                .get_options()
                .is_some_and(|o| o.contains("random_page_cost"))
            {
                options = options.options([("random_page_cost", "1.1")]);
            }
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .connect_with(options)
                .await?;
            sqlx::migrate!("./migrations/postgres").run(&pool).await?;
            return Ok(Pool::Postgres(pool));
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"));
        open_sqlite(Path::new(path.unwrap_or(url)))
            .await
            .map(Pool::Sqlite)
    }

    /// The PostgreSQL pool, for what several server instances share (the abuse limits).
    pub fn postgres(&self) -> Option<PgPool> {
        match self {
            Pool::Postgres(p) => Some(p.clone()),
            Pool::Sqlite(_) => None,
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Pool::Postgres(_))
    }

    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Pool::Sqlite(p) => Tx::Sqlite(p.begin().await?),
            Pool::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// A transaction that only reads, every statement from one snapshot of the database (a
    /// page and its total agree): SQLite's deferred transaction keeps the snapshot of its
    /// first read (WAL mode); PostgreSQL needs `REPEATABLE READ` for it.
    pub async fn begin_read(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Pool::Sqlite(p) => Tx::Sqlite(p.begin().await?),
            Pool::Postgres(p) => Tx::Postgres(
                p.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await?,
            ),
        })
    }

    /// A transaction that will write after reading what it decides on. SQLite takes its
    /// one write lock at once (`BEGIN IMMEDIATE`), so what it reads cannot change before it
    /// writes; PostgreSQL locks the rows concerned instead ([`Tx::lock_organization`]).
    pub async fn begin_write(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Pool::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    pub async fn close(&self) {
        on_db!(self, p => p.close().await)
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }

    /// Orders the changes to one organization's members and invitations: on PostgreSQL
    /// the transactions that call this for one organization run one after the other (the
    /// last-owner guard counts owners that cannot change under it, whichever server
    /// instance runs the other change). On SQLite `begin_write` already holds the lock.
    pub async fn lock_organization(&mut self, org_id: &str) -> Result<(), sqlx::Error> {
        if let Tx::Postgres(t) = self {
            sqlx::query("SELECT id FROM organizations WHERE id = $1 FOR UPDATE")
                .bind(org_id)
                .execute(&mut **t)
                .await?;
        }
        Ok(())
    }
}

async fn open_sqlite(path: &Path) -> Result<SqlitePool, sqlx::Error> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
    }
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        // Writers wait for each other instead of failing with "database is locked".
        .busy_timeout(Duration::from_secs(10))
        // Reads through the OS's page cache, shared by the pool's connections, instead of
        // copying pages into each connection's own 2 MB cache: a 1,000-member page next to
        // a 100,000-member organization took 14 ms of SQL with the defaults, 8-10 with these.
        // Up to 32 MB of pages each, taken only as pages are read (the pool's 8 connections:
        // 256 MB at most): a page of 1,000 members looks up 1,000 users and their project
        // links by id, random places in indexes of every user in the database, and with
        // 16 MB those pages were parsed again on most requests (btreeInitPage was 9% of the
        // server's time; that page's p50 at 20/s went from ~12 to ~9.5 ms with a larger
        // cache alone, the same at 32 and 64 MB).
        .pragma("mmap_size", "268435456")
        .pragma("cache_size", "-32000");
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
    Ok(pool)
}

/// A time as the server keeps it: RFC 3339 in UTC to the second (`2026-12-01T12:00:00Z`),
/// so on SQLite, where it is text, comparing two is comparing the times. On PostgreSQL it
/// is a `timestamptz`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Timestamp(String);

/// Any RFC 3339 time, made the server's own form: PostgreSQL writes the member pages' times
/// into their JSON as `2026-12-01T12:00:00.123456+00:00` (to the microsecond, in the
/// session's time zone, which sqlx sets to UTC when it connects); formatting them in the
/// query instead (`api_time`, five calls to `to_char` a row) was a fifth of a 1,000-member
/// page's time there. Every time the server stores is its own `now()`, so none is outside
/// RFC 3339 (a year past 9999, `infinity`); one would fail its page, not be misread.
impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Time;
        impl serde::de::Visitor<'_> for Time {
            type Value = Timestamp;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an RFC 3339 time")
            }
            // Borrowed or not, the text is read in place: one allocation a time, its own.
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Timestamp, E> {
                chrono::DateTime::parse_from_rfc3339(text)
                    .map(|t| Timestamp::from_utc(t.with_timezone(&chrono::Utc)))
                    .map_err(|e| E::custom(format!("a time ({text}): {e}")))
            }
        }
        d.deserialize_str(Time)
    }
}

impl Timestamp {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn from_utc(t: chrono::DateTime<chrono::Utc>) -> Timestamp {
        Timestamp(t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    }

    fn to_utc(&self) -> Result<chrono::DateTime<chrono::Utc>, sqlx::error::BoxDynError> {
        Ok(chrono::DateTime::parse_from_rfc3339(&self.0)?.with_timezone(&chrono::Utc))
    }
}

impl std::ops::Deref for Timestamp {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Timestamp> for String {
    fn from(t: Timestamp) -> String {
        t.0
    }
}

impl sqlx::Type<Sqlite> for Timestamp {
    fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
        <String as sqlx::Type<Sqlite>>::type_info()
    }
}

impl<'q> sqlx::Encode<'q, Sqlite> for Timestamp {
    fn encode_by_ref(
        &self,
        buf: &mut Vec<sqlx::sqlite::SqliteArgumentValue<'q>>,
    ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
        <String as sqlx::Encode<'q, Sqlite>>::encode_by_ref(&self.0, buf)
    }
}

impl<'r> sqlx::Decode<'r, Sqlite> for Timestamp {
    fn decode(value: sqlx::sqlite::SqliteValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        <String as sqlx::Decode<'r, Sqlite>>::decode(value).map(Timestamp)
    }
}

// The member pages' rows, read off SQLite's handle (`store::member_page`).
impl rusqlite::types::FromSql for Timestamp {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        String::column_result(value).map(Timestamp)
    }
}

type Utc = chrono::DateTime<chrono::Utc>;

impl sqlx::Type<Postgres> for Timestamp {
    fn type_info() -> sqlx::postgres::PgTypeInfo {
        <Utc as sqlx::Type<Postgres>>::type_info()
    }
}

impl sqlx::Encode<'_, Postgres> for Timestamp {
    fn encode_by_ref(
        &self,
        buf: &mut sqlx::postgres::PgArgumentBuffer,
    ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
        <Utc as sqlx::Encode<Postgres>>::encode_by_ref(&self.to_utc()?, buf)
    }
}

impl<'r> sqlx::Decode<'r, Postgres> for Timestamp {
    fn decode(value: sqlx::postgres::PgValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        <Utc as sqlx::Decode<'r, Postgres>>::decode(value).map(Timestamp::from_utc)
    }
}

/// Now, as the database stores times.
pub fn now() -> Timestamp {
    timestamp(chrono::Utc::now())
}

pub fn timestamp(t: chrono::DateTime<chrono::Utc>) -> Timestamp {
    Timestamp::from_utc(t)
}

pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Whether an sqlx error is a UNIQUE constraint failure (a concurrent duplicate).
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

/// `["a","b"]`: a list bound as one value, read by [`in_list`].
pub fn json_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    serde_json::to_string(&items.collect::<Vec<_>>()).unwrap_or_else(|_| "[]".into())
}

/// The SQL that reads a [`json_list`] bound as parameter `$n` as a one-column table of
/// `value`s.
pub fn in_list(pg: bool, n: u8) -> String {
    if pg {
        format!("SELECT value FROM json_array_elements_text(${n}::json)")
    } else {
        format!("SELECT value FROM json_each(${n})")
    }
}

#[cfg(test)]
mod tests {
    use super::Timestamp;

    fn read(text: &str) -> Result<Timestamp, serde_json::Error> {
        serde_json::from_value(serde_json::Value::String(text.into()))
    }

    #[test]
    fn a_time_read_from_json_is_the_servers_own_form() {
        // As PostgreSQL writes a timestamptz into JSON, and as the server writes one.
        for (text, time) in [
            ("2026-12-01T12:00:00.654321+00:00", "2026-12-01T12:00:00Z"),
            ("2026-12-01T12:00:00+00:00", "2026-12-01T12:00:00Z"),
            ("2026-12-01T13:30:59.999999+01:30", "2026-12-01T12:00:59Z"),
            ("2026-12-31T23:00:00-02:00", "2027-01-01T01:00:00Z"),
            ("2026-12-01T12:00:00Z", "2026-12-01T12:00:00Z"),
        ] {
            assert_eq!(read(text).unwrap().as_str(), time, "{text}");
        }
        for text in [
            "",
            "2026-12-01",
            "2026-12-01 12:00:00",
            "yesterday",
            "2026-13-01T00:00:00Z",
        ] {
            assert!(read(text).is_err(), "{text}");
        }
    }
}
