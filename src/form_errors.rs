//! Puts each server message next to the field it is about, so a 422 reads like the
//! console's own validation. A message belongs to a field when it starts with the field's
//! label ("Website must start with…"); the rest are shown above the buttons.

use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormErrors {
    pub fields: BTreeMap<&'static str, String>,
    pub general: Vec<String>,
}

impl FormErrors {
    /// Sorts `messages` by `fields`: (field key, label the message starts with).
    pub fn from_messages(messages: &[String], fields: &[(&'static str, &str)]) -> FormErrors {
        let mut out = FormErrors::default();
        for m in messages {
            match fields.iter().find(|(_, label)| m.starts_with(label)) {
                Some((key, _)) if !out.fields.contains_key(key) => {
                    out.fields.insert(key, m.clone());
                }
                _ => out.general.push(m.clone()),
            }
        }
        out
    }

    pub fn field(&self, key: &str) -> Option<String> {
        self.fields.get(key).cloned()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.general.is_empty()
    }

    /// Adds the problem of one field's own check, if any.
    pub fn check<T>(&mut self, key: &'static str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(m) => {
                self.fields.entry(key).or_insert(m);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_go_to_their_fields() {
        let messages = vec![
            "Organization name is required".to_owned(),
            "Website must start with https:// or http://".to_owned(),
            "Something else went wrong".to_owned(),
        ];
        let e = FormErrors::from_messages(
            &messages,
            &[("name", "Organization name"), ("website", "Website")],
        );
        assert_eq!(e.field("name").unwrap(), "Organization name is required");
        assert_eq!(
            e.field("website").unwrap(),
            "Website must start with https:// or http://"
        );
        assert_eq!(e.general, ["Something else went wrong"]);
    }

    #[test]
    fn local_checks_keep_the_first_problem() {
        let mut e = FormErrors::default();
        assert_eq!(e.check("name", Ok::<_, String>(3)), Some(3));
        assert!(e.is_empty());
        e.check::<()>("name", Err("first".into()));
        e.check::<()>("name", Err("second".into()));
        assert_eq!(e.field("name").unwrap(), "first");
    }
}
