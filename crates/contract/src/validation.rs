//! Field rules shared by the server's 422s and the console's inline messages. Each check
//! returns the value as it will be stored, or the sentence to show next to the field.

pub const MAX_NAME: usize = 80;
pub const MIN_PASSWORD: usize = 8;

fn required(value: &str, what: &str, max: usize) -> Result<String, String> {
    let v = value.trim();
    if v.is_empty() {
        Err(format!("{what} is required"))
    } else if v.chars().count() > max {
        Err(format!("{what} must be at most {max} characters"))
    } else {
        Ok(v.to_owned())
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

pub fn check_description(text: &str) -> Result<String, String> {
    let v = text.trim();
    if v.chars().count() > 500 {
        Err("Description must be at most 500 characters".into())
    } else {
        Ok(v.to_owned())
    }
}

/// An http(s) URL with a host that has a dot; empty means "no website".
pub fn check_website(url: &str) -> Result<String, String> {
    let v = url.trim();
    if v.is_empty() {
        return Ok(String::new());
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
    Ok(v.to_owned())
}

/// A Twitter handle, with or without the @; stored with it. Empty means none.
pub fn check_twitter(handle: &str) -> Result<String, String> {
    let v = handle.trim().trim_start_matches('@');
    if v.is_empty() {
        return Ok(String::new());
    }
    if v.len() > 15 || !v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err("Twitter handle must be up to 15 letters, digits or underscores".into());
    }
    Ok(format!("@{v}"))
}

pub fn check_password(password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_PASSWORD {
        Err(format!(
            "Password must be at least {MIN_PASSWORD} characters"
        ))
    } else {
        Ok(())
    }
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
    fn websites() {
        assert_eq!(check_website(""), Ok(String::new()));
        assert!(check_website("https://packet.example/team?x=1").is_ok());
        assert!(check_website("http://localhost.test:8080").is_ok());
        assert!(check_website("packet.com").is_err());
        assert!(check_website("https://nohost").is_err());
        assert!(check_website("https://a b.com").is_err());
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
    fn passwords() {
        assert!(check_password("1234567").is_err());
        assert!(check_password("12345678").is_ok());
    }
}
