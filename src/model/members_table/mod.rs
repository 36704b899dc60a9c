//! The member table's view model: rows built from the API's members, and the sorting,
//! searching, role filter and paging that the page applies to them. Pure, so it is
//! unit-tested on the host and fast over 10,000 members.

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

use org_contract::{Expandable, Member, Role};

use crate::model::letter_case::{is_alphanumeric, lowercase, uppercase};

mod first_paint;
mod server_view;
mod state;

pub use first_paint::{first_paint_rows, FIRST_PAINT_ROWS};
pub use server_view::{first_request_covers, first_request_query, loads_whole};
pub use state::{sort_choice, sort_value, SortKey, TableState};

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
    /// Lower-cased name and email, for searching without allocating per keystroke and
    /// sorting without allocating per comparison; the name is its first `name_len` bytes.
    search_text: String,
    name_len: usize,
}

/// One page of the table as the view shows it: its rows (at most a page, cloned) and the
/// counts around them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageView {
    pub rows: Vec<MemberRow>,
    pub matching: usize,
    pub page: usize,
    pub page_count: usize,
}

impl PageView {
    pub fn of(sorted: &[MemberRow], state: &TableState) -> PageView {
        let p = table_page(sorted, state);
        PageView {
            rows: p.rows.into_iter().cloned().collect(),
            matching: p.matching,
            page: p.page,
            page_count: p.page_count,
        }
    }
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
        let name_key = lowercase(&name);
        MemberRow {
            member_id: m.id.clone(),
            initials: initials(&name),
            hue: hue(&user_id),
            is_me: user_id == me,
            name_len: name_key.len(),
            search_text: format!("{name_key}\n{}", lowercase(&email)),
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

    /// The name and the email lower-cased, as sorting compares them.
    fn name_key(&self) -> &str {
        &self.search_text[..self.name_len]
    }

    fn email_key(&self) -> &str {
        &self.search_text[self.name_len + 1..]
    }

    /// What the table keys this member's row by: the member, and a fingerprint of what the
    /// row draws once (name, email, picture, joined, whether it is the user's own). A change
    /// of those draws the row anew; a change of role, 2FA or last sign-in updates it in place.
    pub fn row_key(&self) -> RowKey {
        let mut drawn = rustc_hash::FxHasher::default();
        (
            &self.name,
            &self.email,
            &self.avatar_url,
            &self.joined,
            self.is_me,
        )
            .hash(&mut drawn);
        RowKey {
            member_id: self.member_id.clone(),
            drawn: drawn.finish(),
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

/// See [`MemberRow::row_key`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RowKey {
    member_id: String,
    drawn: u64,
}

/// Up to two letters: "Packet Sloth" → "PS", "ada@example.com" → "A".
pub fn initials(name: &str) -> String {
    let letters: String = name
        .split(|c: char| c.is_whitespace() || c == '@' || c == '.')
        .filter_map(|w| w.chars().find(|&c| is_alphanumeric(c)))
        .take(if name.contains('@') { 1 } else { 2 })
        .collect();
    let letters = uppercase(&letters);
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
        a.name_key()
            .cmp(b.name_key())
            .then_with(|| a.member_id.cmp(&b.member_id))
    };
    match key {
        SortKey::Name => by_name(),
        SortKey::Email => a.email_key().cmp(b.email_key()).then_with(by_name),
        SortKey::Role => a.role.cmp(&b.role).then_with(by_name),
        SortKey::Joined => a.joined.cmp(&b.joined).then_with(by_name),
    }
}

/// Sorts rows for `state.sort` (stable for ties). One closure for every order, so the
/// bundle carries one instance of the sort, not three.
pub fn sort_rows(rows: &mut [MemberRow], sort: Option<(SortKey, bool)>) {
    rows.sort_by(|a, b| match sort {
        None => b
            .is_me
            .cmp(&a.is_me)
            .then_with(|| compare(a, b, SortKey::Name)),
        Some((key, true)) => compare(a, b, key),
        Some((key, false)) => compare(b, a, key),
    });
}

/// The rows that `state`'s search and filters keep, in the order of `sorted` (every page of
/// them: what "Export CSV" writes).
pub fn matching_rows<'a>(sorted: &'a [MemberRow], state: &TableState) -> Vec<&'a MemberRow> {
    let words: Vec<String> = state.query.split_whitespace().map(lowercase).collect();
    sorted
        .iter()
        .filter(|r| state.role.as_ref().is_none_or(|role| r.role == *role))
        .filter(|r| !state.two_factor_off || r.two_factor.is_empty())
        .filter(|r| words.iter().all(|w| r.search_text.contains(w.as_str())))
        .collect()
}

/// Applies search, filter and paging to rows already sorted with [`sort_rows`].
pub fn table_page<'a>(sorted: &'a [MemberRow], state: &TableState) -> TablePage<'a> {
    let matching = matching_rows(sorted, state);
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
pub(crate) mod tests;
