//! Database rows and their conversion into the contract's objects.

use crate::db::Timestamp;
use org_contract::{Address, AddressOrRef, Href, Organization, PaymentMethod, Project, Role, User};

/// Where the API lives; every `href` starts with it.
pub const API: &str = "/metal/v1";

pub fn href(path: impl std::fmt::Display) -> Href {
    Href::new(format!("{API}{path}"))
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UserRow {
    pub id: String,
    pub short_id: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub password_hash: Option<String>,
    pub avatar_url: Option<String>,
    pub avatar_thumb_url: Option<String>,
    pub two_factor_auth: String,
    pub timezone: String,
    pub default_organization_id: Option<String>,
    pub last_login_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub email_verified: bool,
}

impl UserRow {
    pub fn full_name(&self) -> String {
        full_name(&self.first_name, &self.last_name)
    }

    pub fn to_user(&self) -> User {
        self.clone().into_user()
    }

    /// The contract's user, taking the row's strings instead of copying them (a page of
    /// 1,000 members builds 1,000 users).
    pub fn into_user(self) -> User {
        User {
            full_name: full_name(&self.first_name, &self.last_name),
            href: href(format_args!("/users/{}", self.id)).href,
            id: self.id,
            short_id: self.short_id,
            first_name: self.first_name,
            last_name: self.last_name,
            email: self.email,
            avatar_url: self.avatar_url,
            avatar_thumb_url: self.avatar_thumb_url,
            two_factor_auth: self.two_factor_auth,
            timezone: self.timezone,
            default_organization_id: self.default_organization_id,
            last_login_at: self.last_login_at.map(String::from),
            created_at: self.created_at.into(),
            updated_at: self.updated_at.into(),
            email_verified: Some(self.email_verified),
        }
    }
}

/// "First Last", or whichever of the two there is.
fn full_name(first: &str, last: &str) -> String {
    match (first.trim(), last.trim()) {
        ("", name) | (name, "") => name.to_owned(),
        (first, last) => format!("{first} {last}"),
    }
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrganizationRow {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub website: Option<String>,
    pub twitter: Option<String>,
    pub logo: Option<String>,
    pub credit_amount: f64,
    pub personal: bool,
    pub address: Option<String>,
    pub address2: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub zip_code: Option<String>,
    pub country: Option<String>,
    pub enforce_2fa_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl OrganizationRow {
    pub fn billing_address(&self) -> Option<Address> {
        Some(Address {
            address: self.address.clone()?,
            address2: self.address2.clone(),
            city: self.city.clone().unwrap_or_default(),
            state: self.state.clone(),
            zip_code: self.zip_code.clone().unwrap_or_default(),
            country: self.country.clone().unwrap_or_default(),
        })
    }

    /// The organization with the IDs of its projects and members as references; its credit
    /// and billing address only when `billing_visible` (the security rules' who-sees-what).
    /// The organization object; `None` for a collection left out (`exclude=`).
    pub fn to_organization(
        &self,
        project_ids: Option<&[String]>,
        member_ids: Option<&[String]>,
        billing_visible: bool,
    ) -> Organization {
        Organization {
            id: self.id.clone(),
            name: self.name.clone(),
            description: self.description.clone(),
            website: self.website.clone(),
            twitter: self.twitter.clone(),
            logo: self.logo.clone(),
            credit_amount: billing_visible.then_some(self.credit_amount),
            billing_address: self
                .billing_address()
                .filter(|_| billing_visible)
                .map(AddressOrRef::Address),
            enforce_2fa_at: self.enforce_2fa_at.clone().map(String::from),
            projects: project_ids.map(|ids| {
                ids.iter()
                    .map(|id| href(format_args!("/projects/{id}")))
                    .collect()
            }),
            members: member_ids.map(|ids| {
                ids.iter()
                    .map(|id| href(format_args!("/organizations/{}/members/{id}", self.id)))
                    .collect()
            }),
            created_at: self.created_at.clone().into(),
            updated_at: self.updated_at.clone().into(),
            href: self.href().href,
            personal: Some(self.personal),
            membership: None,
        }
    }

    pub fn href(&self) -> Href {
        href(format_args!("/organizations/{}", self.id))
    }
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProjectRow {
    pub id: String,
    pub organization_id: String,
    pub name: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl ProjectRow {
    pub fn to_project(&self) -> Project {
        Project {
            id: self.id.clone(),
            name: self.name.clone(),
            organization: href(format_args!("/organizations/{}", self.organization_id)),
            created_at: self.created_at.clone().into(),
            updated_at: self.updated_at.clone().into(),
            href: href(format_args!("/projects/{}", self.id)).href,
        }
    }
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MemberRow {
    pub id: String,
    pub organization_id: String,
    pub user_id: String,
    pub role: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl MemberRow {
    pub fn role(&self) -> Role {
        Role::parse(&self.role)
    }

    pub fn href(&self) -> Href {
        href(format_args!(
            "/organizations/{}/members/{}",
            self.organization_id, self.id
        ))
    }
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct InvitationRow {
    pub id: String,
    pub organization_id: String,
    pub invitee: String,
    pub role: String,
    pub invited_by: String,
    pub message: Option<String>,
    pub nonce: String,
    pub expires_at: Timestamp,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// SHA-256 of the proof in the last emailed link; `None` before any email.
    pub proof_hash: Option<String>,
}

impl InvitationRow {
    pub fn is_expired(&self, now: &Timestamp) -> bool {
        self.expires_at <= *now
    }
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PaymentMethodRow {
    pub id: String,
    pub organization_id: String,
    pub name: String,
    pub card_type: String,
    pub cardholder_name: String,
    pub expiration_month: String,
    pub expiration_year: String,
    pub last_4: String,
    pub is_default: bool,
    pub created_at: Timestamp,
}

impl PaymentMethodRow {
    pub fn to_payment_method(&self) -> PaymentMethod {
        PaymentMethod {
            id: self.id.clone(),
            name: self.name.clone(),
            kind: "credit_card".into(),
            card_type: self.card_type.clone(),
            cardholder_name: self.cardholder_name.clone(),
            expiration_month: self.expiration_month.clone(),
            expiration_year: self.expiration_year.clone(),
            default: self.is_default,
            created_at: self.created_at.clone().into(),
            href: href(format_args!("/payment-methods/{}", self.id)).href,
            last_4: Some(self.last_4.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::full_name;

    #[test]
    fn a_full_name_is_whichever_names_there_are() {
        assert_eq!(full_name("Ada", "Lovelace"), "Ada Lovelace");
        assert_eq!(full_name("Ada", ""), "Ada");
        assert_eq!(full_name("", "Lovelace"), "Lovelace");
        assert_eq!(full_name(" ", ""), "");
    }
}
