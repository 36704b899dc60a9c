//! The activity log (extension): an event per change, written with the change (a change
//! that fails leaves none), and `GET /organizations/{id}/events` for owners and admins.

mod common;

use common::{parse_link, TestServer};
use serde_json::{json, Value};

/// MO TEST's owner and id, after its log has noticed the demo's expired invitation (the
/// first read of the log records it), so the tests see only their own events as newest.
async fn owner_and_org(s: &TestServer) -> (String, String) {
    let owner = s.sign_in("sloth@example.com").await;
    let org = s.org(&owner, "MO TEST").await;
    let settled = events(s, &owner, &org, "").await;
    assert_eq!(settled.len(), 1);
    assert_eq!(settled[0]["action"], "invitation.expired");
    assert_eq!(settled[0]["subject"]["email"], "late.reply@example.com");
    (owner, org)
}

/// The organization's events, newest first.
async fn events(s: &TestServer, token: &str, org: &str, query: &str) -> Vec<Value> {
    s.get(
        token,
        &format!("/organizations/{org}/events?per_page=100{query}"),
    )
    .await
    .expect(200)["events"]
        .as_array()
        .unwrap()
        .clone()
}

async fn newest(s: &TestServer, token: &str, org: &str) -> Value {
    events(s, token, org, "").await.remove(0)
}

async fn invite(s: &TestServer, token: &str, org: &str, body: Value) -> common::Reply {
    s.post(token, &format!("/organizations/{org}/invitations"), body)
        .await
}

/// Signs `email` up through the link they were emailed; returns their token.
async fn sign_up_invitee(s: &TestServer, email: &str) -> String {
    s.sign_up_from_link(email, &s.link_for(email))
        .await
        .expect(201)["token"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn invitations_are_recorded_from_invite_to_accept_decline_and_revoke() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    let edge = s.project(&owner, &org, "Edge Cache").await;
    invite(
        &s,
        &owner,
        &org,
        json!({"invitee": "Newbie@Example.com", "roles": ["collaborator"], "projects_ids": [edge]}),
    )
    .await
    .expect(201);
    let e = newest(&s, &owner, &org).await;
    assert_eq!(e["action"], "member.invited");
    assert_eq!(e["actor"]["name"], "Packet Sloth");
    assert_eq!(e["actor"]["email"], "sloth@example.com");
    assert_eq!(e["subject"]["email"], "newbie@example.com");
    assert_eq!(e["details"]["role"], "collaborator");
    assert_eq!(e["details"]["projects"], json!(["Edge Cache"]));
    assert_eq!(
        e["organization"]["href"],
        format!("/metal/v1/organizations/{org}")
    );
    assert!(e["id"].is_string() && e["created_at"].is_string());

    let (id, _) = parse_link(&s.link_for("newbie@example.com"));
    let newbie = sign_up_invitee(&s, "newbie@example.com").await;
    let member = s
        .put(&newbie, &format!("/invitations/{id}"), json!(null))
        .await
        .expect(200);
    let e = newest(&s, &owner, &org).await;
    assert_eq!(e["action"], "invitation.accepted");
    assert_eq!(e["actor"]["email"], "newbie@example.com");
    assert_eq!(e["subject"]["member_id"], member["id"]);
    assert_eq!(e["subject"]["name"], "New Person");
    assert_eq!(e["details"]["projects"], json!(["Edge Cache"]));

    for (who, outcome) in [
        ("declines@example.com", "declined"),
        ("revoked@example.com", "revoked"),
    ] {
        invite(
            &s,
            &owner,
            &org,
            json!({"invitee": who, "roles": ["billing"]}),
        )
        .await
        .expect(201);
        let (id, _) = parse_link(&s.link_for(who));
        let token = if outcome == "declined" {
            sign_up_invitee(&s, who).await
        } else {
            s.post(&owner, &format!("/invitations/{id}"), json!(null))
                .await
                .expect(200);
            let e = newest(&s, &owner, &org).await;
            assert_eq!(e["action"], "invitation.resent");
            assert_eq!(e["subject"]["email"], who);
            owner.clone()
        };
        s.delete(&token, &format!("/invitations/{id}"))
            .await
            .expect(204);
        let e = newest(&s, &owner, &org).await;
        assert_eq!(e["action"], format!("invitation.{outcome}"));
        assert_eq!(e["subject"]["email"], who);
        assert_eq!(e["details"]["role"], "billing");
    }
}

#[tokio::test]
async fn an_expired_invitation_is_recorded_once_per_expiry_by_the_system() {
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
    let (id, _) = parse_link(&s.link_for("late@example.com"));
    let expire = || async {
        org_api_server::on_db!(&s.db, db => sqlx::query("UPDATE invitations SET expires_at = '2026-01-01T00:00:00Z' WHERE id = $1")
            .bind(&id)
            .execute(db)
            .await
            .map(|_| ()))
    };
    expire().await.unwrap();
    let expired = |list: &[Value]| {
        list.iter()
            .filter(|e| {
                e["action"] == "invitation.expired" && e["subject"]["email"] == "late@example.com"
            })
            .count()
    };
    // Noticed by whichever read comes first, and only once however often it is read.
    s.get(&owner, &format!("/organizations/{org}/invitations"))
        .await
        .expect(200);
    let list = events(&s, &owner, &org, "").await;
    assert_eq!(expired(&list), 1);
    let e = list
        .iter()
        .find(|e| e["action"] == "invitation.expired")
        .unwrap();
    assert_eq!(e["actor"], Value::Null, "the system noticed it");
    assert_eq!(e["details"]["role"], "admin");
    assert_eq!(expired(&events(&s, &owner, &org, "").await), 1);
    // Resent, it gets a new expiry, and can run out (and be recorded) again.
    s.post(&owner, &format!("/invitations/{id}"), json!(null))
        .await
        .expect(200);
    org_api_server::on_db!(&s.db, db => sqlx::query("UPDATE invitations SET expires_at = '2026-01-02T00:00:00Z' WHERE id = $1")
        .bind(&id)
        .execute(db).await.map(|r| r.rows_affected()))
        .unwrap();
    assert_eq!(expired(&events(&s, &owner, &org, "").await), 2);
}

#[tokio::test]
async fn member_changes_are_recorded_from_what_to_what() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    let grace = s.member(&owner, &org, "grace@example.com").await;
    let edge = s.project(&owner, &org, "Edge Cache").await;
    let path = format!("/organizations/{org}/members/{grace}");
    s.put(&owner, &path, json!({"roles": ["admin"]}))
        .await
        .expect(200);
    let e = newest(&s, &owner, &org).await;
    assert_eq!(e["action"], "member.updated");
    assert_eq!(e["subject"]["name"], "Grace Hopper");
    assert_eq!(e["subject"]["member_id"], grace);
    assert_eq!(e["details"]["from_role"], "collaborator");
    assert_eq!(e["details"]["to_role"], "admin");
    let before = events(&s, &owner, &org, "").await.len();
    // Saving what is already there changes nothing and records nothing.
    s.put(&owner, &path, json!({"roles": ["admin"]}))
        .await
        .expect(200);
    assert_eq!(events(&s, &owner, &org, "").await.len(), before);
    s.put(
        &owner,
        &path,
        json!({"roles": ["collaborator"], "projects_ids": [edge]}),
    )
    .await
    .expect(200);
    let e = newest(&s, &owner, &org).await;
    assert_eq!(e["details"]["to_role"], "collaborator");
    assert_eq!(e["details"]["to_projects"], json!(["Edge Cache"]));
    assert_eq!(e["details"]["from_projects"], json!([]));

    s.delete(&owner, &path).await.expect(204);
    let e = newest(&s, &owner, &org).await;
    assert_eq!(e["action"], "member.removed");
    assert_eq!(e["subject"]["email"], "grace@example.com");
    assert_eq!(e["details"]["role"], "collaborator");

    let ken = s.sign_in("ken@example.com").await;
    let ken_member = s.member(&owner, &org, "ken@example.com").await;
    s.delete(&ken, &format!("/organizations/{org}/members/{ken_member}"))
        .await
        .expect(204);
    let e = newest(&s, &owner, &org).await;
    assert_eq!(e["action"], "member.left");
    assert_eq!(e["actor"]["email"], "ken@example.com");
    assert_eq!(e["subject"]["email"], "ken@example.com");
}

#[tokio::test]
async fn settings_and_projects_are_recorded() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    s.put(
        &owner,
        &format!("/organizations/{org}"),
        json!({"name": "MO TEST 2", "website": "https://mo.example.com"}),
    )
    .await
    .expect(200);
    let e = newest(&s, &owner, &org).await;
    assert_eq!(e["action"], "organization.updated");
    assert_eq!(e["details"]["fields"], json!(["name", "website"]));
    assert_eq!(e.get("subject"), None);
    // Sending the same values again changes no field: no event.
    let before = events(&s, &owner, &org, "").await.len();
    s.put(
        &owner,
        &format!("/organizations/{org}"),
        json!({"name": "MO TEST 2"}),
    )
    .await
    .expect(200);
    assert_eq!(events(&s, &owner, &org, "").await.len(), before);
    s.post(
        &owner,
        &format!("/organizations/{org}/projects"),
        json!({"name": "Atlas"}),
    )
    .await
    .expect(201);
    let e = newest(&s, &owner, &org).await;
    assert_eq!(e["action"], "project.created");
    assert_eq!(e["details"]["project"], "Atlas");
}

#[tokio::test]
async fn a_change_that_fails_leaves_no_event() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    let before = events(&s, &owner, &org, "").await;
    let me = s.member(&owner, &org, "sloth@example.com").await;
    // The last owner cannot demote or remove themselves.
    s.put(
        &owner,
        &format!("/organizations/{org}/members/{me}"),
        json!({"roles": ["admin"]}),
    )
    .await
    .expect(422);
    s.delete(&owner, &format!("/organizations/{org}/members/{me}"))
        .await
        .expect(422);
    // An admin cannot remove the owner; a collaborator cannot invite.
    let ada = s.sign_in("ada@example.com").await;
    s.delete(&ada, &format!("/organizations/{org}/members/{me}"))
        .await
        .expect(403);
    let grace = s.sign_in("grace@example.com").await;
    invite(
        &s,
        &grace,
        &org,
        json!({"invitee": "x@example.com", "roles": ["billing"]}),
    )
    .await
    .expect(403);
    // An invitation whose email cannot be sent is undone, and so is its event.
    let outbox = s.config.outbox.clone();
    std::fs::rename(&outbox, outbox.with_extension("moved")).unwrap();
    std::fs::write(&outbox, b"not a folder").unwrap();
    let r = invite(
        &s,
        &owner,
        &org,
        json!({"invitee": "nomail@example.com", "roles": ["billing"]}),
    )
    .await;
    assert_eq!(r.status, 500, "{}", r.body);
    std::fs::remove_file(&outbox).unwrap();
    std::fs::rename(outbox.with_extension("moved"), &outbox).unwrap();
    assert_eq!(events(&s, &owner, &org, "").await, before);
}

#[tokio::test]
async fn only_owners_and_admins_read_the_log() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    let path = format!("/organizations/{org}/events");
    for who in ["sloth@example.com", "ada@example.com"] {
        let t = s.sign_in(who).await;
        s.get(&t, &path).await.expect(200);
    }
    for who in [
        "grace@example.com",
        "alan@example.com",
        "barbara@example.com",
    ] {
        let t = s.sign_in(who).await;
        s.get(&t, &path).await.expect_error(
            403,
            "You are not authorized to see the activity of this organization",
        );
    }
    // Someone outside the organization cannot even learn it exists.
    let other = s.sign_in("frances@example.com").await;
    let sloth_labs = s.org(&owner, "Sloth Labs").await;
    s.get(&other, &format!("/organizations/{sloth_labs}/events"))
        .await
        .expect(404);
    s.get(&owner, &format!("{path}?action=member.teleported"))
        .await
        .expect(422);
}

#[tokio::test]
async fn the_log_pages_newest_first_and_filters_by_action_actor_and_member() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    let ada = s.sign_in("ada@example.com").await;
    for n in 0..7 {
        let token = if n % 2 == 0 { &owner } else { &ada };
        invite(
            &s,
            token,
            &org,
            json!({"invitee": format!("p{n}@example.com"), "roles": ["billing"]}),
        )
        .await
        .expect(201);
    }
    let grace = s.member(&owner, &org, "grace@example.com").await;
    s.put(
        &ada,
        &format!("/organizations/{org}/members/{grace}"),
        json!({"roles": ["billing"]}),
    )
    .await
    .expect(200);
    let first = s
        .get(&owner, &format!("/organizations/{org}/events?per_page=3"))
        .await
        .expect(200);
    // Seven invitations, a role change and the demo's expired invitation.
    assert_eq!(first["meta"]["total"], 9);
    assert_eq!(first["meta"]["last_page"], 3);
    assert_eq!(first["events"][0]["action"], "member.updated");
    assert_eq!(first["events"][1]["subject"]["email"], "p6@example.com");
    let last = s
        .get(
            &owner,
            &format!("/organizations/{org}/events?per_page=3&page=3"),
        )
        .await
        .expect(200);
    let emails: Vec<&str> = last["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["subject"]["email"].as_str().unwrap())
        .collect();
    assert_eq!(
        emails,
        ["p1@example.com", "p0@example.com", "late.reply@example.com"]
    );

    let invited = s
        .get(
            &owner,
            &format!("/organizations/{org}/events?per_page=2&action=member.invited"),
        )
        .await
        .expect(200);
    assert_eq!(invited["meta"]["total"], 7);
    assert_eq!(
        invited["meta"]["next"]["href"],
        format!("/metal/v1/organizations/{org}/events?page=2&per_page=2&action=member.invited")
    );
    let ada_id = s.get(&ada, "/user").await.expect(200)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let by_ada = events(&s, &owner, &org, &format!("&actor={ada_id}")).await;
    assert_eq!(by_ada.len(), 4);
    assert!(by_ada
        .iter()
        .all(|e| e["actor"]["email"] == "ada@example.com"));
    let about_grace = events(&s, &owner, &org, &format!("&member={grace}")).await;
    assert_eq!(about_grace.len(), 1);
    assert_eq!(about_grace[0]["details"]["to_role"], "billing");

    let with_actors = s
        .get(
            &owner,
            &format!("/organizations/{org}/events?per_page=1&include=actors"),
        )
        .await
        .expect(200);
    let names: Vec<&str> = with_actors["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ada Lovelace", "Packet Sloth"]);
}

#[tokio::test]
async fn inviting_an_address_again_records_the_expiry_of_the_invitation_it_replaces() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    let body = json!({"invitee": "again@example.com", "roles": ["billing"]});
    invite(&s, &owner, &org, body.clone()).await.expect(201);
    org_api_server::on_db!(&s.db, db => sqlx::query("UPDATE invitations SET expires_at = '2026-01-01T00:00:00Z' WHERE invitee = 'again@example.com'")
        .execute(db).await.map(|r| r.rows_affected()))
        .unwrap();
    // Nobody lists anything in between: the new invitation replaces the expired one.
    invite(&s, &owner, &org, body).await.expect(201);
    let list = events(&s, &owner, &org, "").await;
    let actions: Vec<&str> = list
        .iter()
        .filter(|e| e["subject"]["email"] == "again@example.com")
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["member.invited", "invitation.expired", "member.invited"]
    );
}

#[tokio::test]
async fn concurrent_saves_of_one_member_leave_a_log_that_ends_where_the_member_is() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    let edsger = s.member(&owner, &org, "edsger@example.com").await;
    let (edge, staging) = (
        s.project(&owner, &org, "Edge Cache").await,
        s.project(&owner, &org, "Staging").await,
    );
    let path = format!("/organizations/{org}/members/{edsger}");
    for _ in 0..15 {
        s.put(
            &owner,
            &path,
            json!({"roles": ["collaborator"], "projects_ids": [staging]}),
        )
        .await
        .expect(200);
        // Two saves at once: one changes the projects, one saves them as they are.
        let (a, b) = tokio::join!(
            s.put(
                &owner,
                &path,
                json!({"roles": ["collaborator"], "projects_ids": [edge]})
            ),
            s.put(
                &owner,
                &path,
                json!({"roles": ["collaborator"], "projects_ids": [staging]})
            ),
        );
        a.expect(200);
        b.expect(200);
        let now = s
            .get(
                &owner,
                &format!("/organizations/{org}/members?include=projects&per_page=100"),
            )
            .await
            .expect(200)["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == edsger)
            .unwrap()["projects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>();
        let last = events(&s, &owner, &org, &format!("&member={edsger}")).await;
        assert_eq!(
            last[0]["details"]["to_projects"],
            json!(now),
            "the newest event says where the member is now"
        );
    }
}
