//! The objects the API sends, exactly as the contract types them: IDs, names, emails and
//! roles are strings, counts are integers, times are RFC 3339 strings or null, and an
//! unexpanded reference is exactly `{"href": "..."}`.

use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::from_json::{FromJson, JsonReader, ReadError};
use crate::from_json_for;
use crate::role::Role;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Href {
    pub href: String,
}

impl Href {
    pub fn new(href: impl Into<String>) -> Self {
        Href { href: href.into() }
    }

    /// The last path segment, which is the object's ID for every API path.
    pub fn id(&self) -> &str {
        self.href.rsplit('/').next().unwrap_or_default()
    }
}

/// A reference that `include=` may have expanded into the full object.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Expandable<T> {
    Full(Box<T>),
    Ref(Href),
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Expandable<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match full_or_ref(d)? {
            Ok(full) => Expandable::Full(Box::new(full)),
            Err(reference) => Expandable::Ref(reference),
        })
    }
}

/// Reads what is either a `T` or a bare `{"href": ...}`, as `#[serde(untagged)]` would: `T`
/// first (a bare reference lacks its required fields), then the reference. Untagged
/// deserialisation buffers every object into serde's generic `Content` tree and reads each
/// type again from that, a second deserialiser per type (about 2% of the console's wasm,
/// and a tree of allocations per expanded user); this keeps the object's JSON text instead
/// and reads it with the deserialisers the console already has. The price: only serde_json
/// can read these types (text, or a `serde_json::Value`), not serde's buffering wrappers
/// (`flatten`, untagged or internally tagged enums) nor other formats; nothing does.
fn full_or_ref<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    d: D,
) -> Result<Result<T, Href>, D::Error> {
    let raw = Box::<RawValue>::deserialize(d)?;
    match serde_json::from_str::<T>(raw.get()) {
        Ok(full) => Ok(Ok(full)),
        Err(full_error) => match serde_json::from_str::<Href>(raw.get()) {
            Ok(reference) => Ok(Err(reference)),
            // The full object's complaint says what is wrong with it.
            Err(_) => Err(D::Error::custom(without_position(&full_error))),
        },
    }
}

/// serde_json's message without its " at line L column C": that position counts from the
/// start of the object alone, and serde_json would keep it (it reads a position back out of
/// a custom message); without one, the document's deserialiser adds where it stands.
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&position) {
        Some(message) => message.to_owned(),
        None => text,
    }
}

impl<T> Expandable<T> {
    pub fn full(&self) -> Option<&T> {
        match self {
            Expandable::Full(t) => Some(t),
            Expandable::Ref(_) => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub short_id: String,
    pub first_name: String,
    pub last_name: String,
    pub full_name: String,
    pub email: String,
    pub avatar_url: Option<String>,
    pub avatar_thumb_url: Option<String>,
    /// "" when off, else "app" or "sms".
    pub two_factor_auth: String,
    pub timezone: String,
    pub default_organization_id: Option<String>,
    pub last_login_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub href: String,
    /// Extension (security rules): whether the user proved they receive mail at `email`.
    /// `None` from a server without the extension, which the console treats as verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub address: String,
    pub address2: Option<String>,
    pub city: String,
    pub state: Option<String>,
    pub zip_code: String,
    pub country: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AddressOrRef {
    Address(Address),
    Ref(Href),
}

impl<'de> Deserialize<'de> for AddressOrRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match full_or_ref(d)? {
            Ok(address) => AddressOrRef::Address(address),
            Err(reference) => AddressOrRef::Ref(reference),
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub website: Option<String>,
    pub twitter: Option<String>,
    pub logo: Option<String>,
    /// `null` for roles that may not see billing (security rules).
    pub credit_amount: Option<f64>,
    /// Absent for roles that may not see billing, and when the organization has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<AddressOrRef>,
    pub enforce_2fa_at: Option<String>,
    /// Absent when asked with `exclude=projects` (our extension for collections).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub projects: Option<Vec<Href>>,
    /// Absent when asked with `exclude=members`: a 10,000-member organization's list of
    /// references is about a megabyte.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<Href>>,
    pub created_at: String,
    pub updated_at: String,
    pub href: String,
    /// Extension: whether this is the caller's (or someone's) personal organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal: Option<bool>,
    /// Extension, on `GET /organizations`: the caller's own membership, so that a console
    /// knows its role everywhere without one request per organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub membership: Option<OwnMembership>,
}

/// The caller's membership of an organization, as `GET /organizations` reports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnMembership {
    pub id: String,
    pub roles: Vec<Role>,
    /// The projects named in the membership (collaborator roles only).
    pub projects_ids: Vec<String>,
    pub href: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub id: String,
    pub name: String,
    pub organization: Href,
    pub created_at: String,
    pub updated_at: String,
    pub href: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub id: String,
    pub roles: Vec<Role>,
    pub projects: Vec<Expandable<Project>>,
    pub projects_count: u32,
    pub user: Expandable<User>,
    pub organization: Href,
    /// When the user joined.
    pub created_at: String,
    pub updated_at: String,
    pub href: String,
}

impl Member {
    pub fn role(&self) -> Role {
        Role::primary(&self.roles)
    }

    pub fn project_ids(&self) -> Vec<String> {
        self.projects
            .iter()
            .map(|p| match p {
                Expandable::Full(p) => p.id.clone(),
                Expandable::Ref(h) => h.id().to_owned(),
            })
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Invitation {
    pub id: String,
    pub invitee: String,
    pub roles: Vec<Role>,
    pub projects: Vec<Expandable<Project>>,
    pub organization: Expandable<Organization>,
    pub invited_by: Expandable<User>,
    pub message: Option<String>,
    /// Shown only to the organization's owners and admins and to the verified invitee
    /// (security rules); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub href: String,
    /// Extension: when the invitation stops being accepted. A server without it sends none.
    #[serde(default)]
    pub expires_at: Option<String>,
}

/// Extension: what `GET /invitations/{id}?nonce=` shows without a token. Only what the
/// emailed link's page needs (security rules): the organization's id and name, the
/// inviter's full name, the roles, the address it was sent to and when it expires.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationPreview {
    pub id: String,
    pub invitee: String,
    pub roles: Vec<Role>,
    pub organization: NamedOrganization,
    pub invited_by: InviterName,
    #[serde(default)]
    pub expires_at: Option<String>,
    pub href: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedOrganization {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviterName {
    pub full_name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaymentMethod {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub card_type: String,
    pub cardholder_name: String,
    pub expiration_month: String,
    pub expiration_year: String,
    pub default: bool,
    pub created_at: String,
    pub href: String,
    /// Extension: the card's last four digits.
    #[serde(default)]
    pub last_4: Option<String>,
}

/// Pagination links and counts of a list response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub first: Option<Href>,
    pub previous: Option<Href>,
    #[serde(rename = "self")]
    pub self_: Option<Href>,
    pub next: Option<Href>,
    pub last: Option<Href>,
    pub total: u64,
    pub current_page: u32,
    pub last_page: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganizationList {
    pub organizations: Vec<Organization>,
    pub meta: Meta,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberList {
    pub members: Vec<Member>,
    pub meta: Meta,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationList {
    pub invitations: Vec<Invitation>,
    /// Absent from `GET /invitations` (the caller's own), present on an organization's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectList {
    pub projects: Vec<Project>,
    pub meta: Meta,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaymentMethodList {
    pub payment_methods: Vec<PaymentMethod>,
}

/// `{token, user}` from signing in or signing up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub token: String,
    pub user: User,
}

/// An error body: the API sends `{"error": "..."}` or `{"errors": [...]}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
    /// Extension: what went wrong, for programs (`already_member`, `already_invited`, …),
    /// so a client reacts to the kind of error without reading its words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

impl ErrorBody {
    pub fn one(message: impl Into<String>) -> Self {
        ErrorBody {
            error: None,
            errors: vec![message.into()],
            code: None,
        }
    }

    /// Every message in the body, whichever of the two forms it used.
    pub fn messages(&self) -> Vec<String> {
        self.error
            .iter()
            .cloned()
            .chain(self.errors.iter().cloned())
            .collect()
    }
}

// How the console reads each object (crate::from_json); the tests below check it reads
// what serde's derive above reads.
from_json_for!(Href { href });
from_json_for!(User {
    id,
    short_id,
    first_name,
    last_name,
    full_name,
    email,
    avatar_url,
    avatar_thumb_url,
    two_factor_auth,
    timezone,
    default_organization_id,
    last_login_at,
    created_at,
    updated_at,
    href,
    email_verified,
});
from_json_for!(Address {
    address,
    address2,
    city,
    state,
    zip_code,
    country
});
from_json_for!(Organization {
    id,
    name,
    description,
    website,
    twitter,
    logo,
    credit_amount,
    billing_address,
    enforce_2fa_at,
    projects,
    members,
    created_at,
    updated_at,
    href,
    personal,
    membership,
});
from_json_for!(OwnMembership {
    id,
    roles,
    projects_ids,
    href
});
from_json_for!(Project {
    id,
    name,
    organization,
    created_at,
    updated_at,
    href
});
from_json_for!(Member {
    id,
    roles,
    projects,
    projects_count,
    user,
    organization,
    created_at,
    updated_at,
    href,
});
from_json_for!(Invitation {
    id,
    invitee,
    roles,
    projects,
    organization,
    invited_by,
    message,
    nonce,
    created_at,
    updated_at,
    href,
    expires_at,
});
from_json_for!(InvitationPreview {
    id,
    invitee,
    roles,
    organization,
    invited_by,
    expires_at,
    href,
});
from_json_for!(NamedOrganization { id, name });
from_json_for!(InviterName { full_name });
from_json_for!(PaymentMethod {
    id, name, kind as "type", card_type, cardholder_name, expiration_month,
    expiration_year, default, created_at, href, last_4,
});
from_json_for!(Meta {
    first, previous, self_ as "self", next, last, total, current_page, last_page,
});
from_json_for!(OrganizationList {
    organizations,
    meta
});
from_json_for!(MemberList { members, meta });
from_json_for!(InvitationList { invitations, meta });
from_json_for!(ProjectList { projects, meta });
from_json_for!(PaymentMethodList { payment_methods });
from_json_for!(Session { token, user });
from_json_for!(ErrorBody { error, errors = default, code });

impl<T: FromJson> FromJson for Expandable<T> {
    fn read(r: &mut JsonReader<'_>) -> Result<Self, ReadError> {
        Ok(match r.either::<T, Href>()? {
            Ok(full) => Expandable::Full(Box::new(full)),
            Err(reference) => Expandable::Ref(reference),
        })
    }
}

impl FromJson for AddressOrRef {
    fn read(r: &mut JsonReader<'_>) -> Result<Self, ReadError> {
        Ok(match r.either::<Address, Href>()? {
            Ok(address) => AddressOrRef::Address(address),
            Err(reference) => AddressOrRef::Ref(reference),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn expandable_reads_both_forms() {
        let r: Expandable<Project> =
            serde_json::from_value(json!({"href": "/metal/v1/projects/p1"})).unwrap();
        assert_eq!(r, Expandable::Ref(Href::new("/metal/v1/projects/p1")));
        let full = json!({"id": "p1", "name": "Web", "organization": {"href": "/o"},
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
            "href": "/metal/v1/projects/p1"});
        let f: Expandable<Project> = serde_json::from_value(full).unwrap();
        assert_eq!(f.full().unwrap().name, "Web");
        // An unexpanded reference serializes as exactly {"href": ...}.
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            json!({"href": "/metal/v1/projects/p1"})
        );
    }

    #[test]
    fn expandable_reads_as_untagged_did() {
        let project = Project {
            id: "p1".into(),
            name: "Web \"prod\"".into(),
            organization: Href::new("/o"),
            created_at: "2026-01-01T00:00:00Z".into(),
            updated_at: "2026-01-01T00:00:00Z".into(),
            href: "/metal/v1/projects/p1".into(),
        };
        // Both forms, in a list, from text and from a value, round trip.
        let list = vec![
            Expandable::Full(Box::new(project.clone())),
            Expandable::Ref(Href::new("/metal/v1/projects/p2")),
        ];
        let text = serde_json::to_string(&list).unwrap();
        let read: Vec<Expandable<Project>> = serde_json::from_str(&text).unwrap();
        assert_eq!(read, list);
        let value = serde_json::to_value(&list).unwrap();
        assert_eq!(
            serde_json::from_value::<Vec<Expandable<Project>>>(value).unwrap(),
            list
        );
        // The full object's keys in any order, the reference with keys it does not know.
        let full: Expandable<Project> = serde_json::from_str(
            r#"{"href": "/metal/v1/projects/p1", "updated_at": "2026-01-01T00:00:00Z",
                "organization": {"href": "/o"}, "name": "Web \"prod\"", "id": "p1",
                "created_at": "2026-01-01T00:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(full, Expandable::Full(Box::new(project)));
        let extra: Expandable<Project> =
            serde_json::from_str(r#"{"href": "/p3", "id": "p3"}"#).unwrap();
        assert_eq!(extra, Expandable::Ref(Href::new("/p3")));
        // Neither form: the full object's complaint.
        let err = serde_json::from_str::<Expandable<Project>>(r#"{"id": "p4"}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `name`"), "{err}");
        // ... placed in the document, not within the object (column 12 there).
        let padded = format!("[{}{}]", " ".repeat(60), r#"{"id": "p4"}"#);
        let err = serde_json::from_str::<Vec<Expandable<Project>>>(&padded).unwrap_err();
        assert!(err.column() > 60, "{err}");
        assert!(err.to_string().contains("missing field `name`"), "{err}");
        assert!(serde_json::from_str::<Expandable<Project>>(r#""/p5""#).is_err());
    }

    #[test]
    fn a_full_object_that_does_not_read_falls_back_to_its_reference_in_both_readers() {
        // Half a surrogate pair in the name: not a project, but still a reference.
        let text = r#"{"id": "p", "name": "\ud83d", "organization": {"href": "/o"},
            "created_at": "t", "updated_at": "t", "href": "/p"}"#;
        let reference = Expandable::Ref(Href::new("/p"));
        assert_eq!(
            serde_json::from_str::<Expandable<Project>>(text).unwrap(),
            reference
        );
        assert_eq!(
            crate::from_json::<Expandable<Project>>(text).unwrap(),
            reference
        );
    }

    #[test]
    fn billing_address_reads_both_forms() {
        let address = Address {
            address: "1 Main St".into(),
            city: "Springfield".into(),
            zip_code: "12345".into(),
            country: "US".into(),
            ..Address::default()
        };
        let full = AddressOrRef::Address(address);
        let text = serde_json::to_string(&full).unwrap();
        assert_eq!(serde_json::from_str::<AddressOrRef>(&text).unwrap(), full);
        let reference: AddressOrRef = serde_json::from_str(r#"{"href": "/a/1"}"#).unwrap();
        assert_eq!(reference, AddressOrRef::Ref(Href::new("/a/1")));
    }

    #[test]
    fn error_body_reads_both_forms() {
        let a: ErrorBody =
            serde_json::from_str(r#"{"error": "Invalid authentication token"}"#).unwrap();
        let b: ErrorBody = serde_json::from_str(r#"{"errors": ["x", "y"]}"#).unwrap();
        assert_eq!(a.messages(), ["Invalid authentication token"]);
        assert_eq!(b.messages(), ["x", "y"]);
        assert_eq!(
            serde_json::to_value(ErrorBody::one("Not found")).unwrap(),
            json!({"errors": ["Not found"]})
        );
    }

    #[test]
    fn meta_uses_self_on_the_wire() {
        let m = Meta {
            first: None,
            previous: None,
            self_: Some(Href::new("/x?page=1")),
            next: None,
            last: None,
            total: 3,
            current_page: 1,
            last_page: 1,
        };
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(v["self"], json!({"href": "/x?page=1"}));
        assert_eq!(v["next"], serde_json::Value::Null);
    }

    fn sample_user(n: u32) -> User {
        User {
            id: format!("u{n}"),
            short_id: format!("u{n}"),
            first_name: "Zoë \"Z\"".into(),
            last_name: "O'Brien \\ 😀".into(),
            full_name: "Zoë O'Brien".into(),
            email: format!("user{n}@example.com"),
            avatar_url: None,
            avatar_thumb_url: Some("/a/\u{7f}\n".into()),
            two_factor_auth: String::new(),
            timezone: "Europe/Paris".into(),
            default_organization_id: Some("o1".into()),
            last_login_at: None,
            created_at: "2026-01-01T00:00:00Z".into(),
            updated_at: "2026-01-02T00:00:00Z".into(),
            href: format!("/metal/v1/users/u{n}"),
            email_verified: Some(n % 2 == 0),
        }
    }

    fn sample_project(n: u32) -> Project {
        Project {
            id: format!("p{n}"),
            name: "Web\t\u{2028}prod".into(),
            organization: Href::new("/metal/v1/organizations/o1"),
            created_at: "2026-01-01T00:00:00Z".into(),
            updated_at: "2026-01-01T00:00:00Z".into(),
            href: format!("/metal/v1/projects/p{n}"),
        }
    }

    fn sample_members() -> MemberList {
        let member = |n: u32, expanded: bool| Member {
            id: format!("m{n}"),
            roles: vec![Role::Collaborator, Role::Other("auditor".into())],
            projects: vec![
                Expandable::Full(Box::new(sample_project(n))),
                Expandable::Ref(Href::new("/metal/v1/projects/p9")),
            ],
            projects_count: 2,
            user: if expanded {
                Expandable::Full(Box::new(sample_user(n)))
            } else {
                Expandable::Ref(Href::new(format!("/metal/v1/users/u{n}")))
            },
            organization: Href::new("/metal/v1/organizations/o1"),
            created_at: "2026-01-01T00:00:00Z".into(),
            updated_at: "2026-01-01T00:00:00Z".into(),
            href: format!("/metal/v1/memberships/m{n}"),
        };
        MemberList {
            members: vec![member(1, true), member(2, false)],
            meta: sample_meta(),
        }
    }

    fn sample_meta() -> Meta {
        Meta {
            first: Some(Href::new("/x?page=1")),
            previous: None,
            self_: Some(Href::new("/x?page=1")),
            next: Some(Href::new("/x?page=2")),
            last: Some(Href::new("/x?page=2")),
            total: u64::from(u32::MAX) + 7,
            current_page: 1,
            last_page: 2,
        }
    }

    fn sample_organization(billing: Option<AddressOrRef>) -> Organization {
        Organization {
            id: "o1".into(),
            name: "Acme \u{e9}".into(),
            description: Some("line\nbreak".into()),
            website: None,
            twitter: Some("@acme".into()),
            logo: None,
            credit_amount: Some(-12.345),
            billing_address: billing,
            enforce_2fa_at: None,
            projects: Some(vec![Href::new("/metal/v1/projects/p1")]),
            members: None,
            created_at: "2026-01-01T00:00:00Z".into(),
            updated_at: "2026-01-01T00:00:00Z".into(),
            href: "/metal/v1/organizations/o1".into(),
            personal: Some(false),
            membership: Some(OwnMembership {
                id: "m1".into(),
                roles: vec![Role::Owner],
                projects_ids: vec![],
                href: "/metal/v1/memberships/m1".into(),
            }),
        }
    }

    /// Serialised by serde as the server writes it, read back by the console's reader.
    fn reads_back<T>(value: &T)
    where
        T: Serialize + serde::de::DeserializeOwned + FromJson + PartialEq + std::fmt::Debug,
    {
        let text = serde_json::to_string_pretty(value).unwrap();
        assert_eq!(&crate::from_json::<T>(&text).unwrap(), value, "{text}");
        assert_eq!(&serde_json::from_str::<T>(&text).unwrap(), value, "{text}");
    }

    #[test]
    fn every_object_reads_back_as_the_server_wrote_it() {
        let address = Address {
            address: "1 Main St".into(),
            address2: None,
            city: "Springfield".into(),
            state: Some("IL".into()),
            zip_code: "12345".into(),
            country: "US".into(),
        };
        reads_back(&sample_members());
        reads_back(&OrganizationList {
            organizations: vec![
                sample_organization(Some(AddressOrRef::Address(address))),
                sample_organization(Some(AddressOrRef::Ref(Href::new("/a/1")))),
                sample_organization(None),
            ],
            meta: sample_meta(),
        });
        let invitation = Invitation {
            id: "i1".into(),
            invitee: "new@example.com".into(),
            roles: vec![Role::LimitedCollaborator],
            projects: vec![Expandable::Ref(Href::new("/metal/v1/projects/p1"))],
            organization: Expandable::Full(Box::new(sample_organization(None))),
            invited_by: Expandable::Full(Box::new(sample_user(3))),
            message: Some("Welcome <b>aboard</b>".into()),
            nonce: None,
            created_at: "2026-01-01T00:00:00Z".into(),
            updated_at: "2026-01-01T00:00:00Z".into(),
            href: "/metal/v1/invitations/i1".into(),
            expires_at: Some("2026-01-08T00:00:00Z".into()),
        };
        reads_back(&InvitationList {
            invitations: vec![invitation.clone()],
            meta: None,
        });
        reads_back(&InvitationList {
            invitations: vec![],
            meta: Some(sample_meta()),
        });
        reads_back(&InvitationPreview {
            id: "i1".into(),
            invitee: "new@example.com".into(),
            roles: vec![Role::Billing],
            organization: NamedOrganization {
                id: "o1".into(),
                name: "Acme".into(),
            },
            invited_by: InviterName {
                full_name: "Kate".into(),
            },
            expires_at: None,
            href: "/metal/v1/invitations/i1".into(),
        });
        reads_back(&ProjectList {
            projects: vec![sample_project(1), sample_project(2)],
            meta: sample_meta(),
        });
        reads_back(&PaymentMethodList {
            payment_methods: vec![PaymentMethod {
                id: "pm1".into(),
                name: "Card".into(),
                kind: "credit_card".into(),
                card_type: "visa".into(),
                cardholder_name: "Kate".into(),
                expiration_month: "01".into(),
                expiration_year: "2030".into(),
                default: true,
                created_at: "2026-01-01T00:00:00Z".into(),
                href: "/metal/v1/payment-methods/pm1".into(),
                last_4: Some("4242".into()),
            }],
        });
        reads_back(&Session {
            token: "t".into(),
            user: sample_user(4),
        });
        reads_back(&ErrorBody {
            error: Some("e".into()),
            errors: vec!["x".into()],
            code: Some("already_member".into()),
        });
        reads_back(&ErrorBody::one("Not found"));
    }

    /// Every answer one edit away from a member page: the console's reader takes it or
    /// refuses it as serde's derive does, and reads the same objects (the expanded user
    /// that no longer reads as one becoming a reference, as with serde).
    #[test]
    fn damaged_member_pages_read_as_serde_reads_them() {
        let text = serde_json::to_string(&sample_members()).unwrap();
        let bytes = text.as_bytes();
        let (mut same, mut refused) = (0, 0);
        for i in 0..=bytes.len() {
            let mut variants = Vec::new();
            if i < bytes.len() {
                variants.push([&bytes[..i], &bytes[i + 1..]].concat());
            }
            for b in *b"{}[]\",:0n" {
                variants.push([&bytes[..i], &[b], &bytes[i..]].concat());
            }
            for v in variants {
                let Ok(t) = std::str::from_utf8(&v) else {
                    continue;
                };
                match (
                    crate::from_json::<MemberList>(t),
                    serde_json::from_str::<MemberList>(t),
                ) {
                    (Ok(a), Ok(b)) => {
                        assert_eq!(a, b, "{t}");
                        same += 1;
                    }
                    (Err(_), Err(_)) => refused += 1,
                    (a, b) => panic!("{t}: ours {a:?}, serde_json {b:?}"),
                }
            }
        }
        assert!(
            same > 8000 && refused > 6000,
            "read {same}, refused {refused}"
        );
    }

    #[test]
    fn href_id_is_the_last_segment() {
        assert_eq!(Href::new("/metal/v1/projects/abc").id(), "abc");
    }
}
