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

/// Labels of the organization form's fields, for routing server messages to them.
pub const ORG_FIELDS: &[(&str, &str)] = &[
    ("name", "Organization name"),
    ("description", "Description"),
    ("website", "Website"),
    ("twitter", "Twitter"),
];

/// An organization form's values after the contract's field rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgFields {
    pub name: String,
    pub description: String,
    pub website: String,
    pub twitter: String,
}

/// Checks the fields of the create-organization and General forms alike.
pub fn check_org_fields(
    name: &str,
    description: &str,
    website: &str,
    twitter: &str,
) -> Result<OrgFields, FormErrors> {
    use org_contract::validation::{
        check_description, check_organization_name, check_twitter, check_website,
    };
    let mut e = FormErrors::default();
    let fields = (
        e.check("name", check_organization_name(name)),
        e.check("description", check_description(description)),
        e.check("website", check_website(website)),
        e.check("twitter", check_twitter(twitter)),
    );
    match fields {
        (Some(name), Some(description), Some(website), Some(twitter)) if e.is_empty() => {
            Ok(OrgFields {
                name,
                description,
                website,
                twitter,
            })
        }
        _ => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organization_fields_are_checked_together() {
        let ok = check_org_fields(" MO TEST ", "", "https://mo.example.com", "motest").unwrap();
        assert_eq!(
            (ok.name.as_str(), ok.twitter.as_str()),
            ("MO TEST", "@motest")
        );
        let bad = check_org_fields("", "", "mo.example.com", "").unwrap_err();
        assert_eq!(bad.field("name").unwrap(), "Organization name is required");
        assert_eq!(
            bad.field("website").unwrap(),
            "Website must start with https:// or http://"
        );
        assert_eq!(bad.fields.len(), 2);
    }

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
