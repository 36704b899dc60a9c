//! The orders the member list can be read in, as SQL, and how a large organization is read
//! in each without sorting all of its members: the first pages of a sort by name, email or
//! last activity come in order from an index on the users (see
//! [`super::member_search::MemberSearch::page_from`]); a sort by role is read role by role,
//! each role's members by name (see `Store::member_page`).

/// What the member list is ordered by.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum SortField {
    /// The contract's order: when they joined, oldest first.
    #[default]
    Joined,
    Name,
    Email,
    Role,
    LastActive,
}

impl SortField {
    pub fn parse(s: &str) -> Option<SortField> {
        Some(match s {
            "created_at" | "joined" => SortField::Joined,
            "name" | "full_name" => SortField::Name,
            "email" => SortField::Email,
            "role" | "roles" => SortField::Role,
            "last_login_at" | "last_active" => SortField::LastActive,
            _ => return None,
        })
    }

    /// The SQL ordering, ties broken by id so pages never overlap. Each key is written as
    /// its index is (`lower(u.email)`, `u.last_login_at IS NULL, …, u.id`), so SQLite can
    /// read the rows in order from it.
    pub fn order_by(self, descending: bool) -> String {
        render(&self.terms(descending), false)
    }

    /// The exact reverse of [`SortField::order_by`]: every term turned round (also the
    /// ones that do not follow the direction), so the last rows of one order are the first
    /// of the other, and the same index serves both, read backwards.
    pub fn order_by_reversed(self, descending: bool) -> String {
        render(&self.terms(descending), true)
    }

    /// The ordering's terms, each with whether it ascends.
    fn terms(self, descending: bool) -> Vec<(&'static str, bool)> {
        let up = !descending;
        let mut terms = match self {
            SortField::Joined => vec![("m.created_at", up)],
            SortField::Name => vec![("u.sort_name", up), ("u.email", up)],
            SortField::Email => vec![("lower(u.email)", up)],
            // Roles by rank (owner first), as the console's own sort does; each role's
            // members by name, whichever way the roles go.
            SortField::Role => vec![(ROLE_RANK, up), ("u.sort_name", true), ("u.email", true)],
            // Those who never signed in come last either way.
            SortField::LastActive => vec![
                ("u.last_login_at IS NULL", true),
                ("u.last_login_at", up),
                ("u.id", up),
            ],
        };
        terms.push(("m.id", up));
        terms
    }
}

fn render(terms: &[(&str, bool)], reversed: bool) -> String {
    terms
        .iter()
        .map(|(term, up)| format!("{term} {}", if *up != reversed { "ASC" } else { "DESC" }))
        .collect::<Vec<_>>()
        .join(", ")
}

const ROLE_RANK: &str = "CASE m.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 \
    WHEN 'collaborator' THEN 2 WHEN 'limited_collaborator' THEN 3 WHEN 'billing' THEN 4 \
    ELSE 5 END";

/// The order of one role's members in a sort by role.
pub const WITHIN_ROLE: &str = "u.sort_name, u.email";

/// A role's place in a sort by role, as [`ROLE_RANK`] says.
pub fn role_rank(role: &str) -> u8 {
    match role {
        "owner" => 0,
        "admin" => 1,
        "collaborator" => 2,
        "limited_collaborator" => 3,
        "billing" => 4,
        _ => 5,
    }
}

/// The roles' slices of one page of a sort by role: for each role, in the order the page
/// reads them (`counts` by rank, reversed when `descending`), the offset and limit of its
/// own members (by name) that fall on the page at `offset`/`limit`.
pub fn role_slices(
    counts: &[(String, i64)],
    descending: bool,
    offset: i64,
    limit: i64,
) -> Vec<(String, i64, i64)> {
    let mut roles: Vec<&(String, i64)> = counts.iter().collect();
    roles.sort_by_key(|(role, _)| role_rank(role));
    if descending {
        roles.reverse();
    }
    let (end, mut start) = (offset + limit, 0);
    let mut slices = vec![];
    for (role, count) in roles {
        let (from, to) = (offset.max(start), end.min(start + count));
        if from < to {
            slices.push((role.clone(), from - start, to - from));
        }
        start += count;
    }
    slices
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts() -> Vec<(String, i64)> {
        [("billing", 3), ("owner", 1), ("collaborator", 5)]
            .map(|(r, n)| (r.to_owned(), n))
            .to_vec()
    }

    #[test]
    fn a_page_takes_its_rows_from_each_role_it_crosses_in_rank_order() {
        let s = |v: &[(&str, i64, i64)]| -> Vec<(String, i64, i64)> {
            v.iter()
                .map(|(r, o, l)| ((*r).to_owned(), *o, *l))
                .collect()
        };
        // owner (1), collaborator (5), billing (3): rows 0..9.
        assert_eq!(
            role_slices(&counts(), false, 0, 2),
            s(&[("owner", 0, 1), ("collaborator", 0, 1)])
        );
        assert_eq!(
            role_slices(&counts(), false, 4, 4),
            s(&[("collaborator", 3, 2), ("billing", 0, 2)])
        );
        assert_eq!(
            role_slices(&counts(), false, 8, 50),
            s(&[("billing", 2, 1)])
        );
        assert_eq!(role_slices(&counts(), false, 9, 50), s(&[]));
        // Descending: billing, collaborator, owner.
        assert_eq!(
            role_slices(&counts(), true, 2, 3),
            s(&[("billing", 2, 1), ("collaborator", 0, 2)])
        );
        assert_eq!(role_slices(&counts(), true, 0, 100).len(), 3);
    }

    #[test]
    fn the_reversed_order_turns_every_term_round() {
        assert_eq!(
            SortField::LastActive.order_by(true),
            "u.last_login_at IS NULL ASC, u.last_login_at DESC, u.id DESC, m.id DESC"
        );
        assert_eq!(
            SortField::LastActive.order_by_reversed(true),
            "u.last_login_at IS NULL DESC, u.last_login_at ASC, u.id ASC, m.id ASC"
        );
        assert_eq!(
            SortField::Email.order_by_reversed(false),
            "lower(u.email) DESC, m.id DESC"
        );
    }

    #[test]
    fn unknown_roles_come_after_billing() {
        assert!(role_rank("owner") < role_rank("billing"));
        assert!(role_rank("billing") < role_rank("emperor"));
    }
}
