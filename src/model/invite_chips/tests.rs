use super::*;

fn known() -> Known {
    Known {
        members: vec!["ada@example.com".into()],
        invited: vec!["new.hire@example.com".into()],
    }
}

fn texts(l: &ChipList) -> Vec<&str> {
    l.chips.iter().map(|c| c.text.as_str()).collect()
}

#[test]
fn typing_a_separator_ends_an_address() {
    let mut l = ChipList::default();
    assert_eq!(l.take_typed("bob@example.co", &known()), "bob@example.co");
    assert!(l.chips.is_empty());
    assert_eq!(l.take_typed("bob@example.com,", &known()), "");
    assert_eq!(l.take_typed("carol@example.com; dav", &known()), "dav");
    assert_eq!(texts(&l), ["bob@example.com", "carol@example.com"]);
}

#[test]
fn pasting_splits_a_mail_program_list_and_merges_duplicates() {
    let mut l = ChipList::default();
    let merged = l.add(
        "Ada Lovelace <ada@example.com>; bob@example.com, BOB@example.com\nnot-an-address",
        &known(),
    );
    assert_eq!(merged, 1);
    assert_eq!(
        texts(&l),
        ["ada@example.com", "bob@example.com", "not-an-address"]
    );
    assert_eq!(l.chips[0].kind, ChipKind::AlreadyMember);
    assert_eq!(l.chips[1].kind, ChipKind::Ready);
    assert_eq!(
        l.chips[2].problem().unwrap(),
        "not-an-address is not a valid email address: it has no @"
    );
    // The same address again, in any case, adds nothing.
    assert_eq!(l.add("Bob@Example.com", &known()), 1);
    assert_eq!(l.chips.len(), 3);
}

#[test]
fn already_invited_is_flagged_and_not_sent() {
    let mut l = ChipList::default();
    l.add("new.hire@example.com x@example.com", &known());
    assert_eq!(l.chips[0].kind, ChipKind::AlreadyInvited);
    assert_eq!(l.ready(), ["x@example.com"]);
}

#[test]
fn chips_are_removed_by_index_by_backspace_and_after_success() {
    let mut l = ChipList::default();
    l.add("a@example.com b@example.com c@example.com", &known());
    l.remove(1);
    assert_eq!(texts(&l), ["a@example.com", "c@example.com"]);
    assert_eq!(l.remove_last().unwrap().text, "c@example.com");
    l.add("d@example.com", &known());
    l.remove_addresses(&["A@example.com".into()]);
    assert_eq!(texts(&l), ["d@example.com"]);
    l.remove(9);
    assert_eq!(l.chips.len(), 1);
}

#[test]
fn more_than_fifty_is_refused_with_a_message() {
    let mut l = ChipList::default();
    let list: Vec<String> = (0..52).map(|i| format!("p{i}@example.com")).collect();
    l.add(&list.join(","), &known());
    assert_eq!(
        l.over_limit().unwrap(),
        "You can invite up to 50 addresses at once; remove 2 or send them in another batch."
    );
    l.remove(0);
    l.remove(0);
    assert_eq!(l.over_limit(), None);
}

#[test]
fn outcomes_read_the_servers_codes_not_its_words() {
    use crate::model::api_error::ApiError;
    let e = |m: &str, code: Option<&str>| ApiError::Api {
        status: 422,
        messages: vec![m.into()],
        retry_after: None,
        code: code.map(str::to_owned),
    };
    assert_eq!(
        Outcome::from_error(&e("Déjà membre", Some("already_member"))),
        Outcome::AlreadyMember
    );
    assert_eq!(
        Outcome::from_error(&e("Déjà invité", Some("already_invited"))),
        Outcome::AlreadyInvited
    );
    // Without a code (a server without the extension): its own words, as they are.
    assert_eq!(
        Outcome::from_error(&e("x@y.io is already a member of this organization", None)),
        Outcome::Refused("x@y.io is already a member of this organization".into())
    );
    assert_eq!(
        Outcome::from_error(&ApiError::Unreachable),
        Outcome::NetworkFailure
    );
}

#[test]
fn the_skipped_addresses_are_summed_up_and_removed_at_once() {
    let mut l = ChipList::default();
    l.add("ann@example.com", &known());
    assert_eq!(l.skipped_summary(), None);
    l.add("bob@example.com not-an-address", &known());
    assert_eq!(
        l.skipped_summary().unwrap(),
        "1 address will be skipped: 1 not valid."
    );
    l.add(
        &format!("{} {}", known().members[0], known().invited[0]),
        &known(),
    );
    assert_eq!(
        l.skipped_summary().unwrap(),
        "3 addresses will be skipped: 1 not valid, 1 already a member, 1 already invited."
    );
    l.remove_skipped();
    assert_eq!(l.ready(), ["ann@example.com", "bob@example.com"]);
    assert_eq!(l.chips.len(), 2);
    assert_eq!(l.skipped_summary(), None);
}

#[test]
fn a_list_that_arrives_later_marks_the_chips_it_knows() {
    let mut l = ChipList::default();
    l.add(
        "ada@example.com new.hire@example.com bob@example.com bad",
        &Known::default(),
    );
    assert!(l.chips[..3].iter().all(|c| c.kind == ChipKind::Ready));
    assert!(l.recheck(&known()));
    let kinds: Vec<&ChipKind> = l.chips.iter().map(|c| &c.kind).collect();
    assert_eq!(
        kinds[..3],
        [
            &ChipKind::AlreadyMember,
            &ChipKind::AlreadyInvited,
            &ChipKind::Ready
        ]
    );
    assert!(matches!(kinds[3], ChipKind::Invalid(_)));
    // Nothing new: nothing changes.
    assert!(!l.recheck(&known()));
}
