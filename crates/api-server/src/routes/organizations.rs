use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use org_contract::validation::{
    check_address_line, check_description, check_organization_name, check_twitter, check_website,
};
use org_contract::{
    Action, CreateOrganization, EventAction, EventDetails, Organization, OrganizationList,
    OwnMembership, Role, UpdateOrganization,
};

use super::{require, Problems};
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::listing::ListQuery;
use crate::queries::{self, NewOrganization};
use crate::rows::{OrganizationRow, API};
use crate::store::events;
use crate::{db, AppState};

/// `GET /organizations?personal=include|exclude|only`: the caller's organizations.
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    query: ListQuery,
) -> ApiResult<Json<OrganizationList>> {
    let personal = match query.get("personal").unwrap_or("include") {
        "include" => "",
        "exclude" => " AND o.personal = 0",
        "only" => " AND o.personal = 1",
        other => {
            return Err(ApiError::invalid(format!(
                "personal must be include, exclude or only, not {other:?}"
            )))
        }
    };
    let from = format!("FROM organizations o JOIN members m ON m.organization_id = o.id WHERE m.user_id = ?{personal}");
    let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) {from}"))
        .bind(&me.user.id)
        .fetch_one(&state.db)
        .await?;
    #[derive(sqlx::FromRow)]
    struct Row {
        my_role: String,
        my_member_id: String,
        #[sqlx(flatten)]
        org: OrganizationRow,
    }
    let rows = sqlx::query_as::<_, Row>(&format!(
        "SELECT m.role AS my_role, m.id AS my_member_id, o.* {from} ORDER BY o.personal DESC, o.name COLLATE NOCASE, o.id LIMIT ? OFFSET ?"
    ))
    .bind(&me.user.id)
    .bind(query.limit())
    .bind(query.offset())
    .fetch_all(&state.db)
    .await?;
    let excluded = queries::Excluded::parse(query.get("exclude"));
    let mut organizations = Vec::with_capacity(rows.len());
    for row in &rows {
        let role = Role::parse(&row.my_role);
        let mut org =
            queries::organization_without(&state.db, &row.org, Some(&role), &excluded).await?;
        // Extension: the caller's own membership, so a console needs no request per
        // organization to learn its role there.
        let projects_ids: Vec<String> = if role.is_project_scoped() {
            sqlx::query_scalar("SELECT project_id FROM member_projects WHERE member_id = ?")
                .bind(&row.my_member_id)
                .fetch_all(&state.db)
                .await?
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
    let now = db::now();
    // IMMEDIATE: the write lock first, so the "before" read below is what this update
    // changes, not what a concurrent one left.
    let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let before = sqlx::query_as::<_, OrganizationRow>("SELECT * FROM organizations WHERE id = ?")
        .bind(&id)
        .fetch_one(&mut *tx)
        .await?;
    // NULL leaves a column as it is; an empty string clears an optional field.
    sqlx::query(
        "UPDATE organizations SET name = coalesce(?, name), description = coalesce(nullif(?, ''), CASE WHEN ? IS NULL THEN description END), \
         website = coalesce(nullif(?, ''), CASE WHEN ? IS NULL THEN website END), \
         twitter = coalesce(nullif(?, ''), CASE WHEN ? IS NULL THEN twitter END), updated_at = ? WHERE id = ?",
    )
    .bind(&f.name)
    .bind(&f.description)
    .bind(&f.description)
    .bind(&f.website)
    .bind(&f.website)
    .bind(&f.twitter)
    .bind(&f.twitter)
    .bind(&now)
    .bind(&id)
    .execute(&mut *tx)
    .await?;
    if let Some(a) = &body.billing_address {
        sqlx::query("UPDATE organizations SET address = ?, address2 = ?, city = ?, state = ?, zip_code = ?, country = ? WHERE id = ?")
            .bind(a.address.trim())
            .bind(a.address2.as_deref().map(str::trim).filter(|s| !s.is_empty()))
            .bind(a.city.trim())
            .bind(a.state.as_deref().map(str::trim).filter(|s| !s.is_empty()))
            .bind(a.zip_code.trim())
            .bind(a.country.trim())
            .bind(&id)
            .execute(&mut *tx)
            .await?;
    }
    let row = sqlx::query_as::<_, OrganizationRow>("SELECT * FROM organizations WHERE id = ?")
        .bind(&id)
        .fetch_one(&mut *tx)
        .await?;
    let fields = changed_fields(&before, &row);
    if !fields.is_empty() {
        let details = EventDetails {
            fields,
            ..EventDetails::default()
        };
        let actor = events::actor(&me.user);
        let action = EventAction::OrganizationUpdated;
        events::record(&mut tx, &id, Some(&actor), action, None, &details).await?;
    }
    tx.commit().await?;
    Ok(Json(
        queries::organization(&state.db, &row, Some(&member.role())).await?,
    ))
}

/// The settings that differ between two versions of an organization, as people name them.
fn changed_fields(before: &OrganizationRow, after: &OrganizationRow) -> Vec<String> {
    let address = |o: &OrganizationRow| {
        [
            &o.address,
            &o.address2,
            &o.city,
            &o.state,
            &o.zip_code,
            &o.country,
        ]
        .map(Clone::clone)
    };
    [
        ("name", before.name != after.name),
        ("description", before.description != after.description),
        ("website", before.website != after.website),
        ("twitter", before.twitter != after.twitter),
        ("billing address", address(before) != address(after)),
    ]
    .into_iter()
    .filter(|(_, changed)| *changed)
    .map(|(field, _)| field.to_owned())
    .collect()
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
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "UPDATE users SET default_organization_id = NULL WHERE default_organization_id = ?",
    )
    .bind(&id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM organizations WHERE id = ?")
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
