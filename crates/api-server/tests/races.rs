//! Security rules, races: accept, decline, revoke and resend of one invitation are
//! serialised, so the answer each caller gets always agrees with what happened.

mod common;

use common::{parse_link, TestServer};
use serde_json::json;

/// These tests sign up more invitees than one network may in an hour.
async fn server() -> TestServer {
    TestServer::start_with(|c| c.limits.sign_ups_per_ip = 1000).await
}

async fn owner_and_org(s: &TestServer) -> (String, String) {
    let owner = s.sign_in("sloth@example.com").await;
    let org = s.org(&owner, "MO TEST").await;
    (owner, org)
}

/// An invitation to `email` and a verified session of its invitee (signed up by link).
async fn invitation_and_invitee(
    s: &TestServer,
    owner: &str,
    org: &str,
    email: &str,
) -> (String, String) {
    s.post(
        owner,
        &format!("/organizations/{org}/invitations"),
        json!({"invitee": email, "roles": ["admin"]}),
    )
    .await
    .expect(201);
    let (id, nonce, proof) = common::parse_full_link(&s.links_for(email).remove(0));
    let session = s
        .call(
            reqwest::Method::POST,
            None,
            &common::api("/users"),
            Some(json!({"first_name": "Race", "last_name": "Runner", "email": email,
                "password": "race-runner-pass", "invitation_id": id, "nonce": nonce, "proof": proof})),
        )
        .await
        .expect(201);
    (id, session["token"].as_str().unwrap().to_owned())
}

async fn is_member(s: &TestServer, org: &str, email: &str) -> bool {
    org_api_server::on_db!(&s.db, db => sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM members m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 AND u.email = $2)",
    )
    .bind(org)
    .bind(email)
    .fetch_one(db).await)
    .unwrap()
}

#[tokio::test]
async fn accept_and_revoke_at_once_never_disagree() {
    let s = server().await;
    let (owner, org) = owner_and_org(&s).await;
    let (mut accepted, mut revoked) = (0, 0);
    for round in 0..30 {
        let email = format!("race{round}@example.com");
        let (id, invitee) = invitation_and_invitee(&s, &owner, &org, &email).await;
        let path = format!("/invitations/{id}");
        let (accept, revoke) =
            futures::join!(s.put(&invitee, &path, json!(null)), s.delete(&owner, &path));
        let member = is_member(&s, &org, &email).await;
        match (accept.status, revoke.status) {
            (200, 410) => {
                assert!(member, "round {round}: accepted, but no member");
                assert_eq!(
                    revoke.messages(),
                    ["This invitation has already been accepted"]
                );
                accepted += 1;
            }
            (410, 204) => {
                assert!(!member, "round {round}: revoked, but a member");
                assert_eq!(
                    accept.messages(),
                    ["This invitation was revoked by the organization"]
                );
                revoked += 1;
            }
            other => panic!("round {round}: accept and revoke answered {other:?}"),
        }
    }
    assert_eq!(accepted + revoked, 30);
}

#[tokio::test]
async fn decline_and_revoke_at_once_have_one_winner() {
    let s = server().await;
    let (owner, org) = owner_and_org(&s).await;
    for round in 0..10 {
        let email = format!("decline{round}@example.com");
        let (id, invitee) = invitation_and_invitee(&s, &owner, &org, &email).await;
        let path = format!("/invitations/{id}");
        let (decline, revoke) = futures::join!(s.delete(&invitee, &path), s.delete(&owner, &path));
        let mut statuses = [decline.status, revoke.status];
        statuses.sort_unstable();
        assert_eq!(statuses, [204, 410], "round {round}");
        let outcome: String =
            org_api_server::on_db!(&s.db, db => sqlx::query_scalar("SELECT outcome FROM closed_invitations WHERE id = $1")
                .bind(&id)
                .fetch_one(db).await)
                .unwrap();
        let expected = if decline.status == 204 {
            "declined"
        } else {
            "revoked"
        };
        assert_eq!(outcome, expected, "round {round}");
    }
}

#[tokio::test]
async fn a_resend_of_a_vanished_invitation_is_a_404_and_sends_nothing() {
    let s = server().await;
    let (owner, org) = owner_and_org(&s).await;
    let (id, invitee) = invitation_and_invitee(&s, &owner, &org, "gone@example.com").await;
    s.put(&invitee, &format!("/invitations/{id}"), json!(null))
        .await
        .expect(200);
    let before = s.links_for("gone@example.com").len();
    let r = s
        .post(&owner, &format!("/invitations/{id}"), json!(null))
        .await;
    assert_eq!(r.status, 410, "{}", r.body);
    // Never existed: 404.
    s.post(
        &owner,
        "/invitations/00000000-0000-0000-0000-000000000000",
        json!(null),
    )
    .await
    .expect(404);
    assert_eq!(s.links_for("gone@example.com").len(), before);
}

#[tokio::test]
async fn resend_and_revoke_at_once_mail_only_a_link_that_works() {
    let s = server().await;
    let (owner, org) = owner_and_org(&s).await;
    for round in 0..10 {
        let email = format!("resend-race{round}@example.com");
        s.post(
            &owner,
            &format!("/organizations/{org}/invitations"),
            json!({"invitee": email, "roles": ["billing"]}),
        )
        .await
        .expect(201);
        let (id, _) = parse_link(&s.link_for(&email));
        let path = format!("/invitations/{id}");
        let (resend, revoke) =
            futures::join!(s.post(&owner, &path, json!(null)), s.delete(&owner, &path));
        assert_eq!(revoke.status, 204, "round {round}");
        let links = s.links_for(&email).len();
        match resend.status {
            // Resent first, then revoked: two emails, and the revoke won at the end.
            200 => assert_eq!(links, 2, "round {round}"),
            // Revoked first: the resend found nothing and mailed nothing.
            410 => assert_eq!(links, 1, "round {round}"),
            other => panic!("round {round}: resend answered {other}"),
        }
    }
}

#[tokio::test]
async fn a_failed_resend_leaves_the_old_link_working() {
    let s = server().await;
    let (owner, org) = owner_and_org(&s).await;
    s.post(
        &owner,
        &format!("/organizations/{org}/invitations"),
        json!({"invitee": "keep.link@example.com", "roles": ["billing"]}),
    )
    .await
    .expect(201);
    let (id, nonce) = parse_link(&s.link_for("keep.link@example.com"));
    // The outbox becomes unwritable: the next email fails.
    let outbox = s.config.outbox.clone();
    std::fs::rename(&outbox, outbox.with_extension("moved")).unwrap();
    std::fs::write(&outbox, b"not a folder").unwrap();
    let r = s
        .post(&owner, &format!("/invitations/{id}"), json!(null))
        .await;
    assert_eq!(r.status, 500, "{}", r.body);
    std::fs::remove_file(&outbox).unwrap();
    std::fs::rename(outbox.with_extension("moved"), &outbox).unwrap();
    // The link already in the invitee's inbox still opens the invitation.
    s.call(
        reqwest::Method::GET,
        None,
        &common::api(&format!("/invitations/{id}?nonce={nonce}")),
        None,
    )
    .await
    .expect(200);
    // And the failed attempt did not use up the once-a-minute resend.
    s.post(&owner, &format!("/invitations/{id}"), json!(null))
        .await
        .expect(200);
}
