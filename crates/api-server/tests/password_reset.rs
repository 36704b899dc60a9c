//! Accounts from the front door: a forgotten password, by email link.

mod common;

use common::{api, token_of, Reply, TestServer};
use reqwest::Method;
use serde_json::json;

fn reset_links(s: &TestServer, to: &str) -> Vec<String> {
    s.outbox()
        .iter()
        .filter(|m| m.contains(&format!("To: {to}\r\n")))
        .filter_map(|m| {
            m.lines()
                .find(|l| l.contains("/reset-password?token="))
                .map(|l| l.trim().to_owned())
        })
        .collect()
}

async fn ask(s: &TestServer, email: &str) -> Reply {
    s.call(
        Method::POST,
        None,
        &api("/auth/password-reset"),
        Some(json!({ "email": email })),
    )
    .await
}

async fn confirm(s: &TestServer, token: &str, password: &str) -> Reply {
    s.call(
        Method::POST,
        None,
        &api("/auth/password-reset/confirm"),
        Some(json!({"token": token, "password": password})),
    )
    .await
}

async fn sign_in(s: &TestServer, email: &str, password: &str) -> u16 {
    let body = json!({"email": email, "password": password});
    s.call(Method::POST, None, &api("/auth/sessions"), Some(body))
        .await
        .status
}

#[tokio::test]
async fn the_answer_never_tells_whether_an_account_exists() {
    let s = TestServer::start().await;
    let known = ask(&s, "grace@example.com").await;
    let unknown = ask(&s, "nobody.here@example.com").await;
    assert_eq!((known.status, unknown.status), (202, 202));
    assert_eq!(known.body, unknown.body);
    assert_eq!(reset_links(&s, "grace@example.com").len(), 1);
    assert!(reset_links(&s, "nobody.here@example.com").is_empty());
}

#[tokio::test]
async fn the_link_sets_a_password_signs_in_ends_other_sessions_and_verifies() {
    let s = TestServer::start().await;
    let other = s.sign_in("alan@example.com").await;
    org_api_server::on_db!(&s.db, db => sqlx::query("UPDATE users SET email_verified = FALSE WHERE email = 'alan@example.com'")
        .execute(db).await.map(|r| r.rows_affected()))
        .unwrap();
    ask(&s, "alan@example.com").await.expect(202);
    let token = token_of(&reset_links(&s, "alan@example.com")[0]);
    assert!(reset_links(&s, "alan@example.com")[0]
        .starts_with(&format!("{}/reset-password?token=", s.base)));
    confirm(&s, &token, "short")
        .await
        .expect_error(422, "Password must be at least 8 characters");
    let session = confirm(&s, &token, "brand-new-secret").await.expect(200);
    assert_eq!(session["user"]["email_verified"], true);
    let fresh = session["token"].as_str().unwrap();
    s.get(fresh, "/user").await.expect(200);
    s.get(&other, "/user").await.expect(401);
    assert_eq!(sign_in(&s, "alan@example.com", "alan-demo-pass").await, 401);
    assert_eq!(
        sign_in(&s, "alan@example.com", "brand-new-secret").await,
        201
    );
    // Single use.
    confirm(&s, &token, "another-secret")
        .await
        .expect_error(422, "This reset link is invalid or has expired");
}

#[tokio::test]
async fn bad_and_expired_links_are_refused() {
    let s = TestServer::start().await;
    confirm(&s, "made-up", "brand-new-secret")
        .await
        .expect_error(422, "This reset link is invalid or has expired");
    ask(&s, "ken@example.com").await.expect(202);
    let token = token_of(&reset_links(&s, "ken@example.com")[0]);
    org_api_server::on_db!(&s.db, db => sqlx::query("UPDATE password_resets SET expires_at = '2026-01-01T00:00:00Z'")
        .execute(db).await.map(|r| r.rows_affected()))
        .unwrap();
    confirm(&s, &token, "brand-new-secret")
        .await
        .expect_error(422, "This reset link is invalid or has expired");
    assert_eq!(sign_in(&s, "ken@example.com", "ken-demo-pass").await, 201);
}

#[tokio::test]
async fn one_email_a_minute_per_address_and_ten_requests_an_hour_per_ip() {
    let s = TestServer::start().await;
    ask(&s, "radia@example.com").await.expect(202);
    let again = ask(&s, "radia@example.com").await;
    assert_eq!(again.status, 429);
    assert!(again.headers.contains_key("retry-after"));
    // The same for an address without an account: a 429 tells nothing either.
    ask(&s, "ghost@example.com").await.expect(202);
    assert_eq!(ask(&s, "ghost@example.com").await.status, 429);
    assert_eq!(reset_links(&s, "radia@example.com").len(), 1);
    // Two counted so far from this IP (the refused ones give theirs back); eight more pass.
    for i in 0..8 {
        ask(&s, &format!("someone{i}@example.com"))
            .await
            .expect(202);
    }
    let r = ask(&s, "one-too-many@example.com").await;
    assert_eq!(r.status, 429);
    assert!(
        r.messages()[0]
            .starts_with("Too many password reset requests from your network; try again in "),
        "{:?}",
        r.messages()
    );
}
