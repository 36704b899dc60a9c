//! What the user chose in the members table (search, role filter, sort, page) and how it
//! reads and writes the URL's query string.

use org_contract::Role;

use crate::model::query_string::percent_encode;

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
    /// Only members without two-factor authentication (`?2fa=off`).
    pub two_factor_off: bool,
    /// `None`: the default order, the user's own row first, then by name.
    pub sort: Option<(SortKey, bool)>,
    /// Zero-based.
    pub page: usize,
}

impl TableState {
    /// The view a URL asks for: `?q=ada&role=admin&2fa=off&sort=joined&dir=desc&page=3` (the page
    /// 1-based). Anything unknown or malformed falls back to its default, so an edited or
    /// outdated link still opens the table.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> TableState {
        let sort = get("sort")
            .and_then(|s| SortKey::from_slug(&s))
            .map(|k| (k, get("dir").as_deref() != Some("desc")));
        TableState {
            query: get("q").unwrap_or_default(),
            role: get("role").map(|r| Role::parse(&r)).filter(Role::is_known),
            two_factor_off: get("2fa").as_deref() == Some("off"),
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
        if self.two_factor_off {
            parts.push("2fa=off".to_owned());
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
            two_factor_off: self.two_factor_off,
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

    /// `aria-sort` for a header that sorts by any of `keys` (the member column sorts by
    /// name or email): the first of them the table is sorted by.
    pub fn aria_sort_of(&self, keys: &[SortKey]) -> &'static str {
        keys.iter()
            .map(|k| self.aria_sort(*k))
            .find(|s| *s != "none")
            .unwrap_or("none")
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

/// The phone layout's "Sort by" choice for a sort (the inverse of [`sort_choice`]).
pub fn sort_value(sort: Option<(SortKey, bool)>) -> &'static str {
    match sort {
        Some((SortKey::Name, _)) => "name",
        Some((SortKey::Email, _)) => "email",
        Some((SortKey::Role, _)) => "role",
        Some((SortKey::Joined, false)) => "joined-new",
        Some((SortKey::Joined, true)) => "joined-old",
        None => "",
    }
}

/// The sort of the phone layout's "Sort by" choice.
pub fn sort_choice(value: &str) -> Option<(SortKey, bool)> {
    match value {
        "name" => Some((SortKey::Name, true)),
        "email" => Some((SortKey::Email, true)),
        "role" => Some((SortKey::Role, true)),
        "joined-new" => Some((SortKey::Joined, false)),
        "joined-old" => Some((SortKey::Joined, true)),
        _ => None,
    }
}
