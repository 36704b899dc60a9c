//! Searching, filtering and sorting the member list on the server (an extension, with the
//! Metal API's own parameter names: `search`, `role`, `sort_by`, `sort_direction`; `q`,
//! `sort` and `direction` are accepted as aliases). A console that does not send them gets
//! the contract's list, oldest member first.

use org_contract::Role;

use super::member_order::SortField;
use crate::error::{ApiError, ApiResult};
use crate::listing::ListQuery;

/// The search's words (`$2`, a JSON array of `LIKE` patterns) each found in the user's full
/// name or email, in any order: the console's own search, so both feel the same.
macro_rules! matches_search {
    () => {
        "NOT EXISTS (SELECT 1 FROM json_each($2) w WHERE NOT (\
         lower(u.first_name || ' ' || u.last_name) LIKE w.value ESCAPE '\\' \
         OR lower(u.email) LIKE w.value ESCAPE '\\'))"
    };
    (postgres) => {
        "NOT EXISTS (SELECT 1 FROM json_array_elements_text($2::json) w(value) WHERE NOT (\
         u.sort_name LIKE w.value ESCAPE '\\' OR lower(u.email) LIKE w.value ESCAPE '\\'))"
    };
}

/// Most words a search is split into; the rest of the text stays in the last one.
const MAX_WORDS: usize = 8;

/// The role filter (`$3`), the one-user filter (`$4`) and the two-factor filter (`$6`:
/// 1 for members without two-factor authentication) every form of the query shares. The
/// last looks the user up by key, so the member-only form needs no join.
macro_rules! role_and_user {
    () => {
        "AND ($3 IS NULL OR m.role = $3) AND ($4 IS NULL OR m.user_id = $4) \
         AND ($6 IS NULL OR (SELECT two_factor_auth FROM users WHERE id = m.user_id) = '')"
    };
}

/// Above this many matching members, a page sorted by name, email or last activity is read
/// in order from an index on the users rather than sorted.
pub const LARGE: i64 = 2_000;

/// `FROM` the users in the order of `$index`, each joined to their membership here.
macro_rules! users_in_order {
    ($index:literal) => {
        concat!(
            "FROM users u INDEXED BY ",
            $index,
            " CROSS JOIN members m ON m.user_id = u.id AND m.organization_id = $1 ",
            "WHERE $5 IS NULL AND ($2 IS NULL OR ",
            matches_search!(),
            ") ",
            role_and_user!()
        )
    };
}

/// What the member list is narrowed to and ordered by.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MemberSearch {
    /// Lower-cased; matched anywhere in the full name or the email.
    pub search: Option<String>,
    pub role: Option<Role>,
    pub sort: SortField,
    pub descending: bool,
    /// Only members without two-factor authentication (`two_factor=off`). It reveals
    /// nothing new: every member's `two_factor_auth` is in the list already.
    pub two_factor_off: bool,
}

impl MemberSearch {
    /// Reads the parameters; a value that makes no sense is a 422 naming it.
    pub fn from_query(q: &ListQuery) -> ApiResult<MemberSearch> {
        let first = |keys: &[&str]| {
            keys.iter()
                .find_map(|k| q.get(k))
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        let search = first(&["search", "q"]).map(str::to_lowercase);
        if search.as_ref().is_some_and(|s| s.chars().count() > 200) {
            return Err(ApiError::invalid("search must be at most 200 characters"));
        }
        let role = match first(&["role"]) {
            None => None,
            Some(r) => {
                let role = Role::parse(r);
                if !role.is_known() {
                    return Err(ApiError::invalid(format!(
                        "role must be owner, admin, collaborator, limited_collaborator or billing, not {r:?}"
                    )));
                }
                Some(role)
            }
        };
        let sort = match first(&["sort_by", "sort"]) {
            None => SortField::Joined,
            Some(s) => SortField::parse(s).ok_or_else(|| {
                ApiError::invalid(format!(
                    "sort_by must be name, email, role, created_at or last_login_at, not {s:?}"
                ))
            })?,
        };
        let descending = match first(&["sort_direction", "direction"]) {
            None | Some("asc") => false,
            Some("desc") => true,
            Some(d) => {
                return Err(ApiError::invalid(format!(
                    "sort_direction must be asc or desc, not {d:?}"
                )))
            }
        };
        let two_factor_off = match first(&["two_factor"]) {
            None => false,
            Some("off") => true,
            Some(v) => {
                return Err(ApiError::invalid(format!(
                    "two_factor must be off, not {v:?}"
                )))
            }
        };
        Ok(MemberSearch {
            search,
            role,
            sort,
            descending,
            two_factor_off,
        })
    }

    /// `FROM … WHERE …` for the organization (`$1`), the search (`$2`, a `LIKE` pattern;
    /// `NULL` when not searching), the role (`$3`) and one user (`$4`); `$5`, the index's
    /// phrase, is always `NULL` here ([`MemberSearch::FROM_SEARCH`] serves searches with a
    /// word of three characters or more).
    pub const FROM: &'static str = concat!(
        "FROM members m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 ",
        "AND $5 IS NULL AND ($2 IS NULL OR ",
        matches_search!(),
        ") ",
        role_and_user!()
    );
    const PG_FROM: &'static str = concat!(
        "FROM members m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 ",
        "AND $5::text IS NULL AND ($2 IS NULL OR ",
        matches_search!(postgres),
        ") ",
        role_and_user!()
    );

    /// One role's members (`$3`, never `NULL` here), from the members' role index: the
    /// small roles' slices of a page sorted by role (`$3 IS NULL OR …` in [`Self::FROM`]
    /// keeps the planner from that index, and finding one owner read all 100,000 members).
    const FROM_ROLE: &'static str = concat!(
        "FROM members m INDEXED BY members_by_org_role JOIN users u ON u.id = m.user_id ",
        "WHERE m.organization_id = $1 AND m.role = $3 AND $5 IS NULL AND ($2 IS NULL OR ",
        matches_search!(),
        ") ",
        role_and_user!()
    );

    /// The same rows read the other way round, users in the order of one of their indexes,
    /// each looked up in the organization: for a large organization sorted by name, email
    /// or last activity, the first pages come straight from the index instead of sorting
    /// 100,000 members (a small organization keeps [`MemberSearch::FROM`], which reads only
    /// its own members). PostgreSQL's planner makes that choice itself.
    pub const FROM_USERS_BY_NAME: &'static str = users_in_order!("users_by_sort_name");
    const FROM_USERS_BY_EMAIL: &'static str = users_in_order!("users_by_lower_email");
    const FROM_USERS_BY_LAST_ACTIVE: &'static str = users_in_order!("users_by_last_active");
    const FROM_USERS_BY_LAST_ACTIVE_DESC: &'static str =
        users_in_order!("users_by_last_active_desc");

    /// A search with a word of three characters or more, driven by a trigram index: the few
    /// users whose name or email holds the phrase (`$5`), then their membership here;
    /// `LIKE` confirms each (the index matches trigrams, the contract a substring). SQLite's
    /// index is an FTS5 table; PostgreSQL's are `pg_trgm` indexes on the name and the
    /// email, which serve a `LIKE` of the longest word (`$5` there).
    pub const FROM_SEARCH: &'static str = concat!(
        "FROM users_search s JOIN users u ON u.rowid = s.rowid ",
        "CROSS JOIN members m ON m.user_id = u.id AND m.organization_id = $1 ",
        "WHERE users_search MATCH $5 AND (",
        matches_search!(),
        ") ",
        role_and_user!()
    );
    const PG_FROM_SEARCH: &'static str = concat!(
        "FROM users u JOIN members m ON m.user_id = u.id AND m.organization_id = $1 ",
        "WHERE (u.sort_name LIKE $5 ESCAPE '\\' OR lower(u.email) LIKE $5 ESCAPE '\\') AND (",
        matches_search!(postgres),
        ") ",
        role_and_user!()
    );

    /// Without a search, counting needs no user: the organization's members alone, from
    /// an index (joining 100,000 users only to count them took 170 ms).
    pub const FROM_MEMBERS: &'static str = concat!(
        "FROM members m WHERE m.organization_id = $1 AND $2 IS NULL AND $5 IS NULL ",
        role_and_user!()
    );
    const PG_FROM_MEMBERS: &'static str = concat!(
        "FROM members m WHERE m.organization_id = $1 AND $2::text IS NULL AND $5::text IS NULL ",
        role_and_user!()
    );

    /// The `FROM` that counts the matching members.
    pub fn count_from(&self, pg: bool) -> &'static str {
        match (self.phrase(pg).is_some(), self.search.is_none(), pg) {
            (true, _, false) => Self::FROM_SEARCH,
            (true, _, true) => Self::PG_FROM_SEARCH,
            (false, true, false) => Self::FROM_MEMBERS,
            (false, true, true) => Self::PG_FROM_MEMBERS,
            (false, false, false) => Self::FROM,
            (false, false, true) => Self::PG_FROM,
        }
    }

    /// The `FROM` that reads a page fastest, given how many members match.
    pub fn page_from(&self, pg: bool, matching: i64) -> &'static str {
        if self.phrase(pg).is_some() {
            if pg {
                Self::PG_FROM_SEARCH
            } else {
                Self::FROM_SEARCH
            }
        } else if pg {
            Self::PG_FROM
        } else if self.reads_users_in_order(pg, matching) {
            match (self.sort, self.descending) {
                (SortField::Name, _) => Self::FROM_USERS_BY_NAME,
                (SortField::Email, _) => Self::FROM_USERS_BY_EMAIL,
                (SortField::LastActive, false) => Self::FROM_USERS_BY_LAST_ACTIVE,
                (SortField::LastActive, true) => Self::FROM_USERS_BY_LAST_ACTIVE_DESC,
                (SortField::Joined | SortField::Role, _) => Self::FROM,
            }
        } else {
            Self::FROM
        }
    }

    /// Whether a page is read in order from an index on all the users (see
    /// [`Self::page_from`]): its cost grows with how far into the list it is.
    pub fn reads_users_in_order(&self, pg: bool, matching: i64) -> bool {
        !pg && self.search.is_none()
            && matching > LARGE
            && matches!(
                self.sort,
                SortField::Name | SortField::Email | SortField::LastActive
            )
    }

    /// Whether a page is read role by role (a sort by role with no search; see
    /// `Store::member_page`).
    pub fn by_role_slices(&self) -> bool {
        self.sort == SortField::Role && self.search.is_none()
    }

    /// The `FROM` of one role's slice of a page sorted by role, that role having `count`
    /// members: read in name order from the users' index when they are many.
    pub fn role_slice_from(pg: bool, count: i64) -> &'static str {
        match (pg, count > LARGE) {
            (true, _) => Self::PG_FROM,
            (false, true) => Self::FROM_USERS_BY_NAME,
            (false, false) => Self::FROM_ROLE,
        }
    }

    /// The search's words, as the console splits them (at most [`MAX_WORDS`]).
    fn words(&self) -> Vec<&str> {
        self.search
            .as_deref()
            .map(|s| {
                s.splitn(MAX_WORDS, char::is_whitespace)
                    .map(str::trim)
                    .filter(|w| !w.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The trigram index's query for the search, `None` when no word has three characters
    /// or more (the index cannot narrow those, and the `LIKE`s alone decide). SQLite's FTS5
    /// gets each such word as a quoted string (the trigram tokenizer matches one as a
    /// case-insensitive substring; several must all match); PostgreSQL a `LIKE` pattern of
    /// the longest.
    pub fn phrase(&self, pg: bool) -> Option<String> {
        let words = self.words();
        let long = words.iter().filter(|w| w.chars().count() >= 3);
        if pg {
            return long
                .max_by_key(|w| w.chars().count())
                .map(|w| like_pattern(w));
        }
        let quoted: Vec<String> = long
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect();
        (!quoted.is_empty()).then(|| quoted.join(" "))
    }

    /// The `LIKE` patterns of the search's words, as a JSON array: `%` and `_` taken
    /// literally.
    pub fn pattern(&self) -> Option<String> {
        self.search.as_ref()?;
        let patterns: Vec<String> = self.words().into_iter().map(like_pattern).collect();
        serde_json::to_string(&patterns).ok()
    }

    pub fn order_by(&self) -> String {
        self.sort.order_by(self.descending)
    }

    pub fn order_by_reversed(&self) -> String {
        self.sort.order_by_reversed(self.descending)
    }

    /// The parameters to carry into the pagination links.
    pub fn link_query(&self) -> String {
        let mut parts = vec![];
        if let Some(s) = &self.search {
            parts.push(format!("search={}", urlencode(s)));
        }
        if let Some(r) = &self.role {
            parts.push(format!("role={}", r.as_str()));
        }
        if self.two_factor_off {
            parts.push("two_factor=off".to_owned());
        }
        if self.sort != SortField::Joined || self.descending {
            let name = match self.sort {
                SortField::Joined => "created_at",
                SortField::Name => "name",
                SortField::Email => "email",
                SortField::Role => "role",
                SortField::LastActive => "last_login_at",
            };
            parts.push(format!("sort_by={name}"));
            parts.push(format!(
                "sort_direction={}",
                if self.descending { "desc" } else { "asc" }
            ));
        }
        parts.join("&")
    }
}

/// `%word%`, with `%`, `_` and `\` taken literally.
fn like_pattern(word: &str) -> String {
    let escaped = word
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

pub(crate) fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> ApiResult<MemberSearch> {
        let raw: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        MemberSearch::from_query(&ListQuery::from_map(raw).unwrap())
    }

    #[test]
    fn reads_the_metal_names_and_the_aliases() {
        let s = parse(&[
            ("search", " Ada "),
            ("role", "admin"),
            ("sort_by", "email"),
            ("sort_direction", "desc"),
        ])
        .unwrap();
        assert_eq!(s.search.as_deref(), Some("ada"));
        assert_eq!(s.role, Some(Role::Admin));
        assert_eq!((s.sort, s.descending), (SortField::Email, true));
        let alias = parse(&[("q", "Ada"), ("sort", "last_active"), ("direction", "asc")]).unwrap();
        assert_eq!(
            (alias.search.as_deref(), alias.sort, alias.descending),
            (Some("ada"), SortField::LastActive, false)
        );
        assert_eq!(parse(&[]).unwrap(), MemberSearch::default());
    }

    #[test]
    fn nonsense_is_refused_with_its_name() {
        for (pairs, words) in [
            (vec![("role", "emperor")], "role must be"),
            (vec![("sort_by", "height")], "sort_by must be"),
            (vec![("sort_direction", "up")], "sort_direction must be"),
            (vec![("two_factor", "on")], "two_factor must be off"),
        ] {
            let e = parse(&pairs).unwrap_err().to_string();
            assert!(e.contains(words), "{e}");
        }
        assert!(parse(&[("search", &"x".repeat(201))]).is_err());
    }

    #[test]
    fn the_index_is_asked_for_each_word_of_three_characters_or_more() {
        assert_eq!(parse(&[("search", "ab")]).unwrap().phrase(false), None);
        assert_eq!(
            parse(&[("search", "Ada \"Lov")])
                .unwrap()
                .phrase(false)
                .unwrap(),
            "\"ada\" \"\"\"lov\""
        );
        assert_eq!(
            parse(&[("search", "lo ada")])
                .unwrap()
                .phrase(false)
                .unwrap(),
            "\"ada\""
        );
    }

    #[test]
    fn each_word_is_a_pattern_with_wildcards_taken_literally() {
        let s = parse(&[("search", "50%_a\\b")]).unwrap();
        assert_eq!(s.pattern().unwrap(), r#"["%50\\%\\_a\\\\b%"]"#);
        assert_eq!(s.link_query(), "search=50%25_a%5Cb");
        let two = parse(&[("search", "love  ada")]).unwrap();
        assert_eq!(two.pattern().unwrap(), r#"["%love%","%ada%"]"#);
    }
}
