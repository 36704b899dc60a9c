//! The member list, changing and removing members, leaving, and the last-owner guard.

mod common;

use common::TestServer;
use serde_json::json;

#[tokio::test]
async fn the_member_list_paginates_with_meta_over_25_members() {
    let s = TestServer::start().await;
    let t = s.sign_in("sloth@example.com").await;
    let org = org_api_server::demo::seed_large(&s.db, 30).await.unwrap();
    let page = |n: u32| format!("/organizations/{org}/members?include=user&page={n}&per_page=10");
    let first = s.get(&t, &page(1)).await.expect(200);
    let meta = &first["meta"];
    assert_eq!(meta["total"], 31);
    assert_eq!(meta["current_page"], 1);
    assert_eq!(meta["last_page"], 4);
    assert_eq!(meta["previous"], serde_json::Value::Null);
    assert_eq!(
        meta["next"]["href"],
        format!("/metal/v1/organizations/{org}/members?page=2&per_page=10&include=user")
    );
    assert_eq!(
        meta["last"]["href"],
        format!("/metal/v1/organizations/{org}/members?page=4&per_page=10&include=user")
    );
    let mut seen = std::collections::HashSet::new();
    for n in 1..=4 {
        let p = s.get(&t, &page(n)).await.expect(200);
        for m in p["members"].as_array().unwrap() {
            assert!(m["user"]["email"].is_string());
            assert!(
                seen.insert(m["id"].as_str().unwrap().to_owned()),
                "a member on two pages"
            );
        }
    }
    assert_eq!(seen.len(), 31);
    let last = s.get(&t, &page(4)).await.expect(200);
    assert_eq!(last["members"].as_array().unwrap().len(), 1);
    assert_eq!(last["meta"]["next"], serde_json::Value::Null);
    // Default page size is 10, the maximum 1000.
    assert_eq!(
        s.get(&t, &format!("/organizations/{org}/members"))
            .await
            .expect(200)["members"]
            .as_array()
            .unwrap()
            .len(),
        10
    );
    let all = s
        .get(&t, &format!("/organizations/{org}/members?per_page=5000"))
        .await
        .expect(200);
    assert_eq!(all["members"].as_array().unwrap().len(), 31);
    s.get(&t, &format!("/organizations/{org}/members?page=x"))
        .await
        .expect_error(422, "page must be a whole number, not \"x\"");
}

#[tokio::test]
async fn a_member_has_every_contract_field() {
    let s = TestServer::start().await;
    let t = s.sign_in("grace@example.com").await;
    let org = s.org(&t, "MO TEST").await;
    let list = s
        .get(&t, &format!("/organizations/{org}/members?per_page=100"))
        .await
        .expect(200);
    let m = &list["members"][2];
    for field in [
        "id",
        "roles",
        "projects",
        "projects_count",
        "user",
        "organization",
        "created_at",
        "updated_at",
        "href",
    ] {
        assert!(m.get(field).is_some(), "missing {field}");
    }
    assert_eq!(
        m["user"].as_object().unwrap().len(),
        1,
        "unexpanded user is {{href}}"
    );
    // Admins and owners have an empty project list.
    assert_eq!(list["members"][0]["projects"], json!([]));
}

// The list's rows are read off SQLite's handle and out of PostgreSQL's JSON: text that JSON
// escapes, and text beyond ASCII, comes back as it was written on both.
#[tokio::test]
async fn names_with_quotes_backslashes_and_non_ascii_come_back_exactly_in_the_list() {
    let s = TestServer::start().await;
    let dennis = s.sign_in("dennis@example.com").await;
    let (first, last) = ("Zoë \"Z\" \\ O'Brien 🚀", "Ünïcødé <b>&amp;</b>");
    let full = format!("{first} {last}");
    s.put(
        &dennis,
        "/user",
        json!({"first_name": first, "last_name": last}),
    )
    .await
    .expect(200);
    let t = s.sign_in("ada@example.com").await;
    let org = s.org(&t, "MO TEST").await;
    let list = s
        .get(
            &t,
            &format!("/organizations/{org}/members?include=user&per_page=100"),
        )
        .await
        .expect(200);
    let members = list["members"].as_array().unwrap();
    let listed = members
        .iter()
        .find(|m| m["user"]["email"] == "dennis@example.com")
        .expect("dennis is listed");
    assert_eq!(listed["user"]["first_name"], first);
    assert_eq!(listed["user"]["last_name"], last);
    assert_eq!(listed["user"]["full_name"], full.as_str());
    // Each column keeps its type: a flag is a boolean, a time is the API's text, in UTC to
    // the second (PostgreSQL writes microseconds and an offset into the page's JSON).
    let api_time = |t: &serde_json::Value| {
        let t = t.as_str().unwrap_or_default();
        t.len() == 20 && t.ends_with('Z') && t.as_bytes()[10] == b'T'
    };
    for m in members {
        assert!(m["user"]["email_verified"].is_boolean(), "{m}");
        for time in [
            &m["created_at"],
            &m["updated_at"],
            &m["user"]["created_at"],
            &m["user"]["updated_at"],
        ] {
            assert!(api_time(time), "{time} in {m}");
        }
        let login = &m["user"]["last_login_at"];
        assert!(login.is_null() || api_time(login), "{login} in {m}");
    }
    // The same times as a single row read by sqlx says them.
    let own = s.get(&dennis, "/user").await.expect(200);
    assert!(
        api_time(&own["created_at"]) && api_time(&own["last_login_at"]),
        "{own}"
    );
    for field in ["created_at", "updated_at", "last_login_at"] {
        assert_eq!(listed["user"][field], own[field], "{field}");
    }
    // One member, as a change answers it, is read the same way.
    let member = listed["id"].as_str().unwrap();
    let changed = s
        .put(
            &t,
            &format!("/organizations/{org}/members/{member}?include=user"),
            json!({"roles": ["billing"], "projects_ids": []}),
        )
        .await
        .expect(200);
    assert_eq!(changed["user"]["full_name"], full.as_str());
}

#[tokio::test]
async fn an_admin_changes_a_collaborator_to_billing_and_it_persists() {
    let s = TestServer::start().await;
    let t = s.sign_in("ada@example.com").await;
    let org = s.org(&t, "MO TEST").await;
    let dennis = s.member(&t, &org, "dennis@example.com").await;
    let m = s
        .put(
            &t,
            &format!("/organizations/{org}/members/{dennis}"),
            json!({"roles": ["billing"], "projects_ids": []}),
        )
        .await
        .expect(200);
    assert_eq!(m["roles"], json!(["billing"]));
    assert_eq!(m["projects_count"], 0);
    let again = s
        .get(&t, &format!("/organizations/{org}/members?per_page=100"))
        .await
        .expect(200);
    let found = again["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == dennis.as_str())
        .unwrap();
    assert_eq!(found["roles"], json!(["billing"]));
}

#[tokio::test]
async fn collaborator_projects_are_edited_and_validated() {
    let s = TestServer::start().await;
    let t = s.sign_in("sloth@example.com").await;
    let org = s.org(&t, "MO TEST").await;
    let grace = s.member(&t, &org, "grace@example.com").await;
    let a = s.project(&t, &org, "Staging").await;
    let b = s.project(&t, &org, "Edge Cache").await;
    let path = format!("/organizations/{org}/members/{grace}?include=projects");
    let m = s
        .put(
            &t,
            &path,
            json!({"roles": ["collaborator"], "projects_ids": [a, b]}),
        )
        .await
        .expect(200);
    assert_eq!(m["projects_count"], 2);
    let names: Vec<_> = m["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Edge Cache", "Staging"]);
    s.put(
        &t,
        &path,
        json!({"roles": ["collaborator"], "projects_ids": []}),
    )
    .await
    .expect_error(422, "Choose at least one project for a collaborator");
    s.put(&t, &path, json!({"roles": ["admin"], "projects_ids": [a]}))
        .await
        .expect_error(422, "Projects can only be chosen for collaborators");
    s.put(
        &t,
        &path,
        json!({"roles": ["collaborator"], "projects_ids": ["nope"]}),
    )
    .await
    .expect_error(422, "Project nope is not in this organization");
    s.put(&t, &path, json!({"roles": []}))
        .await
        .expect_error(422, "Choose exactly one role");
}

#[tokio::test]
async fn an_admin_cannot_manage_an_owner_or_make_one() {
    let s = TestServer::start().await;
    let t = s.sign_in("ada@example.com").await;
    let org = s.org(&t, "MO TEST").await;
    let sloth = s.member(&t, &org, "sloth@example.com").await;
    let ken = s.member(&t, &org, "ken@example.com").await;
    s.put(
        &t,
        &format!("/organizations/{org}/members/{sloth}"),
        json!({"roles": ["admin"]}),
    )
    .await
    .expect_error(403, "Only owners can change an owner's membership");
    s.delete(&t, &format!("/organizations/{org}/members/{sloth}"))
        .await
        .expect_error(403, "Only owners can remove an owner");
    s.put(
        &t,
        &format!("/organizations/{org}/members/{ken}"),
        json!({"roles": ["owner"]}),
    )
    .await
    .expect_error(403, "Only owners can make someone an owner");
}

#[tokio::test]
async fn the_last_owner_cannot_be_demoted_removed_or_leave() {
    let s = TestServer::start().await;
    let t = s.sign_in("sloth@example.com").await;
    let org = s.org(&t, "MO TEST").await;
    let sloth = s.member(&t, &org, "sloth@example.com").await;
    let path = format!("/organizations/{org}/members/{sloth}");
    s.put(&t, &path, json!({"roles": ["admin"]}))
        .await
        .expect_error(422, "Packet Sloth is the last owner of this organization and cannot be demoted; make someone else an owner first");
    s.delete(&t, &path)
        .await
        .expect_error(422, "You are the last owner of this organization and cannot leave it; make someone else an owner first");
    // With a second owner, the first may step down and leave.
    let ada = s.member(&t, &org, "ada@example.com").await;
    s.put(
        &t,
        &format!("/organizations/{org}/members/{ada}"),
        json!({"roles": ["owner"]}),
    )
    .await
    .expect(200);
    let ada_token = s.sign_in("ada@example.com").await;
    s.put(&t, &path, json!({"roles": ["admin"]}))
        .await
        .expect(200);
    // Now Ada is the last owner, and Sloth (an admin) cannot remove her either.
    s.delete(&t, &format!("/organizations/{org}/members/{ada}"))
        .await
        .expect_error(403, "Only owners can remove an owner");
    s.put(&ada_token, &path, json!({"roles": ["owner"]}))
        .await
        .expect(200);
    assert_eq!(
        s.delete(&t, &path).await.status,
        204,
        "an owner who is not the last may leave"
    );
    s.get(&t, &format!("/organizations/{org}"))
        .await
        .expect_error(404, "Not found");
}

#[tokio::test]
async fn two_owners_demoting_each_other_at_once_leave_one_owner() {
    let s = TestServer::start().await;
    let t = s.sign_in("sloth@example.com").await;
    let org = s.org(&t, "MO TEST").await;
    let ada = s.member(&t, &org, "ada@example.com").await;
    s.put(
        &t,
        &format!("/organizations/{org}/members/{ada}"),
        json!({"roles": ["owner"]}),
    )
    .await
    .expect(200);
    let ada_token = s.sign_in("ada@example.com").await;
    let sloth = s.member(&t, &org, "sloth@example.com").await;
    let (ada_path, sloth_path) = (
        format!("/organizations/{org}/members/{ada}"),
        format!("/organizations/{org}/members/{sloth}"),
    );
    let (a, b) = tokio::join!(
        s.put(&t, &ada_path, json!({"roles": ["admin"]})),
        s.put(&ada_token, &sloth_path, json!({"roles": ["admin"]})),
    );
    let statuses = [a.status, b.status];
    let owners: i64 = org_api_server::on_db!(&s.db, db => sqlx::query_scalar(
        "SELECT count(*) FROM members WHERE organization_id = $1 AND role = 'owner'",
    )
    .bind(&org)
    .fetch_one(db).await)
    .unwrap();
    assert!(owners >= 1, "statuses {statuses:?} left {owners} owners");
}

#[tokio::test]
async fn a_member_leaves() {
    let s = TestServer::start().await;
    let t = s.sign_in("barbara@example.com").await;
    let org = s.org(&t, "MO TEST").await;
    let me = s.member(&t, &org, "barbara@example.com").await;
    assert_eq!(
        s.delete(&t, &format!("/organizations/{org}/members/{me}"))
            .await
            .status,
        204
    );
    s.get(&t, &format!("/organizations/{org}"))
        .await
        .expect_error(404, "Not found");
    assert_eq!(
        s.get(&t, "/user").await.expect(200)["default_organization_id"],
        serde_json::Value::Null
    );
}

#[tokio::test]
async fn the_user_id_extension_returns_one_membership() {
    let s = TestServer::start().await;
    let t = s.sign_in("grace@example.com").await;
    let me = s.get(&t, "/user").await.expect(200);
    let org = s.org(&t, "MO TEST").await;
    let uid = me["id"].as_str().unwrap();
    let list = s
        .get(
            &t,
            &format!("/organizations/{org}/members?include=user&user_id={uid}"),
        )
        .await
        .expect(200);
    assert_eq!(list["meta"]["total"], 1);
    assert_eq!(list["members"][0]["user"]["email"], "grace@example.com");
    assert_eq!(list["members"][0]["roles"], json!(["collaborator"]));
}

#[tokio::test]
async fn the_member_list_searches_filters_and_sorts_on_the_server() {
    let s = TestServer::start().await;
    let t = s.sign_in("sloth@example.com").await;
    let orgs = s
        .get(&t, "/organizations?personal=exclude")
        .await
        .expect(200);
    let mo = orgs["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "MO TEST")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let emails = |v: &serde_json::Value| -> Vec<String> {
        v["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["user"]["email"].as_str().unwrap().to_owned())
            .collect()
    };
    let get = |q: &str| {
        let path = format!("/organizations/{mo}/members?include=user&per_page=100&{q}");
        let s = &s;
        let t = t.clone();
        async move { s.get(&t, &path).await }
    };
    // Substring of name or email, case-insensitive; `q` is an alias of `search`.
    let lovelace = get("search=LOVEL").await.expect(200);
    assert_eq!(emails(&lovelace), ["ada@example.com"]);
    assert_eq!(lovelace["meta"]["total"], 1);
    assert_eq!(
        emails(&get("q=grace%40").await.expect(200)),
        ["grace@example.com"]
    );
    // `%` and `_` are letters here, not wildcards.
    assert_eq!(get("search=%25").await.expect(200)["meta"]["total"], 0);
    // Role filter, and the role of every row.
    let admins = get("role=admin").await.expect(200);
    assert!(!emails(&admins).is_empty());
    for m in admins["members"].as_array().unwrap() {
        assert_eq!(m["roles"], json!(["admin"]));
    }
    // Sorted by email both ways; by role, owners first.
    let mut want = emails(&get("").await.expect(200));
    want.sort_by_key(|e| e.to_lowercase());
    assert_eq!(emails(&get("sort_by=email").await.expect(200)), want);
    want.reverse();
    assert_eq!(
        emails(&get("sort=email&direction=desc").await.expect(200)),
        want
    );
    let by_role = get("sort_by=role").await.expect(200);
    assert_eq!(by_role["members"][0]["roles"], json!(["owner"]));
    // Only members without two-factor authentication, with the other filters and counted.
    let everyone = get("").await.expect(200);
    let off: Vec<String> = everyone["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["user"]["two_factor_auth"] == "")
        .map(|m| m["user"]["email"].as_str().unwrap().to_owned())
        .collect();
    assert!(!off.is_empty() && off.len() < emails(&everyone).len());
    let without = get("two_factor=off").await.expect(200);
    assert_eq!(emails(&without), off);
    assert_eq!(without["meta"]["total"], off.len());
    assert_eq!(
        get("two_factor=off&search=example.com").await.expect(200)["meta"]["total"],
        off.len()
    );
    get("two_factor=on")
        .await
        .expect_error(422, "two_factor must be off, not \"on\"");
    // The page links keep the search.
    let paged = s
        .get(
            &t,
            &format!("/organizations/{mo}/members?search=example&sort_by=name&per_page=2"),
        )
        .await
        .expect(200);
    assert!(paged["meta"]["next"]["href"]
        .as_str()
        .unwrap()
        .ends_with("&search=example&sort_by=name&sort_direction=asc"));
    // A search across first and last name, and the index follows a rename.
    assert_eq!(
        emails(&get("search=ada%20love").await.expect(200)),
        ["ada@example.com"]
    );
    // The index follows a rename: the new first name is found, the old one only where the
    // address still has it.
    assert_eq!(get("search=augusta").await.expect(200)["meta"]["total"], 0);
    let ada = s.sign_in("ada@example.com").await;
    s.put(&ada, "/user", json!({"first_name": "Augusta"}))
        .await
        .expect(200);
    assert_eq!(
        emails(&get("search=augusta%20lov").await.expect(200)),
        ["ada@example.com"]
    );
    assert_eq!(
        get("search=lovelace%20ada").await.expect(200)["meta"]["total"],
        1
    );
    assert_eq!(
        get("search=lovelace%20adal").await.expect(200)["meta"]["total"],
        0
    );
    // Nonsense is refused, by name.
    get("sort_by=height").await.expect_error(
        422,
        "sort_by must be name, email, role, created_at or last_login_at, not \"height\"",
    );
    get("role=emperor").await.expect(422);
    get("sort_direction=sideways").await.expect(422);
}

#[tokio::test]
async fn a_large_organization_sorted_by_name_reads_the_same_order_from_the_users_index() {
    let s = TestServer::start().await;
    let t = s.sign_in("sloth@example.com").await;
    let org = org_api_server::demo::seed_large(&s.db, 2100).await.unwrap();
    let mut all: Vec<(String, String)> = vec![];
    for page in 1..=3 {
        let list = s
            .get(
                &t,
                &format!("/organizations/{org}/members?include=user&per_page=1000&page={page}"),
            )
            .await
            .expect(200);
        for m in list["members"].as_array().unwrap() {
            let u = &m["user"];
            let name = format!(
                "{} {}",
                u["first_name"].as_str().unwrap(),
                u["last_name"].as_str().unwrap()
            );
            all.push((
                name.to_lowercase(),
                u["email"].as_str().unwrap().to_lowercase(),
            ));
        }
    }
    assert_eq!(all.len(), 2101);
    all.sort();
    for (dir, want) in [
        ("asc", all.clone()),
        ("desc", all.iter().rev().cloned().collect()),
    ] {
        let page = s
            .get(&t, &format!("/organizations/{org}/members?include=user&per_page=50&page=3&sort_by=name&sort_direction={dir}"))
            .await
            .expect(200);
        let got: Vec<String> = page["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["user"]["email"].as_str().unwrap().to_lowercase())
            .collect();
        let expected: Vec<String> = want[100..150].iter().map(|(_, e)| e.clone()).collect();
        assert_eq!(got, expected, "{dir}");
        assert_eq!(page["meta"]["total"], 2101);
    }
}

// The page is read as one JSON value that SQLite builds from an ordered, limited subquery:
// every sort, both ways, must come back in the order its own fields say.
#[tokio::test]
async fn every_sort_comes_back_in_its_order_both_ways() {
    let s = TestServer::start().await;
    let t = s.sign_in("sloth@example.com").await;
    let mo = s.org(&t, "MO TEST").await;
    let page = |q: String| {
        let (s, t) = (&s, t.clone());
        let path = format!("/organizations/{mo}/members?include=user&per_page=100&{q}");
        async move {
            s.get(&t, &path).await.expect(200)["members"]
                .as_array()
                .unwrap()
                .clone()
        }
    };
    type Key = fn(&serde_json::Value) -> String;
    let sorts: [(&str, Key); 3] = [
        ("created_at", |m| {
            m["created_at"].as_str().unwrap().to_owned()
        }),
        ("name", |m| {
            m["user"]["full_name"].as_str().unwrap().to_lowercase()
        }),
        ("email", |m| {
            m["user"]["email"].as_str().unwrap().to_lowercase()
        }),
    ];
    for (field, key) in sorts {
        let up: Vec<String> = page(format!("sort_by={field}"))
            .await
            .iter()
            .map(key)
            .collect();
        let down: Vec<String> = page(format!("sort_by={field}&sort_direction=desc"))
            .await
            .iter()
            .map(key)
            .collect();
        assert!(up.len() > 10, "{field}");
        assert!(
            up.windows(2).all(|w| w[0] <= w[1]),
            "{field} ascending: {up:?}"
        );
        assert!(
            down.windows(2).all(|w| w[0] >= w[1]),
            "{field} descending: {down:?}"
        );
    }
    // Last activity: the ones who never signed in come last either way.
    for dir in ["asc", "desc"] {
        let rows = page(format!("sort_by=last_login_at&sort_direction={dir}")).await;
        let seen: Vec<Option<&str>> = rows
            .iter()
            .map(|m| m["user"]["last_login_at"].as_str())
            .collect();
        let known: Vec<&str> = seen.iter().map_while(|s| *s).collect();
        assert!(
            seen[known.len()..].iter().all(Option::is_none),
            "{dir}: {seen:?}"
        );
        let ordered = if dir == "asc" {
            known.windows(2).all(|w| w[0] <= w[1])
        } else {
            known.windows(2).all(|w| w[0] >= w[1])
        };
        assert!(ordered, "{dir}: {known:?}");
    }
}

#[tokio::test]
async fn a_search_of_several_words_finds_members_with_every_word_in_any_order() {
    // As the console searches a list it holds: each word somewhere in the name or email.
    let s = TestServer::start().await;
    let t = s.sign_in("sloth@example.com").await;
    let org = s.org(&t, "MO TEST").await;
    let names = |q: &'static str| {
        let (s, t, org) = (&s, &t, &org);
        async move {
            let list = s
                .get(
                    t,
                    &format!("/organizations/{org}/members?include=user&per_page=100&search={q}"),
                )
                .await
                .expect(200);
            list["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["user"]["full_name"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(names("lovelace%20ada").await, ["Ada Lovelace"]);
    assert_eq!(names("ada%20lovelace").await, ["Ada Lovelace"]);
    // A short word with a long one: the index narrows by the long one, LIKE checks both.
    assert_eq!(names("ho%20grace").await, ["Grace Hopper"]);
    assert_eq!(names("ada%20example.com").await, ["Ada Lovelace"]);
    assert!(names("ada%20hopper").await.is_empty());
    let counted = s
        .get(
            &t,
            &format!("/organizations/{org}/members?search=hopper%20grace"),
        )
        .await
        .expect(200);
    assert_eq!(counted["meta"]["total"], 1);
}

// The links' ids come unordered from the page query; the server orders each member's
// projects by name, on the list and in a change's answer.
#[tokio::test]
async fn a_members_projects_come_in_name_order() {
    let s = TestServer::start().await;
    let t = s.sign_in("sloth@example.com").await;
    let org = s.org(&t, "MO TEST").await;
    let mut ids = vec![];
    // Five, so ids in any other order are very unlikely to be the names' order by chance.
    for name in ["Zeta", "Alpha", "Mid", "Omega", "Beta"] {
        let p = s
            .post(
                &t,
                &format!("/organizations/{org}/projects"),
                json!({"name": name}),
            )
            .await
            .expect(201);
        ids.push(p["id"].as_str().unwrap().to_owned());
    }
    let grace = s.member(&t, &org, "grace@example.com").await;
    let changed = s
        .put(
            &t,
            &format!("/organizations/{org}/members/{grace}?include=projects"),
            json!({"roles": ["collaborator"], "projects_ids": ids}),
        )
        .await
        .expect(200);
    let names = |m: &serde_json::Value| -> Vec<String> {
        m["projects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(&changed), ["Alpha", "Beta", "Mid", "Omega", "Zeta"]);
    let list = s
        .get(
            &t,
            &format!("/organizations/{org}/members?include=projects&per_page=100"),
        )
        .await
        .expect(200);
    let listed = list["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == grace.as_str())
        .unwrap();
    assert_eq!(names(listed), ["Alpha", "Beta", "Mid", "Omega", "Zeta"]);
}
