//! Security rules, input limits: each a 422 naming the field, from the contract crate's one
//! set of rules, and a 413 for a body over 64 KiB.

mod common;

use common::{api, TestServer};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn every_field_has_its_length_and_line_rules() {
    let s = TestServer::start().await;
    let owner = s.sign_in("sloth@example.com").await;
    let org = s.org(&owner, "MO TEST").await;
    let cases = [
        (
            json!({"name": "x".repeat(81)}),
            "Organization name must be at most 80 characters",
        ),
        (
            json!({"name": "Evil\r\nBcc: all"}),
            "Organization name must be on one line, without control characters",
        ),
        (
            json!({"description": "d".repeat(1001)}),
            "Description must be at most 1000 characters",
        ),
        (
            json!({"description": "bell\u{7}"}),
            "Description must not contain control characters",
        ),
        (
            json!({"website": format!("https://a.com/{}", "p".repeat(200))}),
            "Website must be at most 200 characters",
        ),
        (
            json!({"twitter": "@a\nb"}),
            "Twitter handle must be on one line, without control characters",
        ),
        (
            json!({"billing_address": {"address": "1 Way\n2 Way", "city": "X", "zip_code": "1", "country": "US"}}),
            "Street address must be on one line, without control characters",
        ),
        (
            json!({"billing_address": {"address": "1 Way", "city": "c".repeat(81), "zip_code": "1", "country": "US"}}),
            "City must be at most 80 characters",
        ),
    ];
    for (body, message) in cases {
        s.put(&owner, &format!("/organizations/{org}"), body.clone())
            .await
            .expect_error(422, message);
    }
    // 1,000 characters of description (multi-line) are fine.
    s.put(
        &owner,
        &format!("/organizations/{org}"),
        json!({"description": format!("{}\n{}", "a".repeat(500), "b".repeat(499))}),
    )
    .await
    .expect(200);
    s.post(
        &owner,
        &format!("/organizations/{org}/projects"),
        json!({"name": "p".repeat(81)}),
    )
    .await
    .expect_error(422, "Project name must be at most 80 characters");
    s.put(&owner, "/user", json!({"first_name": "Packet\nSloth"}))
        .await
        .expect_error(
            422,
            "First name must be on one line, without control characters",
        );
}

#[tokio::test]
async fn sign_up_refuses_control_characters_long_emails_and_long_passwords() {
    let s = TestServer::start().await;
    let sign_up = |first: &str, email: &str, password: &str| {
        let body =
            json!({"first_name": first, "last_name": "L", "email": email, "password": password});
        s.call(Method::POST, None, "/metal/v1/users", Some(body))
    };
    sign_up("Eve\nSubject: hi", "eve@example.com", "long-enough")
        .await
        .expect_error(
            422,
            "First name must be on one line, without control characters",
        );
    let long_email = format!("{}@example.com", "e".repeat(250));
    let r = sign_up("Eve", &long_email, "long-enough").await;
    assert_eq!(r.status, 422);
    assert_eq!(r.messages(), ["Email must be at most 254 characters"]);
    sign_up("Eve", "eve@example.com", &"p".repeat(129))
        .await
        .expect_error(422, "Password must be at most 128 characters");
}

#[tokio::test]
async fn invitations_refuse_control_characters_and_too_many_projects_and_deduplicate() {
    let s = TestServer::start().await;
    let owner = s.sign_in("sloth@example.com").await;
    let org = s.org(&owner, "MO TEST").await;
    let project = s.project(&owner, &org, "Edge Cache").await;
    let path = format!("/organizations/{org}/invitations");
    s.post(
        &owner,
        &path,
        json!({"invitee": "ctl@example.com", "roles": ["admin"], "message": "hi\u{1b}[2J"}),
    )
    .await
    .expect_error(
        422,
        "The message to ctl@example.com must not contain control characters",
    );
    let many: Vec<String> = (0..101).map(|i| format!("p{i}")).collect();
    s.post(
        &owner,
        &path,
        json!({"invitee": "many@example.com", "roles": ["collaborator"], "projects_ids": many}),
    )
    .await
    .expect_error(422, "Choose at most 100 projects for many@example.com");
    // The same project named 500 times is one project.
    let same = vec![project.clone(); 500];
    let created = s
        .post(
            &owner,
            &format!("{path}?include=projects"),
            json!({"invitee": "dup@example.com", "roles": ["collaborator"], "projects_ids": same,
                "message": "Line one\nLine two"}),
        )
        .await
        .expect(201);
    assert_eq!(created["projects"].as_array().unwrap().len(), 1);
    // A member update: de-duplicated and capped the same way.
    let grace = s.member(&owner, &org, "grace@example.com").await;
    let updated = s
        .put(
            &owner,
            &format!("/organizations/{org}/members/{grace}"),
            json!({"roles": ["collaborator"], "projects_ids": vec![project.clone(); 3]}),
        )
        .await
        .expect(200);
    assert_eq!(updated["projects_count"], 1);
    let many: Vec<String> = (0..101).map(|i| format!("p{i}")).collect();
    s.put(
        &owner,
        &format!("/organizations/{org}/members/{grace}"),
        json!({"roles": ["collaborator"], "projects_ids": many}),
    )
    .await
    .expect_error(422, "Choose at most 100 projects at once");
}

#[tokio::test]
async fn a_body_over_64_kib_is_a_413() {
    let s = TestServer::start().await;
    let owner = s.sign_in("sloth@example.com").await;
    let big = json!({"name": "Big", "description": "x".repeat(70 * 1024)});
    let r = s.post(&owner, "/organizations", big).await;
    assert_eq!(r.status, 413, "{}", r.body);
    assert_eq!(
        r.messages(),
        ["The request body is larger than 65536 bytes"]
    );
    // Just under the limit is read (and refused for what it says, not for its size).
    let under = json!({"name": "Big", "description": "x".repeat(60 * 1024)});
    s.post(&owner, "/organizations", under)
        .await
        .expect_error(422, "Description must be at most 1000 characters");
    // Also without a token: the body limit applies before anything else.
    let r = s
        .call(
            Method::POST,
            None,
            &api("/users"),
            Some(json!({"first_name": "x".repeat(70 * 1024)})),
        )
        .await;
    assert_eq!(r.status, 413);
}
