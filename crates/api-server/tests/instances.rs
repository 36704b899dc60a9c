//! Two server instances on one PostgreSQL database, as behind a load balancer: what one
//! does the other sees, and the limits and guards hold across both. PostgreSQL only (set
//! `ORG_TEST_POSTGRES`; `scripts/test` does): on SQLite the server is one process, whose
//! limits live in its memory.

mod common;

use common::TestServer;
use serde_json::json;

/// Two instances on one new PostgreSQL database with the demo data.
async fn two_instances() -> (TestServer, TestServer) {
    assert!(
        std::env::var("ORG_TEST_POSTGRES").is_ok_and(|u| !u.is_empty()),
        "these tests need PostgreSQL: set ORG_TEST_POSTGRES (scripts/test does)"
    );
    let a = TestServer::start().await;
    let b = a.second_instance().await;
    (a, b)
}

#[tokio::test]
#[ignore = "needs PostgreSQL (ORG_TEST_POSTGRES); scripts/test runs it there"]
async fn a_member_removed_through_one_instance_is_gone_through_the_other() {
    let (a, b) = two_instances().await;
    let owner = a.sign_in("sloth@example.com").await;
    let org = a.org(&owner, "MO TEST").await;
    let ken_token = b.sign_in("ken@example.com").await;
    b.get(&ken_token, &format!("/organizations/{org}"))
        .await
        .expect(200);
    let ken = a.member(&owner, &org, "ken@example.com").await;
    assert_eq!(
        a.delete(&owner, &format!("/organizations/{org}/members/{ken}"))
            .await
            .status,
        204
    );
    b.get(&ken_token, &format!("/organizations/{org}"))
        .await
        .expect_error(404, "Not found");
    let members = b
        .get(
            &owner,
            &format!("/organizations/{org}/members?per_page=100"),
        )
        .await
        .expect(200);
    assert!(!members["members"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["id"] == ken.as_str()));
}

/// A sign-in with the wrong password for Ada.
async fn wrong_sign_in(s: &TestServer) -> common::Reply {
    let wrong = json!({"email": "ada@example.com", "password": "not-her-password"});
    s.call(
        reqwest::Method::POST,
        None,
        &common::api("/auth/sessions"),
        Some(wrong),
    )
    .await
}

#[tokio::test]
#[ignore = "needs PostgreSQL (ORG_TEST_POSTGRES); scripts/test runs it there"]
async fn the_sign_in_limit_counts_attempts_through_both_instances() {
    let (a, b) = two_instances().await;
    // Five failures allowed per address: three through one, two through the other.
    for (n, s) in [&a, &a, &a, &b, &b].into_iter().enumerate() {
        let r = wrong_sign_in(s).await;
        assert_eq!(r.status, 401, "attempt {}", n + 1);
    }
    for s in [&a, &b] {
        let r = wrong_sign_in(s).await;
        assert_eq!(r.status, 429, "{}", r.body);
    }
}

#[tokio::test]
#[ignore = "needs PostgreSQL (ORG_TEST_POSTGRES); scripts/test runs it there"]
async fn the_last_owner_guard_holds_when_both_instances_demote_the_last_two_owners_at_once() {
    let (a, b) = two_instances().await;
    let sloth_token = a.sign_in("sloth@example.com").await;
    let org = a.org(&sloth_token, "MO TEST").await;
    let ada = a.member(&sloth_token, &org, "ada@example.com").await;
    let sloth = a.member(&sloth_token, &org, "sloth@example.com").await;
    let ada_token = b.sign_in("ada@example.com").await;
    let owners = || async {
        org_api_server::on_db!(&a.db, db => sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM members WHERE organization_id = $1 AND role = 'owner'",
        )
        .bind(&org)
        .fetch_one(db)
        .await)
        .unwrap()
    };
    let ada_path = format!("/organizations/{org}/members/{ada}");
    let sloth_path = format!("/organizations/{org}/members/{sloth}");
    for round in 0..10 {
        // Both owners again, then each demotes the other, through different instances.
        a.put(&sloth_token, &ada_path, json!({"roles": ["owner"]}))
            .await
            .expect(200);
        if owners().await < 2 {
            b.put(&ada_token, &sloth_path, json!({"roles": ["owner"]}))
                .await
                .expect(200);
        }
        assert_eq!(owners().await, 2);
        let (x, y) = tokio::join!(
            a.put(&sloth_token, &ada_path, json!({"roles": ["admin"]})),
            b.put(&ada_token, &sloth_path, json!({"roles": ["admin"]})),
        );
        // One wins. The other is refused by the guarded update (422, the last owner) or,
        // when it reads its own membership after the winner committed, as no longer an
        // owner (403): either way nothing changes.
        let mut statuses = [x.status, y.status];
        statuses.sort();
        assert!(
            statuses == [200, 403] || statuses == [200, 422],
            "round {round}: {} / {}",
            x.body,
            y.body
        );
        assert_eq!(owners().await, 1, "round {round}");
        // Whoever is still an owner promotes the other back for the next round.
        let (token, target) = if x.status == 200 {
            (&sloth_token, &ada_path)
        } else {
            (&ada_token, &sloth_path)
        };
        let s = if x.status == 200 { &a } else { &b };
        s.put(token, target, json!({"roles": ["owner"]}))
            .await
            .expect(200);
    }
}

#[tokio::test]
#[ignore = "needs PostgreSQL (ORG_TEST_POSTGRES); scripts/test runs it there"]
async fn ten_concurrent_invitations_of_one_address_through_both_instances_make_one() {
    let (a, b) = two_instances().await;
    let owner = a.sign_in("sloth@example.com").await;
    let org = a.org(&owner, "MO TEST").await;
    let path = format!("/organizations/{org}/invitations");
    let body = json!({"invitee": "double@example.com", "roles": ["billing"]});
    let replies = futures::future::join_all((0..10).map(|i| {
        let s = if i % 2 == 0 { &a } else { &b };
        s.post(&owner, &path, body.clone())
    }))
    .await;
    let created = replies.iter().filter(|r| r.status == 201).count();
    assert_eq!(
        created,
        1,
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    assert!(replies.iter().all(|r| r.status == 201 || r.status == 422));
    let stored: i64 = org_api_server::on_db!(&a.db, db => sqlx::query_scalar(
        "SELECT count(*) FROM invitations WHERE organization_id = $1 AND invitee = 'double@example.com'",
    )
    .bind(&org)
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!(stored, 1);
}
