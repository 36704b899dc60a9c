use super::*;

fn from_url(query: &str) -> TableState {
    let pairs: Vec<(String, String)> = query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.replace("%20", " ")))
        .collect();
    TableState::from_query(|k| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    })
}

#[test]
fn the_table_state_round_trips_through_the_url() {
    let state = TableState {
        query: "ada".into(),
        role: Some(Role::Admin),
        two_factor_off: true,
        sort: Some((SortKey::Joined, false)),
        page: 2,
    };
    assert_eq!(
        state.to_query(),
        "?q=ada&role=admin&2fa=off&sort=joined&dir=desc&page=3"
    );
    assert_eq!(from_url(&state.to_query()), state);
    assert_eq!(TableState::default().to_query(), "");
    assert_eq!(from_url(""), TableState::default());
    let spaced = TableState {
        query: "ada love".into(),
        ..TableState::default()
    };
    assert_eq!(spaced.to_query(), "?q=ada%20love");
    assert_eq!(from_url(&spaced.to_query()), spaced);
}

#[test]
fn invalid_url_values_fall_back_to_defaults() {
    let s = from_url("?role=emperor&2fa=maybe&sort=height&dir=sideways&page=zero");
    assert_eq!(s, TableState::default());
    assert_eq!(from_url("?page=0").page, 0);
    assert_eq!(from_url("?page=-3").page, 0);
    assert_eq!(
        from_url("?sort=email&dir=up").sort,
        Some((SortKey::Email, true))
    );
    assert_eq!(from_url("?dir=desc").sort, None);
}
use org_contract::{Href, User};

pub fn member(id: &str, name: &str, email: &str, role: Role, joined: &str) -> Member {
    let (first, last) = name.split_once(' ').unwrap_or((name, ""));
    Member {
        id: format!("m-{id}"),
        roles: vec![role],
        projects: vec![],
        projects_count: 0,
        user: Expandable::Full(Box::new(User {
            id: format!("u-{id}"),
            short_id: id.into(),
            first_name: first.into(),
            last_name: last.into(),
            full_name: name.into(),
            email: email.into(),
            avatar_url: None,
            avatar_thumb_url: None,
            two_factor_auth: String::new(),
            timezone: "UTC".into(),
            default_organization_id: None,
            last_login_at: None,
            created_at: joined.into(),
            updated_at: joined.into(),
            href: format!("/metal/v1/users/u-{id}"),
            email_verified: Some(true),
        })),
        organization: Href::new("/metal/v1/organizations/o"),
        created_at: joined.into(),
        updated_at: joined.into(),
        href: format!("/metal/v1/organizations/o/members/m-{id}"),
    }
}

fn rows(me: &str) -> Vec<MemberRow> {
    [
        member(
            "1",
            "Packet Sloth",
            "sloth@example.com",
            Role::Owner,
            "2025-01-01T00:00:00Z",
        ),
        member(
            "2",
            "Ada Lovelace",
            "ada@example.com",
            Role::Admin,
            "2025-03-01T00:00:00Z",
        ),
        member(
            "3",
            "Grace Hopper",
            "grace@example.com",
            Role::Collaborator,
            "2025-02-01T00:00:00Z",
        ),
        member(
            "4",
            "zed",
            "zed@example.com",
            Role::Billing,
            "2024-12-01T00:00:00Z",
        ),
    ]
    .iter()
    .map(|m| MemberRow::from_member(m, me))
    .collect()
}

fn names(p: &TablePage<'_>) -> Vec<String> {
    p.rows.iter().map(|r| r.name.clone()).collect()
}

#[test]
fn the_default_order_puts_me_first_then_names() {
    let mut r = rows("u-3");
    sort_rows(&mut r, None);
    assert_eq!(
        names(&table_page(&r, &TableState::default())),
        ["Grace Hopper", "Ada Lovelace", "Packet Sloth", "zed"]
    );
}

#[test]
fn sorting_by_each_column_both_ways() {
    let mut r = rows("u-3");
    let mut state = TableState::default();
    state.toggle_sort(SortKey::Joined);
    sort_rows(&mut r, state.sort);
    assert_eq!(
        names(&table_page(&r, &state)),
        ["zed", "Packet Sloth", "Grace Hopper", "Ada Lovelace"]
    );
    assert_eq!(state.aria_sort(SortKey::Joined), "ascending");
    assert_eq!(state.aria_sort(SortKey::Name), "none");
    state.toggle_sort(SortKey::Joined);
    sort_rows(&mut r, state.sort);
    assert_eq!(names(&table_page(&r, &state))[0], "Ada Lovelace");
    assert_eq!(state.aria_sort(SortKey::Joined), "descending");
    state.toggle_sort(SortKey::Role);
    sort_rows(&mut r, state.sort);
    assert_eq!(
        names(&table_page(&r, &state)),
        ["Packet Sloth", "Ada Lovelace", "Grace Hopper", "zed"]
    );
    state.toggle_sort(SortKey::Email);
    sort_rows(&mut r, state.sort);
    assert_eq!(names(&table_page(&r, &state))[0], "Ada Lovelace");
}

#[test]
fn sorting_ignores_case_even_where_lower_case_is_longer() {
    // "İ" is two bytes and lower-cases to three: the email key after it must still be the
    // email's, whole.
    let mut r: Vec<MemberRow> = [
        member(
            "1",
            "İris Ay",
            "b@example.com",
            Role::Admin,
            "2025-01-01T00:00:00Z",
        ),
        member(
            "2",
            "ayla",
            "A@example.com",
            Role::Admin,
            "2025-01-01T00:00:00Z",
        ),
        member(
            "3",
            "Bora",
            "c@example.com",
            Role::Admin,
            "2025-01-01T00:00:00Z",
        ),
    ]
    .iter()
    .map(|m| MemberRow::from_member(m, "nobody"))
    .collect();
    let by = |r: &[MemberRow]| names(&table_page(r, &TableState::default()));
    sort_rows(&mut r, Some((SortKey::Email, true)));
    assert_eq!(by(&r), ["ayla", "İris Ay", "Bora"]);
    sort_rows(&mut r, Some((SortKey::Email, false)));
    assert_eq!(by(&r), ["Bora", "İris Ay", "ayla"]);
    sort_rows(&mut r, Some((SortKey::Name, true)));
    assert_eq!(by(&r), ["ayla", "Bora", "İris Ay"]);
}

#[test]
fn search_matches_name_or_email_and_filter_by_role() {
    let mut r = rows("u-1");
    sort_rows(&mut r, None);
    let state = TableState {
        query: "GRACE".into(),
        ..Default::default()
    };
    assert_eq!(names(&table_page(&r, &state)), ["Grace Hopper"]);
    let state = TableState {
        query: "example.com lov".into(),
        ..Default::default()
    };
    assert_eq!(names(&table_page(&r, &state)), ["Ada Lovelace"]);
    let state = TableState {
        role: Some(Role::Billing),
        ..Default::default()
    };
    let page = table_page(&r, &state);
    assert_eq!((names(&page), page.matching), (vec!["zed".to_owned()], 1));
    let state = TableState {
        query: "nobody".into(),
        ..Default::default()
    };
    assert_eq!(table_page(&r, &state).matching, 0);
}

#[test]
fn pages_of_fifty() {
    let mut many: Vec<MemberRow> = (0..120)
        .map(|i| {
            MemberRow::from_member(
                &member(
                    &i.to_string(),
                    &format!("Person {i:03}"),
                    &format!("p{i}@x.io"),
                    Role::Collaborator,
                    "2025-01-01T00:00:00Z",
                ),
                "none",
            )
        })
        .collect();
    sort_rows(&mut many, None);
    let mut state = TableState::default();
    let first = table_page(&many, &state);
    assert_eq!(
        (first.rows.len(), first.page_count, first.matching),
        (50, 3, 120)
    );
    state.page = 2;
    let last = table_page(&many, &state);
    assert_eq!(
        (last.rows.len(), last.rows[0].name.as_str()),
        (20, "Person 100")
    );
    state.page = 99;
    assert_eq!(
        table_page(&many, &state).page,
        2,
        "a page past the end shows the last"
    );
}

#[test]
fn initials_and_colours_are_stable() {
    assert_eq!(initials("Packet Sloth"), "PS");
    assert_eq!(initials("ada@example.com"), "A");
    assert_eq!(initials("émile zola jr"), "ÉZ");
    assert_eq!(initials(""), "?");
    assert_eq!(hue("u-1"), hue("u-1"));
    assert!(hue("u-1") < 360);
}

#[test]
fn phone_sort_choices() {
    assert_eq!(sort_choice("joined-new"), Some((SortKey::Joined, false)));
    assert_eq!(sort_choice("email"), Some((SortKey::Email, true)));
    assert_eq!(sort_choice(""), None);
    for v in ["", "name", "email", "role", "joined-new", "joined-old"] {
        assert_eq!(sort_value(sort_choice(v)), v);
    }
}

#[test]
fn the_member_column_reports_the_sort_of_name_or_email() {
    let keys = [SortKey::Name, SortKey::Email];
    let mut state = TableState::default();
    assert_eq!(state.aria_sort_of(&keys), "ascending");
    state.toggle_sort(SortKey::Email);
    state.toggle_sort(SortKey::Email);
    assert_eq!(state.aria_sort_of(&keys), "descending");
    state.toggle_sort(SortKey::Role);
    assert_eq!(state.aria_sort_of(&keys), "none");
}

#[test]
fn the_two_factor_filter_keeps_only_members_without_it() {
    let mut r = rows("u-3");
    r[1].two_factor = "app".into();
    sort_rows(&mut r, None);
    let state = TableState {
        two_factor_off: true,
        ..TableState::default()
    };
    let page = table_page(&r, &state);
    assert_eq!(page.matching, r.len() - 1);
    assert!(page.rows.iter().all(|row| row.two_factor.is_empty()));
    // Searching keeps the filter.
    assert!(state.with_search("a", None).two_factor_off);
}

#[test]
fn a_row_is_drawn_anew_only_when_what_it_draws_once_changes() {
    let row = rows("u-2").swap_remove(1);
    let mut promoted = row.clone();
    promoted.role = Role::Owner;
    promoted.two_factor = "app".into();
    promoted.last_login_at = Some("2025-06-01T00:00:00Z".into());
    assert_eq!(row.row_key(), promoted.row_key());
    let renamed = |edit: fn(&mut MemberRow)| {
        let mut r = row.clone();
        edit(&mut r);
        r.row_key()
    };
    assert_ne!(row.row_key(), renamed(|r| r.name = "Ada King".into()));
    assert_ne!(
        row.row_key(),
        renamed(|r| r.email = "ada@king.example".into())
    );
    assert_ne!(
        row.row_key(),
        renamed(|r| r.avatar_url = Some("https://a.example/p.png".into()))
    );
    assert_ne!(
        row.row_key(),
        renamed(|r| r.joined = "2025-03-02T00:00:00Z".into())
    );
    assert_ne!(row.row_key(), renamed(|r| r.is_me = false));
    assert_ne!(rows("")[0].row_key(), rows("")[1].row_key());
}

fn page_of(ids: std::ops::Range<usize>) -> Vec<MemberRow> {
    ids.map(|i| {
        let m = member(
            &i.to_string(),
            &format!("Member {i:03}"),
            &format!("member{i:03}@example.com"),
            Role::Collaborator,
            "2025-01-01T00:00:00Z",
        );
        MemberRow::from_member(&m, "nobody")
    })
    .collect()
}

fn ids(rows: &[MemberRow]) -> Vec<&str> {
    rows.iter().map(|r| r.member_id.as_str()).collect()
}

#[test]
fn a_new_page_draws_its_first_rows_before_the_paint() {
    let page = page_of(0..50);
    let first = first_paint_rows(page.iter(), &Default::default());
    assert_eq!(first.len(), FIRST_PAINT_ROWS);
    assert_eq!(ids(&first), ids(&page[..FIRST_PAINT_ROWS]));
    // A short page is drawn whole.
    let short = page_of(0..7);
    assert_eq!(first_paint_rows(short.iter(), &Default::default()), short);
}

#[test]
fn rows_already_on_screen_stay_in_the_first_paint_in_page_order() {
    let before = page_of(0..50);
    let drawn = before.iter().map(MemberRow::row_key).collect();
    // Ten new members at the top push the old rows down: all of them are still drawn.
    let after: Vec<MemberRow> = page_of(100..110)
        .into_iter()
        .chain(before.iter().take(40).cloned())
        .collect();
    let first = first_paint_rows(after.iter(), &drawn);
    assert_eq!(first, after);
    // A row on screen whose drawn text changed is drawn anew, so it waits like a new one.
    let mut renamed = before.clone();
    renamed[45].name = "Renamed".into();
    let first = first_paint_rows(renamed.iter(), &drawn);
    assert_eq!(first.len(), 49);
    assert!(!ids(&first).contains(&renamed[45].member_id.as_str()));
}
