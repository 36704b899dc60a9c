use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use org_contract::validation::{
    check_address_line, check_description, check_organization_name, check_twitter, check_website,
};
use org_contract::{
    Action, CreateOrganization, Organization, OrganizationList, Role, UpdateOrganization,
};

use super::{require, Problems};
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::listing::ListQuery;
use crate::rows::API;
use crate::store::{events, Excluded, NewOrganization, Personal, SettingsChange};
use crate::AppState;

/// `GET /organizations?personal=include|exclude|only`: the caller's organizations.
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    query: ListQuery,
) -> ApiResult<Json<OrganizationList>> {
    let personal = match query.get("personal").unwrap_or("include") {
        "include" => Personal::Include,
        "exclude" => Personal::Exclude,
        "only" => Personal::Only,
        other => {
            return Err(ApiError::invalid(format!(
                "personal must be include, exclude or only, not {other:?}"
            )))
        }
    };
    let excluded = Excluded::parse(query.get("exclude"));
    let (total, organizations) = state
        .store
        .organizations_of(
            &me.user.id,
            personal,
            &excluded,
            query.limit(),
            query.offset(),
        )
        .await?;
    let meta = query.meta(&format!("{API}/organizations"), total);
    Ok(Json(OrganizationList {
        organizations,
        meta,
    }))
}

/// Validated optional fields of a create or update; `Some("")` clears a field.
struct Fields {
    name: Option<String>,
    description: Option<String>,
    website: Option<String>,
    twitter: Option<String>,
}

fn validate(
    name: Option<&str>,
    description: Option<&str>,
    website: Option<&str>,
    twitter: Option<&str>,
) -> ApiResult<Fields> {
    let mut p = Problems::default();
    let fields = Fields {
        name: name.and_then(|v| p.check(check_organization_name(v))),
        description: description.and_then(|v| p.check(check_description(v))),
        website: website.and_then(|v| p.check(check_website(v))),
        twitter: twitter.and_then(|v| p.check(check_twitter(v))),
    };
    p.into_result()?;
    Ok(fields)
}

fn empty_as_null(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.is_empty())
}

/// `POST /organizations`: the caller becomes its owner.
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    JsonBody(body): JsonBody<CreateOrganization>,
) -> ApiResult<(StatusCode, Json<Organization>)> {
    let f = validate(
        Some(&body.name),
        body.description.as_deref(),
        body.website.as_deref(),
        body.twitter.as_deref(),
    )?;
    let (description, website, twitter) = (
        empty_as_null(f.description),
        empty_as_null(f.website),
        empty_as_null(f.twitter),
    );
    let new = NewOrganization {
        name: f.name.as_deref().unwrap_or_default(),
        description: description.as_deref(),
        website: website.as_deref(),
        twitter: twitter.as_deref(),
        personal: false,
    };
    let row = state.store.create_organization(new, &me.user.id).await?;
    let org = state
        .store
        .organization(&row, Some(&Role::Owner), &Excluded::default())
        .await?;
    Ok((StatusCode::CREATED, Json(org)))
}

/// `GET /organizations/{id}`
pub async fn show(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Organization>> {
    let (org, member) = state.store.membership(&id, &me.user.id).await?;
    let excluded = Excluded::default();
    Ok(Json(
        state
            .store
            .organization(&org, Some(&member.role()), &excluded)
            .await?,
    ))
}

/// `PUT /organizations/{id}`: owners and admins.
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<UpdateOrganization>,
) -> ApiResult<Json<Organization>> {
    let (_, member) = state.store.membership(&id, &me.user.id).await?;
    require(
        &member.role(),
        Action::EditOrganization,
        "You are not authorized to edit this organization",
    )?;
    let f = validate(
        body.name.as_deref(),
        body.description.as_deref(),
        body.website.as_deref(),
        body.twitter.as_deref(),
    )?;
    if let Some(a) = &body.billing_address {
        let mut p = Problems::default();
        for (value, what, required) in [
            (a.address.as_str(), "Street address", true),
            (
                a.address2.as_deref().unwrap_or_default(),
                "Address line 2",
                false,
            ),
            (a.city.as_str(), "City", true),
            (a.state.as_deref().unwrap_or_default(), "State", false),
            (a.zip_code.as_str(), "ZIP code", true),
            (a.country.as_str(), "Country", true),
        ] {
            p.check(check_address_line(value, what, required));
        }
        p.into_result()?;
    }
    let change = SettingsChange {
        name: f.name.as_deref(),
        description: f.description.as_deref(),
        website: f.website.as_deref(),
        twitter: f.twitter.as_deref(),
        billing_address: body.billing_address.as_ref(),
    };
    let row = state
        .store
        .update_organization(&id, &change, &events::actor(&me.user))
        .await?;
    let excluded = Excluded::default();
    Ok(Json(
        state
            .store
            .organization(&row, Some(&member.role()), &excluded)
            .await?,
    ))
}

/// `DELETE /organizations/{id}`: owners only.
pub async fn destroy(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let (_, member) = state.store.membership(&id, &me.user.id).await?;
    require(
        &member.role(),
        Action::DeleteOrganization,
        "Only owners can delete this organization",
    )?;
    state.store.delete_organization(&id).await?;
    Ok(StatusCode::NO_CONTENT)
}
