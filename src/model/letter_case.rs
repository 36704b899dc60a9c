//! Lower- and upper-casing text as `str::to_lowercase` and `str::to_uppercase` do, without
//! their Unicode tables in the console's wasm. Those tables (every letter's lower and upper
//! case, ~24 KB raw, 7.8 KB brotli) were in the first download, since the members table's
//! search keys and initials used them. ASCII text, nearly every email and most names, is
//! cased in place; other text goes to the browser's `toLowerCase`/`toUpperCase`, the same
//! Unicode default case mapping. On the host (the unit tests; the server never uses this)
//! it is the standard library's.
//!
//! Whether a character is a letter or a digit ([`is_alphanumeric`], for the avatars'
//! initials) is asked the same way: Rust's answer for characters outside ASCII reads two
//! more Unicode tables (~2 KB), the browser's regular expressions know the same properties.
//!
//! Text that only ever holds ASCII (email addresses once validated, the API's card brands)
//! is cased with `to_ascii_lowercase` where it is used, not here.

/// `text` in lower case, as `str::to_lowercase` writes it.
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        non_ascii::lowercase(text)
    }
}

/// `text` in upper case, as `str::to_uppercase` writes it.
pub fn uppercase(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_uppercase()
    } else {
        non_ascii::uppercase(text)
    }
}

/// `char::is_alphanumeric`: a letter (Unicode's Alphabetic property) or a number (N*).
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        non_ascii::is_alphanumeric(c)
    }
}

#[cfg(target_arch = "wasm32")]
mod non_ascii {
    use js_sys::{JsString, RegExp};

    thread_local! {
        // The same two properties `char::is_alphanumeric` reads.
        static LETTER_OR_DIGIT: RegExp = RegExp::new(r"^[\p{Alphabetic}\p{N}]$", "u");
    }

    pub fn is_alphanumeric(c: char) -> bool {
        let mut text = [0; 4];
        LETTER_OR_DIGIT.with(|re| re.test(c.encode_utf8(&mut text)))
    }

    pub fn lowercase(text: &str) -> String {
        JsString::from(text).to_lower_case().into()
    }

    pub fn uppercase(text: &str) -> String {
        JsString::from(text).to_upper_case().into()
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod non_ascii {
    pub fn is_alphanumeric(c: char) -> bool {
        c.is_alphanumeric()
    }

    pub fn lowercase(text: &str) -> String {
        text.to_lowercase()
    }

    pub fn uppercase(text: &str) -> String {
        text.to_uppercase()
    }
}

#[cfg(test)]
mod tests {
    use super::{lowercase, uppercase};

    #[test]
    fn cases_ascii_and_other_letters_as_the_standard_library_does() {
        for text in [
            "Ada Lovelace",
            "ADA@EXAMPLE.COM",
            "Émile Zola",
            "ÇA VA",
            "straße",
            "ΟΔΟΣ",
            "",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
            assert_eq!(uppercase(text), text.to_uppercase(), "{text}");
        }
    }
}
