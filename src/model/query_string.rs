//! Query strings, as plain Rust: the console builds them for links (`next=`, the members
//! table's state) and the API client for requests.

/// Encodes a value for a query string (RFC 3986 unreserved characters and `/` stay).
pub fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::percent_encode;

    #[test]
    fn encodes_query_characters() {
        assert_eq!(
            percent_encode("/orgs/1/members?tab=pending&x=é"),
            "/orgs/1/members%3Ftab%3Dpending%26x%3D%C3%A9"
        );
    }
}
