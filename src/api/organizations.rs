//! Organizations, their members, projects and payment methods.

use gloo_net::http::Method;
use org_contract::{
    CreateOrganization, CreateProject, Member, Organization, OrganizationList, PaymentMethodList,
    Project, ProjectList, UpdateMember, UpdateOrganization,
};

use super::{Api, ApiError, Personal};

impl Api {
    pub async fn organizations(&self, personal: Personal) -> Result<Vec<Organization>, ApiError> {
        let list: OrganizationList = self
            .json(Method::GET, &organizations_path(personal), None)
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

    pub async fn update_member(
        &self,
        org: &str,
        member: &str,
        body: &UpdateMember,
    ) -> Result<Member, ApiError> {
        let path = format!("/organizations/{org}/members/{member}?include=user,projects");
        self.json(Method::PUT, &path, Self::body(body)).await
    }

    /// [`Api::remove_member`] as the tab closes: sent, never answered.
    pub fn remove_member_on_unload(&self, org: &str, member: &str) {
        self.delete_on_unload(&format!("/organizations/{org}/members/{member}"));
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

    /// Makes a card the organization's default (an extension of the reference server).
    pub async fn make_default_payment_method(&self, org: &str, card: &str) -> Result<(), ApiError> {
        self.send(
            Method::PUT,
            &format!("/organizations/{org}/payment-methods/{card}"),
            Self::body(&org_contract::UpdatePaymentMethod {
                default: Some(true),
            }),
        )
        .await
        .map(drop)
    }

    /// Removes a card that is not the default (an extension of the reference server).
    pub async fn remove_payment_method(&self, org: &str, card: &str) -> Result<(), ApiError> {
        self.send(
            Method::DELETE,
            &format!("/organizations/{org}/payment-methods/{card}"),
            None,
        )
        .await
        .map(drop)
    }
}

/// `GET /organizations`, without the member and project references: a large
/// organization's are a megabyte, and the console reads neither from there.
pub(super) fn organizations_path(personal: Personal) -> String {
    let filter = match personal {
        Personal::Include => "include",
        Personal::Exclude => "exclude",
        Personal::Only => "only",
    };
    format!("/organizations?personal={filter}&per_page=1000&exclude=members,projects")
}
