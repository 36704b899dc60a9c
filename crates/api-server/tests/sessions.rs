//! Security rules, sessions: idle expiry, signing out everywhere, and a password change
//! that ends every other session. Also: hashing never stalls other requests.

mod common;

use common::{api, TestServer};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn a_token_unused_for_30_days_stops_working() {
    let s = TestServer::start().await;
    let token = s.sign_in("grace@example.com").await;
    let other = s.sign_in("grace@example.com").await;
    let ago = |days: i64| {
        org_api_server::db::timestamp(chrono::Utc::now() - chrono::Duration::days(days))
    };
    // Used 29 days ago: still fine, and the use is recorded.
    org_api_server::on_db!(&s.db, db => sqlx::query("UPDATE api_tokens SET last_used_at = $1")
        .bind(ago(29))
        .execute(db).await.map(|r| r.rows_affected()))
    .unwrap();
    s.get(&token, "/user").await.expect(200);
    let refreshed: org_api_server::db::Timestamp = org_api_server::on_db!(&s.db, db => sqlx::query_scalar("SELECT max(last_used_at) FROM api_tokens")
        .fetch_one(db).await)
        .unwrap();
    assert!(refreshed > ago(1), "{refreshed}");
    // The other token, 31 days idle, is refused with a plain message and deleted.
    org_api_server::on_db!(&s.db, db => sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE last_used_at < $2")
        .bind(ago(31))
        .bind(ago(1))
        .execute(db).await.map(|r| r.rows_affected()))
        .unwrap();
    s.get(&other, "/user")
        .await
        .expect_error(401, "Your session has expired; sign in again");
    s.get(&other, "/user")
        .await
        .expect_error(401, "Invalid authentication token");
    s.get(&token, "/user").await.expect(200);
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_token_of_the_user_only() {
    let s = TestServer::start().await;
    let laptop = s.sign_in("grace@example.com").await;
    let phone = s.sign_in("grace@example.com").await;
    let someone_else = s.sign_in("ada@example.com").await;
    s.delete(&laptop, "/auth/sessions").await.expect(204);
    for t in [&laptop, &phone] {
        s.get(t, "/user")
            .await
            .expect_error(401, "Invalid authentication token");
    }
    s.get(&someone_else, "/user").await.expect(200);
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions_and_keeps_this_one() {
    let s = TestServer::start().await;
    let here = s.sign_in("alan@example.com").await;
    let elsewhere = s.sign_in("alan@example.com").await;
    // The current password is required, and checked.
    s.put(&here, "/user", json!({"password": "a-brand-new-pass"}))
        .await
        .expect_error(422, "Current password is required to set a new password");
    s.put(
        &here,
        "/user",
        json!({"current_password": "wrong", "password": "a-brand-new-pass"}),
    )
    .await
    .expect_error(422, "Current password is not correct");
    s.put(
        &here,
        "/user",
        json!({"current_password": "alan-demo-pass", "password": "short"}),
    )
    .await
    .expect_error(422, "Password must be at least 8 characters");
    s.get(&elsewhere, "/user").await.expect(200);
    s.put(
        &here,
        "/user",
        json!({"current_password": "alan-demo-pass", "password": "a-brand-new-pass"}),
    )
    .await
    .expect(200);
    s.get(&here, "/user").await.expect(200);
    s.get(&elsewhere, "/user").await.expect(401);
    let path = api("/auth/sessions");
    let sign_in = |password: &str| {
        let body = json!({"email": "alan@example.com", "password": password});
        s.call(Method::POST, None, &path, Some(body))
    };
    sign_in("alan-demo-pass")
        .await
        .expect_error(401, "Wrong password");
    sign_in("a-brand-new-pass").await.expect(201);
}

#[tokio::test]
async fn wrong_current_passwords_count_like_failed_sign_ins() {
    let s = TestServer::start().await;
    let token = s.sign_in("barbara@example.com").await;
    for _ in 0..5 {
        s.put(
            &token,
            "/user",
            json!({"current_password": "guess", "password": "a-brand-new-pass"}),
        )
        .await
        .expect(422);
    }
    let r = s
        .put(
            &token,
            "/user",
            json!({"current_password": "barbara-demo-pass", "password": "a-brand-new-pass"}),
        )
        .await;
    assert_eq!(r.status, 429, "{}", r.body);
}

/// On a single-threaded runtime, an argon2 hash on the async worker would hold every other
/// request until it finished. Off the worker, a cheap request overtakes a crowd of
/// sign-ins that each hash a password.
#[tokio::test(flavor = "current_thread")]
async fn password_hashing_never_stalls_other_requests() {
    let s = TestServer::start().await;
    let token = s.sign_in("ada@example.com").await;
    let finished = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let path = api("/auth/sessions");
    let people = [
        ("sloth", "packet"),
        ("ada", "ada"),
        ("grace", "grace"),
        ("alan", "alan"),
        ("barbara", "barbara"),
    ];
    let sign_ins = futures::future::join_all(people.iter().map(|(user, first)| {
        let finished = finished.clone();
        let body = json!({"email": format!("{user}@example.com"), "password": format!("{first}-demo-pass")});
        let request = s.call(Method::POST, None, &path, Some(body));
        async move {
            let r = request.await;
            finished.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            r.status
        }
    }));
    let cheap = async {
        // Let every sign-in reach the server and start hashing first.
        tokio::time::sleep(std::time::Duration::from_millis(30)).await;
        let r = s.get(&token, "/user").await;
        (r.status, finished.load(std::sync::atomic::Ordering::SeqCst))
    };
    let (statuses, (status, done_before)) = futures::join!(sign_ins, cheap);
    assert!(statuses.iter().all(|&st| st == 201), "{statuses:?}");
    assert_eq!(status, 200);
    assert!(
        done_before < 3,
        "{done_before} of 5 sign-ins finished before a GET /user was answered"
    );
}
