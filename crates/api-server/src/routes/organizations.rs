use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use org_contract::validation::{
    check_address_line, check_description, check_organization_name, check_twitter, check_website,
};
use org_contract::{
    Action, CreateOrganization, Organization, OrganizationList, OwnMembership, Role,
    UpdateOrganization,
};

use super::{require, Problems};
use crate::auth::CurrentUser;
use crate::db::on_db;
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::listing::ListQuery;
use crate::queries::{self, NewOrganization};
use crate::rows::{OrganizationRow, API};
use crate::store::{events, SettingsChange};
use crate::AppState;

/// `GET /organizations?personal=include|exclude|only`: the caller's organizations.
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    query: ListQuery,
) -> ApiResult<Json<OrganizationList>> {
    let personal = match query.get("personal").unwrap_or("include") {
        "include" => "",
        "exclude" => " AND o.personal = FALSE",
        "only" => " AND o.personal = TRUE",
        other => {
            return Err(ApiError::invalid(format!(
                "personal must be include, exclude or only, not {other:?}"
            )))
        }
    };
    let from = format!("FROM organizations o JOIN members m ON m.organization_id = o.id WHERE m.user_id = $1{personal}");
    let total: i64 = on_db!(&state.db, db => sqlx::query_scalar(&format!("SELECT count(*) {from}"))
        .bind(&me.user.id)
        .fetch_one(db).await)?;
    #[derive(sqlx::FromRow)]
    struct Row {
        my_role: String,
        my_member_id: String,
        #[sqlx(flatten)]
        org: OrganizationRow,
    }
    let rows = on_db!(&state.db, db => sqlx::query_as::<_, Row>(&format!(
        "SELECT m.role AS my_role, m.id AS my_member_id, o.* {from} ORDER BY o.personal DESC, lower(o.name), o.id LIMIT $2 OFFSET $3"
    ))
    .bind(&me.user.id)
    .bind(query.limit())
    .bind(query.offset())
    .fetch_all(db).await)?;
    let excluded = queries::Excluded::parse(query.get("exclude"));
    let mut organizations = Vec::with_capacity(rows.len());
    for row in &rows {
        let role = Role::parse(&row.my_role);
        let mut org =
            queries::organization_without(&state.db, &row.org, Some(&role), &excluded).await?;
        // Extension: the caller's own membership, so a console needs no request per
        // organization to learn its role there.
        let projects_ids: Vec<String> = if role.is_project_scoped() {
            on_db!(&state.db, db => sqlx::query_scalar("SELECT project_id FROM member_projects WHERE member_id = $1")
                .bind(&row.my_member_id)
                .fetch_all(db).await)?
        } else {
            vec![]
        };
        org.membership = Some(OwnMembership {
            href: format!(
                "{API}/organizations/{}/members/{}",
                row.org.id, row.my_member_id
            ),
            id: row.my_member_id.clone(),
            roles: vec![role],
            projects_ids,
        });
        organizations.push(org);
    }
    let meta = query.meta(&format!("{API}/organizations"), total as u64);
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
    let mut tx = state.db.begin().await?;
    let new = NewOrganization {
        name: f.name.as_deref().unwrap_or_default(),
        description: description.as_deref(),
        website: website.as_deref(),
        twitter: twitter.as_deref(),
        personal: false,
    };
    let id = queries::create_organization(&mut tx, new, &me.user.id).await?;
    tx.commit().await?;
    let row = queries::organization_row(&state.db, &id).await?;
    Ok((
        StatusCode::CREATED,
        Json(queries::organization(&state.db, &row, Some(&Role::Owner)).await?),
    ))
}

/// `GET /organizations/{id}`
pub async fn show(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Organization>> {
    let (org, member) = state.store.membership(&id, &me.user.id).await?;
    Ok(Json(
        queries::organization(&state.db, &org, Some(&member.role())).await?,
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
    Ok(Json(
        queries::organization(&state.db, &row, Some(&member.role())).await?,
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
