//! Security rules, email ownership: nobody gets into an organization they were not invited
//! to. Signing up with someone else's address proves nothing; the emailed link does.

mod common;

use common::{api, parse_full_link, parse_link, token_of, TestServer};
use reqwest::Method;
use serde_json::{json, Value};

async fn owner_and_org(s: &TestServer) -> (String, String) {
    let owner = s.sign_in("sloth@example.com").await;
    let org = s.org(&owner, "MO TEST").await;
    (owner, org)
}

async fn invite(s: &TestServer, owner: &str, org: &str, invitee: &str, role: &str) -> Value {
    s.post(
        owner,
        &format!("/organizations/{org}/invitations"),
        json!({"invitee": invitee, "roles": [role]}),
    )
    .await
    .expect(201)
}

/// The attack that version 1 allowed: sign up with the invited address, list the
/// invitation, accept it, and be an owner.
#[tokio::test]
async fn a_stranger_who_signs_up_with_the_invited_address_cannot_take_the_invitation() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    let invitation = invite(&s, &owner, &org, "ceo@example.com", "owner").await;
    let id = invitation["id"].as_str().unwrap();

    let session = s
        .sign_up("ceo@example.com", "attacker-pass")
        .await
        .expect(201);
    assert_eq!(session["user"]["email_verified"], false);
    let stranger = session["token"].as_str().unwrap();
    // Nothing is listed, nothing can be read or accepted without the link.
    let mine = s.get(stranger, "/invitations").await.expect(200);
    assert_eq!(mine["invitations"], json!([]));
    s.get(stranger, &format!("/invitations/{id}"))
        .await
        .expect_error(
            403,
            "Verify your email address to see this invitation, or open the link in the invitation email",
        );
    s.put(stranger, &format!("/invitations/{id}"), json!(null))
        .await
        .expect_error(403, "Verify your email address to accept this invitation");
    s.put(
        stranger,
        &format!("/invitations/{id}"),
        json!({"nonce": "guessed"}),
    )
    .await
    .expect_error(403, "Verify your email address to accept this invitation");
    // The invitation is still there and the stranger is no member.
    s.invitation(&owner, &org, "ceo@example.com").await;
    s.get(stranger, &format!("/organizations/{org}"))
        .await
        .expect(404);
}

#[tokio::test]
async fn the_emailed_link_lets_an_unverified_invitee_accept_without_verifying_them() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    invite(&s, &owner, &org, "real@example.com", "billing").await;
    let (id, nonce) = parse_link(&s.link_for("real@example.com"));
    // Signed up earlier, without the link: unverified.
    let session = s
        .sign_up("real@example.com", "real-person-pass")
        .await
        .expect(201);
    let token = session["token"].as_str().unwrap();
    // With the link, the invitation shows, without its nonce (only managers and the
    // verified invitee see that).
    let shown = s
        .get(token, &format!("/invitations/{id}?nonce={nonce}"))
        .await
        .expect(200);
    assert_eq!(shown["invitee"], "real@example.com");
    assert!(shown.get("nonce").is_none(), "{shown}");
    // Accepting with the nonce in the body works; it does not verify the address (the
    // organization's managers know the nonce too).
    let member = s
        .put(
            token,
            &format!("/invitations/{id}"),
            json!({"nonce": nonce}),
        )
        .await
        .expect(200);
    assert_eq!(member["roles"], json!(["billing"]));
    let me = s.get(token, "/user").await.expect(200);
    assert_eq!(me["email_verified"], false);
}

#[tokio::test]
async fn the_nonce_in_the_query_also_accepts() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    invite(&s, &owner, &org, "query@example.com", "billing").await;
    let (id, nonce) = parse_link(&s.link_for("query@example.com"));
    let token = s
        .sign_up("query@example.com", "query-person-pass")
        .await
        .expect(201)["token"]
        .as_str()
        .unwrap()
        .to_owned();
    s.put(
        &token,
        &format!("/invitations/{id}?nonce={nonce}"),
        json!(null),
    )
    .await
    .expect(200);
}

#[tokio::test]
async fn signing_up_through_the_link_is_verified_and_sends_no_verification_email() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    invite(&s, &owner, &org, "linked@example.com", "admin").await;
    let (id, nonce, proof) = parse_full_link(&s.link_for("linked@example.com"));
    let body = json!({"first_name": "Lin", "last_name": "Ked", "email": "linked@example.com",
        "password": "linked-pass", "invitation_id": id, "nonce": nonce, "proof": proof});
    let session = s
        .call(Method::POST, None, &api("/users"), Some(body))
        .await
        .expect(201);
    assert_eq!(session["user"]["email_verified"], true);
    assert!(s.verification_links_for("linked@example.com").is_empty());
    let token = session["token"].as_str().unwrap();
    // Verified: the invitation is listed, with its nonce, and accepted without the link.
    let mine = s.get(token, "/invitations").await.expect(200);
    assert_eq!(mine["invitations"][0]["nonce"], nonce.as_str());
    s.put(token, &format!("/invitations/{id}"), json!(null))
        .await
        .expect(200);
}

#[tokio::test]
async fn the_verification_link_works_once_and_only_in_time() {
    let s = TestServer::start().await;
    let session = s
        .sign_up("verify.me@example.com", "verify-me-pass")
        .await
        .expect(201);
    let token = session["token"].as_str().unwrap();
    let links = s.verification_links_for("verify.me@example.com");
    assert_eq!(links.len(), 1, "one email at sign-up");
    assert!(links[0].starts_with(&format!("{}/verify-email?token=", s.base)));
    let path = api("/users/verify-email");
    let verify = |t: String| s.call(Method::POST, None, &path, Some(json!({ "token": t })));
    verify("not-a-token".into())
        .await
        .expect_error(422, "This verification link is invalid or has expired");
    // No session needed: the link may open in another browser.
    let user = verify(token_of(&links[0])).await.expect(200);
    assert_eq!(user["email_verified"], true);
    assert_eq!(user["email"], "verify.me@example.com");
    verify(token_of(&links[0]))
        .await
        .expect_error(422, "This verification link is invalid or has expired");
    assert_eq!(
        s.get(token, "/user").await.expect(200)["email_verified"],
        true
    );
    // Resending for a verified address is refused.
    s.post(token, "/users/verify-email/resend", json!(null))
        .await
        .expect_error(422, "Your email address is already verified");
}

#[tokio::test]
async fn an_expired_verification_link_is_refused() {
    let s = TestServer::start().await;
    s.sign_up("late.verify@example.com", "late-verify-pass")
        .await
        .expect(201);
    let link = s
        .verification_links_for("late.verify@example.com")
        .remove(0);
    org_api_server::on_db!(&s.db, db => sqlx::query("UPDATE email_verifications SET expires_at = '2026-01-01T00:00:00Z'")
        .execute(db).await.map(|r| r.rows_affected()))
        .unwrap();
    s.call(
        Method::POST,
        None,
        &api("/users/verify-email"),
        Some(json!({"token": token_of(&link)})),
    )
    .await
    .expect_error(422, "This verification link is invalid or has expired");
}

#[tokio::test]
async fn a_new_verification_email_at_most_once_a_minute_not_counting_the_first() {
    let s = TestServer::start().await;
    let token = s
        .sign_up("resend.me@example.com", "resend-me-pass")
        .await
        .expect(201)["token"]
        .as_str()
        .unwrap()
        .to_owned();
    // Right after sign-up: the sign-up email does not count.
    s.post(&token, "/users/verify-email/resend", json!(null))
        .await
        .expect(202);
    assert_eq!(s.verification_links_for("resend.me@example.com").len(), 2);
    let reply = s
        .post(&token, "/users/verify-email/resend", json!(null))
        .await;
    assert_eq!(reply.status, 429);
    let retry: u64 = reply.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert!(
        reply.messages()[0]
            .starts_with("A verification email was sent a moment ago; try again in "),
        "{:?}",
        reply.messages()
    );
    assert_eq!(s.verification_links_for("resend.me@example.com").len(), 2);
    // The newest link verifies.
    let newest = s
        .verification_links_for("resend.me@example.com")
        .into_iter()
        .map(|l| token_of(&l))
        .collect::<Vec<_>>();
    let mut verified = 0;
    for t in newest {
        let r = s
            .call(
                Method::POST,
                None,
                &api("/users/verify-email"),
                Some(json!({ "token": t })),
            )
            .await;
        verified += usize::from(r.status == 200);
    }
    // Verifying with one link uses up the other: one success, not two.
    assert_eq!(verified, 1);
}

#[tokio::test]
async fn nonces_are_shown_only_to_managers_and_the_verified_invitee() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    let created = invite(&s, &owner, &org, "nonce.check@example.com", "billing").await;
    let (id, nonce) = parse_link(&s.link_for("nonce.check@example.com"));
    assert_eq!(created["nonce"], nonce.as_str());
    let admin = s.sign_in("ada@example.com").await;
    let listed = s.invitation(&admin, &org, "nonce.check@example.com").await;
    assert_eq!(listed["nonce"], nonce.as_str());
    // The token-less preview: exactly the fields the rules allow.
    let preview = s
        .call(
            Method::GET,
            None,
            &api(&format!(
                "/invitations/{id}?nonce={nonce}&include=organization,invited_by,projects"
            )),
            None,
        )
        .await
        .expect(200);
    let mut keys: Vec<&str> = preview
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "expires_at",
            "href",
            "id",
            "invited_by",
            "invitee",
            "organization",
            "roles"
        ]
    );
    assert_eq!(
        preview["organization"],
        json!({"id": org, "name": "MO TEST"})
    );
    assert_eq!(preview["invited_by"], json!({"full_name": "Packet Sloth"}));
    assert_eq!(preview["roles"], json!(["billing"]));
    // A wrong nonce shows nothing.
    s.call(
        Method::GET,
        None,
        &api(&format!("/invitations/{id}?nonce=wrong")),
        None,
    )
    .await
    .expect(422);
}

/// A manager knows an invitation's nonce (to copy its link), so a sign-up with the nonce
/// alone must not verify the address: otherwise anyone could invite an address to their own
/// organization, sign up with it, and then see and accept every other invitation to it.
#[tokio::test]
async fn a_nonce_known_to_the_inviter_does_not_verify_an_address() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    // The victim is invited to MO TEST by its owner.
    invite(&s, &owner, &org, "victim@example.com", "admin").await;
    // The attacker owns an organization of their own and invites the same address there.
    let attacker = s.sign_in("grace@example.com").await;
    let own = s
        .post(&attacker, "/organizations", json!({"name": "Bait Co"}))
        .await
        .expect(201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let bait = invite(&s, &attacker, &own, "victim@example.com", "billing").await;
    let (bait_id, bait_nonce) = (
        bait["id"].as_str().unwrap(),
        bait["nonce"].as_str().unwrap(),
    );
    let body = json!({"first_name": "Not", "last_name": "Victim", "email": "victim@example.com",
        "password": "attacker-pass", "invitation_id": bait_id, "nonce": bait_nonce});
    let session = s
        .call(Method::POST, None, &api("/users"), Some(body))
        .await
        .expect(201);
    assert_eq!(session["user"]["email_verified"], false);
    let token = session["token"].as_str().unwrap();
    // Their own invitation accepts with its nonce; the victim's stays out of reach.
    s.put(
        token,
        &format!("/invitations/{bait_id}"),
        json!({"nonce": bait_nonce}),
    )
    .await
    .expect(200);
    assert_eq!(
        s.get(token, "/invitations").await.expect(200)["invitations"],
        json!([])
    );
    assert_eq!(
        s.get(token, "/user").await.expect(200)["email_verified"],
        false
    );
    s.invitation(&owner, &org, "victim@example.com").await;
}

#[tokio::test]
async fn an_admin_never_sees_the_nonce_of_an_owner_invitation() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    invite(&s, &owner, &org, "next.owner@example.com", "owner").await;
    invite(&s, &owner, &org, "next.admin@example.com", "admin").await;
    let admin = s.sign_in("ada@example.com").await;
    let to_owner = s.invitation(&admin, &org, "next.owner@example.com").await;
    assert!(to_owner.get("nonce").is_none(), "{to_owner}");
    let id = to_owner["id"].as_str().unwrap();
    let shown = s
        .get(&admin, &format!("/invitations/{id}"))
        .await
        .expect(200);
    assert!(shown.get("nonce").is_none(), "{shown}");
    // Invitations the admin could have sent show theirs; the owner sees every nonce.
    assert!(s.invitation(&admin, &org, "next.admin@example.com").await["nonce"].is_string());
    assert!(s.invitation(&owner, &org, "next.owner@example.com").await["nonce"].is_string());
}

#[tokio::test]
async fn an_unverified_invitee_declines_only_with_the_link() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    invite(&s, &owner, &org, "decline.me@example.com", "billing").await;
    let (id, nonce) = parse_link(&s.link_for("decline.me@example.com"));
    let token = s
        .sign_up("decline.me@example.com", "squatter-pass")
        .await
        .expect(201)["token"]
        .as_str()
        .unwrap()
        .to_owned();
    s.delete(&token, &format!("/invitations/{id}"))
        .await
        .expect_error(403, "Verify your email address to decline this invitation");
    s.invitation(&owner, &org, "decline.me@example.com").await;
    s.delete(&token, &format!("/invitations/{id}?nonce={nonce}"))
        .await
        .expect(204);
}

#[tokio::test]
async fn an_expired_invitation_does_not_sign_anyone_up() {
    let s = TestServer::start().await;
    let (owner, org) = owner_and_org(&s).await;
    invite(&s, &owner, &org, "too.late@example.com", "billing").await;
    let (id, nonce, proof) = parse_full_link(&s.link_for("too.late@example.com"));
    org_api_server::on_db!(&s.db, db => sqlx::query("UPDATE invitations SET expires_at = '2026-01-01T00:00:00Z' WHERE id = $1")
        .bind(&id)
        .execute(db).await.map(|r| r.rows_affected()))
        .unwrap();
    let body = json!({"first_name": "Too", "last_name": "Late", "email": "too.late@example.com",
        "password": "too-late-pass", "invitation_id": id, "nonce": nonce, "proof": proof});
    s.call(Method::POST, None, &api("/users"), Some(body))
        .await
        .expect_error(422, "This invitation has expired");
}
