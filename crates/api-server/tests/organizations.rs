//! Listing, creating, reading, editing and deleting organizations.

mod common;

use common::TestServer;
use serde_json::json;

#[tokio::test]
async fn the_personal_filter_tells_personal_from_company_organizations() {
    let s = TestServer::start().await;
    let t = s.sign_in("sloth@example.com").await;
    let names = |v: serde_json::Value| -> Vec<String> {
        v["organizations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        names(s.get(&t, "/organizations?personal=only").await.expect(200)),
        ["Packet Sloth Projects"]
    );
    assert_eq!(
        names(
            s.get(&t, "/organizations?personal=exclude")
                .await
                .expect(200)
        ),
        ["MO TEST", "Sloth Labs"]
    );
    let all = s.get(&t, "/organizations").await.expect(200);
    assert_eq!(all["meta"]["total"], 3);
    assert_eq!(names(all).len(), 3);
    s.get(&t, "/organizations?personal=maybe")
        .await
        .expect_error(
            422,
            "personal must be include, exclude or only, not \"maybe\"",
        );
}

#[tokio::test]
async fn an_organization_has_every_contract_field() {
    let s = TestServer::start().await;
    let t = s.sign_in("barbara@example.com").await;
    let org = s.org(&t, "MO TEST").await;
    let o = s
        .get(&t, &format!("/organizations/{org}"))
        .await
        .expect(200);
    for field in [
        "id",
        "name",
        "description",
        "website",
        "twitter",
        "logo",
        "credit_amount",
        "billing_address",
        "enforce_2fa_at",
        "projects",
        "members",
        "created_at",
        "updated_at",
        "href",
    ] {
        assert!(o.get(field).is_some(), "missing {field}");
    }
    assert_eq!(o["href"], format!("/metal/v1/organizations/{org}"));
    assert_eq!(o["credit_amount"], 250.0);
    assert_eq!(o["billing_address"]["city"], "New York");
    assert_eq!(o["members"].as_array().unwrap().len(), 12);
    assert_eq!(o["projects"].as_array().unwrap().len(), 4);
    assert!(o["members"][0]["href"]
        .as_str()
        .unwrap()
        .starts_with(&format!("/metal/v1/organizations/{org}/members/")));
}

#[tokio::test]
async fn creating_makes_the_caller_owner() {
    let s = TestServer::start().await;
    let t = s.sign_in("grace@example.com").await;
    let o = s
        .post(&t, "/organizations", json!({"name": "  Hopper Inc ", "website": "https://hopper.example", "twitter": "hopper"}))
        .await
        .expect(201);
    assert_eq!(o["name"], "Hopper Inc");
    assert_eq!(o["twitter"], "@hopper");
    let id = o["id"].as_str().unwrap();
    let members = s
        .get(&t, &format!("/organizations/{id}/members?include=user"))
        .await
        .expect(200);
    assert_eq!(members["members"][0]["roles"], json!(["owner"]));
    assert_eq!(members["members"][0]["user"]["email"], "grace@example.com");
    let reply = s
        .post(
            &t,
            "/organizations",
            json!({"name": "", "website": "hopper.example"}),
        )
        .await;
    assert_eq!(reply.status, 422);
    assert_eq!(
        reply.messages(),
        [
            "Organization name is required",
            "Website must start with https:// or http://"
        ]
    );
}

#[tokio::test]
async fn editing_changes_only_the_named_fields() {
    let s = TestServer::start().await;
    let t = s.sign_in("ada@example.com").await;
    let org = s.org(&t, "MO TEST").await;
    let o = s
        .put(
            &t,
            &format!("/organizations/{org}"),
            json!({"description": "New words"}),
        )
        .await
        .expect(200);
    assert_eq!(o["description"], "New words");
    assert_eq!(o["website"], "https://mo-test.example.com");
    assert_eq!(o["name"], "MO TEST");
    let o = s
        .put(
            &t,
            &format!("/organizations/{org}"),
            json!({"website": "", "name": "MO TEST 2"}),
        )
        .await
        .expect(200);
    assert_eq!(o["website"], serde_json::Value::Null);
    assert_eq!(o["name"], "MO TEST 2");
    let address = json!({"address": "2 Main St", "city": "Austin", "zip_code": "73301", "country": "US", "state": "TX"});
    let o = s
        .put(
            &t,
            &format!("/organizations/{org}"),
            json!({"billing_address": address}),
        )
        .await
        .expect(200);
    assert_eq!(o["billing_address"]["city"], "Austin");
    let reply = s
        .put(
            &t,
            &format!("/organizations/{org}"),
            json!({"twitter": "not a handle", "name": " "}),
        )
        .await;
    assert_eq!(reply.status, 422);
    assert_eq!(reply.messages().len(), 2);
}

#[tokio::test]
async fn deleting_removes_it_for_everyone() {
    let s = TestServer::start().await;
    let t = s.sign_in("sloth@example.com").await;
    let ada = s.sign_in("ada@example.com").await;
    let org = s.org(&t, "MO TEST").await;
    assert_eq!(
        s.delete(&t, &format!("/organizations/{org}")).await.status,
        204
    );
    s.get(&ada, &format!("/organizations/{org}"))
        .await
        .expect_error(404, "Not found");
    let left: i64 = org_api_server::on_db!(&s.db, db => sqlx::query_scalar("SELECT count(*) FROM members WHERE organization_id = $1")
        .bind(&org)
        .fetch_one(db).await)
        .unwrap();
    assert_eq!(left, 0);
    let me = s.get(&ada, "/user").await.expect(200);
    assert_eq!(me["default_organization_id"], serde_json::Value::Null);
}

#[tokio::test]
async fn projects_are_created_by_managers_with_a_valid_name() {
    let s = TestServer::start().await;
    let t = s.sign_in("ada@example.com").await;
    let org = s.org(&t, "MO TEST").await;
    let p = s
        .post(
            &t,
            &format!("/organizations/{org}/projects"),
            json!({"name": "Analytics"}),
        )
        .await
        .expect(201);
    assert_eq!(
        p["organization"]["href"],
        format!("/metal/v1/organizations/{org}")
    );
    s.post(
        &t,
        &format!("/organizations/{org}/projects"),
        json!({"name": "x".repeat(81)}),
    )
    .await
    .expect_error(422, "Project name must be at most 80 characters");
    let list = s
        .get(
            &t,
            &format!("/organizations/{org}/projects?per_page=2&page=3"),
        )
        .await
        .expect(200);
    assert_eq!(list["meta"]["total"], 5);
    assert_eq!(list["projects"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn payment_methods_carry_brand_last_four_and_expiry() {
    let s = TestServer::start().await;
    let t = s.sign_in("barbara@example.com").await;
    let org = s.org(&t, "MO TEST").await;
    let list = s
        .get(&t, &format!("/organizations/{org}/payment-methods"))
        .await
        .expect(200);
    let first = &list["payment_methods"][0];
    assert_eq!(first["type"], "credit_card");
    assert_eq!(first["card_type"], "visa");
    assert_eq!(first["last_4"], "4242");
    assert_eq!(first["expiration_month"], "04");
    assert_eq!(first["expiration_year"], "2029");
    assert_eq!(first["default"], true);
}

#[tokio::test]
async fn the_list_carries_the_callers_membership_and_can_leave_out_collections() {
    let s = TestServer::start().await;
    let t = s.sign_in("grace@example.com").await;
    let list = s.get(&t, "/organizations?per_page=100").await.expect(200);
    let orgs = list["organizations"].as_array().unwrap();
    let find = |name: &str| orgs.iter().find(|o| o["name"] == name).unwrap().clone();
    // Grace is a collaborator in MO TEST: her role, her membership and its projects.
    let mo = find("MO TEST");
    assert_eq!(mo["membership"]["roles"], json!(["collaborator"]));
    assert_eq!(mo["personal"], false);
    let me = s.get(&t, "/user").await.expect(200);
    let mo_id = mo["id"].as_str().unwrap();
    let members = s
        .get(
            &t,
            &format!(
                "/organizations/{mo_id}/members?include=projects&user_id={}",
                me["id"].as_str().unwrap()
            ),
        )
        .await
        .expect(200);
    let mine = &members["members"][0];
    assert_eq!(mo["membership"]["id"], mine["id"]);
    let mut want: Vec<String> = mine["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect();
    let mut got: Vec<String> =
        serde_json::from_value(mo["membership"]["projects_ids"].clone()).unwrap();
    want.sort();
    got.sort();
    assert!(!got.is_empty());
    assert_eq!(got, want);
    assert!(mo["members"].as_array().unwrap().len() > 1);
    let personal = orgs.iter().find(|o| o["personal"] == true).unwrap();
    assert_eq!(personal["membership"]["roles"], json!(["owner"]));

    // exclude=members,projects leaves both collections out, and nothing else.
    let slim = s
        .get(&t, "/organizations?per_page=100&exclude=members,projects")
        .await
        .expect(200);
    for o in slim["organizations"].as_array().unwrap() {
        assert!(
            o.get("members").is_none() && o.get("projects").is_none(),
            "{o}"
        );
        assert!(o["membership"]["id"].is_string() && o["name"].is_string());
    }
    let one = s
        .get(&t, &format!("/organizations/{mo_id}"))
        .await
        .expect(200);
    assert!(
        one["members"].is_array(),
        "a plain answer keeps its collections"
    );
}

#[tokio::test]
async fn billing_chooses_the_default_card_and_removes_others_but_never_the_default() {
    let s = TestServer::start().await;
    let t = s.sign_in("barbara@example.com").await;
    let org = s.org(&t, "MO TEST").await;
    let cards = |v: &serde_json::Value| -> Vec<(String, bool)> {
        v["payment_methods"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["last_4"].as_str().unwrap().to_owned(),
                    c["default"].as_bool().unwrap(),
                )
            })
            .collect()
    };
    let path = format!("/organizations/{org}/payment-methods");
    let list = s.get(&t, &path).await.expect(200);
    assert_eq!(
        cards(&list),
        [("4242".to_owned(), true), ("5454".to_owned(), false)]
    );
    let (visa, master) = (
        list["payment_methods"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned(),
        list["payment_methods"][1]["id"]
            .as_str()
            .unwrap()
            .to_owned(),
    );
    // The default card cannot go; another one can become the default.
    s.delete(&t, &format!("{path}/{visa}")).await.expect_error(
        422,
        "This is the default card; make another card the default before removing it",
    );
    s.put(&t, &format!("{path}/{master}"), json!({"default": false}))
        .await
        .expect(422);
    let made = s
        .put(&t, &format!("{path}/{master}"), json!({"default": true}))
        .await
        .expect(200);
    assert_eq!(made["default"], true);
    assert_eq!(
        cards(&s.get(&t, &path).await.expect(200)),
        [("5454".to_owned(), true), ("4242".to_owned(), false)]
    );
    s.delete(&t, &format!("{path}/{visa}")).await.expect(204);
    assert_eq!(
        cards(&s.get(&t, &path).await.expect(200)),
        [("5454".to_owned(), true)]
    );

    // Roles that do not see billing may not touch it; a card of another organization is
    // not found through this one.
    let grace = s.sign_in("grace@example.com").await;
    s.put(
        &grace,
        &format!("{path}/{master}"),
        json!({"default": true}),
    )
    .await
    .expect(403);
    s.delete(&grace, &format!("{path}/{master}"))
        .await
        .expect(403);
    let own = s.sign_in("sloth@example.com").await;
    let labs = s.org(&own, "Packet Sloth Projects").await;
    s.delete(
        &own,
        &format!("/organizations/{labs}/payment-methods/{master}"),
    )
    .await
    .expect(404);
}
