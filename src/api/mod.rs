//! The organizations API as typed async functions. Every call goes through one private
//! [`Api::send`], which adds the token, reads both error body forms, and ends the session on
//! a 401 so the app can send the user to sign in.

use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::*;
use org_contract::{
    AcceptInvitation, CreateInvitation, CreateOrganization, CreateProject, Invitation,
    InvitationList, InvitationPreview, Member, MemberList, Organization, OrganizationList,
    PaymentMethodList, Project, ProjectList, SignIn, SignUp, UpdateMember, UpdateOrganization,
    UpdateUser, User, VerifyEmail,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

mod credentials;

pub use crate::model::api_error::{wait_text, ApiError};
pub use credentials::Credentials;

/// The typed client. `Copy`: its base path is set once per app and its credentials are
/// signals, so components pass it around freely.
#[derive(Clone, Copy)]
pub struct Api {
    base: &'static str,
    credentials: Credentials,
}

/// Which organizations `GET /organizations` returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Personal {
    Include,
    Exclude,
    Only,
}

impl Api {
    /// `base` is read once at start-up and lives as long as the app, so it is kept as a
    /// `&'static str` (one small allocation per app) and the client can be `Copy`.
    pub fn new(base: &str, credentials: Credentials) -> Api {
        Api {
            base: Box::leak(base.trim_end_matches('/').to_owned().into_boxed_str()),
            credentials,
        }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<String, ApiError> {
        let token = self.credentials.token();
        let mut builder = RequestBuilder::new(&format!("{}{path}", self.base))
            .method(method)
            .header("Accept", "application/json");
        if let Some(t) = &token {
            builder = builder.header("X-Auth-Token", t);
        }
        let request = match body {
            Some(b) => builder.header("Content-Type", "application/json").body(b),
            None => builder.build(),
        }
        .map_err(|e| ApiError::Unreadable(e.to_string()))?;
        let response = request.send().await.map_err(|_| ApiError::Unreachable)?;
        let status = response.status();
        let text = response.text().await.map_err(|_| ApiError::Unreachable)?;
        if (200..300).contains(&status) {
            return Ok(text);
        }
        let headers = response.headers();
        let error = ApiError::from_response(
            status,
            headers.get("content-type").as_deref(),
            &text,
            headers.get("retry-after").as_deref(),
        );
        // A token the server no longer accepts ends the session everywhere at once.
        if error.is_unauthorized() && token.is_some() {
            // Expired, signed out everywhere, or revoked: to the person it is all the same.
            self.credentials
                .refused("Your session has ended. Sign in again to continue.".into());
        }
        Err(error)
    }

    async fn json<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<T, ApiError> {
        let text = self.send(method, path, body).await?;
        serde_json::from_str(&text).map_err(|e| ApiError::Unreadable(e.to_string()))
    }

    fn body(value: &impl Serialize) -> Option<String> {
        Some(serde_json::to_string(value).expect("request bodies serialize"))
    }

    pub async fn sign_in(
        &self,
        email: &str,
        password: &str,
    ) -> Result<org_contract::Session, ApiError> {
        let body = SignIn {
            email: email.to_owned(),
            password: password.to_owned(),
        };
        self.json(Method::POST, "/auth/sessions", Self::body(&body))
            .await
    }

    pub async fn sign_up(&self, body: &SignUp) -> Result<org_contract::Session, ApiError> {
        self.json(Method::POST, "/users", Self::body(body)).await
    }

    pub async fn sign_out(&self) -> Result<(), ApiError> {
        self.send(Method::DELETE, "/auth/sessions/current", None)
            .await
            .map(drop)
    }

    pub async fn current_user(&self) -> Result<User, ApiError> {
        self.json(Method::GET, "/user", None).await
    }

    pub async fn update_user(&self, body: &UpdateUser) -> Result<User, ApiError> {
        self.json(Method::PUT, "/user", Self::body(body)).await
    }

    pub async fn organizations(&self, personal: Personal) -> Result<Vec<Organization>, ApiError> {
        let filter = match personal {
            Personal::Include => "include",
            Personal::Exclude => "exclude",
            Personal::Only => "only",
        };
        let list: OrganizationList = self
            .json(
                Method::GET,
                &format!("/organizations?personal={filter}&per_page=1000"),
                None,
            )
            .await?;
        Ok(list.organizations)
    }

    pub async fn organization(&self, id: &str) -> Result<Organization, ApiError> {
        self.json(Method::GET, &format!("/organizations/{id}"), None)
            .await
    }

    pub async fn create_organization(
        &self,
        body: &CreateOrganization,
    ) -> Result<Organization, ApiError> {
        self.json(Method::POST, "/organizations", Self::body(body))
            .await
    }

    pub async fn update_organization(
        &self,
        id: &str,
        body: &UpdateOrganization,
    ) -> Result<Organization, ApiError> {
        self.json(
            Method::PUT,
            &format!("/organizations/{id}"),
            Self::body(body),
        )
        .await
    }

    pub async fn delete_organization(&self, id: &str) -> Result<(), ApiError> {
        self.send(Method::DELETE, &format!("/organizations/{id}"), None)
            .await
            .map(drop)
    }

    /// One page of members with their users and projects expanded.
    pub async fn members_page(
        &self,
        org: &str,
        page: u32,
        per_page: u32,
    ) -> Result<MemberList, ApiError> {
        let path = format!(
            "/organizations/{org}/members?include=user,projects&page={page}&per_page={per_page}"
        );
        self.json(Method::GET, &path, None).await
    }

    /// The caller's membership in `org`. Asks with the reference server's `user_id` filter;
    /// a server without it answers with everyone, so the pages are searched instead.
    pub async fn my_membership(
        &self,
        org: &str,
        user_id: &str,
    ) -> Result<Option<Member>, ApiError> {
        let mine = |list: &MemberList| {
            list.members
                .iter()
                .find(|m| m.user.full().is_some_and(|u| u.id == user_id))
                .cloned()
        };
        let path = format!(
            "/organizations/{org}/members?include=user,projects&user_id={user_id}&per_page=1000"
        );
        let first: MemberList = self.json(Method::GET, &path, None).await?;
        if let Some(found) = mine(&first) {
            return Ok(Some(found));
        }
        for page in 2..=first.meta.last_page {
            let list = self.members_page(org, page, 1000).await?;
            if let Some(found) = mine(&list) {
                return Ok(Some(found));
            }
        }
        Ok(None)
    }

    /// Every member of `org`, in pages of 1,000: the first tells how many pages there are,
    /// the rest are fetched together.
    pub async fn all_members(&self, org: &str) -> Result<Vec<Member>, ApiError> {
        let first = self.members_page(org, 1, 1000).await?;
        let rest = futures::future::join_all(
            (2..=first.meta.last_page).map(|p| self.members_page(org, p, 1000)),
        )
        .await;
        let mut members = first.members;
        for page in rest {
            members.extend(page?.members);
        }
        Ok(members)
    }

    /// Every pending invitation of `org`.
    pub async fn all_invitations(&self, org: &str) -> Result<Vec<Invitation>, ApiError> {
        let first = self.invitations_page(org, 1, 1000).await?;
        let last = first.meta.as_ref().map_or(1, |m| m.last_page);
        let rest =
            futures::future::join_all((2..=last).map(|p| self.invitations_page(org, p, 1000)))
                .await;
        let mut invitations = first.invitations;
        for page in rest {
            invitations.extend(page?.invitations);
        }
        Ok(invitations)
    }

    pub async fn update_member(
        &self,
        org: &str,
        member: &str,
        body: &UpdateMember,
    ) -> Result<Member, ApiError> {
        let path = format!("/organizations/{org}/members/{member}?include=user,projects");
        self.json(Method::PUT, &path, Self::body(body)).await
    }

    pub async fn remove_member(&self, org: &str, member: &str) -> Result<(), ApiError> {
        self.send(
            Method::DELETE,
            &format!("/organizations/{org}/members/{member}"),
            None,
        )
        .await
        .map(drop)
    }

    pub async fn invitations_page(
        &self,
        org: &str,
        page: u32,
        per_page: u32,
    ) -> Result<InvitationList, ApiError> {
        let path = format!("/organizations/{org}/invitations?include=invited_by,projects&page={page}&per_page={per_page}");
        self.json(Method::GET, &path, None).await
    }

    pub async fn invite(&self, org: &str, body: &CreateInvitation) -> Result<Invitation, ApiError> {
        let path = format!("/organizations/{org}/invitations?include=invited_by,projects");
        self.json(Method::POST, &path, Self::body(body)).await
    }

    /// Invitations sent to the signed-in user.
    pub async fn my_invitations(&self) -> Result<Vec<Invitation>, ApiError> {
        let list: InvitationList = self
            .json(
                Method::GET,
                "/invitations?include=organization,invited_by,projects",
                None,
            )
            .await?;
        Ok(list.invitations)
    }

    pub async fn invitation(&self, id: &str) -> Result<Invitation, ApiError> {
        let path = format!("/invitations/{id}?include=organization,invited_by,projects");
        self.json(Method::GET, &path, None).await
    }

    /// An invitation as its invitee opens it from the emailed link: the link's nonce lets
    /// an invitee whose address is not verified yet see it.
    pub async fn invitation_by_link(&self, id: &str, nonce: &str) -> Result<Invitation, ApiError> {
        let nonce = crate::model::query_string::percent_encode(nonce);
        let path =
            format!("/invitations/{id}?include=organization,invited_by,projects&nonce={nonce}");
        self.json(Method::GET, &path, None).await
    }

    /// Extension of the reference server: a preview of an invitation without signing in,
    /// with the nonce of its emailed link.
    pub async fn invitation_preview(
        &self,
        id: &str,
        nonce: &str,
    ) -> Result<InvitationPreview, ApiError> {
        let nonce = crate::model::query_string::percent_encode(nonce);
        let path = format!("/invitations/{id}?nonce={nonce}");
        self.json(Method::GET, &path, None).await
    }

    /// Accepts; `nonce` (from the emailed link) is what an unverified invitee needs.
    pub async fn accept_invitation(
        &self,
        id: &str,
        nonce: Option<&str>,
    ) -> Result<Member, ApiError> {
        let body = AcceptInvitation {
            nonce: nonce.map(str::to_owned),
        };
        self.json(
            Method::PUT,
            &format!("/invitations/{id}"),
            Self::body(&body),
        )
        .await
    }

    /// Extension: proves the address with the token of a verification email.
    pub async fn verify_email(&self, token: &str) -> Result<User, ApiError> {
        let body = VerifyEmail {
            token: token.to_owned(),
        };
        self.json(Method::POST, "/users/verify-email", Self::body(&body))
            .await
    }

    /// Extension: sends a new verification email (at most once a minute).
    pub async fn resend_verification(&self) -> Result<(), ApiError> {
        self.send(Method::POST, "/users/verify-email/resend", None)
            .await
            .map(drop)
    }

    /// Extension: changes the password; the server ends every other session.
    pub async fn change_password(&self, current: &str, new: &str) -> Result<User, ApiError> {
        let body = UpdateUser {
            current_password: Some(current.to_owned()),
            password: Some(new.to_owned()),
            ..UpdateUser::default()
        };
        self.json(Method::PUT, "/user", Self::body(&body)).await
    }

    /// Extension: every token of the user stops working, this one included.
    pub async fn sign_out_everywhere(&self) -> Result<(), ApiError> {
        self.send(Method::DELETE, "/auth/sessions", None)
            .await
            .map(drop)
    }

    /// Declines as the invitee; the link's nonce is what an unverified invitee needs.
    pub async fn decline_invitation(&self, id: &str, nonce: Option<&str>) -> Result<(), ApiError> {
        let path = match nonce {
            Some(n) => format!(
                "/invitations/{id}?nonce={}",
                crate::model::query_string::percent_encode(n)
            ),
            None => format!("/invitations/{id}"),
        };
        self.send(Method::DELETE, &path, None).await.map(drop)
    }

    /// Declines (as the invitee) or revokes (as an owner or admin).
    pub async fn delete_invitation(&self, id: &str) -> Result<(), ApiError> {
        self.send(Method::DELETE, &format!("/invitations/{id}"), None)
            .await
            .map(drop)
    }

    pub async fn resend_invitation(&self, id: &str) -> Result<Invitation, ApiError> {
        let path = format!("/invitations/{id}?include=invited_by,projects");
        self.json(Method::POST, &path, None).await
    }

    pub async fn projects(&self, org: &str) -> Result<Vec<Project>, ApiError> {
        let list: ProjectList = self
            .json(
                Method::GET,
                &format!("/organizations/{org}/projects?per_page=1000"),
                None,
            )
            .await?;
        Ok(list.projects)
    }

    pub async fn create_project(&self, org: &str, name: &str) -> Result<Project, ApiError> {
        let body = CreateProject {
            name: name.to_owned(),
        };
        self.json(
            Method::POST,
            &format!("/organizations/{org}/projects"),
            Self::body(&body),
        )
        .await
    }

    pub async fn payment_methods(&self, org: &str) -> Result<PaymentMethodList, ApiError> {
        self.json(
            Method::GET,
            &format!("/organizations/{org}/payment-methods"),
            None,
        )
        .await
    }
}

pub fn use_api() -> Api {
    expect_context::<Api>()
}
