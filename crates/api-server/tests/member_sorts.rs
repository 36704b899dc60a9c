//! A large organization (more members than the server sorts in memory: it reads them in
//! order from the users' indexes, and a sort by role role by role) comes back in the order
//! its own fields say, on any page, both ways, across the roles' boundaries.

mod common;

use std::cmp::Ordering;

use common::TestServer;

#[derive(Clone, Debug)]
struct Row {
    id: String,
    user_id: String,
    email: String,
    name: String,
    rank: u8,
    last_login_at: Option<String>,
}

fn rank(role: &str) -> u8 {
    [
        "owner",
        "admin",
        "collaborator",
        "limited_collaborator",
        "billing",
    ]
    .iter()
    .position(|r| *r == role)
    .unwrap_or(5) as u8
}

fn rows(list: &serde_json::Value) -> Vec<Row> {
    list["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let u = &m["user"];
            let s = |v: &serde_json::Value| v.as_str().unwrap().to_owned();
            Row {
                id: s(&m["id"]),
                user_id: s(&u["id"]),
                email: s(&u["email"]).to_lowercase(),
                name: format!("{} {}", s(&u["first_name"]), s(&u["last_name"])).to_lowercase(),
                rank: rank(m["roles"][0].as_str().unwrap()),
                last_login_at: u["last_login_at"].as_str().map(str::to_owned),
            }
        })
        .collect()
}

/// The order the API documents for each sort.
fn compare(field: &str, descending: bool, a: &Row, b: &Row) -> Ordering {
    let flip = |o: Ordering| if descending { o.reverse() } else { o };
    match field {
        "email" => flip(a.email.cmp(&b.email)),
        "name" => flip(a.name.cmp(&b.name).then_with(|| a.email.cmp(&b.email))),
        "role" => flip(a.rank.cmp(&b.rank))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.email.cmp(&b.email)),
        // Never signed in: last, either way.
        _ => (a.last_login_at.is_none().cmp(&b.last_login_at.is_none()))
            .then_with(|| flip(a.last_login_at.cmp(&b.last_login_at)))
            .then_with(|| flip(a.user_id.cmp(&b.user_id))),
    }
}

#[tokio::test]
async fn a_large_organization_reads_each_sort_in_its_fields_order_on_any_page() {
    let s = TestServer::start().await;
    let t = s.sign_in("sloth@example.com").await;
    // 5,100 members: 2,040 collaborators, more than the server sorts in memory.
    let org = org_api_server::demo::seed_large(&s.db, 5100).await.unwrap();
    // A hundred of them have signed in, each at another time.
    org_api_server::on_db!(&s.db, db => sqlx::query(
        "UPDATE users SET last_login_at = created_at WHERE email LIKE 'member000%'",
    )
    .execute(db)
    .await
    .map(|_| ()))
    .unwrap();
    let mut all = vec![];
    for page in 1..=6 {
        let path = format!("/organizations/{org}/members?include=user&per_page=1000&page={page}");
        all.extend(rows(&s.get(&t, &path).await.expect(200)));
    }
    assert_eq!(all.len(), 5101);
    for field in ["name", "email", "role", "last_login_at"] {
        for descending in [false, true] {
            let mut want = all.clone();
            want.sort_by(|a, b| compare(field, descending, a, b));
            let dir = if descending { "desc" } else { "asc" };
            // The first, a few crossing roles' boundaries, one each side of the middle
            // (the second half is read from the end, backwards), the last (partly full).
            for page in [1, 9, 30, 51, 52, 71, 90, 102, 103] {
                let path = format!("/organizations/{org}/members?include=user&per_page=50&page={page}&sort_by={field}&sort_direction={dir}");
                let list = s.get(&t, &path).await.expect(200);
                assert_eq!(list["meta"]["total"], 5101);
                let got: Vec<String> = rows(&list).into_iter().map(|r| r.id).collect();
                let at = (page - 1) * 50;
                let expected: Vec<String> = want[at..(at + 50).min(want.len())]
                    .iter()
                    .map(|r| r.id.clone())
                    .collect();
                assert_eq!(got, expected, "{field} {dir}, page {page}");
            }
            // Past the end: nothing, and still the total (the server reads no rows for it).
            let path = format!("/organizations/{org}/members?include=user&per_page=50&page=100000&sort_by={field}&sort_direction={dir}");
            let past = s.get(&t, &path).await.expect(200);
            assert_eq!(past["members"], serde_json::json!([]), "{field} {dir}");
            assert_eq!(past["meta"]["total"], 5101);
        }
    }
}
