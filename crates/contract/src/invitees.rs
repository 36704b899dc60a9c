//! Turns what someone pasted or typed into the invite field into addresses.
//!
//! Entries are separated by commas, semicolons, spaces, tabs and newlines, and may take
//! the `Name <email>` form that mail programs copy (`"Lovelace, Ada" <ada@example.com>`
//! too). Addresses are de-duplicated case-insensitively, and every entry that is not an
//! address is kept with the reason, so the console can show it as a red chip.

use crate::email::{normalize_email, validate_email, EmailError};

/// An address to invite, normalized, with the display name it came with, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invitee {
    pub email: String,
    pub name: Option<String>,
}

/// An entry that is not a valid address, as the user wrote it, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidEntry {
    pub input: String,
    pub reason: EmailError,
}

impl InvalidEntry {
    /// "bob@ is not a valid email address: it has nothing after the @"
    pub fn message(&self) -> String {
        format!(
            "{} is not a valid email address: it {}",
            self.input, self.reason
        )
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedInvitees {
    /// Valid addresses in the order first seen.
    pub valid: Vec<Invitee>,
    pub invalid: Vec<InvalidEntry>,
    /// Addresses that were given more than once, as written the second (or later) time.
    pub duplicates: Vec<String>,
}

#[derive(Debug, PartialEq)]
enum Token {
    Word(String),
    Quoted(String),
    Angle(String),
    /// A comma, semicolon or newline: ends a name, unlike a space.
    Break,
}

fn tokenize(input: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ',' | ';' | '\n' | '\r' => tokens.push(Token::Break),
            c if c.is_whitespace() => {}
            '"' => {
                let text: String = chars.by_ref().take_while(|&c| c != '"').collect();
                tokens.push(Token::Quoted(text.trim().to_owned()));
            }
            '<' => {
                let text: String = chars.by_ref().take_while(|&c| c != '>').collect();
                tokens.push(Token::Angle(text.trim().to_owned()));
            }
            c => {
                let mut word = String::from(c);
                while let Some(&next) = chars.peek() {
                    if next.is_whitespace() || matches!(next, ',' | ';' | '"' | '<') {
                        break;
                    }
                    word.push(next);
                    chars.next();
                }
                tokens.push(Token::Word(word));
            }
        }
    }
    tokens
}

/// One entry before validation: the address text and the name that preceded it.
fn entries(tokens: Vec<Token>) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    // Words that may turn out to be the name of a following `<address>`.
    let mut pending: Vec<String> = Vec::new();
    let flush = |pending: &mut Vec<String>, out: &mut Vec<(String, Option<String>)>| {
        out.extend(pending.drain(..).map(|w| (w, None)));
    };
    for token in tokens {
        match token {
            Token::Angle(address) => {
                let name = pending.join(" ");
                pending.clear();
                out.push((address, (!name.is_empty()).then_some(name)));
            }
            Token::Quoted(name) => pending.push(name),
            // A word with an @ is an address of its own; words before it were not a name.
            Token::Word(w) if w.contains('@') => {
                flush(&mut pending, &mut out);
                out.push((w, None));
            }
            Token::Word(w) => pending.push(w),
            Token::Break => flush(&mut pending, &mut out),
        }
    }
    flush(&mut pending, &mut out);
    out
}

/// Parses a pasted or typed list of invitees. Never fails: bad entries are reported in
/// [`ParsedInvitees::invalid`].
pub fn parse_invitees(input: &str) -> ParsedInvitees {
    let mut parsed = ParsedInvitees::default();
    for (raw, name) in entries(tokenize(input)) {
        let email = normalize_email(&raw);
        match validate_email(&email) {
            Err(reason) => parsed.invalid.push(InvalidEntry { input: raw, reason }),
            Ok(()) if parsed.valid.iter().any(|i| i.email == email) => parsed.duplicates.push(raw),
            Ok(()) => parsed.valid.push(Invitee { email, name }),
        }
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn emails(p: &ParsedInvitees) -> Vec<&str> {
        p.valid.iter().map(|i| i.email.as_str()).collect()
    }

    #[test]
    fn splits_on_every_separator() {
        let p = parse_invitees("a@x.io, b@x.io;c@x.io d@x.io\te@x.io\nf@x.io\r\ng@x.io");
        assert_eq!(
            emails(&p),
            ["a@x.io", "b@x.io", "c@x.io", "d@x.io", "e@x.io", "f@x.io", "g@x.io"]
        );
        assert!(p.invalid.is_empty() && p.duplicates.is_empty());
    }

    #[test]
    fn reads_the_mail_program_form() {
        let p = parse_invitees(
            "Ada Lovelace <ada@example.com>; bob@example.com, \"Hopper, Grace\" <Grace@Example.com>",
        );
        assert_eq!(
            p.valid,
            vec![
                Invitee {
                    email: "ada@example.com".into(),
                    name: Some("Ada Lovelace".into())
                },
                Invitee {
                    email: "bob@example.com".into(),
                    name: None
                },
                Invitee {
                    email: "grace@example.com".into(),
                    name: Some("Hopper, Grace".into())
                },
            ]
        );
    }

    #[test]
    fn merges_duplicates_case_insensitively() {
        let p = parse_invitees("ada@example.com ADA@example.com <Ada@Example.com>");
        assert_eq!(emails(&p), ["ada@example.com"]);
        assert_eq!(p.duplicates, ["ADA@example.com", "Ada@Example.com"]);
    }

    #[test]
    fn reports_each_invalid_entry_with_its_reason() {
        let p = parse_invitees("bob@, carol, dave@localhost, ok@example.com");
        assert_eq!(emails(&p), ["ok@example.com"]);
        let got: Vec<_> = p
            .invalid
            .iter()
            .map(|e| (e.input.as_str(), &e.reason))
            .collect();
        assert_eq!(
            got,
            [
                ("bob@", &EmailError::MissingDomain),
                ("carol", &EmailError::MissingAt),
                ("dave@localhost", &EmailError::DomainWithoutDot),
            ]
        );
        assert_eq!(
            p.invalid[0].message(),
            "bob@ is not a valid email address: it has nothing after the @"
        );
    }

    #[test]
    fn a_name_without_an_address_is_reported_word_by_word() {
        let p = parse_invitees("Ada Lovelace, x@example.com");
        assert_eq!(emails(&p), ["x@example.com"]);
        assert_eq!(p.invalid.len(), 2);
    }

    #[test]
    fn empty_angle_brackets_are_an_invalid_entry() {
        let p = parse_invitees("Nobody <>");
        assert!(p.valid.is_empty());
        assert_eq!(p.invalid[0].reason, EmailError::Empty);
    }

    #[test]
    fn blank_input_gives_nothing() {
        assert_eq!(parse_invitees(" ,; \n\t "), ParsedInvitees::default());
    }

    fn address() -> impl Strategy<Value = String> {
        (
            "[a-z0-9][a-z0-9._+-]{0,10}[a-z0-9]",
            "[a-z][a-z0-9-]{0,8}[a-z0-9]",
            "[a-z]{2,6}",
        )
            .prop_filter("no double dots", |(l, _, _)| !l.contains(".."))
            .prop_map(|(l, d, t)| format!("{l}@{d}.{t}"))
    }

    fn separator() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![",", ";", " ", "\t", "\n", ", ", " ;\n", "\r\n"])
    }

    proptest! {
        #[test]
        fn never_panics_and_accounts_for_every_valid_output(input in "\\PC{0,200}") {
            let p = parse_invitees(&input);
            for i in &p.valid {
                prop_assert_eq!(validate_email(&i.email), Ok(()));
                prop_assert_eq!(i.email.to_lowercase(), i.email.clone());
            }
            let mut seen = std::collections::HashSet::new();
            for i in &p.valid {
                prop_assert!(seen.insert(i.email.clone()), "duplicate {}", i.email);
            }
        }

        #[test]
        fn any_mix_of_separators_gives_back_the_list(
            list in prop::collection::vec(address(), 1..20),
            seps in prop::collection::vec(separator(), 20),
        ) {
            let mut input = String::new();
            for (i, a) in list.iter().enumerate() {
                input.push_str(a);
                input.push_str(seps[i]);
            }
            let p = parse_invitees(&input);
            let mut want: Vec<String> = Vec::new();
            for a in &list {
                if !want.contains(a) { want.push(a.clone()); }
            }
            prop_assert_eq!(emails(&p), want.iter().map(String::as_str).collect::<Vec<_>>());
            prop_assert!(p.invalid.is_empty());
            prop_assert_eq!(p.duplicates.len(), list.len() - want.len());
        }

        #[test]
        fn case_changes_never_add_addresses(list in prop::collection::vec(address(), 1..10)) {
            let upper: Vec<String> = list.iter().map(|a| a.to_uppercase()).collect();
            let input = format!("{} {}", list.join(","), upper.join(";"));
            let p = parse_invitees(&input);
            let distinct: std::collections::HashSet<_> = list.iter().collect();
            prop_assert_eq!(p.valid.len(), distinct.len());
            prop_assert_eq!(p.duplicates.len(), list.len() * 2 - distinct.len());
        }

        #[test]
        fn names_stay_with_their_addresses(
            pairs in prop::collection::vec(("[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?", address()), 1..8)
        ) {
            let input: Vec<String> = pairs.iter().map(|(n, a)| format!("{n} <{a}>")).collect();
            let p = parse_invitees(&input.join("; "));
            let mut seen = std::collections::HashSet::new();
            let want: Vec<_> = pairs.iter().filter(|(_, a)| seen.insert(a.clone())).collect();
            prop_assert_eq!(p.valid.len(), want.len());
            for (got, (name, addr)) in p.valid.iter().zip(want) {
                prop_assert_eq!(&got.email, addr);
                prop_assert_eq!(got.name.as_deref(), Some(name.as_str()));
            }
        }
    }
}
