//! The invitation journey: rules, the email and its link, accept, decline, revoke, resend,
//! expiry, the wrong account, and concurrent invitations.

mod common;

use common::{api, parse_link, TestServer};
use reqwest::Method;
use serde_json::{json, Value};

async fn owner_and_org(s: &TestServer) -> (String, String) {
    let owner = s.sign_in("sloth@example.com").await;
    let org = s.org(&owner, "MO TEST").await;
    (owner, org)
}

async fn invite(s: &TestServer, token: &str, org: &str, body: Value) -> common::Reply {
    s.post(token, &format!("/organizations/{org}/invitations"), body)
        .await
}

async fn sign_up_from_link(s: &TestServer, email: &str, link: &str) -> common::Reply {
    s.sign_up_from_link(email, link).await
}

#[tokio::test]
async fn every_invitation_rule_has_its_422() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    let admin = s.sign_in("ada@example.com").await;
    let other_org = s
        .post(&owner, "/organizations", json!({"name": "Other"}))
        .await
        .expect(201);
    let foreign = s
        .post(
            &owner,
            &format!(
                "/organizations/{}/projects",
                other_org["id"].as_str().unwrap()
            ),
            json!({"name": "F"}),
        )
        .await
        .expect(201);
    let cases = [
        (
            json!({"invitee": "bob@", "roles": ["admin"]}),
            "bob@ is not a valid email address: it has nothing after the @",
        ),
        (
            json!({"invitee": "ada@example.com", "roles": ["billing"]}),
            "ada@example.com is already a member of this organization",
        ),
        (
            json!({"invitee": "new.hire@example.com", "roles": ["billing"]}),
            "new.hire@example.com has already been invited to this organization",
        ),
        (
            json!({"invitee": "x@example.com", "roles": []}),
            "Choose a role for x@example.com",
        ),
        (
            json!({"invitee": "x@example.com", "roles": ["boss"]}),
            "\"boss\" is not a role that x@example.com can be invited with",
        ),
        (
            json!({"invitee": "x@example.com", "roles": ["collaborator"]}),
            "Choose at least one project for x@example.com, who is invited as a collaborator",
        ),
        (
            json!({"invitee": "x@example.com", "roles": ["limited_collaborator"], "projects_ids": [foreign["id"]]}),
            &*format!(
                "Project {} chosen for x@example.com is not in this organization",
                foreign["id"].as_str().unwrap()
            )
            .leak(),
        ),
    ];
    for (body, message) in cases {
        invite(&s, &owner, &org, body)
            .await
            .expect_error(422, message);
    }
    // An admin trying to invite an owner is refused with 403.
    invite(
        &s,
        &admin,
        &org,
        json!({"invitee": "x@example.com", "roles": ["owner"]}),
    )
    .await
    .expect_error(403, "You are not allowed to invite x@example.com as owner");
    assert!(s.outbox().is_empty(), "no email for a refused invitation");
}

#[tokio::test]
async fn an_invitee_signs_up_from_the_emailed_link_and_accepts() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    let project = s.project(&owner, &org, "Edge Cache").await;
    let created = invite(
        &s,
        &owner,
        &org,
        json!({"invitee": "Newbie@Example.com", "roles": ["collaborator"],
        "projects_ids": [project], "message": "Welcome aboard"}),
    )
    .await
    .expect(201);
    assert_eq!(created["invitee"], "newbie@example.com");
    assert_eq!(created["roles"], json!(["collaborator"]));
    assert!(created["expires_at"].as_str().unwrap() > created["created_at"].as_str().unwrap());

    let mail = s
        .outbox()
        .into_iter()
        .find(|m| m.contains("To: newbie@example.com"))
        .expect("an email");
    assert!(
        mail.contains("Subject: Packet Sloth invited you to join MO TEST"),
        "{mail}"
    );
    assert!(mail.contains("> Welcome aboard"));
    let link = s.link_for("newbie@example.com");
    let (id, nonce) = parse_link(&link);
    assert!(
        link.starts_with(&format!("{}/invitations/", s.base)),
        "{link}"
    );
    assert_eq!(id, created["id"]);
    assert_eq!(nonce, created["nonce"]);

    let session = sign_up_from_link(&s, "newbie@example.com", &link)
        .await
        .expect(201);
    let token = session["token"].as_str().unwrap();
    let mine = s
        .get(token, "/invitations?include=organization,invited_by")
        .await
        .expect(200);
    assert_eq!(mine["invitations"][0]["organization"]["name"], "MO TEST");
    assert_eq!(
        mine["invitations"][0]["invited_by"]["full_name"],
        "Packet Sloth"
    );
    let shown = s
        .get(
            token,
            &format!("/invitations/{id}?include=organization,invited_by,projects"),
        )
        .await
        .expect(200);
    assert_eq!(shown["projects"][0]["name"], "Edge Cache");

    let member = s
        .put(token, &format!("/invitations/{id}"), json!(null))
        .await
        .expect(200);
    assert_eq!(member["roles"], json!(["collaborator"]));
    assert_eq!(member["projects_count"], 1);
    // The invitation is gone (its link says so) and the newcomer is a member with the chosen project.
    s.get(token, &format!("/invitations/{id}"))
        .await
        .expect_error(410, "This invitation has already been accepted");
    let members = s
        .get(
            &owner,
            &format!("/organizations/{org}/members?include=user,projects&per_page=100"),
        )
        .await
        .expect(200);
    let joined = members["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["user"]["email"] == "newbie@example.com")
        .unwrap();
    assert_eq!(joined["projects"][0]["name"], "Edge Cache");
}

#[tokio::test]
async fn sign_up_with_an_invitation_checks_address_and_nonce() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    invite(
        &s,
        &owner,
        &org,
        json!({"invitee": "pat@example.com", "roles": ["billing"]}),
    )
    .await
    .expect(201);
    let link = s.link_for("pat@example.com");
    sign_up_from_link(&s, "someone.else@example.com", &link)
        .await
        .expect_error(
            422,
            "This invitation was sent to pat@example.com; sign up with that address",
        );
    let (id, _) = parse_link(&link);
    let forged = format!("{}/invitations/{id}?nonce=0000&proof=0000", s.base);
    sign_up_from_link(&s, "pat@example.com", &forged)
        .await
        .expect_error(422, "This invitation link is no longer valid; open the link in the most recent invitation email");
}

#[tokio::test]
async fn the_invitee_declines() {
    let s = TestServer::start().await;
    let katherine = s.sign_in("katherine@example.com").await;
    let mine = s.get(&katherine, "/invitations").await.expect(200);
    assert_eq!(mine["invitations"].as_array().unwrap().len(), 1);
    assert!(mine.get("meta").is_none());
    let id = mine["invitations"][0]["id"].as_str().unwrap();
    assert_eq!(
        s.delete(&katherine, &format!("/invitations/{id}"))
            .await
            .status,
        204
    );
    assert_eq!(
        s.get(&katherine, "/invitations").await.expect(200)["invitations"],
        json!([])
    );
}

#[tokio::test]
async fn an_owner_revokes_and_the_link_stops_working() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    invite(
        &s,
        &owner,
        &org,
        json!({"invitee": "gone@example.com", "roles": ["billing"]}),
    )
    .await
    .expect(201);
    let link = s.link_for("gone@example.com");
    let (id, _) = parse_link(&link);
    assert_eq!(
        s.delete(&owner, &format!("/invitations/{id}")).await.status,
        204
    );
    sign_up_from_link(&s, "gone@example.com", &link)
        .await
        .expect_error(
            422,
            "This invitation no longer exists; it may have been revoked",
        );
}

#[tokio::test]
async fn resend_renews_nonce_and_expiry_and_rejects_the_old_link() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    invite(
        &s,
        &owner,
        &org,
        json!({"invitee": "again@example.com", "roles": ["billing"]}),
    )
    .await
    .expect(201);
    let old_link = s.link_for("again@example.com");
    let (id, old_nonce) = parse_link(&old_link);
    // Pretend it was sent long ago.
    org_api_server::on_db!(&s.db, db => sqlx::query("UPDATE invitations SET expires_at = '2026-01-01T00:00:00Z' WHERE id = $1")
        .bind(&id)
        .execute(db).await.map(|r| r.rows_affected()))
        .unwrap();
    let renewed = s
        .post(&owner, &format!("/invitations/{id}"), json!(null))
        .await
        .expect(200);
    assert_ne!(renewed["nonce"], old_nonce);
    assert!(renewed["expires_at"].as_str().unwrap() > "2026-01-01T00:00:00Z");
    let links = s.links_for("again@example.com");
    assert_eq!(links.len(), 2, "the email is sent again");
    let new_link = links
        .iter()
        .find(|l| l.contains(&format!("nonce={}&", renewed["nonce"].as_str().unwrap())))
        .expect("new link emailed");
    sign_up_from_link(&s, "again@example.com", &old_link)
        .await
        .expect_error(422, "This invitation link is no longer valid; open the link in the most recent invitation email");
    sign_up_from_link(&s, "again@example.com", new_link)
        .await
        .expect(201);
}

#[tokio::test]
async fn an_expired_invitation_cannot_be_accepted_but_can_be_replaced() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    invite(
        &s,
        &owner,
        &org,
        json!({"invitee": "late@example.com", "roles": ["admin"]}),
    )
    .await
    .expect(201);
    let link = s.link_for("late@example.com");
    let (id, _) = parse_link(&link);
    let session = sign_up_from_link(&s, "late@example.com", &link)
        .await
        .expect(201);
    let token = session["token"].as_str().unwrap();
    org_api_server::on_db!(&s.db, db => sqlx::query("UPDATE invitations SET expires_at = '2026-01-01T00:00:00Z' WHERE id = $1")
        .bind(&id)
        .execute(db).await.map(|r| r.rows_affected()))
        .unwrap();
    s.put(token, &format!("/invitations/{id}"), json!(null))
        .await
        .expect_error(422, "This invitation has expired");
    // The demo's expired invitation does not block inviting that address again.
    invite(
        &s,
        &owner,
        &org,
        json!({"invitee": "late.reply@example.com", "roles": ["admin"]}),
    )
    .await
    .expect(201);
    let list = s
        .get(
            &owner,
            &format!("/organizations/{org}/invitations?per_page=100"),
        )
        .await
        .expect(200);
    let count = list["invitations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["invitee"] == "late.reply@example.com")
        .count();
    assert_eq!(count, 1);
}

#[tokio::test]
async fn the_wrong_account_is_refused_with_both_addresses() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    invite(
        &s,
        &owner,
        &org,
        json!({"invitee": "right@example.com", "roles": ["billing"]}),
    )
    .await
    .expect(201);
    let (id, _) = parse_link(&s.link_for("right@example.com"));
    let wrong = s.sign_in("grace@example.com").await;
    let message =
        "This invitation was sent to right@example.com, but you are signed in as grace@example.com";
    s.put(&wrong, &format!("/invitations/{id}"), json!(null))
        .await
        .expect_error(403, message);
    s.get(&wrong, &format!("/invitations/{id}"))
        .await
        .expect_error(403, message);
    s.delete(&wrong, &format!("/invitations/{id}"))
        .await
        .expect_error(403, message);
    // Still pending.
    s.invitation(&owner, &org, "right@example.com").await;
}

#[tokio::test]
async fn accepting_when_already_a_member_is_refused() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    invite(
        &s,
        &owner,
        &org,
        json!({"invitee": "twice@example.com", "roles": ["billing"]}),
    )
    .await
    .expect(201);
    let session = sign_up_from_link(&s, "twice@example.com", &s.link_for("twice@example.com"))
        .await
        .expect(201);
    let token = session["token"].as_str().unwrap();
    let id = s.invitation(&owner, &org, "twice@example.com").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Membership arrives some other way in between.
    org_api_server::on_db!(&s.db, db => sqlx::query("INSERT INTO members (id, organization_id, user_id, role, created_at, updated_at) SELECT 'm-twice', $1, id, 'billing', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM users WHERE email = 'twice@example.com'")
        .bind(&org)
        .execute(db).await.map(|r| r.rows_affected()))
        .unwrap();
    s.put(token, &format!("/invitations/{id}"), json!(null))
        .await
        .expect_error(422, "You are already a member of this organization");
}

#[tokio::test]
async fn concurrent_invitations_for_one_address_leave_exactly_one() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    let admin = s.sign_in("ada@example.com").await;
    let attempts = (0..8).map(|i| {
        let token = if i % 2 == 0 { &owner } else { &admin };
        let body = json!({"invitee": if i % 3 == 0 { "Race@Example.com" } else { "race@example.com" }, "roles": ["billing"]});
        invite(&s, token, &org, body)
    });
    let replies = futures::future::join_all(attempts).await;
    let created = replies.iter().filter(|r| r.status == 201).count();
    let refused = replies.iter().filter(|r| r.status == 422).count();
    assert_eq!(
        (created, refused),
        (1, 7),
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    for r in replies.iter().filter(|r| r.status == 422) {
        assert_eq!(
            r.messages(),
            ["race@example.com has already been invited to this organization"]
        );
    }
    let pending: i64 =
        org_api_server::on_db!(&s.db, db => sqlx::query_scalar("SELECT count(*) FROM invitations WHERE invitee = 'race@example.com'")
            .fetch_one(db).await)
            .unwrap();
    assert_eq!(pending, 1);
    assert_eq!(s.links_for("race@example.com").len(), 1, "one email");
}

#[tokio::test]
async fn the_organization_invitation_list_is_paginated_and_expandable() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    let list = s
        .get(
            &owner,
            &format!("/organizations/{org}/invitations?include=invited_by&per_page=2"),
        )
        .await
        .expect(200);
    assert_eq!(list["meta"]["total"], 4);
    assert_eq!(list["meta"]["last_page"], 2);
    assert_eq!(list["invitations"].as_array().unwrap().len(), 2);
    assert_eq!(
        list["invitations"][0]["invited_by"]["email"],
        "sloth@example.com"
    );
    let plain = s
        .get(&owner, &format!("/organizations/{org}/invitations"))
        .await
        .expect(200);
    let by = &plain["invitations"][0]["invited_by"];
    assert_eq!(
        by.as_object().unwrap().len(),
        1,
        "an unexpanded reference is exactly {{href}}: {by}"
    );
}

#[tokio::test]
async fn the_emailed_nonce_previews_the_invitation_without_signing_in() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    invite(
        &s,
        &owner,
        &org,
        json!({"invitee": "guest@example.com", "roles": ["billing"]}),
    )
    .await
    .expect(201);
    let (id, nonce) = parse_link(&s.link_for("guest@example.com"));
    let path = api(&format!(
        "/invitations/{id}?include=organization,invited_by&nonce={nonce}"
    ));
    let preview = s.call(Method::GET, None, &path, None).await.expect(200);
    assert_eq!(preview["invitee"], "guest@example.com");
    assert_eq!(preview["organization"]["name"], "MO TEST");
    assert_eq!(preview["invited_by"]["full_name"], "Packet Sloth");
    let wrong = api(&format!("/invitations/{id}?nonce=nope"));
    s.call(Method::GET, None, &wrong, None)
        .await
        .expect_error(422, "This invitation link is no longer valid; open the link in the most recent invitation email");
    s.call(Method::GET, None, &api(&format!("/invitations/{id}")), None)
        .await
        .expect_error(422, "This invitation link is no longer valid; open the link in the most recent invitation email");
    // Nothing else opens without a token.
    s.call(Method::PUT, None, &api(&format!("/invitations/{id}")), None)
        .await
        .expect_error(401, "Invalid authentication token");
}

#[tokio::test]
async fn finished_invitations_say_what_became_of_them() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    for who in ["declines@example.com", "revoked@example.com"] {
        invite(
            &s,
            &owner,
            &org,
            json!({"invitee": who, "roles": ["billing"]}),
        )
        .await
        .expect(201);
    }
    let (declined, _) = parse_link(&s.link_for("declines@example.com"));
    let (revoked, revoked_nonce) = parse_link(&s.link_for("revoked@example.com"));
    let session = sign_up_from_link(
        &s,
        "declines@example.com",
        &s.link_for("declines@example.com"),
    )
    .await
    .expect(201);
    let token = session["token"].as_str().unwrap();
    assert_eq!(
        s.delete(token, &format!("/invitations/{declined}"))
            .await
            .status,
        204
    );
    assert_eq!(
        s.delete(&owner, &format!("/invitations/{revoked}"))
            .await
            .status,
        204
    );
    s.get(token, &format!("/invitations/{declined}"))
        .await
        .expect_error(410, "This invitation was declined");
    let preview = api(&format!("/invitations/{revoked}?nonce={revoked_nonce}"));
    s.call(Method::GET, None, &preview, None)
        .await
        .expect_error(410, "This invitation was revoked by the organization");
    s.get(&owner, "/invitations/00000000-0000-0000-0000-000000000000")
        .await
        .expect_error(404, "Not found");
}

/// Extension: refusals of an invitation carry a `code`, so a client tells "already a
/// member" from "already invited" without reading the words.
#[tokio::test]
async fn invitation_refusals_carry_a_code() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    let member = invite(
        &s,
        &owner,
        &org,
        json!({"invitee": "ada@example.com", "roles": ["admin"]}),
    )
    .await;
    assert_eq!(
        (member.status, member.body["code"].as_str()),
        (422, Some("already_member"))
    );
    invite(
        &s,
        &owner,
        &org,
        json!({"invitee": "coded@example.com", "roles": ["admin"]}),
    )
    .await
    .expect(201);
    let again = invite(
        &s,
        &owner,
        &org,
        json!({"invitee": "coded@example.com", "roles": ["admin"]}),
    )
    .await;
    assert_eq!(
        (again.status, again.body["code"].as_str()),
        (422, Some("already_invited"))
    );
    let admin = s.sign_in("ada@example.com").await;
    let owner_role = invite(
        &s,
        &admin,
        &org,
        json!({"invitee": "boss@example.com", "roles": ["owner"]}),
    )
    .await;
    assert_eq!(
        (owner_role.status, owner_role.body["code"].as_str()),
        (403, Some("role_not_allowed"))
    );
}

#[tokio::test]
async fn a_page_of_invitations_expands_each_ones_own_projects_and_inviter() {
    // The page is built from one query for every invitation's projects and one for every
    // inviter: each invitation must still get its own.
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    let admin = s.sign_in("ada@example.com").await;
    let edge = s.project(&owner, &org, "Edge Cache").await;
    let staging = s.project(&owner, &org, "Staging").await;
    for (token, who, projects) in [
        (&owner, "pa@example.com", json!([edge])),
        (&admin, "pb@example.com", json!([staging, edge])),
        (&owner, "pc@example.com", json!([])),
    ] {
        let role = if who == "pc@example.com" {
            "billing"
        } else {
            "limited_collaborator"
        };
        invite(
            &s,
            token,
            &org,
            json!({"invitee": who, "roles": [role], "projects_ids": projects}),
        )
        .await
        .expect(201);
    }
    let list = s
        .get(
            &owner,
            &format!("/organizations/{org}/invitations?per_page=100&include=invited_by,projects,organization"),
        )
        .await
        .expect(200);
    let of = |who: &str| {
        list["invitations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["invitee"] == who)
            .cloned()
            .unwrap()
    };
    let names = |i: &Value| -> Vec<String> {
        i["projects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(&of("pa@example.com")), ["Edge Cache"]);
    assert_eq!(names(&of("pb@example.com")), ["Edge Cache", "Staging"]);
    assert!(names(&of("pc@example.com")).is_empty());
    assert_eq!(
        of("pa@example.com")["invited_by"]["email"],
        "sloth@example.com"
    );
    assert_eq!(
        of("pb@example.com")["invited_by"]["email"],
        "ada@example.com"
    );
    assert_eq!(of("pc@example.com")["organization"]["name"], "MO TEST");
}
