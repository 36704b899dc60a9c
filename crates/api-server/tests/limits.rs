//! Security rules, abuse limits: each at its default on a server started with defaults,
//! each a 429 with `Retry-After` and a message that says when to try again.

mod common;

use common::{api, parse_link, Reply, TestServer};
use reqwest::Method;
use serde_json::json;

#[track_caller]
fn assert_limited(reply: &Reply, what: &str, max_wait: u64) {
    assert_eq!(reply.status, 429, "body: {}", reply.body);
    let retry: u64 = reply.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=max_wait).contains(&retry), "Retry-After {retry}");
    let message = &reply.messages()[0];
    assert!(
        message.starts_with(&format!("{what}; try again in ")),
        "{message}"
    );
}

async fn wrong_sign_in(s: &TestServer, email: &str) -> Reply {
    let body = json!({"email": email, "password": "not-the-password"});
    s.call(Method::POST, None, &api("/auth/sessions"), Some(body))
        .await
}

#[tokio::test]
async fn fifty_failed_sign_ins_from_one_ip_lock_that_ip_for_every_address() {
    let s = TestServer::start().await;
    // Made-up addresses: each under its own limit of 5, all from one client.
    for i in 0..50 {
        let r = wrong_sign_in(&s, &format!("guess{i}@example.com")).await;
        assert_eq!(r.status, 401, "attempt {i}");
    }
    let r = wrong_sign_in(&s, "guess-new@example.com").await;
    assert_limited(&r, "Too many failed sign-ins", 900);
    // Even a right password waits: the IP is locked.
    let right = json!({"email": "ada@example.com", "password": "ada-demo-pass"});
    let r = s
        .call(Method::POST, None, &api("/auth/sessions"), Some(right))
        .await;
    assert_eq!(r.status, 429);
}

#[tokio::test]
async fn concurrent_guesses_cannot_pass_the_per_address_limit_together() {
    let s = TestServer::start().await;
    let path = api("/auth/sessions");
    let guesses = (0..20).map(|i| {
        let body = json!({"email": "grace@example.com", "password": format!("guess-{i}")});
        s.call(Method::POST, None, &path, Some(body))
    });
    let replies = futures::future::join_all(guesses).await;
    let checked = replies.iter().filter(|r| r.status == 401).count();
    let limited = replies.iter().filter(|r| r.status == 429).count();
    // The attempt is reserved before the hash: exactly five passwords were checked.
    assert_eq!((checked, limited), (5, 15));
}

#[tokio::test]
async fn a_successful_sign_in_does_not_use_up_the_limit() {
    let s = TestServer::start().await;
    for _ in 0..4 {
        assert_eq!(wrong_sign_in(&s, "alan@example.com").await.status, 401);
    }
    for _ in 0..3 {
        s.sign_in("alan@example.com").await;
    }
    assert_eq!(wrong_sign_in(&s, "alan@example.com").await.status, 401);
    assert_eq!(wrong_sign_in(&s, "alan@example.com").await.status, 429);
}

#[tokio::test]
async fn ten_sign_ups_per_ip_an_hour_and_refused_ones_do_not_count() {
    let s = TestServer::start().await;
    // A refused sign-up gives its count back.
    s.sign_up("bad address", "long-enough-pass")
        .await
        .expect(422);
    for i in 0..10 {
        s.sign_up(&format!("new{i}@example.com"), "long-enough-pass")
            .await
            .expect(201);
    }
    let r = s.sign_up("eleventh@example.com", "long-enough-pass").await;
    assert_limited(&r, "Too many accounts were created from your network", 3600);
    // Nothing was created for the refused one.
    let exists: bool = org_api_server::on_db!(&s.db, db => sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM users WHERE email = 'eleventh@example.com')",
    )
    .fetch_one(db).await)
    .unwrap();
    assert!(!exists);
}

#[tokio::test]
async fn a_hundred_new_invitations_per_organization_an_hour() {
    let s = TestServer::start().await;
    let owner = s.sign_in("sloth@example.com").await;
    let org = s
        .post(&owner, "/organizations", json!({"name": "Limits Co"}))
        .await
        .expect(201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let other = s.org(&owner, "MO TEST").await;
    let path = format!("/organizations/{org}/invitations");
    // A refused invitation does not count.
    s.post(
        &owner,
        &path,
        json!({"invitee": "nope@", "roles": ["admin"]}),
    )
    .await
    .expect(422);
    for i in 0..100 {
        s.post(
            &owner,
            &path,
            json!({"invitee": format!("bulk{i}@example.com"), "roles": ["billing"]}),
        )
        .await
        .expect(201);
    }
    let r = s
        .post(
            &owner,
            &path,
            json!({"invitee": "one-more@example.com", "roles": ["billing"]}),
        )
        .await;
    assert_limited(
        &r,
        "This organization has sent too many invitations in the last hour",
        3600,
    );
    assert!(s.links_for("one-more@example.com").is_empty());
    // Other organizations have their own count.
    s.post(
        &owner,
        &format!("/organizations/{other}/invitations"),
        json!({"invitee": "one-more@example.com", "roles": ["billing"]}),
    )
    .await
    .expect(201);
}

#[tokio::test]
async fn an_invitation_is_resent_at_most_once_a_minute() {
    let s = TestServer::start().await;
    let owner = s.sign_in("sloth@example.com").await;
    let org = s.org(&owner, "MO TEST").await;
    s.post(
        &owner,
        &format!("/organizations/{org}/invitations"),
        json!({"invitee": "resend.limit@example.com", "roles": ["admin"]}),
    )
    .await
    .expect(201);
    let (id, _) = parse_link(&s.link_for("resend.limit@example.com"));
    // The first email does not count: a resend right away works.
    s.post(&owner, &format!("/invitations/{id}"), json!(null))
        .await
        .expect(200);
    let r = s
        .post(&owner, &format!("/invitations/{id}"), json!(null))
        .await;
    assert_limited(&r, "This invitation was sent again a moment ago", 60);
    assert_eq!(s.links_for("resend.limit@example.com").len(), 2);
}

#[tokio::test]
async fn limits_are_options_that_a_server_can_change() {
    let s = TestServer::start_with(|c| c.limits.sign_ups_per_ip = 2).await;
    s.sign_up("a1@example.com", "long-enough-pass")
        .await
        .expect(201);
    s.sign_up("a2@example.com", "long-enough-pass")
        .await
        .expect(201);
    assert_eq!(
        s.sign_up("a3@example.com", "long-enough-pass").await.status,
        429
    );
}

/// A failed sign-in sent with `X-Forwarded-For: forwarded`.
async fn wrong_sign_in_via(s: &TestServer, email: &str, forwarded: &str) -> u16 {
    let body = json!({"email": email, "password": "not-the-password"});
    s.client
        .post(format!("{}{}", s.base, api("/auth/sessions")))
        .header("X-Forwarded-For", forwarded)
        .json(&body)
        .send()
        .await
        .expect("answered")
        .status()
        .as_u16()
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit() {
    let s = TestServer::start_with(|c| {
        c.limits.sign_in_failures_per_ip = 3;
        c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    for i in 0..3 {
        let status = wrong_sign_in_via(&s, &format!("a{i}@example.com"), "203.0.113.7").await;
        assert_eq!(status, 401);
    }
    assert_eq!(
        wrong_sign_in_via(&s, "a9@example.com", "203.0.113.7").await,
        429
    );
    // Another client behind the same proxy is not locked out by the first.
    assert_eq!(
        wrong_sign_in_via(&s, "b0@example.com", "198.51.100.4").await,
        401
    );
    // A client that writes its own X-Forwarded-For still gets the address the proxy saw.
    let spoofed = "192.0.2.55, 203.0.113.7";
    assert_eq!(wrong_sign_in_via(&s, "a10@example.com", spoofed).await, 429);
}

#[tokio::test]
async fn without_a_trusted_proxy_a_forwarded_for_header_escapes_no_limit() {
    let s = TestServer::start_with(|c| c.limits.sign_in_failures_per_ip = 3).await;
    for i in 0..3 {
        let forged = format!("203.0.113.{i}");
        assert_eq!(
            wrong_sign_in_via(&s, &format!("c{i}@example.com"), &forged).await,
            401
        );
    }
    assert_eq!(
        wrong_sign_in_via(&s, "c9@example.com", "203.0.113.99").await,
        429
    );
}
