//! Reading the API's answers into the contract's objects, for the console.
//!
//! The server writes and reads JSON with serde. The console only reads, and serde's derive
//! costs it more than it needs: for every type a visitor per deserialiser, a second reader
//! for the sequence form no API answer uses, a field-name visitor with its own messages, and
//! serde_json's number formatting for those messages (together about 6% of the console's
//! first download). Here each type's reading is one loop over its object's keys, written
//! with [`read_object!`] next to the type, over one reader that is not generic at all.
//!
//! It reads what serde's derive reads, the same way: unknown keys are skipped (and must
//! still be JSON), a missing `Option` field is `None`, a missing other field or a key given
//! twice is an error, `null` is only an `Option`'s. The tests check both readers agree on
//! every object the server writes and on thousands of damaged answers. Where they differ,
//! on nothing the API sends (each pinned by a test):
//! - an object written as an array of its fields' values, which serde's derive also takes,
//!   is refused;
//! - nesting deeper than 128 from the top of the answer is refused, also under a key this
//!   reader passes over (serde_json passes over any depth);
//! - a decimal is rounded correctly (Rust's parser); serde_json without its
//!   `float_roundtrip` feature can be a bit off in the last place.

use std::borrow::Cow;
use std::fmt;

/// What made an answer unreadable, and where: a byte offset into the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    message: Cow<'static, str>,
    at: usize,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.message, self.at)
    }
}

impl std::error::Error for ReadError {}

/// A value the API sends, read from its JSON.
pub trait FromJson: Sized {
    fn read(r: &mut JsonReader<'_>) -> Result<Self, ReadError>;

    /// The value of a field its object leaves out: none, so the field is required; an
    /// `Option` is `None`, as serde's derive has it.
    fn when_missing() -> Option<Self> {
        None
    }
}

/// Reads a whole answer: one value, then nothing but white space.
pub fn from_json<T: FromJson>(text: &str) -> Result<T, ReadError> {
    let mut r = JsonReader {
        text,
        at: 0,
        depth: 0,
    };
    let value = T::read(&mut r)?;
    if r.peek().is_some() {
        return Err(r.error("trailing characters"));
    }
    Ok(value)
}

/// serde_json's limit: deeper answers are refused, not read until the stack runs out.
const MAX_DEPTH: u32 = 128;

/// A position in a JSON text. Not generic: each type's [`FromJson::read`] calls it.
pub struct JsonReader<'a> {
    text: &'a str,
    at: usize,
    depth: u32,
}

impl<'a> JsonReader<'a> {
    pub fn error(&self, message: &'static str) -> ReadError {
        ReadError {
            message: Cow::Borrowed(message),
            at: self.at,
        }
    }

    fn error_about(&self, what: &str, field: &str) -> ReadError {
        ReadError {
            message: Cow::Owned(format!("{what} `{field}`")),
            at: self.at,
        }
    }

    /// The next byte after white space, not taken.
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(self.at) {
            self.at += 1;
        }
        bytes.get(self.at).copied()
    }

    /// Takes `byte` if it comes next.
    fn take(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        self.at += next as usize;
        next
    }

    fn word(&mut self, word: &'static str) -> Result<(), ReadError> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(())
        } else {
            Err(self.error("expected a value"))
        }
    }

    /// Takes a `null` if one comes next.
    pub fn null(&mut self) -> Result<bool, ReadError> {
        if self.peek() != Some(b'n') {
            return Ok(false);
        }
        self.word("null").map(|()| true)
    }

    pub fn bool(&mut self) -> Result<bool, ReadError> {
        match self.peek() {
            Some(b't') => self.word("true").map(|()| true),
            Some(b'f') => self.word("false").map(|()| false),
            _ => Err(self.error("expected a boolean")),
        }
    }

    /// A number as written, its grammar checked: `-`, digits without a leading zero, then a
    /// fraction and an exponent, each optional.
    fn number(&mut self) -> Result<&'a str, ReadError> {
        self.peek();
        let bytes = self.text.as_bytes();
        let start = self.at;
        let digits = |at: &mut usize| {
            let from = *at;
            while bytes.get(*at).is_some_and(u8::is_ascii_digit) {
                *at += 1;
            }
            *at - from
        };
        let mut at = start + (bytes.get(start) == Some(&b'-')) as usize;
        let whole = digits(&mut at);
        let mut valid = whole == 1 || (whole > 1 && bytes[at - whole] != b'0');
        if bytes.get(at) == Some(&b'.') {
            at += 1;
            valid &= digits(&mut at) > 0;
        }
        if let Some(b'e' | b'E') = bytes.get(at) {
            at += 1;
            at += matches!(bytes.get(at), Some(b'+' | b'-')) as usize;
            valid &= digits(&mut at) > 0;
        }
        if !valid {
            return Err(self.error("invalid number"));
        }
        self.at = at;
        Ok(&self.text[start..at])
    }

    /// A whole number from 0 to `u64::MAX`.
    pub fn u64(&mut self) -> Result<u64, ReadError> {
        let at = self.at;
        let number = self.number()?;
        number.parse().map_err(|_| ReadError {
            message: Cow::Borrowed("expected a whole number, 0 or more"),
            at,
        })
    }

    pub fn f64(&mut self) -> Result<f64, ReadError> {
        let number = self.number()?;
        match parse_decimal(number) {
            Some(n) if n.is_finite() => Ok(n),
            _ => Err(self.error("number out of range")),
        }
    }

    pub fn string(&mut self) -> Result<String, ReadError> {
        self.str().map(Cow::into_owned)
    }

    /// A string, borrowed from the text unless it has escapes.
    fn str(&mut self) -> Result<Cow<'a, str>, ReadError> {
        if !self.take(b'"') {
            return Err(self.error("expected a string"));
        }
        let bytes = self.text.as_bytes();
        let start = self.at;
        let mut owned: Option<String> = None;
        let mut from = start;
        loop {
            match bytes.get(self.at) {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    let rest = &self.text[from..self.at];
                    self.at += 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(rest),
                        Some(mut s) => {
                            s.push_str(rest);
                            Cow::Owned(s)
                        }
                    });
                }
                Some(b'\\') => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&self.text[from..self.at]);
                    self.at += 1;
                    let c = self.escape()?;
                    s.push(c);
                    from = self.at;
                }
                Some(0..=0x1f) => return Err(self.error("control character in a string")),
                Some(_) => self.at += 1,
            }
        }
    }

    /// The character an escape stands for, the `\` taken.
    fn escape(&mut self) -> Result<char, ReadError> {
        let byte = self.text.as_bytes().get(self.at).copied();
        self.at += 1;
        Ok(match byte {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let first = self.hex4()?;
                let code = match first {
                    0xd800..=0xdbff => {
                        if !self.text[self.at..].starts_with("\\u") {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        self.at += 2;
                        let second = self.hex4()?;
                        if !(0xdc00..=0xdfff).contains(&second) {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00)
                    }
                    0xdc00..=0xdfff => {
                        return Err(self.error("lone trailing surrogate in hex escape"))
                    }
                    other => other,
                };
                char::from_u32(code).ok_or_else(|| self.error("invalid escape"))?
            }
            _ => return Err(self.error("invalid escape")),
        })
    }

    fn hex4(&mut self) -> Result<u32, ReadError> {
        let digits = self.text.as_bytes().get(self.at..self.at + 4);
        let value = digits
            .filter(|d| d.iter().all(u8::is_ascii_hexdigit))
            .and_then(|d| u32::from_str_radix(std::str::from_utf8(d).ok()?, 16).ok());
        match value {
            Some(v) => {
                self.at += 4;
                Ok(v)
            }
            None => Err(self.error("invalid escape")),
        }
    }

    fn deeper(&mut self) -> Result<(), ReadError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        Ok(())
    }

    /// An object: `field` reads the value of each key in turn (and must read it whole).
    pub fn object(
        &mut self,
        field: &mut dyn FnMut(&mut Self, &str) -> Result<(), ReadError>,
    ) -> Result<(), ReadError> {
        self.members(false, field)
    }

    /// [`JsonReader::object`]; `passing` over it, its keys are checked for form only.
    fn members(
        &mut self,
        passing: bool,
        field: &mut dyn FnMut(&mut Self, &str) -> Result<(), ReadError>,
    ) -> Result<(), ReadError> {
        let brackets = (b'{', b'}', "expected an object", "expected `,` or `}`");
        self.listed(brackets, &mut |r| {
            if r.peek() != Some(b'"') {
                return Err(r.error("expected a key"));
            }
            let key = if passing {
                r.pass_str().map(|()| Cow::Borrowed(""))?
            } else {
                r.str()?
            };
            if !r.take(b':') {
                return Err(r.error("expected `:`"));
            }
            field(r, &key)
        })
    }

    /// What objects and arrays share: `open`, then `item` read again after each comma, then
    /// `close`, one level deeper meanwhile.
    fn listed(
        &mut self,
        (open, close, not_open, not_separated): (u8, u8, &'static str, &'static str),
        item: &mut dyn FnMut(&mut Self) -> Result<(), ReadError>,
    ) -> Result<(), ReadError> {
        if !self.take(open) {
            return Err(self.error(not_open));
        }
        self.deeper()?;
        if !self.take(close) {
            loop {
                item(self)?;
                if self.take(close) {
                    break;
                }
                if !self.take(b',') {
                    return Err(self.error(not_separated));
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// A string passed over, checked as serde_json checks one it skips: control characters
    /// and the form of each escape, not whether a `\u` surrogate has its pair.
    fn pass_str(&mut self) -> Result<(), ReadError> {
        self.take(b'"');
        let bytes = self.text.as_bytes();
        loop {
            let Some(&byte) = bytes.get(self.at) else {
                return Err(self.error("unterminated string"));
            };
            self.at += 1;
            match byte {
                b'"' => return Ok(()),
                b'\\' => match bytes.get(self.at) {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.at += 1,
                    Some(b'u') => {
                        self.at += 1;
                        self.hex4()?;
                    }
                    _ => return Err(self.error("invalid escape")),
                },
                0..=0x1f => return Err(self.error("control character in a string")),
                _ => {}
            }
        }
    }

    /// An array: `item` reads each element in turn.
    pub fn array(
        &mut self,
        item: &mut dyn FnMut(&mut Self) -> Result<(), ReadError>,
    ) -> Result<(), ReadError> {
        let brackets = (b'[', b']', "expected an array", "expected `,` or `]`");
        self.listed(brackets, item)
    }

    /// Any value, checked and passed over: a key the reading type does not know.
    pub fn skip(&mut self) -> Result<(), ReadError> {
        match self.peek() {
            Some(b'{') => self.members(true, &mut |r, _| r.skip()),
            Some(b'[') => self.array(&mut |r| r.skip()),
            Some(b'"') => self.pass_str(),
            Some(b't' | b'f') => self.bool().map(drop),
            Some(b'n') => self.word("null"),
            _ => self.number().map(drop),
        }
    }

    /// Reads the field `name` into `slot`, which must still be empty.
    pub fn field<T: FromJson>(
        &mut self,
        slot: &mut Option<T>,
        name: &str,
    ) -> Result<(), ReadError> {
        if slot.is_some() {
            return Err(self.error_about("duplicate field", name));
        }
        *slot = Some(T::read(self)?);
        Ok(())
    }

    /// The value a field was given, else its [`FromJson::when_missing`].
    pub fn given<T: FromJson>(&self, slot: Option<T>, name: &str) -> Result<T, ReadError> {
        slot.or_else(T::when_missing)
            .ok_or_else(|| self.missing(name))
    }

    #[doc(hidden)]
    pub fn missing(&self, name: &str) -> ReadError {
        self.error_about("missing field", name)
    }

    /// Reads `T` or else, from the same place, `U`: an expanded object or its reference.
    /// When neither reads, `T`'s complaint says what is wrong.
    pub fn either<T: FromJson, U: FromJson>(&mut self) -> Result<Result<T, U>, ReadError> {
        let (at, depth) = (self.at, self.depth);
        match T::read(self) {
            Ok(full) => Ok(Ok(full)),
            Err(full_error) => {
                (self.at, self.depth) = (at, depth);
                U::read(self).map(Err).map_err(|_| full_error)
            }
        }
    }
}

/// Reads an object into the struct `$ty`, one arm per field: `field` (its own name on the
/// wire), `field as "wire"`, and `field = default` for `#[serde(default)]` on a type other
/// than `Option`. Leaving a field out does not compile, as the struct needs them all.
///
/// Every required field is checked before the struct takes any: one way out with every
/// field still held, not one per field holding a different set (each its own drops, which
/// made a 16-field reader three times the size).
#[doc(hidden)]
#[macro_export]
macro_rules! read_object {
    ($r:ident, $ty:ident { $($field:ident $(as $wire:literal)? $(= $default:ident)?),* $(,)? }) => {{
        $(let mut $field = None;)*
        $r.object(&mut |r, key| match key {
            $($crate::wire_name!($field $($wire)?) => {
                r.field(&mut $field, $crate::wire_name!($field $($wire)?))
            })*
            _ => r.skip(),
        })?;
        let missing = None
            $(.or_else(|| $crate::read_object!(@missing $field $($wire)? $(= $default)?)))*;
        if let Some(name) = missing {
            return Err($r.missing(name));
        }
        Ok($ty {
            $($field: $crate::read_object!(@value $field $(= $default)?),)*
        })
    }};
    (@missing $field:ident $($wire:literal)? = default) => { None };
    (@missing $field:ident $($wire:literal)?) => {
        $crate::from_json::absent(&$field).then_some($crate::wire_name!($field $($wire)?))
    };
    (@value $field:ident = default) => { $field.unwrap_or_default() };
    (@value $field:ident) => { $crate::from_json::filled($field) };
}

#[doc(hidden)]
#[macro_export]
macro_rules! wire_name {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident $wire:literal) => {
        $wire
    };
}

/// Whether a field [`read_object!`] needs was left out.
#[doc(hidden)]
pub fn absent<T: FromJson>(slot: &Option<T>) -> bool {
    slot.is_none() && T::when_missing().is_none()
}

/// A field's value once [`absent`] has said it is there.
#[doc(hidden)]
pub fn filled<T: FromJson>(slot: Option<T>) -> T {
    slot.or_else(T::when_missing)
        .expect("read_object! checks every field first")
}

/// `impl FromJson for $ty`, reading its object with [`read_object!`]: for the contract's
/// objects and for the console's own (its config, the invitation count).
#[macro_export]
macro_rules! from_json_for {
    ($ty:ident { $($fields:tt)* }) => {
        impl $crate::from_json::FromJson for $ty {
            fn read(
                r: &mut $crate::from_json::JsonReader<'_>,
            ) -> Result<Self, $crate::from_json::ReadError> {
                $crate::read_object!(r, $ty { $($fields)* })
            }
        }
    };
}

impl FromJson for String {
    fn read(r: &mut JsonReader<'_>) -> Result<Self, ReadError> {
        r.string()
    }
}

impl FromJson for bool {
    fn read(r: &mut JsonReader<'_>) -> Result<Self, ReadError> {
        r.bool()
    }
}

impl FromJson for u64 {
    fn read(r: &mut JsonReader<'_>) -> Result<Self, ReadError> {
        r.u64()
    }
}

impl FromJson for u32 {
    fn read(r: &mut JsonReader<'_>) -> Result<Self, ReadError> {
        let number = r.u64()?;
        u32::try_from(number).map_err(|_| r.error("number out of range"))
    }
}

/// A JSON number's text (already checked against the grammar) as the nearest `f64`.
#[cfg(not(all(target_arch = "wasm32", feature = "js-numbers")))]
fn parse_decimal(number: &str) -> Option<f64> {
    number.parse().ok()
}

/// In the browser, by JavaScript's `parseFloat`: a JSON number is a JavaScript numeric
/// literal, and the engines round it to the nearest double as Rust does (the console's
/// component tests compare the two in Chromium; ECMA-262 requires it up to 20 significant
/// digits and lets an engine round a longer one either way, which no answer of this API
/// carries). Rust's own parser would bring its tables of powers of
/// five, 11 KB of data that barely compress, into the first download for one field
/// (`credit_amount`).
#[cfg(all(target_arch = "wasm32", feature = "js-numbers"))]
fn parse_decimal(number: &str) -> Option<f64> {
    Some(js_sys::parse_float(number))
}

impl FromJson for f64 {
    fn read(r: &mut JsonReader<'_>) -> Result<Self, ReadError> {
        r.f64()
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn read(r: &mut JsonReader<'_>) -> Result<Self, ReadError> {
        if r.null()? {
            return Ok(None);
        }
        T::read(r).map(Some)
    }

    fn when_missing() -> Option<Self> {
        Some(None)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn read(r: &mut JsonReader<'_>) -> Result<Self, ReadError> {
        let mut items = Vec::new();
        r.array(&mut |r| {
            items.push(T::read(r)?);
            Ok(())
        })?;
        Ok(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Sample {
        name: String,
        #[serde(rename = "type")]
        kind: Option<String>,
        count: u32,
        ratio: Option<f64>,
        tags: Vec<String>,
        #[serde(default)]
        flags: Vec<bool>,
    }

    impl FromJson for Sample {
        fn read(r: &mut JsonReader<'_>) -> Result<Self, ReadError> {
            crate::read_object!(r, Sample { name, kind as "type", count, ratio, tags, flags = default })
        }
    }

    /// Both readers take `text` or both refuse it, and read the same value.
    fn agree(text: &str) -> bool {
        let ours = from_json::<Sample>(text);
        let serde = serde_json::from_str::<Sample>(text);
        match (&ours, &serde) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{text}"),
            (Err(_), Err(_)) => {}
            _ => panic!("{text}: ours {ours:?}, serde_json {serde:?}"),
        }
        ours.is_ok()
    }

    #[test]
    fn reads_what_serde_reads_and_refuses_what_it_refuses() {
        let good = [
            r#"{"name": "a", "type": null, "count": 3, "ratio": 0.5, "tags": []}"#,
            r#" {"tags":["x","y"],"count":0,"name":"","flags":[true,false]} "#,
            r#"{"name": "\"q\" \\ \/ \b\f\n\r\t \u00e9 \ud83d\ude00", "count": 4294967295, "tags": []}"#,
            r#"{"name": "é😀", "count": 1, "tags": [], "ratio": -1.5e3, "type": "t"}"#,
            r#"{"name": "a", "count": 1, "tags": [], "other": {"deep": [1, -2.0e-3, "s", null, true, {}]}}"#,
            r#"{"name": "a", "count": 1, "tags": [], "ratio": 7}"#,
        ];
        for text in good {
            assert!(agree(text), "{text}");
        }
        let bad = [
            "",
            "null",
            "[]",
            r#"{"name": "a", "tags": []}"#,
            r#"{"name": "a", "count": 1, "tags": [], "name": "b"}"#,
            r#"{"name": null, "count": 1, "tags": []}"#,
            r#"{"name": "a", "count": -1, "tags": []}"#,
            r#"{"name": "a", "count": 1.0, "tags": []}"#,
            r#"{"name": "a", "count": 1e2, "tags": []}"#,
            r#"{"name": "a", "count": 4294967296, "tags": []}"#,
            r#"{"name": "a", "count": 01, "tags": []}"#,
            r#"{"name": "a", "count": 1, "tags": [],}"#,
            r#"{"name": "a", "count": 1, "tags": [1]}"#,
            r#"{"name": "a", "count": 1, "tags": []} x"#,
            r#"{"name": "\ud800", "count": 1, "tags": []}"#,
            r#"{"name": "\udc00", "count": 1, "tags": []}"#,
            r#"{"name": "\x", "count": 1, "tags": []}"#,
            "{\"name\": \"tab\there\", \"count\": 1, \"tags\": []}",
            r#"{"name": "a", "count": 1, "tags": [], "ratio": 1e999}"#,
            r#"{"name": "a", "count": 1, "tags": [], "other": [1, 2}"#,
            r#"{"name": "a", "count": 1, "tags": [], "other": tru}"#,
            r#"{"name": "a", "count": 1, "tags": [], "other": -}"#,
            r#"{"name": "a", "count": 1, "tags": [], "other": 1.}"#,
            r#"{"name": "a" "count": 1, "tags": []}"#,
            r#"{name: "a", "count": 1, "tags": []}"#,
        ];
        for text in bad {
            assert!(!agree(text), "{text}");
        }
    }

    #[test]
    fn a_nested_answer_is_refused_not_followed_off_the_stack() {
        let nested = |depth: usize| {
            format!(
                r#"{{"name": "a", "count": 1, "tags": [], "other": {}{}}}"#,
                "[".repeat(depth),
                "]".repeat(depth)
            )
        };
        // 128 levels from the top of the answer, the object itself the first.
        assert!(agree(&nested(127)));
        // serde_json passes over an unknown key's value of any depth without recursing;
        // this reader recurses, so it stops where serde_json stops the values it reads.
        for depth in [128, 100_000] {
            let e = from_json::<Sample>(&nested(depth)).unwrap_err();
            assert!(e.to_string().starts_with("recursion limit exceeded"), "{e}");
        }
    }

    #[test]
    fn a_string_passed_over_is_checked_as_serde_checks_it() {
        let with = |extra: &str| format!(r#"{{"name": "a", "count": 1, "tags": [], {extra}}}"#);
        // Half a surrogate pair, where nothing reads it: both take the answer.
        for extra in [
            r#""x": "\ud800""#,
            r#""x": {"\udc00": 1}"#,
            r#""x": ["\ud83d\u0041"]"#,
        ] {
            assert!(agree(&with(extra)), "{extra}");
        }
        // A broken escape or a control character: both refuse it, read or not.
        for extra in [r#""x": "\u12""#, r#""x": "\q""#, "\"x\": \"a\u{1}\""] {
            assert!(!agree(&with(extra)), "{extra}");
        }
        assert!(!agree(r#"{"name": "\ud800", "count": 1, "tags": []}"#));
    }

    #[test]
    fn an_object_written_as_an_array_is_refused() {
        // serde's derive also takes a struct as the array of its fields' values; no API
        // answer is written so, and reading it would cost a second reader per type.
        let text = r#"["a", null, 1, null, []]"#;
        assert!(serde_json::from_str::<Sample>(text).is_ok());
        let e = from_json::<Sample>(text).unwrap_err();
        assert_eq!(e.to_string(), "expected an object at byte 0");
    }

    #[test]
    fn decimals_are_rounded_correctly() {
        for text in [
            "9007199254740993.0",
            "1.7976931348623158e308",
            "2.2250738585072011e-308",
            "0.1",
        ] {
            assert_eq!(
                from_json::<f64>(text),
                Ok(text.parse::<f64>().unwrap()),
                "{text}"
            );
        }
        assert!(from_json::<f64>("1e309").is_err());
    }

    #[test]
    fn an_error_says_what_and_where() {
        let e = from_json::<Sample>(r#"{"name": "a", "tags": []}"#).unwrap_err();
        assert_eq!(e.to_string(), "missing field `count` at byte 25");
        let e = from_json::<Sample>(r#"{"name": 1}"#).unwrap_err();
        assert_eq!(e.to_string(), "expected a string at byte 9");
    }

    /// Every text one edit away from a valid answer: both readers agree on each.
    #[test]
    fn damaged_answers_are_read_as_serde_reads_them() {
        let text = r#"{"name": "a\"b\u00e9", "type": null, "count": 12, "ratio": 2.5, "tags": ["x", "y"], "flags": [true], "extra": {"k": [null, false, -0.5e+2]}}"#;
        let bytes = text.as_bytes();
        let inserts = b"{}[]\",:0-.en\\ ";
        let mut read = 0;
        for i in 0..=bytes.len() {
            let mut variants = Vec::new();
            if i < bytes.len() {
                variants.push([&bytes[..i], &bytes[i + 1..]].concat());
            }
            for &b in inserts {
                variants.push([&bytes[..i], &[b], &bytes[i..]].concat());
            }
            for v in variants {
                if let Ok(t) = std::str::from_utf8(&v) {
                    read += agree(t) as usize;
                }
            }
        }
        assert!(read > 500, "too few damaged texts still read: {read}");
    }
}
