//! Every cell of the contract's permission matrix for every role, against the real server:
//! 2xx where the matrix says yes, 403 where it says no, 404 for organizations the caller
//! does not belong to. The expectations are written out from the contract (docs/api.md), not computed.

mod common;

use common::TestServer;
use serde_json::json;

/// The demo users of MO TEST, in the order of the contract's columns.
const ACTORS: [&str; 5] = [
    "sloth@example.com",   // owner
    "ada@example.com",     // admin
    "grace@example.com",   // collaborator
    "alan@example.com",    // limited_collaborator
    "barbara@example.com", // billing
];

/// The contract's matrix, one row per checked action: yes/no for owner, admin,
/// collaborator, limited_collaborator, billing.
const Y: bool = true;
const N: bool = false;
const MATRIX: &[(&str, [bool; 5])] = &[
    ("see the organization", [Y, Y, Y, Y, Y]),
    ("see the member list", [Y, Y, Y, Y, Y]),
    ("edit organization settings", [Y, Y, N, N, N]),
    ("see pending invitations", [Y, Y, N, N, N]),
    ("invite as admin", [Y, Y, N, N, N]),
    ("invite as collaborator", [Y, Y, N, N, N]),
    ("invite as limited_collaborator", [Y, Y, N, N, N]),
    ("invite as billing", [Y, Y, N, N, N]),
    ("invite as owner", [Y, N, N, N, N]),
    ("make someone owner", [Y, N, N, N, N]),
    ("change a member's role", [Y, Y, N, N, N]),
    ("change a member's projects", [Y, Y, N, N, N]),
    ("remove a member", [Y, Y, N, N, N]),
    ("change an owner's role", [Y, N, N, N, N]),
    ("remove an owner", [Y, N, N, N, N]),
    ("resend an invitation", [Y, Y, N, N, N]),
    ("revoke an invitation", [Y, Y, N, N, N]),
    ("see projects", [Y, Y, Y, Y, N]),
    ("create a project", [Y, Y, N, N, N]),
    ("see billing and payment methods", [Y, Y, N, N, Y]),
    ("delete the organization", [Y, N, N, N, N]),
    ("leave the organization", [Y, Y, Y, Y, Y]),
];

fn expected(action: &str, column: usize) -> bool {
    MATRIX
        .iter()
        .find(|(a, _)| *a == action)
        .unwrap_or_else(|| panic!("{action} not in matrix"))
        .1[column]
}

/// Records each cell's result so one run reports every wrong cell.
struct Cells {
    column: usize,
    wrong: Vec<String>,
    checked: usize,
}

impl Cells {
    fn cell(&mut self, action: &str, status: u16) {
        self.checked += 1;
        let allowed = expected(action, self.column);
        let ok = if allowed {
            (200..300).contains(&status)
        } else {
            status == 403
        };
        if !ok {
            let want = if allowed { "2xx" } else { "403" };
            self.wrong.push(format!(
                "{} / {action}: got {status}, want {want}",
                ACTORS[self.column]
            ));
        }
    }
}

async fn run_column(column: usize) {
    let s = TestServer::start().await;
    let owner = s.sign_in("sloth@example.com").await;
    let actor = s.sign_in(ACTORS[column]).await;
    let org = s.org(&owner, "MO TEST").await;
    // Two more owners, so owner-targeted cells do not run into the last-owner guard.
    org_api_server::on_db!(&s.db, db => sqlx::query("UPDATE members SET role = 'owner' WHERE user_id IN (SELECT id FROM users WHERE email IN ('frances@example.com', 'margaret@example.com'))")
        .execute(db).await.map(|r| r.rows_affected()))
        .unwrap();
    let project = s.project(&owner, &org, "Staging").await;
    let mut ids = vec![];
    for email in [
        "edsger",
        "katherine",
        "dennis",
        "radia",
        "frances",
        "margaret",
    ] {
        ids.push(
            s.member(&owner, &org, &format!("{email}@example.com"))
                .await,
        );
    }
    let [edsger, katherine, dennis, radia, frances, margaret] =
        <[String; 6]>::try_from(ids).unwrap();
    let resend = s.invitation(&owner, &org, "finance@example.org").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let revoke = s.invitation(&owner, &org, "contractor@example.net").await["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let mut c = Cells {
        column,
        wrong: vec![],
        checked: 0,
    };
    let o = format!("/organizations/{org}");
    c.cell("see the organization", s.get(&actor, &o).await.status);
    c.cell(
        "see the member list",
        s.get(&actor, &format!("{o}/members")).await.status,
    );
    c.cell(
        "edit organization settings",
        s.put(&actor, &o, json!({"description": "Edited"}))
            .await
            .status,
    );
    c.cell(
        "see pending invitations",
        s.get(&actor, &format!("{o}/invitations")).await.status,
    );
    for role in [
        "admin",
        "collaborator",
        "limited_collaborator",
        "billing",
        "owner",
    ] {
        let invitee = format!("new-{role}@example.com");
        let projects = if role.contains("collaborator") {
            json!([project])
        } else {
            json!([])
        };
        let body = json!({"invitee": invitee, "roles": [role], "projects_ids": projects});
        c.cell(
            &format!("invite as {role}"),
            s.post(&actor, &format!("{o}/invitations"), body)
                .await
                .status,
        );
    }
    let m = |id: &str| format!("{o}/members/{id}");
    c.cell(
        "make someone owner",
        s.put(&actor, &m(&edsger), json!({"roles": ["owner"]}))
            .await
            .status,
    );
    c.cell(
        "change a member's role",
        s.put(&actor, &m(&katherine), json!({"roles": ["billing"]}))
            .await
            .status,
    );
    let projects = json!({"roles": ["collaborator"], "projects_ids": [project]});
    c.cell(
        "change a member's projects",
        s.put(&actor, &m(&dennis), projects).await.status,
    );
    c.cell("remove a member", s.delete(&actor, &m(&radia)).await.status);
    c.cell(
        "change an owner's role",
        s.put(&actor, &m(&frances), json!({"roles": ["admin"]}))
            .await
            .status,
    );
    c.cell(
        "remove an owner",
        s.delete(&actor, &m(&margaret)).await.status,
    );
    c.cell(
        "resend an invitation",
        s.post(&actor, &format!("/invitations/{resend}"), json!(null))
            .await
            .status,
    );
    c.cell(
        "revoke an invitation",
        s.delete(&actor, &format!("/invitations/{revoke}"))
            .await
            .status,
    );
    let projects = s.get(&actor, &format!("{o}/projects")).await;
    c.cell("see projects", projects.status);
    c.cell(
        "create a project",
        s.post(&actor, &format!("{o}/projects"), json!({"name": "New"}))
            .await
            .status,
    );
    c.cell(
        "see billing and payment methods",
        s.get(&actor, &format!("{o}/payment-methods")).await.status,
    );

    // Deleting is checked on a fresh organization where the actor holds the same role.
    let sandbox = s
        .post(&owner, "/organizations", json!({"name": "Sandbox"}))
        .await
        .expect(201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    if column != 0 {
        let role = [
            "owner",
            "admin",
            "collaborator",
            "limited_collaborator",
            "billing",
        ][column];
        org_api_server::on_db!(&s.db, db => sqlx::query("INSERT INTO members (id, organization_id, user_id, role, created_at, updated_at) SELECT $1, $2, id, $3, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM users WHERE email = $4")
            .bind(uuid::Uuid::new_v4().to_string())
            .bind(&sandbox)
            .bind(role)
            .bind(ACTORS[column])
            .execute(db).await.map(|r| r.rows_affected()))
            .unwrap();
    }
    c.cell(
        "delete the organization",
        s.delete(&actor, &format!("/organizations/{sandbox}"))
            .await
            .status,
    );
    let me = s.member(&actor, &org, ACTORS[column]).await;
    c.cell(
        "leave the organization",
        s.delete(&actor, &m(&me)).await.status,
    );

    assert_eq!(
        c.checked,
        MATRIX.len(),
        "every row of the matrix is checked"
    );
    assert!(
        c.wrong.is_empty(),
        "cells that disagree with the contract:\n{}",
        c.wrong.join("\n")
    );

    // What a collaborator sees of projects is only their own.
    if column == 2 || column == 3 {
        let names: Vec<_> = projects.body["projects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].clone())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }
    if column == 0 || column == 1 {
        assert_eq!(projects.body["meta"]["total"], 4);
    }
}

#[tokio::test]
async fn owner_column() {
    run_column(0).await;
}

#[tokio::test]
async fn admin_column() {
    run_column(1).await;
}

#[tokio::test]
async fn collaborator_column() {
    run_column(2).await;
}

#[tokio::test]
async fn limited_collaborator_column() {
    run_column(3).await;
}

#[tokio::test]
async fn billing_column() {
    run_column(4).await;
}

#[tokio::test]
async fn organizations_of_others_are_404_for_every_endpoint() {
    let s = TestServer::start().await;
    let stranger = s.sign_in("margaret@example.com").await;
    let grace = s.sign_in("grace@example.com").await;
    // Margaret is not in Sloth Labs.
    let labs = s.org(&grace, "Sloth Labs").await;
    let member = s.member(&grace, &labs, "grace@example.com").await;
    let o = format!("/organizations/{labs}");
    let replies = [
        s.get(&stranger, &o).await,
        s.put(&stranger, &o, json!({"name": "Mine"})).await,
        s.delete(&stranger, &o).await,
        s.get(&stranger, &format!("{o}/members")).await,
        s.put(
            &stranger,
            &format!("{o}/members/{member}"),
            json!({"roles": ["admin"]}),
        )
        .await,
        s.delete(&stranger, &format!("{o}/members/{member}")).await,
        s.get(&stranger, &format!("{o}/invitations")).await,
        s.post(
            &stranger,
            &format!("{o}/invitations"),
            json!({"invitee": "x@example.com", "roles": ["admin"]}),
        )
        .await,
        s.get(&stranger, &format!("{o}/projects")).await,
        s.post(&stranger, &format!("{o}/projects"), json!({"name": "X"}))
            .await,
        s.get(&stranger, &format!("{o}/payment-methods")).await,
        s.get(
            &stranger,
            "/organizations/00000000-0000-0000-0000-000000000000",
        )
        .await,
    ];
    for r in replies {
        r.expect_error(404, "Not found");
    }
}

/// The security rules' who-sees-what, one row per field: yes/no for owner, admin,
/// collaborator, limited_collaborator, billing.
const WHO_SEES: &[(&str, [bool; 5])] = &[
    ("credit and billing address", [Y, Y, N, N, Y]),
    ("every project in the member list", [Y, Y, N, N, N]),
    ("own projects in the member list", [Y, Y, Y, Y, N]),
];

fn sees(what: &str, column: usize) -> bool {
    WHO_SEES.iter().find(|(w, _)| *w == what).unwrap().1[column]
}

async fn who_sees_column(column: usize) {
    let s = TestServer::start().await;
    let token = s.sign_in(ACTORS[column]).await;
    let org = s.org(&token, "MO TEST").await;
    let billing = sees("credit and billing address", column);
    // The organization, alone and in the list.
    let alone = s
        .get(&token, &format!("/organizations/{org}"))
        .await
        .expect(200);
    let list = s
        .get(&token, "/organizations?per_page=100")
        .await
        .expect(200);
    let listed = list["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == org.as_str())
        .unwrap()
        .clone();
    for o in [&alone, &listed] {
        if billing {
            assert_eq!(o["credit_amount"], 250.0, "column {column}: {o}");
            assert_eq!(o["billing_address"]["city"], "New York", "column {column}");
        } else {
            assert!(o["credit_amount"].is_null(), "column {column}: {o}");
            assert!(o.get("billing_address").is_none(), "column {column}: {o}");
        }
    }
    // Projects in the member list: expanded exactly where the viewer may see the project.
    let own: Vec<String> = match s
        .get(
            &token,
            &format!("/organizations/{org}/projects?per_page=100"),
        )
        .await
    {
        r if r.status == 200 => r.body["projects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_owned())
            .collect(),
        _ => vec![],
    };
    let members = s
        .get(
            &token,
            &format!("/organizations/{org}/members?include=user,projects&per_page=100"),
        )
        .await
        .expect(200);
    let (mut full, mut refs) = (0, 0);
    for m in members["members"].as_array().unwrap() {
        for p in m["projects"].as_array().unwrap() {
            let id = p["href"].as_str().unwrap().rsplit('/').next().unwrap();
            let may = sees("every project in the member list", column)
                || (sees("own projects in the member list", column) && own.iter().any(|o| o == id));
            if may {
                assert!(
                    p.get("name").is_some(),
                    "column {column}: {p} should be expanded"
                );
                full += 1;
            } else {
                assert_eq!(
                    p.as_object().unwrap().len(),
                    1,
                    "column {column}: {p} should be a reference"
                );
                refs += 1;
            }
        }
    }
    // The demo data puts projects on several members, so each column sees both kinds
    // or, for owners and admins, only full ones.
    assert!(full + refs > 0);
    if sees("every project in the member list", column) {
        assert_eq!(refs, 0);
    } else {
        assert!(
            refs > 0,
            "column {column} should meet projects it may not see"
        );
    }
}

#[tokio::test]
async fn who_sees_what_owner() {
    who_sees_column(0).await;
}

#[tokio::test]
async fn who_sees_what_admin() {
    who_sees_column(1).await;
}

#[tokio::test]
async fn who_sees_what_collaborator() {
    who_sees_column(2).await;
}

#[tokio::test]
async fn who_sees_what_limited_collaborator() {
    who_sees_column(3).await;
}

#[tokio::test]
async fn who_sees_what_billing() {
    who_sees_column(4).await;
}

/// An invitee reading their invitation with `include=organization` is no member: no
/// billing fields.
#[tokio::test]
async fn an_invitee_sees_no_billing_of_the_inviting_organization() {
    let s = TestServer::start().await;
    let owner = s.sign_in("sloth@example.com").await;
    let org = s
        .post(&owner, "/organizations", json!({"name": "Inviting Co"}))
        .await
        .expect(201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    s.post(
        &owner,
        &format!("/organizations/{org}/invitations"),
        json!({"invitee": "radia@example.com", "roles": ["billing"]}),
    )
    .await
    .expect(201);
    let radia = s.sign_in("radia@example.com").await;
    let mine = s
        .get(&radia, "/invitations?include=organization")
        .await
        .expect(200);
    let invitation = mine["invitations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["organization"]["id"] == org.as_str())
        .unwrap()
        .clone();
    assert!(invitation["organization"]["credit_amount"].is_null());
    assert!(invitation["organization"].get("billing_address").is_none());
    // The manager who sent it sees them through the same expansion.
    let id = invitation["id"].as_str().unwrap();
    let managed = s
        .get(&owner, &format!("/invitations/{id}?include=organization"))
        .await
        .expect(200);
    assert_eq!(managed["organization"]["credit_amount"], 0.0);
}
