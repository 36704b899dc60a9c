//! The member table's view model: rows built from the API's members, and the sorting,
//! searching, role filter and paging that the page applies to them. Pure, so it is
//! unit-tested on the host and fast over 10,000 members.

use std::cmp::Ordering;

use crate::model::query_string::percent_encode;
use org_contract::{Expandable, Member, Role};

pub const PAGE_SIZE: usize = 50;

/// One member as the table shows them.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberRow {
    pub member_id: String,
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub avatar_url: Option<String>,
    pub initials: String,
    /// Hue (0..360) of the initials' background, stable per user.
    pub hue: u16,
    pub role: Role,
    pub joined: String,
    pub two_factor: String,
    pub last_login_at: Option<String>,
    pub project_ids: Vec<String>,
    pub project_names: Vec<String>,
    pub is_me: bool,
    /// Lower-cased name and email, for searching without allocating per keystroke.
    search_text: String,
}

impl MemberRow {
    pub fn from_member(m: &Member, me: &str) -> MemberRow {
        let (user_id, name, email, avatar, two_factor, last_login) = match &m.user {
            Expandable::Full(u) => (
                u.id.clone(),
                u.full_name.clone(),
                u.email.clone(),
                u.avatar_thumb_url
                    .clone()
                    .or_else(|| u.avatar_url.clone())
                    .filter(|a| !a.is_empty()),
                u.two_factor_auth.clone(),
                u.last_login_at.clone(),
            ),
            Expandable::Ref(h) => (
                h.id().to_owned(),
                String::new(),
                String::new(),
                None,
                String::new(),
                None,
            ),
        };
        let name = if name.trim().is_empty() {
            email.clone()
        } else {
            name
        };
        MemberRow {
            member_id: m.id.clone(),
            initials: initials(&name),
            hue: hue(&user_id),
            is_me: user_id == me,
            search_text: format!("{}\n{}", name.to_lowercase(), email.to_lowercase()),
            user_id,
            name,
            email,
            avatar_url: avatar,
            role: m.role(),
            joined: m.created_at.clone(),
            two_factor,
            last_login_at: last_login,
            project_ids: m.project_ids(),
            project_names: m
                .projects
                .iter()
                .filter_map(|p| p.full().map(|p| p.name.clone()))
                .collect(),
        }
    }

    pub fn two_factor_label(&self) -> &'static str {
        match self.two_factor.as_str() {
            "app" => "App",
            "sms" => "SMS",
            "" => "Off",
            _ => "On",
        }
    }
}

/// Up to two letters: "Packet Sloth" → "PS", "ada@example.com" → "A".
pub fn initials(name: &str) -> String {
    let letters: String = name
        .split(|c: char| c.is_whitespace() || c == '@' || c == '.')
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .take(if name.contains('@') { 1 } else { 2 })
        .flat_map(char::to_uppercase)
        .collect();
    if letters.is_empty() {
        "?".into()
    } else {
        letters
    }
}

/// A hue derived from the user ID (FNV-1a), so a person keeps their colour everywhere.
pub fn hue(user_id: &str) -> u16 {
    let mut h: u32 = 0x811c_9dc5;
    for b in user_id.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    (h % 360) as u16
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Email,
    Role,
    Joined,
}

impl SortKey {
    /// The name in the URL (`?sort=joined`).
    pub fn slug(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Email => "email",
            SortKey::Role => "role",
            SortKey::Joined => "joined",
        }
    }

    pub fn from_slug(slug: &str) -> Option<SortKey> {
        [
            SortKey::Name,
            SortKey::Email,
            SortKey::Role,
            SortKey::Joined,
        ]
        .into_iter()
        .find(|k| k.slug() == slug)
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Name => "Name",
            SortKey::Email => "Email",
            SortKey::Role => "Role",
            SortKey::Joined => "Joined",
        }
    }
}

/// What the user chose: search, role filter, sort and page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TableState {
    pub query: String,
    pub role: Option<Role>,
    /// `None`: the default order, the user's own row first, then by name.
    pub sort: Option<(SortKey, bool)>,
    /// Zero-based.
    pub page: usize,
}

impl TableState {
    /// The view a URL asks for: `?q=ada&role=admin&sort=joined&dir=desc&page=3` (the page
    /// 1-based). Anything unknown or malformed falls back to its default, so an edited or
    /// outdated link still opens the table.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> TableState {
        let sort = get("sort")
            .and_then(|s| SortKey::from_slug(&s))
            .map(|k| (k, get("dir").as_deref() != Some("desc")));
        TableState {
            query: get("q").unwrap_or_default(),
            role: get("role").map(|r| Role::parse(&r)).filter(Role::is_known),
            sort,
            page: get("page")
                .and_then(|p| p.parse::<usize>().ok())
                .filter(|p| *p >= 1)
                .map_or(0, |p| p - 1),
        }
    }

    /// The query string of this view, `""` for the default one; [`TableState::from_query`]
    /// reads it back.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if !self.query.is_empty() {
            parts.push(format!("q={}", percent_encode(&self.query)));
        }
        if let Some(role) = &self.role {
            parts.push(format!("role={}", role.as_str()));
        }
        if let Some((key, ascending)) = self.sort {
            parts.push(format!("sort={}", key.slug()));
            if !ascending {
                parts.push("dir=desc".to_owned());
            }
        }
        if self.page > 0 {
            parts.push(format!("page={}", self.page + 1));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// Typing or filtering starts again at the first page.
    pub fn with_search(&self, query: &str, role: Option<Role>) -> TableState {
        TableState {
            query: query.to_owned(),
            role,
            sort: self.sort,
            page: 0,
        }
    }

    /// Clicking a column header: ascending first, then descending.
    pub fn toggle_sort(&mut self, key: SortKey) {
        self.sort = match self.sort {
            Some((k, true)) if k == key => Some((key, false)),
            _ => Some((key, true)),
        };
        self.page = 0;
    }

    /// `aria-sort` for a column header.
    pub fn aria_sort(&self, key: SortKey) -> &'static str {
        match self.sort {
            Some((k, true)) if k == key => "ascending",
            Some((k, false)) if k == key => "descending",
            None if key == SortKey::Name => "ascending",
            _ => "none",
        }
    }
}

/// The rows of one page and the counts around it.
#[derive(Debug, PartialEq)]
pub struct TablePage<'a> {
    pub rows: Vec<&'a MemberRow>,
    /// Rows that match the search and filter.
    pub matching: usize,
    pub page: usize,
    pub page_count: usize,
}

fn compare(a: &MemberRow, b: &MemberRow, key: SortKey) -> Ordering {
    let by_name = || {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then_with(|| a.member_id.cmp(&b.member_id))
    };
    match key {
        SortKey::Name => by_name(),
        SortKey::Email => a
            .email
            .to_lowercase()
            .cmp(&b.email.to_lowercase())
            .then_with(by_name),
        SortKey::Role => a.role.cmp(&b.role).then_with(by_name),
        SortKey::Joined => a.joined.cmp(&b.joined).then_with(by_name),
    }
}

/// Sorts rows for `state.sort` (stable for ties).
pub fn sort_rows(rows: &mut [MemberRow], sort: Option<(SortKey, bool)>) {
    match sort {
        None => rows.sort_by(|a, b| {
            b.is_me
                .cmp(&a.is_me)
                .then_with(|| compare(a, b, SortKey::Name))
        }),
        Some((key, true)) => rows.sort_by(|a, b| compare(a, b, key)),
        Some((key, false)) => rows.sort_by(|a, b| compare(b, a, key)),
    }
}

/// Applies search, filter and paging to rows already sorted with [`sort_rows`].
pub fn table_page<'a>(sorted: &'a [MemberRow], state: &TableState) -> TablePage<'a> {
    let words: Vec<String> = state
        .query
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let matching: Vec<&MemberRow> = sorted
        .iter()
        .filter(|r| state.role.as_ref().is_none_or(|role| r.role == *role))
        .filter(|r| words.iter().all(|w| r.search_text.contains(w.as_str())))
        .collect();
    let page_count = matching.len().div_ceil(PAGE_SIZE).max(1);
    let page = state.page.min(page_count - 1);
    let rows = matching
        .iter()
        .skip(page * PAGE_SIZE)
        .take(PAGE_SIZE)
        .copied()
        .collect();
    TablePage {
        rows,
        matching: matching.len(),
        page,
        page_count,
    }
}

#[cfg(test)]
pub(crate) mod tests {
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
            sort: Some((SortKey::Joined, false)),
            page: 2,
        };
        assert_eq!(
            state.to_query(),
            "?q=ada&role=admin&sort=joined&dir=desc&page=3"
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
        let s = from_url("?role=emperor&sort=height&dir=sideways&page=zero");
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
}
