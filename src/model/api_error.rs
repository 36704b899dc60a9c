//! How API failures read to a person. Kept apart from the HTTP code so it is testable on
//! the host.

/// A failed API call.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The server answered with an error body.
    #[error("{}", messages.join(" "))]
    Api {
        status: u16,
        messages: Vec<String>,
        retry_after: Option<u32>,
        /// The body's machine-readable `code` (an extension of the reference server).
        code: Option<String>,
    },
    /// No answer, or an answer that is not the API's (a proxy's error page, say).
    #[error("The service is unreachable. Check your connection and try again.")]
    Unreachable,
    /// A success answer this console could not read.
    #[error("The service sent an answer this console cannot read ({0}).")]
    Unreadable(String),
}

impl ApiError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The error body's `code`, when the server sent one.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Api { code, .. } => code.as_deref(),
            _ => None,
        }
    }

    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401)
    }

    /// Builds the error for a non-2xx answer from its status, content type and body.
    pub fn from_response(
        status: u16,
        content_type: Option<&str>,
        body: &str,
        retry_after: Option<&str>,
    ) -> ApiError {
        let is_json = content_type.is_some_and(|c| c.contains("json"));
        let parsed = is_json
            .then(|| org_contract::from_json::<org_contract::ErrorBody>(body).ok())
            .flatten();
        match parsed {
            Some(b) if !b.messages().is_empty() => {
                let retry_after = retry_after.and_then(|r| r.trim().parse().ok());
                let mut messages = b.messages();
                if status == 429 {
                    // The server's words say which limit ("Too many failed sign-ins"); the
                    // wait comes from the header, so it reads the same from any server.
                    let what = messages[0]
                        .split(';')
                        .next()
                        .map(|w| w.trim().trim_end_matches('.'))
                        .filter(|w| !w.is_empty() && *w != "Too many requests")
                        .unwrap_or("Too many attempts")
                        .to_owned();
                    messages = vec![match retry_after {
                        Some(s) => format!("{what}. Try again in {}.", wait_text(s)),
                        None => format!("{what}. Try again in a few minutes."),
                    }];
                }
                ApiError::Api {
                    status,
                    messages,
                    retry_after,
                    code: b.code.clone(),
                }
            }
            // A JSON error without messages still tells us what happened.
            _ if is_json => ApiError::Api {
                status,
                messages: vec![generic(status)],
                retry_after: None,
                code: None,
            },
            _ => ApiError::Unreachable,
        }
    }
}

fn generic(status: u16) -> String {
    match status {
        401 => "Your session has ended. Sign in again.".into(),
        403 => "You are not allowed to do this.".into(),
        404 => "This no longer exists, or you cannot see it.".into(),
        500..=599 => "The service had a problem. Try again in a moment.".into(),
        _ => format!("The request failed ({status})."),
    }
}

/// "45 seconds", "1 minute", "15 minutes".
pub fn wait_text(seconds: u32) -> String {
    match seconds {
        0..=59 => format!("{seconds} second{}", if seconds == 1 { "" } else { "s" }),
        60..=3599 => {
            let minutes = seconds.div_ceil(60);
            format!("{minutes} minute{}", if minutes == 1 { "" } else { "s" })
        }
        _ => {
            let hours = seconds.div_ceil(3600);
            format!("{hours} hour{}", if hours == 1 { "" } else { "s" })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_error_body_forms() {
        let a = ApiError::from_response(
            401,
            Some("application/json"),
            r#"{"error":"Wrong password"}"#,
            None,
        );
        assert_eq!(a.to_string(), "Wrong password");
        assert!(a.is_unauthorized());
        let b = ApiError::from_response(
            422,
            Some("application/json"),
            r#"{"errors":["a","b"]}"#,
            None,
        );
        assert_eq!(
            b,
            ApiError::Api {
                status: 422,
                messages: vec!["a".into(), "b".into()],
                retry_after: None,
                code: None,
            }
        );
    }

    #[test]
    fn a_page_that_is_not_json_means_unreachable() {
        let e = ApiError::from_response(502, Some("text/html"), "<h1>Bad gateway</h1>", None);
        assert_eq!(e, ApiError::Unreachable);
        assert_eq!(
            ApiError::from_response(500, None, "", None),
            ApiError::Unreachable
        );
    }

    #[test]
    fn rate_limits_say_how_long_to_wait() {
        let e = ApiError::from_response(
            429,
            Some("application/json"),
            r#"{"errors":["Too many requests"]}"#,
            Some("840"),
        );
        assert_eq!(e.to_string(), "Too many attempts. Try again in 14 minutes.");
        let named = ApiError::from_response(
            429,
            Some("application/json"),
            r#"{"errors":["Too many failed sign-ins; try again in 14 minutes"]}"#,
            Some("840"),
        );
        assert_eq!(
            named.to_string(),
            "Too many failed sign-ins. Try again in 14 minutes."
        );
        assert_eq!(wait_text(1), "1 second");
        assert_eq!(wait_text(60), "1 minute");
    }

    #[test]
    fn json_without_messages_gets_a_sentence() {
        let e = ApiError::from_response(500, Some("application/json"), "{}", None);
        assert_eq!(
            e.to_string(),
            "The service had a problem. Try again in a moment."
        );
    }
}
