//! Bulk changes on the members page: who is picked, how the confirmation names them, the
//! order the requests go in, and how the results read.

use org_contract::{allows, Action, Role};

use crate::model::letter_case::lowercase;
use crate::model::members_table::MemberRow;

/// Requests in flight at once: enough to finish 100 changes in a few seconds, few enough
/// not to crowd out the page's own requests.
pub const AT_A_TIME: usize = 4;
/// Names a confirmation spells out before "and N others".
pub const NAMED: usize = 5;

/// A member in the selection, as it was when picked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picked {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub is_me: bool,
}

impl Picked {
    pub fn of(row: &MemberRow) -> Picked {
        Picked {
            id: row.member_id.clone(),
            name: row.name.clone(),
            role: row.role.clone(),
            is_me: row.is_me,
        }
    }
}

/// The selection, by member id. Its order is never shown: [`run_order`] sorts it. (A
/// hash map: the table's keyed lists already bring one in, where a BTreeMap's code was
/// ~6 KB of the first download for this alone.)
pub type Selection = rustc_hash::FxHashMap<String, Picked>;

/// Whether `actor` may pick `row`: exactly the rows whose MANAGE the permission table offers.
pub fn may_pick(actor: &Role, row: &MemberRow) -> bool {
    allows(actor, Action::ManageMember(&row.role))
}

/// Adds every row `actor` may pick.
pub fn pick_all<'a>(
    selection: &mut Selection,
    actor: &Role,
    rows: impl IntoIterator<Item = &'a MemberRow>,
) {
    for row in rows {
        if may_pick(actor, row) {
            selection.insert(row.member_id.clone(), Picked::of(row));
        }
    }
}

/// The order the requests go in: by name, and the user's own membership last, once every
/// other change is done (demoting or removing yourself first could take away the right to
/// change the rest).
pub fn run_order(selection: &Selection) -> Vec<Picked> {
    let mut list: Vec<Picked> = selection.values().cloned().collect();
    // Each name lower-cased once, not at every comparison; the sort is stable.
    list.sort_by_cached_key(|p| (p.is_me, lowercase(&p.name)));
    list
}

/// "Ada Lovelace, Alan Turing and Grace Hopper", or "A, B, C, D, E and 55 others".
pub fn named(list: &[Picked]) -> String {
    let names: Vec<&str> = list.iter().take(NAMED).map(|p| p.name.as_str()).collect();
    let rest = list.len().saturating_sub(NAMED);
    match (names.as_slice(), rest) {
        ([], _) => String::new(),
        ([one], 0) => (*one).to_owned(),
        (many, 0) => format!(
            "{} and {}",
            many[..many.len() - 1].join(", "),
            many[many.len() - 1]
        ),
        (many, 1) => format!("{} and 1 other", many.join(", ")),
        (many, n) => format!("{} and {n} others", many.join(", ")),
    }
}

/// "1 member", "60 members".
pub fn members(n: usize) -> String {
    if n == 1 {
        "1 member".to_owned()
    } else {
        format!("{n} members")
    }
}

/// What became of one member's change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub id: String,
    pub name: String,
    /// `None` when it was done; else why not, in the server's (or the rules') words.
    pub refused: Option<String>,
}

/// "59 changed, 1 not changed" for a run's results.
pub fn summary(outcomes: &[Outcome], done_word: &str) -> String {
    let refused = outcomes.iter().filter(|o| o.refused.is_some()).count();
    let done = outcomes.len() - refused;
    if refused == 0 {
        format!("{} {done_word}.", members(done))
    } else {
        format!("{done} {done_word}, {refused} not {done_word}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picked(id: &str, name: &str, role: Role, is_me: bool) -> Picked {
        Picked {
            id: id.into(),
            name: name.into(),
            role,
            is_me,
        }
    }

    fn selection(list: &[Picked]) -> Selection {
        list.iter().map(|p| (p.id.clone(), p.clone())).collect()
    }

    #[test]
    fn the_user_goes_last_and_the_rest_by_name() {
        let s = selection(&[
            picked("1", "Packet Sloth", Role::Owner, true),
            picked("2", "grace Hopper", Role::Owner, false),
            picked("3", "Ada Lovelace", Role::Admin, false),
        ]);
        let names: Vec<String> = run_order(&s).into_iter().map(|p| p.name).collect();
        assert_eq!(names, ["Ada Lovelace", "grace Hopper", "Packet Sloth"]);
    }

    #[test]
    fn a_confirmation_names_up_to_five() {
        let list: Vec<Picked> = (1..=7)
            .map(|i| picked(&i.to_string(), &format!("P{i}"), Role::Billing, false))
            .collect();
        assert_eq!(named(&list[..1]), "P1");
        assert_eq!(named(&list[..3]), "P1, P2 and P3");
        assert_eq!(named(&list[..5]), "P1, P2, P3, P4 and P5");
        assert_eq!(named(&list[..6]), "P1, P2, P3, P4, P5 and 1 other");
        assert_eq!(named(&list), "P1, P2, P3, P4, P5 and 2 others");
    }

    #[test]
    fn admins_cannot_pick_owners() {
        let row = |role: Role| {
            let id = format!("{role:?}");
            MemberRow::from_member(
                &crate::model::members_table::tests::member(
                    &id,
                    "A B",
                    "a@x.io",
                    role,
                    "2025-01-01T00:00:00Z",
                ),
                "",
            )
        };
        let rows = [row(Role::Owner), row(Role::Billing), row(Role::Admin)];
        let mut s = Selection::default();
        pick_all(&mut s, &Role::Admin, &rows);
        assert_eq!(s.len(), 2);
        assert!(!s.contains_key("Owner"));
        let mut s = Selection::default();
        pick_all(&mut s, &Role::Collaborator, &rows);
        assert!(s.is_empty());
    }

    #[test]
    fn results_are_summed_up() {
        let o = |refused: Option<&str>| Outcome {
            id: "x".into(),
            name: "X".into(),
            refused: refused.map(str::to_owned),
        };
        assert_eq!(
            summary(&[o(None), o(None)], "changed"),
            "2 members changed."
        );
        assert_eq!(
            summary(&[o(None), o(Some("last owner"))], "removed"),
            "1 removed, 1 not removed."
        );
    }
}
