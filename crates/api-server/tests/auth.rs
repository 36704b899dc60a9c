//! Signing in and out, signing up, the current user.

mod common;

use common::{api, TestServer};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn sign_in_returns_a_token_and_the_user_and_records_the_time() {
    let s = TestServer::start().await;
    let body = json!({"email": "ADA@example.com", "password": "ada-demo-pass"});
    let reply = s
        .call(Method::POST, None, &api("/auth/sessions"), Some(body))
        .await
        .expect(201);
    assert_eq!(reply["user"]["email"], "ada@example.com");
    assert_eq!(reply["user"]["full_name"], "Ada Lovelace");
    let token = reply["token"].as_str().unwrap();
    let me = s.get(token, "/user").await.expect(200);
    assert_eq!(me["id"], reply["user"]["id"]);
    assert_eq!(me["last_login_at"], reply["user"]["last_login_at"]);
    // Only a hash of the token is stored.
    let stored: Vec<String> =
        org_api_server::on_db!(&s.db, db => sqlx::query_scalar("SELECT token_hash FROM api_tokens")
        .fetch_all(db).await)
        .unwrap();
    assert!(!stored.iter().any(|h| h == token));
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_different_401s() {
    let s = TestServer::start().await;
    let wrong = json!({"email": "ada@example.com", "password": "nope-nope"});
    s.call(Method::POST, None, &api("/auth/sessions"), Some(wrong))
        .await
        .expect_error(401, "Wrong password");
    let unknown = json!({"email": "nobody@example.com", "password": "whatever1"});
    s.call(Method::POST, None, &api("/auth/sessions"), Some(unknown))
        .await
        .expect_error(401, "No account uses the address nobody@example.com");
}

#[tokio::test]
async fn repeated_failures_get_429_with_retry_after() {
    let s = TestServer::start().await;
    let wrong = json!({"email": "ada@example.com", "password": "nope-nope"});
    for _ in 0..5 {
        assert_eq!(
            s.call(
                Method::POST,
                None,
                &api("/auth/sessions"),
                Some(wrong.clone())
            )
            .await
            .status,
            401
        );
    }
    let reply = s
        .call(Method::POST, None, &api("/auth/sessions"), Some(wrong))
        .await;
    let retry: u64 = reply.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 900, "{retry}");
    // The message says when to try again, in words that match the header.
    let minutes = retry.div_ceil(60);
    reply.expect_error(
        429,
        &format!(
            "Too many failed sign-ins; try again in {minutes} minute{}",
            if minutes == 1 { "" } else { "s" }
        ),
    );
    // Even the right password waits out the lock.
    let right = json!({"email": "ada@example.com", "password": "ada-demo-pass"});
    assert_eq!(
        s.call(Method::POST, None, &api("/auth/sessions"), Some(right))
            .await
            .status,
        429
    );
    // Other accounts are unaffected.
    s.sign_in("grace@example.com").await;
}

#[tokio::test]
async fn requests_without_a_token_or_with_an_unknown_one_get_401() {
    let s = TestServer::start().await;
    s.call(Method::GET, None, &api("/user"), None)
        .await
        .expect_error(401, "Invalid authentication token");
    s.get("not-a-token", "/organizations")
        .await
        .expect_error(401, "Invalid authentication token");
}

#[tokio::test]
async fn signing_out_revokes_the_token_only() {
    let s = TestServer::start().await;
    let a = s.sign_in("ada@example.com").await;
    let b = s.sign_in("ada@example.com").await;
    assert_eq!(s.delete(&a, "/auth/sessions/current").await.status, 204);
    s.get(&a, "/user")
        .await
        .expect_error(401, "Invalid authentication token");
    s.get(&b, "/user").await.expect(200);
}

#[tokio::test]
async fn sign_up_creates_a_user_with_a_personal_organization() {
    let s = TestServer::empty().await;
    let body = json!({"first_name": "Zoe", "last_name": "Quinn", "email": "Zoe@Example.com", "password": "longenough"});
    let reply = s
        .call(Method::POST, None, &api("/users"), Some(body))
        .await
        .expect(201);
    let token = reply["token"].as_str().unwrap();
    assert_eq!(reply["user"]["email"], "zoe@example.com");
    let orgs = s
        .get(token, "/organizations?personal=only")
        .await
        .expect(200);
    assert_eq!(orgs["organizations"][0]["name"], "Zoe Quinn Projects");
    assert_eq!(
        reply["user"]["default_organization_id"],
        orgs["organizations"][0]["id"]
    );
    let company = s
        .get(token, "/organizations?personal=exclude")
        .await
        .expect(200);
    assert_eq!(company["meta"]["total"], 0);
    // The new user owns it.
    let org = orgs["organizations"][0]["id"].as_str().unwrap();
    let members = s
        .get(token, &format!("/organizations/{org}/members"))
        .await
        .expect(200);
    assert_eq!(members["members"][0]["roles"], json!(["owner"]));
}

#[tokio::test]
async fn sign_up_rules_each_have_a_message() {
    let s = TestServer::start().await;
    let body = json!({"first_name": " ", "last_name": "", "email": "bob@", "password": "short"});
    let reply = s.call(Method::POST, None, &api("/users"), Some(body)).await;
    assert_eq!(reply.status, 422);
    assert_eq!(
        reply.messages(),
        [
            "First name is required",
            "Last name is required",
            "bob@ is not a valid email address: it has nothing after the @",
            "Password must be at least 8 characters",
        ]
    );
    let taken = json!({"first_name": "A", "last_name": "L", "email": "ada@example.com", "password": "longenough"});
    s.call(Method::POST, None, &api("/users"), Some(taken))
        .await
        .expect_error(
            422,
            "ada@example.com is already registered; sign in instead",
        );
}

#[tokio::test]
async fn the_current_user_edits_names_and_timezone() {
    let s = TestServer::start().await;
    let t = s.sign_in("grace@example.com").await;
    let user = s
        .put(
            &t,
            "/user",
            json!({"first_name": "Amazing Grace", "timezone": "Europe/Paris"}),
        )
        .await
        .expect(200);
    assert_eq!(user["full_name"], "Amazing Grace Hopper");
    assert_eq!(user["timezone"], "Europe/Paris");
    assert_eq!(user["last_name"], "Hopper");
    s.put(&t, "/user", json!({"last_name": "  "}))
        .await
        .expect_error(422, "Last name is required");
    s.put(&t, "/user", json!({"timezone": "not a zone"}))
        .await
        .expect_error(422, "\"not a zone\" is not a time zone name");
}

#[tokio::test]
async fn malformed_json_gets_a_contract_error_body() {
    let s = TestServer::start().await;
    let reply = s
        .client
        .post(format!("{}{}", s.base, api("/auth/sessions")))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 422);
    let body: serde_json::Value = reply.json().await.unwrap();
    assert!(body["errors"][0].as_str().unwrap().len() > 5, "{body}");
}
