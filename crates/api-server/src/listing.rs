//! Query parameters shared by list endpoints: `page`, `per_page`, `include`.

use std::collections::{BTreeSet, HashMap};

use org_contract::{Href, Meta, DEFAULT_PER_PAGE, MAX_PER_PAGE};

use crate::error::{ApiError, ApiResult};

/// The query string of a list or object request, read leniently where the contract allows
/// and with a 422 where a number is not a number.
pub struct ListQuery {
    pub page: u32,
    pub per_page: u32,
    pub include: BTreeSet<String>,
    raw: HashMap<String, String>,
}

impl ListQuery {
    pub fn from_map(raw: HashMap<String, String>) -> ApiResult<Self> {
        let number = |key: &str, default: u32| -> ApiResult<u32> {
            match raw.get(key).map(|s| s.trim()).filter(|s| !s.is_empty()) {
                None => Ok(default),
                Some(s) => s.parse::<u32>().map_err(|_| {
                    ApiError::invalid(format!("{key} must be a whole number, not {s:?}"))
                }),
            }
        };
        let page = number("page", 1)?.max(1);
        let per_page = number("per_page", DEFAULT_PER_PAGE)?.clamp(1, MAX_PER_PAGE);
        let include = raw
            .get("include")
            .map(|s| {
                s.split(',')
                    .map(|p| p.trim().to_owned())
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        Ok(ListQuery {
            page,
            per_page,
            include,
            raw,
        })
    }

    pub fn includes(&self, what: &str) -> bool {
        self.include.contains(what)
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.raw.get(key).map(String::as_str)
    }

    pub fn offset(&self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }

    pub fn limit(&self) -> i64 {
        i64::from(self.per_page)
    }

    /// Pagination links for a list of `total` items at `path` (an API path without query).
    pub fn meta(&self, path: &str, total: u64) -> Meta {
        self.meta_with(path, total, "")
    }

    /// [`ListQuery::meta`], the links also carrying `extra` (search and sort parameters).
    pub fn meta_with(&self, path: &str, total: u64, extra: &str) -> Meta {
        let last_page = total.div_ceil(u64::from(self.per_page)).max(1) as u32;
        let link = |page: u32| {
            let mut query = format!("page={page}&per_page={}", self.per_page);
            if !self.include.is_empty() {
                let include: Vec<&str> = self.include.iter().map(String::as_str).collect();
                query.push_str(&format!("&include={}", include.join(",")));
            }
            if !extra.is_empty() {
                query.push('&');
                query.push_str(extra);
            }
            Some(Href::new(format!("{path}?{query}")))
        };
        Meta {
            first: link(1),
            previous: if self.page > 1 {
                link((self.page - 1).min(last_page))
            } else {
                None
            },
            self_: link(self.page),
            next: if self.page < last_page {
                link(self.page + 1)
            } else {
                None
            },
            last: link(last_page),
            total,
            current_page: self.page,
            last_page,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> ApiResult<ListQuery> {
        ListQuery::from_map(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn defaults_and_limits() {
        let q = query(&[]).unwrap();
        assert_eq!((q.page, q.per_page), (1, 10));
        let q = query(&[("page", "0"), ("per_page", "5000")]).unwrap();
        assert_eq!((q.page, q.per_page), (1, 1000));
        assert!(matches!(
            query(&[("page", "two")]),
            Err(ApiError::Invalid(_))
        ));
    }

    #[test]
    fn meta_links_pages() {
        let q = query(&[("page", "2"), ("per_page", "10"), ("include", "user")]).unwrap();
        let m = q.meta("/metal/v1/organizations/o/members", 25);
        assert_eq!(m.last_page, 3);
        assert_eq!(m.total, 25);
        assert_eq!(
            m.next.unwrap().href,
            "/metal/v1/organizations/o/members?page=3&per_page=10&include=user"
        );
        assert_eq!(
            m.previous.unwrap().href,
            "/metal/v1/organizations/o/members?page=1&per_page=10&include=user"
        );
        let empty = query(&[]).unwrap().meta("/x", 0);
        assert_eq!((empty.last_page, empty.next), (1, None));
    }
}
