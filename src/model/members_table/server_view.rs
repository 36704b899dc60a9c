//! The members table when the server answers it: which organizations are loaded whole,
//! the table's view as the server's query parameters, and the server's page of members as
//! the table shows it.
//!
//! An organization of up to [`WHOLE_LIST_LIMIT`] members is downloaded whole, so search
//! and sort run in the browser at every keystroke. Larger ones are asked one page at a
//! time: the table looks and behaves the same, only the rows come from the server.

use org_contract::{Member, MemberList};

use super::{MemberRow, PageView, SortKey, TableState, PAGE_SIZE};
use crate::model::query_string::percent_encode;

/// The largest organization the console downloads whole. At 10,000 members the whole list
/// is about 1 MB of JSON (about 100 KB compressed) in ten parallel requests, and a search
/// keystroke over it takes a few milliseconds; both grow with the size, while a page from
/// the server costs the same at any size. So beyond this the server searches.
pub const WHOLE_LIST_LIMIT: u64 = 10_000;

/// Members in the first request: the first 1,000 by name, which draw the table's first
/// pages at once and whose total decides whether the rest is downloaded.
pub const FIRST_REQUEST_SIZE: u32 = 1000;

/// The first request: page 1, by name.
pub fn first_request_query() -> String {
    format!("sort_by=name&page=1&per_page={FIRST_REQUEST_SIZE}")
}

/// Whether an organization of `total` members is downloaded whole.
pub fn loads_whole(total: u64) -> bool {
    total <= WHOLE_LIST_LIMIT
}

impl TableState {
    /// Everyone in name order: the view the first request (sorted by name) answers.
    pub fn is_everyone_by_name(&self) -> bool {
        self.query.trim().is_empty()
            && self.role.is_none()
            && !self.two_factor_off
            && matches!(self.sort, None | Some((SortKey::Name, true)))
    }

    /// This view as the server's member-list parameters (the reference server's search
    /// extension): one page of [`PAGE_SIZE`]. The default order is by name, as the first
    /// request is.
    pub fn server_query(&self) -> String {
        self.server_query_for(self.page, PAGE_SIZE)
    }

    /// [`TableState::server_query`] for another page (zero-based) and page size: the
    /// export reads every page of the view.
    pub fn server_query_for(&self, page: usize, per_page: usize) -> String {
        let mut parts = Vec::new();
        let words: Vec<&str> = self.query.split_whitespace().collect();
        if !words.is_empty() {
            parts.push(format!("search={}", percent_encode(&words.join(" "))));
        }
        if let Some(role) = &self.role {
            parts.push(format!("role={}", role.as_str()));
        }
        if self.two_factor_off {
            parts.push("two_factor=off".to_owned());
        }
        let (key, ascending) = self.sort.unwrap_or((SortKey::Name, true));
        let field = match key {
            SortKey::Name => "name",
            SortKey::Email => "email",
            SortKey::Role => "role",
            SortKey::Joined => "created_at",
        };
        parts.push(format!("sort_by={field}"));
        parts.push(format!(
            "sort_direction={}",
            if ascending { "asc" } else { "desc" }
        ));
        parts.push(format!("page={}&per_page={per_page}", page + 1));
        parts.join("&")
    }
}

/// Whether the first request's `first_len` members (the first of `total` by name) hold
/// the whole of page `page` (zero-based, past the end meaning the last) of everyone by name.
pub fn first_request_covers(first_len: usize, total: u64, page: usize) -> bool {
    let page_count = (total as usize).div_ceil(PAGE_SIZE).max(1);
    let start = page.min(page_count - 1) * PAGE_SIZE;
    (start + PAGE_SIZE).min(total as usize) <= first_len
}

impl PageView {
    /// The page of "everyone by name" that the first request's members (`first`, the first
    /// of `total` by name) hold; `None` when the page lies beyond them.
    pub fn from_first_request(
        first: &[Member],
        total: u64,
        page: usize,
        me: &str,
    ) -> Option<PageView> {
        if !first_request_covers(first.len(), total, page) {
            return None;
        }
        let page_count = (total as usize).div_ceil(PAGE_SIZE).max(1);
        let page = page.min(page_count - 1);
        let start = page * PAGE_SIZE;
        Some(PageView {
            rows: first
                .iter()
                .skip(start)
                .take(PAGE_SIZE)
                .map(|m| MemberRow::from_member(m, me))
                .collect(),
            matching: total as usize,
            page,
            page_count,
        })
    }

    /// A page the server searched, filtered and sorted.
    pub fn from_server(list: &MemberList, me: &str) -> PageView {
        PageView {
            rows: list
                .members
                .iter()
                .map(|m| MemberRow::from_member(m, me))
                .collect(),
            matching: list.meta.total as usize,
            page: list.meta.current_page.saturating_sub(1) as usize,
            page_count: list.meta.last_page.max(1) as usize,
        }
    }
}

#[cfg(test)]
mod tests {
    use org_contract::{Meta, Role};

    use super::*;
    use crate::model::members_table::tests::member;

    #[test]
    fn the_limit_is_ten_thousand_members() {
        assert!(loads_whole(1) && loads_whole(10_000));
        assert!(!loads_whole(10_001));
    }

    #[test]
    fn a_view_becomes_the_servers_parameters() {
        assert_eq!(
            TableState::default().server_query(),
            "sort_by=name&sort_direction=asc&page=1&per_page=50"
        );
        let view = TableState {
            query: "  ada   love ".into(),
            role: Some(Role::Admin),
            two_factor_off: true,
            sort: Some((SortKey::Joined, false)),
            page: 2,
        };
        assert_eq!(
            view.server_query(),
            "search=ada%20love&role=admin&two_factor=off&sort_by=created_at&sort_direction=desc&page=3&per_page=50"
        );
        let email = TableState {
            query: "a&b=c".into(),
            sort: Some((SortKey::Email, true)),
            ..TableState::default()
        };
        assert!(email
            .server_query()
            .starts_with("search=a%26b%3Dc&sort_by=email&sort_direction=asc"));
    }

    #[test]
    fn only_everyone_by_name_is_answered_by_the_first_request() {
        assert!(TableState::default().is_everyone_by_name());
        let by_name = TableState {
            sort: Some((SortKey::Name, true)),
            page: 4,
            query: " ".into(),
            ..TableState::default()
        };
        assert!(by_name.is_everyone_by_name());
        for other in [
            TableState {
                query: "a".into(),
                ..TableState::default()
            },
            TableState {
                role: Some(Role::Owner),
                ..TableState::default()
            },
            TableState {
                two_factor_off: true,
                ..TableState::default()
            },
            TableState {
                sort: Some((SortKey::Name, false)),
                ..TableState::default()
            },
            TableState {
                sort: Some((SortKey::Role, true)),
                ..TableState::default()
            },
        ] {
            assert!(!other.is_everyone_by_name(), "{other:?}");
        }
    }

    #[test]
    fn the_first_request_draws_the_pages_it_holds() {
        let first: Vec<Member> = (0..120)
            .map(|i| {
                let id = format!("{i:03}");
                member(
                    &id,
                    &format!("User {id}"),
                    "u@example.com",
                    Role::Admin,
                    "2020",
                )
            })
            .collect();
        let page = PageView::from_first_request(&first, 20_000, 1, "").unwrap();
        assert_eq!(page.rows.len(), 50);
        assert_eq!(page.rows[0].member_id, "m-050");
        assert_eq!(
            (page.matching, page.page, page.page_count),
            (20_000, 1, 400)
        );
        // The third page holds the last 20 of the first request only when that is everyone.
        assert!(PageView::from_first_request(&first, 20_000, 2, "").is_none());
        let all = PageView::from_first_request(&first, 120, 2, "").unwrap();
        assert_eq!(all.rows.len(), 20);
        // A page past the end shows the last one, as the browser-side table does.
        assert_eq!(
            PageView::from_first_request(&first, 120, 9, "")
                .unwrap()
                .page,
            2
        );
    }

    #[test]
    fn a_server_page_keeps_its_counts() {
        let list = MemberList {
            members: vec![member("1", "Ada", "ada@example.com", Role::Admin, "2020")],
            meta: Meta {
                first: None,
                previous: None,
                self_: None,
                next: None,
                last: None,
                total: 101,
                current_page: 3,
                last_page: 3,
            },
        };
        let page = PageView::from_server(&list, "");
        assert_eq!((page.matching, page.page, page.page_count), (101, 2, 3));
        assert_eq!(page.rows[0].name, "Ada");
    }
}
