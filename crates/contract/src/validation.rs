//! Field rules shared by the server's 422s and the console's inline messages (the contract's
//! "Input limits"). Each check returns the value as it will be stored, or the sentence to
//! show next to the field. The server and the console call the same functions, so a form
//! never sends what the server would refuse, and the server never trusts the form.

pub const MAX_NAME: usize = 80;
pub const MAX_LONG_TEXT: usize = 1000;
pub const MAX_LINK: usize = 200;
pub const MAX_EMAIL: usize = 254;
pub const MIN_PASSWORD: usize = 8;
pub const MAX_PASSWORD: usize = 128;
/// Most distinct project ids one request may name.
pub const MAX_PROJECT_IDS: usize = 100;
/// Largest request body the server reads, in bytes; a larger one is a 413.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// U+0000 to U+001F and U+007F: never allowed in a single-line field, where a newline would
/// add lines to an email's body or a header.
pub fn has_control(value: &str) -> bool {
    value.chars().any(|c| c <= '\u{1f}' || c == '\u{7f}')
}

/// A single-line value: no control characters, at most `max` characters once trimmed.
fn line(value: &str, what: &str, max: usize) -> Result<String, String> {
    if has_control(value) {
        return Err(format!(
            "{what} must be on one line, without control characters"
        ));
    }
    let v = value.trim();
    if v.chars().count() > max {
        Err(format!("{what} must be at most {max} characters"))
    } else {
        Ok(v.to_owned())
    }
}

fn required(value: &str, what: &str, max: usize) -> Result<String, String> {
    let v = line(value, what, max)?;
    if v.is_empty() {
        Err(format!("{what} is required"))
    } else {
        Ok(v)
    }
}

pub fn check_organization_name(name: &str) -> Result<String, String> {
    required(name, "Organization name", MAX_NAME)
}

pub fn check_project_name(name: &str) -> Result<String, String> {
    required(name, "Project name", MAX_NAME)
}

pub fn check_first_name(name: &str) -> Result<String, String> {
    required(name, "First name", MAX_NAME)
}

pub fn check_last_name(name: &str) -> Result<String, String> {
    required(name, "Last name", MAX_NAME)
}

/// Multi-line text (newlines and tabs allowed, other control characters not).
fn text(value: &str, what: &str, max: usize) -> Result<String, String> {
    if value
        .chars()
        .any(|c| (c <= '\u{1f}' && c != '\n' && c != '\r' && c != '\t') || c == '\u{7f}')
    {
        return Err(format!("{what} must not contain control characters"));
    }
    let v = value.trim();
    if v.chars().count() > max {
        Err(format!("{what} must be at most {max} characters"))
    } else {
        Ok(v.to_owned())
    }
}

pub fn check_description(value: &str) -> Result<String, String> {
    text(value, "Description", MAX_LONG_TEXT)
}

/// The invitation's optional message to the invitee.
pub fn check_message(value: &str) -> Result<String, String> {
    text(value, "Message", MAX_LONG_TEXT)
}

/// An http(s) URL with a host that has a dot; empty means "no website".
pub fn check_website(url: &str) -> Result<String, String> {
    let v = line(url, "Website", MAX_LINK)?;
    if v.is_empty() {
        return Ok(v);
    }
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"))
        .ok_or("Website must start with https:// or http://")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit_once(':').map_or(host, |(h, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) {
            h
        } else {
            host
        }
    });
    let host_ok = host.contains('.')
        && host
            .split('.')
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    if !host_ok || v.contains(char::is_whitespace) {
        return Err("Website must be a web address such as https://example.com".into());
    }
    Ok(v)
}

/// A Twitter handle, with or without the @; stored with it. Empty means none.
pub fn check_twitter(handle: &str) -> Result<String, String> {
    let v = line(handle, "Twitter handle", MAX_LINK)?;
    let v = v.trim_start_matches('@');
    if v.is_empty() {
        return Ok(String::new());
    }
    if v.len() > 15 || !v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err("Twitter handle must be up to 15 letters, digits or underscores".into());
    }
    Ok(format!("@{v}"))
}

/// An email address as typed: one line, at most [`MAX_EMAIL`] characters, and valid.
/// Returns it normalized (trimmed, lower case), as it is stored and compared.
pub fn check_email(raw: &str) -> Result<String, String> {
    if has_control(raw) {
        return Err("Email must be on one line, without control characters".into());
    }
    let email = crate::email::normalize_email(raw);
    if email.chars().count() > MAX_EMAIL {
        return Err(format!("Email must be at most {MAX_EMAIL} characters"));
    }
    crate::email::validate_email(&email)
        .map_err(|r| format!("{email} is not a valid email address: it {r}"))?;
    Ok(email)
}

/// The length rule of a new password. (Control characters are allowed: a password is never
/// shown or mailed, and refusing them would only refuse some password managers' output.)
pub fn check_password(password: &str) -> Result<(), String> {
    let n = password.chars().count();
    if n < MIN_PASSWORD {
        Err(format!(
            "Password must be at least {MIN_PASSWORD} characters"
        ))
    } else if n > MAX_PASSWORD {
        Err(format!(
            "Password must be at most {MAX_PASSWORD} characters"
        ))
    } else {
        Ok(())
    }
}

/// A single-line address field of a billing address (required ones say so).
pub fn check_address_line(value: &str, what: &str, required_field: bool) -> Result<String, String> {
    if required_field {
        required(value, what, MAX_NAME)
    } else {
        line(value, what, MAX_NAME)
    }
}

/// `projects_ids` of a request: de-duplicated in their first order, at most
/// [`MAX_PROJECT_IDS`], each a single-line id.
pub fn check_project_ids(ids: &[String]) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::with_capacity(ids.len().min(MAX_PROJECT_IDS));
    for id in ids {
        if has_control(id) || id.len() > 64 {
            return Err("A project id is not valid".into());
        }
        if !out.contains(id) {
            if out.len() == MAX_PROJECT_IDS {
                return Err(format!("Choose at most {MAX_PROJECT_IDS} projects at once"));
            }
            out.push(id.clone());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_required() {
        assert_eq!(check_organization_name("  MO TEST "), Ok("MO TEST".into()));
        assert_eq!(
            check_organization_name("  "),
            Err("Organization name is required".into())
        );
        assert!(check_project_name(&"x".repeat(81)).is_err());
        assert!(check_project_name(&"x".repeat(80)).is_ok());
    }

    #[test]
    fn single_line_fields_refuse_control_characters() {
        for bad in ["Ada\nBcc: x", "Ada\r", "A\u{0}", "A\u{7f}", "\tAda"] {
            assert!(check_first_name(bad).is_err(), "{bad:?}");
            assert!(check_organization_name(bad).is_err(), "{bad:?}");
        }
        assert!(check_website("https://a.com/\n").is_err());
        assert!(check_twitter("@a\u{1}").is_err());
        assert_eq!(check_first_name(" Zoë "), Ok("Zoë".into()));
    }

    #[test]
    fn long_text_keeps_newlines_and_has_a_limit() {
        assert_eq!(check_message("Hi\n\nthere"), Ok("Hi\n\nthere".into()));
        assert!(check_message(&"x".repeat(1000)).is_ok());
        assert!(check_message(&"x".repeat(1001)).is_err());
        assert!(check_description(&"é".repeat(1000)).is_ok());
        assert!(check_message("a\u{1b}[31m").is_err());
    }

    #[test]
    fn websites() {
        assert_eq!(check_website(""), Ok(String::new()));
        assert!(check_website("https://packet.example/team?x=1").is_ok());
        assert!(check_website("http://localhost.test:8080").is_ok());
        assert!(check_website("packet.com").is_err());
        assert!(check_website("https://nohost").is_err());
        assert!(check_website("https://a b.com").is_err());
        let long = format!("https://a.com/{}", "x".repeat(200));
        assert_eq!(
            check_website(&long),
            Err("Website must be at most 200 characters".into())
        );
    }

    #[test]
    fn twitter_handles() {
        assert_eq!(check_twitter("packethost"), Ok("@packethost".into()));
        assert_eq!(check_twitter("@packet_host"), Ok("@packet_host".into()));
        assert_eq!(check_twitter(""), Ok(String::new()));
        assert!(check_twitter("has space").is_err());
        assert!(check_twitter("sixteen_chars_xx").is_err());
    }

    #[test]
    fn emails_are_one_line_bounded_and_normalized() {
        assert_eq!(
            check_email(" Ada@Example.com "),
            Ok("ada@example.com".into())
        );
        assert!(check_email("\tv@x.com\n").unwrap_err().contains("one line"));
        let long = format!("{}@example.com", "e".repeat(250));
        assert_eq!(
            check_email(&long),
            Err("Email must be at most 254 characters".into())
        );
        assert_eq!(
            check_email("bob@"),
            Err("bob@ is not a valid email address: it has nothing after the @".into())
        );
    }

    #[test]
    fn passwords() {
        assert!(check_password("1234567").is_err());
        assert!(check_password("12345678").is_ok());
        assert!(check_password(&"p".repeat(128)).is_ok());
        assert!(check_password(&"p".repeat(129)).is_err());
    }

    #[test]
    fn project_ids_are_deduplicated_and_capped() {
        let ids = |n: usize| (0..n).map(|i| format!("p{i}")).collect::<Vec<_>>();
        let mut twice = ids(3);
        twice.extend(ids(3));
        assert_eq!(check_project_ids(&twice), Ok(ids(3)));
        assert!(check_project_ids(&ids(100)).is_ok());
        assert!(check_project_ids(&ids(101)).is_err());
        // 500 copies of one id are one id.
        assert_eq!(check_project_ids(&vec!["p".into(); 500]).unwrap().len(), 1);
        assert!(check_project_ids(&["a\nb".into()]).is_err());
    }
}
