//! Email address validation shared by the server (422s) and the console (red chips), so
//! both reject the same addresses with the same words.

use std::fmt;

/// Why an address was rejected. `Display` gives the sentence shown next to the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmailError {
    Empty,
    TooLong,
    MissingAt,
    MoreThanOneAt,
    MissingLocalPart,
    MissingDomain,
    InvalidLocalPart,
    InvalidDomain,
    DomainWithoutDot,
}

impl fmt::Display for EmailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EmailError::Empty => "is empty",
            EmailError::TooLong => "is longer than 254 characters",
            EmailError::MissingAt => "has no @",
            EmailError::MoreThanOneAt => "has more than one @",
            EmailError::MissingLocalPart => "has nothing before the @",
            EmailError::MissingDomain => "has nothing after the @",
            EmailError::InvalidLocalPart => "has characters not allowed before the @",
            EmailError::InvalidDomain => "has a domain that is not valid",
            EmailError::DomainWithoutDot => "has a domain without a dot",
        })
    }
}

/// Checks an address of the plain `local@domain` form that invitations use (no comments,
/// no quoted local parts, no IP-literal domains: a cloud console never needs them).
pub fn validate_email(address: &str) -> Result<(), EmailError> {
    if address.is_empty() {
        return Err(EmailError::Empty);
    }
    if address.len() > 254 {
        return Err(EmailError::TooLong);
    }
    let mut parts = address.split('@');
    let local = parts.next().unwrap_or_default();
    let Some(domain) = parts.next() else {
        return Err(EmailError::MissingAt);
    };
    if parts.next().is_some() {
        return Err(EmailError::MoreThanOneAt);
    }
    if local.is_empty() {
        return Err(EmailError::MissingLocalPart);
    }
    if domain.is_empty() {
        return Err(EmailError::MissingDomain);
    }
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c);
    if local.len() > 64
        || local
            .split('.')
            .any(|atom| atom.is_empty() || !atom.chars().all(atext))
    {
        return Err(EmailError::InvalidLocalPart);
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if !domain.split('.').all(label_ok) {
        return Err(EmailError::InvalidDomain);
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Err(EmailError::DomainWithoutDot);
    }
    let tld = labels[labels.len() - 1];
    if tld.len() < 2 || tld.chars().all(|c| c.is_ascii_digit()) {
        return Err(EmailError::InvalidDomain);
    }
    Ok(())
}

/// The form in which addresses are stored and compared: surrounding space trimmed and
/// lower-cased, so `Ada@Example.com` and `ada@example.com` are one person. Only ASCII
/// letters are lower-cased: [`validate_email`] accepts nothing else, and Unicode's lower
/// case turns some other letters into ASCII ones (the Kelvin sign `K` into `k`), so an
/// address the user never typed would pass as theirs. (It also keeps the Unicode case
/// tables out of the console's wasm.)
pub fn normalize_email(address: &str) -> String {
    address.trim().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses() {
        for ok in [
            "ada@example.com",
            "first.last+tag@mail.example.co.uk",
            "o'brien@example.ie",
            "x@a-b.io",
        ] {
            assert_eq!(validate_email(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn rejects_with_a_reason() {
        use EmailError::*;
        let cases = [
            ("", Empty),
            ("bob", MissingAt),
            ("bob@", MissingDomain),
            ("@example.com", MissingLocalPart),
            ("a@b@example.com", MoreThanOneAt),
            ("bob@localhost", DomainWithoutDot),
            ("bo b@example.com", InvalidLocalPart),
            ("bob..x@example.com", InvalidLocalPart),
            (".bob@example.com", InvalidLocalPart),
            ("bob@-example.com", InvalidDomain),
            ("bob@example..com", InvalidDomain),
            ("bob@example.c", InvalidDomain),
            ("bob@1.2.3.4", InvalidDomain),
            ("bob@exa_mple.com", InvalidDomain),
        ];
        for (input, want) in cases {
            assert_eq!(validate_email(input), Err(want), "{input:?}");
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(validate_email(&long), Err(TooLong));
        let long_local = format!("{}@example.com", "a".repeat(65));
        assert_eq!(validate_email(&long_local), Err(InvalidLocalPart));
    }

    #[test]
    fn a_letter_whose_lower_case_is_ascii_is_not_turned_into_another_address() {
        // U+212A KELVIN SIGN, whose Unicode lower case is the ASCII `k`: the address keeps
        // a character that is not allowed, and is refused, instead of becoming
        // `kate@example.com`, which the user never typed.
        let kelvin = normalize_email("\u{212A}ate@Example.com");
        assert_eq!(kelvin, "\u{212A}ate@example.com");
        assert_eq!(validate_email(&kelvin), Err(EmailError::InvalidLocalPart));
    }

    #[test]
    fn messages_read_as_sentences_about_the_address() {
        assert_eq!(EmailError::MissingAt.to_string(), "has no @");
        assert_eq!(normalize_email("  Ada@Example.COM "), "ada@example.com");
    }
}
