use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use org_contract::validation::check_project_name;
use org_contract::{
    project_scope, Action, CreateProject, EventAction, EventDetails, PaymentMethod,
    PaymentMethodList, Project, ProjectList, ProjectScope, UpdatePaymentMethod,
};

use super::require;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::listing::ListQuery;
use crate::queries;
use crate::rows::{PaymentMethodRow, ProjectRow, API};
use crate::{db, events, AppState};

/// `GET /organizations/{id}/projects`: all of them for owners and admins, their own for
/// collaborators, none for billing.
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    query: ListQuery,
) -> ApiResult<Json<ProjectList>> {
    let (_, member) = queries::membership(&state.db, &id, &me.user.id).await?;
    let role = member.role();
    let filter = match project_scope(&role) {
        ProjectScope::All => "",
        ProjectScope::Own => {
            " AND id IN (SELECT project_id FROM member_projects WHERE member_id = ?2)"
        }
        ProjectScope::None => {
            return Err(ApiError::forbidden(format!(
                "Your role ({}) cannot see projects",
                role.label().to_lowercase()
            )))
        }
    };
    let total: i64 = sqlx::query_scalar(&format!(
        "SELECT count(*) FROM projects WHERE organization_id = ?1{filter}"
    ))
    .bind(&id)
    .bind(&member.id)
    .fetch_one(&state.db)
    .await?;
    let rows = sqlx::query_as::<_, ProjectRow>(&format!(
        "SELECT * FROM projects WHERE organization_id = ?1{filter} ORDER BY created_at, id LIMIT ?3 OFFSET ?4"
    ))
    .bind(&id)
    .bind(&member.id)
    .bind(query.limit())
    .bind(query.offset())
    .fetch_all(&state.db)
    .await?;
    let projects = rows.iter().map(ProjectRow::to_project).collect();
    let meta = query.meta(&format!("{API}/organizations/{id}/projects"), total as u64);
    Ok(Json(ProjectList { projects, meta }))
}

/// `POST /organizations/{id}/projects`: owners and admins.
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<CreateProject>,
) -> ApiResult<(StatusCode, Json<Project>)> {
    let (_, member) = queries::membership(&state.db, &id, &me.user.id).await?;
    require(
        &member.role(),
        Action::CreateProject,
        "You are not authorized to create projects in this organization",
    )?;
    let name = check_project_name(&body.name).map_err(ApiError::invalid)?;
    let row = ProjectRow {
        id: db::new_id(),
        organization_id: id,
        name,
        created_at: db::now(),
        updated_at: db::now(),
    };
    let mut tx = state.db.begin().await?;
    sqlx::query("INSERT INTO projects (id, organization_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
        .bind(&row.id)
        .bind(&row.organization_id)
        .bind(&row.name)
        .bind(&row.created_at)
        .bind(&row.updated_at)
        .execute(&mut *tx)
        .await?;
    let details = EventDetails {
        project: Some(row.name.clone()),
        ..EventDetails::default()
    };
    let (actor, action) = (events::actor(&me.user), EventAction::ProjectCreated);
    events::record(
        &mut tx,
        &row.organization_id,
        Some(&actor),
        action,
        None,
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(row.to_project())))
}

/// `GET /organizations/{id}/payment-methods`: owners, admins and billing.
pub async fn payment_methods(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<PaymentMethodList>> {
    let (_, member) = queries::membership(&state.db, &id, &me.user.id).await?;
    let role = member.role();
    require(
        &role,
        Action::ViewBilling,
        &format!(
            "Your role ({}) cannot see payment methods",
            role.label().to_lowercase()
        ),
    )?;
    let rows = sqlx::query_as::<_, PaymentMethodRow>(
        "SELECT * FROM payment_methods WHERE organization_id = ? ORDER BY is_default DESC, created_at",
    )
    .bind(&id)
    .fetch_all(&state.db)
    .await?;
    Ok(Json(PaymentMethodList {
        payment_methods: rows
            .iter()
            .map(PaymentMethodRow::to_payment_method)
            .collect(),
    }))
}

/// The card `pm_id` of organization `id`, once the caller is known to manage its cards.
async fn managed_card(
    state: &AppState,
    me: &CurrentUser,
    id: &str,
    pm_id: &str,
) -> ApiResult<PaymentMethodRow> {
    let (_, member) = queries::membership(&state.db, id, &me.user.id).await?;
    let role = member.role();
    require(
        &role,
        Action::ManagePaymentMethods,
        &format!(
            "Your role ({}) cannot change payment methods",
            role.label().to_lowercase()
        ),
    )?;
    sqlx::query_as::<_, PaymentMethodRow>(
        "SELECT * FROM payment_methods WHERE id = ? AND organization_id = ?",
    )
    .bind(pm_id)
    .bind(id)
    .fetch_optional(&state.db)
    .await?
    .ok_or(ApiError::NotFound)
}

/// `PUT /organizations/{id}/payment-methods/{pm_id}` with `{"default": true}` (an
/// extension): makes this card the one the organization is billed to.
pub async fn update_payment_method(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, pm_id)): Path<(String, String)>,
    JsonBody(body): JsonBody<UpdatePaymentMethod>,
) -> ApiResult<Json<PaymentMethod>> {
    let card = managed_card(&state, &me, &id, &pm_id).await?;
    if body.default != Some(true) {
        return Err(ApiError::invalid(
            "Only {\"default\": true} can be set: make another card the default instead",
        ));
    }
    // One statement: exactly one default whatever else runs at the same time.
    sqlx::query("UPDATE payment_methods SET is_default = (id = ?) WHERE organization_id = ?")
        .bind(&card.id)
        .bind(&id)
        .execute(&state.db)
        .await?;
    let mut card = card;
    card.is_default = true;
    Ok(Json(card.to_payment_method()))
}

/// `DELETE /organizations/{id}/payment-methods/{pm_id}` (an extension): removes a card
/// that is not the default one.
pub async fn delete_payment_method(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, pm_id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    managed_card(&state, &me, &id, &pm_id).await?;
    // The condition is part of the statement, so a card made default meanwhile stays.
    let removed = sqlx::query(
        "DELETE FROM payment_methods WHERE id = ? AND organization_id = ? AND is_default = 0",
    )
    .bind(&pm_id)
    .bind(&id)
    .execute(&state.db)
    .await?
    .rows_affected();
    if removed == 0 {
        return Err(ApiError::invalid(
            "This is the default card; make another card the default before removing it",
        ));
    }
    Ok(StatusCode::NO_CONTENT)
}
