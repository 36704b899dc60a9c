//! The abuse limits' counters on PostgreSQL, shared by every server instance on the
//! database: one row per limiter and key in `limit_windows`, with when its window started
//! and how many attempts it holds. Each step is one atomic statement on the key's row (see
//! [`crate::limits`]).

use chrono::{DateTime, Utc};
use sqlx::PgPool;

/// The counters, in the database.
#[derive(Clone)]
pub struct LimitWindows {
    pool: PgPool,
}

impl LimitWindows {
    pub fn new(pool: PgPool) -> LimitWindows {
        LimitWindows { pool }
    }

    /// Counts one attempt in the key's live window if it has room for it (fewer than
    /// `max`); when its window started, or `None`.
    pub async fn count(
        &self,
        limiter: &str,
        key: &str,
        window_secs: f64,
        max: i32,
    ) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
        sqlx::query_scalar(
            "UPDATE limit_windows SET count = count + 1 WHERE limiter = $1 AND key = $2 \
             AND started_at > now() - make_interval(secs => $3) AND count < $4 RETURNING started_at",
        )
        .bind(limiter)
        .bind(key)
        .bind(window_secs)
        .bind(max)
        .fetch_optional(&self.pool)
        .await
    }

    /// Starts a window holding one attempt if the key has none or its window is over; when
    /// it started, or `None` when a live window is there.
    pub async fn start(
        &self,
        limiter: &str,
        key: &str,
        window_secs: f64,
    ) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
        sqlx::query_scalar(
            "INSERT INTO limit_windows (limiter, key, started_at, count) VALUES ($1, $2, now(), 1) \
             ON CONFLICT (limiter, key) DO UPDATE SET started_at = now(), count = 1 \
             WHERE limit_windows.started_at <= now() - make_interval(secs => $3) RETURNING started_at",
        )
        .bind(limiter)
        .bind(key)
        .bind(window_secs)
        .fetch_optional(&self.pool)
        .await
    }

    /// Seconds until the key's full window (at least `max` attempts) is over, or `None`
    /// when it is not full.
    pub async fn seconds_left(
        &self,
        limiter: &str,
        key: &str,
        window_secs: f64,
        max: i32,
    ) -> Result<Option<f64>, sqlx::Error> {
        sqlx::query_scalar(
            "SELECT extract(epoch FROM started_at + make_interval(secs => $3) - now())::float8 \
             FROM limit_windows WHERE limiter = $1 AND key = $2 AND count >= $4 \
             AND started_at > now() - make_interval(secs => $3)",
        )
        .bind(limiter)
        .bind(key)
        .bind(window_secs)
        .bind(max)
        .fetch_optional(&self.pool)
        .await
    }

    /// Gives back one attempt of the window that started at `started`, if it still runs.
    pub async fn give_back(
        &self,
        limiter: &str,
        key: &str,
        started: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE limit_windows SET count = count - 1 WHERE limiter = $1 AND key = $2 \
             AND started_at = $3 AND count > 0",
        )
        .bind(limiter)
        .bind(key)
        .bind(started)
        .execute(&self.pool)
        .await
        .map(|_| ())
    }

    /// Drops the limiter's windows that are over.
    pub async fn prune(&self, limiter: &str, window_secs: f64) -> Result<(), sqlx::Error> {
        sqlx::query(
            "DELETE FROM limit_windows WHERE limiter = $1 AND started_at <= now() - make_interval(secs => $2)",
        )
        .bind(limiter)
        .bind(window_secs)
        .execute(&self.pool)
        .await
        .map(|_| ())
    }
}
