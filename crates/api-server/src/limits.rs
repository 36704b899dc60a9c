//! The abuse limits of the contract's security rules: fixed-window counters per key (an
//! address, a client IP, an organization, an invitation, a user). On SQLite (one server
//! process) they live in memory, bounded; on PostgreSQL in its `limit_windows` table, so
//! every server instance on the database counts against one limit.
//!
//! An attempt is *reserved* before the work it limits (a password hash, an email), under
//! one lock, so concurrent requests cannot all pass a check that each of them would pass
//! alone. Work that turns out not to count (a successful sign-in, a refused sign-up) gives
//! its reservation back.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use clap::Args;

use crate::error::ApiError;
use crate::store::limit_windows::LimitWindows;

/// Every limit, as server options. The defaults are the contract's.
#[derive(Clone, Debug, Args)]
pub struct LimitsConfig {
    /// Failed sign-ins allowed per address in 15 minutes.
    #[arg(
        long,
        env = "ORG_API_SIGN_IN_FAILURES_PER_ADDRESS",
        default_value_t = 5
    )]
    pub sign_in_failures_per_address: u32,
    /// Failed sign-ins allowed per client IP in 15 minutes.
    #[arg(long, env = "ORG_API_SIGN_IN_FAILURES_PER_IP", default_value_t = 50)]
    pub sign_in_failures_per_ip: u32,
    /// Sign-ups (POST /users) allowed per client IP in an hour.
    #[arg(long, env = "ORG_API_SIGN_UPS_PER_IP", default_value_t = 10)]
    pub sign_ups_per_ip: u32,
    /// New invitations allowed per organization in an hour.
    #[arg(
        long,
        env = "ORG_API_INVITATIONS_PER_ORGANIZATION",
        default_value_t = 100
    )]
    pub invitations_per_organization: u32,
    /// Seconds between two resends of one invitation (its first email does not count).
    #[arg(long, env = "ORG_API_RESEND_INTERVAL", default_value_t = 60)]
    pub resend_interval_secs: u64,
    /// Seconds between two verification emails a user asks for (the sign-up one does not count).
    #[arg(long, env = "ORG_API_VERIFY_RESEND_INTERVAL", default_value_t = 60)]
    pub verify_resend_interval_secs: u64,
    /// Password-reset requests allowed per client IP in an hour.
    #[arg(long, env = "ORG_API_PASSWORD_RESETS_PER_IP", default_value_t = 10)]
    pub password_resets_per_ip: u32,
    /// Seconds between two password-reset emails to one address.
    #[arg(long, env = "ORG_API_PASSWORD_RESET_INTERVAL", default_value_t = 60)]
    pub password_reset_interval_secs: u64,
    /// Most keys each limiter remembers; past it, the oldest windows are forgotten first.
    #[arg(long, env = "ORG_API_LIMITER_KEYS", default_value_t = 100_000)]
    pub limiter_keys: usize,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        LimitsConfig {
            sign_in_failures_per_address: 5,
            sign_in_failures_per_ip: 50,
            sign_ups_per_ip: 10,
            invitations_per_organization: 100,
            resend_interval_secs: 60,
            verify_resend_interval_secs: 60,
            password_resets_per_ip: 10,
            password_reset_interval_secs: 60,
            limiter_keys: 100_000,
        }
    }
}

/// The limiters a running server holds.
pub struct Limits {
    pub sign_in_address: RateLimiter,
    pub sign_in_ip: RateLimiter,
    pub sign_up_ip: RateLimiter,
    pub invitations: RateLimiter,
    pub resend: RateLimiter,
    pub verify_resend: RateLimiter,
    pub reset_ip: RateLimiter,
    pub reset_address: RateLimiter,
}

impl Limits {
    /// In memory, or in `shared` (a PostgreSQL database several instances use).
    pub fn new(c: &LimitsConfig, shared: Option<LimitWindows>) -> Limits {
        let minutes = |m: u64| Duration::from_secs(m * 60);
        let keys = c.limiter_keys.max(1);
        let limiter = |name: &'static str, max: u32, window: Duration| RateLimiter {
            shared: shared.clone().map(|windows| Shared {
                windows,
                name,
                starts: AtomicU64::new(0),
            }),
            ..RateLimiter::new(max, window, keys)
        };
        let secs = Duration::from_secs;
        Limits {
            sign_in_address: limiter(
                "sign_in_address",
                c.sign_in_failures_per_address,
                minutes(15),
            ),
            sign_in_ip: limiter("sign_in_ip", c.sign_in_failures_per_ip, minutes(15)),
            sign_up_ip: limiter("sign_up_ip", c.sign_ups_per_ip, minutes(60)),
            invitations: limiter("invitations", c.invitations_per_organization, minutes(60)),
            resend: limiter("resend", 1, secs(c.resend_interval_secs)),
            verify_resend: limiter("verify_resend", 1, secs(c.verify_resend_interval_secs)),
            reset_ip: limiter("reset_ip", c.password_resets_per_ip, minutes(60)),
            reset_address: limiter("reset_address", 1, secs(c.password_reset_interval_secs)),
        }
    }
}

/// A limiter's counters in the database.
struct Shared {
    windows: LimitWindows,
    name: &'static str,
    /// Windows started, to clear out the expired rows now and then.
    starts: AtomicU64,
}

struct Window {
    started: Instant,
    count: u32,
}

/// One attempt taken from a limiter, to give back with [`RateLimiter::release`].
#[must_use = "a reservation is kept, or given back with release"]
pub struct Reservation {
    key: String,
    window: Instant,
    /// When its window started, for a limiter in the database.
    started: Option<DateTime<Utc>>,
}

struct Inner {
    windows: HashMap<String, Window>,
    /// Keys in the order their windows started; entries whose window has since restarted
    /// are skipped when they reach the front.
    order: VecDeque<(String, Instant)>,
}

/// At most `max` attempts per key in each `window` (a fixed window from the key's first
/// attempt), remembering at most `capacity` keys.
pub struct RateLimiter {
    max: u32,
    window: Duration,
    capacity: usize,
    inner: Mutex<Inner>,
    shared: Option<Shared>,
}

impl RateLimiter {
    pub fn new(max: u32, window: Duration, capacity: usize) -> RateLimiter {
        RateLimiter {
            max,
            window,
            capacity,
            inner: Mutex::new(Inner {
                windows: HashMap::new(),
                order: VecDeque::new(),
            }),
            shared: None,
        }
    }

    /// Takes one attempt for `key`, or says how many seconds until one is free again. The
    /// [`Reservation`] gives the attempt back if it turns out not to count.
    pub async fn reserve(&self, key: &str) -> Result<Reservation, u64> {
        match &self.shared {
            None => self.reserve_at(key, Instant::now()),
            Some(shared) => match self.reserve_shared(shared, key).await {
                Ok(reserved) => reserved,
                // Fails closed: a database that cannot count lets nobody past the limit.
                Err(e) => {
                    tracing::error!(error = %e, limiter = shared.name, "counting an attempt");
                    Err(1)
                }
            },
        }
    }

    /// [`RateLimiter::reserve`] in the database, each step one atomic statement on the
    /// key's row: count in the live window if it has room; else start a new window if the
    /// old one is over (or there was none); else it is full. A step that loses a race to a
    /// concurrent one (both saw the window over, the other restarted it) tries again.
    async fn reserve_shared(
        &self,
        shared: &Shared,
        key: &str,
    ) -> Result<Result<Reservation, u64>, sqlx::Error> {
        let window = self.window.as_secs_f64();
        let max = i32::try_from(self.max).unwrap_or(i32::MAX);
        let reserved = |started| Reservation {
            key: key.to_owned(),
            window: Instant::now(),
            started: Some(started),
        };
        for _ in 0..3 {
            let (name, windows) = (shared.name, &shared.windows);
            if let Some(started) = windows.count(name, key, window, max).await? {
                return Ok(Ok(reserved(started)));
            }
            if max == 0 {
                return Ok(Err(self.window.as_secs().max(1)));
            }
            if let Some(started) = windows.start(name, key, window).await? {
                if shared.starts.fetch_add(1, Ordering::Relaxed) % 100 == 0 {
                    windows.prune(name, window).await?;
                }
                return Ok(Ok(reserved(started)));
            }
            if let Some(left) = windows.seconds_left(name, key, window, max).await? {
                return Ok(Err(left.ceil().max(1.0) as u64));
            }
        }
        Ok(Err(1))
    }

    fn reserve_at(&self, key: &str, now: Instant) -> Result<Reservation, u64> {
        let mut inner = self.inner.lock().expect("limiter lock");
        self.forget_expired(&mut inner, now);
        if let Some(w) = inner.windows.get_mut(key) {
            if now.duration_since(w.started) < self.window {
                if w.count >= self.max {
                    return Err(self.wait(w.started, now));
                }
                w.count += 1;
                return Ok(Reservation {
                    key: key.to_owned(),
                    window: w.started,
                    started: None,
                });
            }
        }
        if self.max == 0 {
            return Err(self.window.as_secs().max(1));
        }
        if !inner.windows.contains_key(key) && inner.windows.len() >= self.capacity {
            self.make_room(&mut inner, now)?;
        }
        inner.windows.insert(
            key.to_owned(),
            Window {
                started: now,
                count: 1,
            },
        );
        inner.order.push_back((key.to_owned(), now));
        Ok(Reservation {
            key: key.to_owned(),
            window: now,
            started: None,
        })
    }

    /// Full of live windows (which needs `capacity` distinct keys inside one window):
    /// forgets the oldest window that is *not* at its limit, so flooding made-up keys can
    /// never reset a lockout. If every window is at its limit, the new key waits.
    fn make_room(&self, inner: &mut Inner, now: Instant) -> Result<(), u64> {
        for _ in 0..inner.order.len() {
            let Some((old, started)) = inner.order.pop_front() else {
                break;
            };
            match inner.windows.get(&old) {
                Some(w) if w.started == started && w.count >= self.max => {
                    inner.order.push_back((old, started));
                }
                Some(w) if w.started == started => {
                    inner.windows.remove(&old);
                    return Ok(());
                }
                _ => {}
            }
        }
        let oldest = inner.order.front().map_or(now, |(_, s)| *s);
        Err(self.wait(oldest, now))
    }

    fn wait(&self, started: Instant, now: Instant) -> u64 {
        let left = self.window.saturating_sub(now.duration_since(started));
        left.as_secs_f64().ceil().max(1.0) as u64
    }

    /// Gives back an attempt that turned out not to count (if its window still runs).
    pub async fn release(&self, reservation: Reservation) {
        if let (Some(shared), Some(started)) = (&self.shared, reservation.started) {
            let given_back = shared
                .windows
                .give_back(shared.name, &reservation.key, started)
                .await;
            if let Err(e) = given_back {
                tracing::error!(error = %e, limiter = shared.name, "giving an attempt back");
            }
            return;
        }
        self.release_now(reservation);
    }

    fn release_now(&self, reservation: Reservation) {
        let mut inner = self.inner.lock().expect("limiter lock");
        if let Some(w) = inner.windows.get_mut(&reservation.key) {
            if w.started == reservation.window {
                w.count = w.count.saturating_sub(1);
            }
        }
    }

    /// How many keys are remembered (for tests of the bound).
    pub fn len(&self) -> usize {
        self.inner.lock().expect("limiter lock").windows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn forget_expired(&self, inner: &mut Inner, now: Instant) {
        while let Some((key, started)) = inner.order.front() {
            if now.duration_since(*started) < self.window {
                break;
            }
            let (key, started) = (key.clone(), *started);
            inner.order.pop_front();
            if inner
                .windows
                .get(&key)
                .is_some_and(|w| w.started == started)
            {
                inner.windows.remove(&key);
            }
        }
    }
}

/// The 429 for a limit, with when to try again in words.
pub fn too_many(retry_after_secs: u64, what: &str) -> ApiError {
    ApiError::TooManyRequests {
        retry_after_secs,
        message: format!("{what}; try again in {}", wait_words(retry_after_secs)),
    }
}

/// "1 second", "45 seconds", "3 minutes", "1 hour".
pub fn wait_words(secs: u64) -> String {
    let plural = |n: u64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if secs < 60 {
        plural(secs.max(1), "second")
    } else if secs < 3600 {
        plural(secs.div_ceil(60), "minute")
    } else {
        plural(secs.div_ceil(3600), "hour")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_within_a_window_and_frees_after_it() {
        let l = RateLimiter::new(2, Duration::from_secs(60), 10);
        let t0 = Instant::now();
        assert!(l.reserve_at("a", t0).is_ok());
        assert!(l.reserve_at("a", t0).is_ok());
        assert_eq!(
            l.reserve_at("a", t0 + Duration::from_secs(15)).err(),
            Some(45)
        );
        assert!(l.reserve_at("b", t0).is_ok());
        assert!(l.reserve_at("a", t0 + Duration::from_secs(60)).is_ok());
    }

    #[test]
    fn released_attempts_do_not_count() {
        let l = RateLimiter::new(1, Duration::from_secs(60), 10);
        let r = l.reserve_at("a", Instant::now()).unwrap();
        l.release_now(r);
        assert!(l.reserve_at("a", Instant::now()).is_ok());
        assert!(l.reserve_at("a", Instant::now()).is_err());
    }

    #[test]
    fn memory_is_bounded_by_the_capacity() {
        let l = RateLimiter::new(5, Duration::from_secs(900), 1000);
        let t0 = Instant::now();
        for i in 0..50_000 {
            assert!(l
                .reserve_at(&format!("made-up-{i}@example.com"), t0)
                .is_ok());
        }
        assert_eq!(l.len(), 1000);
        assert!(l.inner.lock().unwrap().order.len() <= 1000);
        // Expired windows are forgotten as time passes, however many there were.
        assert!(l.reserve_at("late", t0 + Duration::from_secs(900)).is_ok());
        assert_eq!(l.len(), 1);
    }

    #[test]
    fn a_flood_of_made_up_keys_never_resets_a_lockout() {
        let l = RateLimiter::new(2, Duration::from_secs(900), 100);
        let t0 = Instant::now();
        let _ = l.reserve_at("victim", t0).unwrap();
        let _ = l.reserve_at("victim", t0).unwrap();
        assert!(l.reserve_at("victim", t0).is_err());
        for i in 0..10_000 {
            let _ = l.reserve_at(&format!("flood-{i}"), t0 + Duration::from_secs(1));
        }
        assert_eq!(l.len(), 100);
        assert!(l.reserve_at("victim", t0 + Duration::from_secs(2)).is_err());
    }

    #[test]
    fn a_full_limiter_of_locked_keys_makes_new_keys_wait() {
        let l = RateLimiter::new(1, Duration::from_secs(60), 2);
        let t0 = Instant::now();
        let _ = l.reserve_at("a", t0).unwrap();
        let _ = l.reserve_at("b", t0).unwrap();
        assert_eq!(
            l.reserve_at("c", t0 + Duration::from_secs(10)).err(),
            Some(50)
        );
    }

    #[test]
    fn a_release_after_the_window_restarted_gives_nothing_back() {
        let l = RateLimiter::new(1, Duration::from_secs(60), 10);
        let t0 = Instant::now();
        let old = l.reserve_at("a", t0).unwrap();
        let _new = l.reserve_at("a", t0 + Duration::from_secs(61)).unwrap();
        l.release_now(old);
        assert!(l.reserve_at("a", t0 + Duration::from_secs(62)).is_err());
    }

    #[test]
    fn restarted_windows_do_not_grow_the_order() {
        let l = RateLimiter::new(1, Duration::from_secs(1), 10);
        let t0 = Instant::now();
        for s in 0..100 {
            assert!(l.reserve_at("a", t0 + Duration::from_secs(s)).is_ok());
        }
        assert!(l.inner.lock().unwrap().order.len() <= 2);
    }

    #[test]
    fn concurrent_reservations_never_pass_the_limit() {
        let l = std::sync::Arc::new(RateLimiter::new(5, Duration::from_secs(60), 10));
        let passed: usize = (0..16)
            .map(|_| {
                let l = l.clone();
                std::thread::spawn(move || {
                    (0..10)
                        .filter(|_| l.reserve_at("a", Instant::now()).is_ok())
                        .count()
                })
            })
            .map(|t| t.join().unwrap())
            .sum();
        assert_eq!(passed, 5);
    }

    #[test]
    fn waits_in_words() {
        assert_eq!(wait_words(1), "1 second");
        assert_eq!(wait_words(45), "45 seconds");
        assert_eq!(wait_words(61), "2 minutes");
        assert_eq!(wait_words(900), "15 minutes");
        assert_eq!(wait_words(3600), "1 hour");
    }
}
