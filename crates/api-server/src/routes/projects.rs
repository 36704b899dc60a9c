use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use org_contract::validation::check_project_name;
use org_contract::{
    project_scope, Action, CreateProject, PaymentMethodList, Project, ProjectList, ProjectScope,
};

use super::require;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::listing::ListQuery;
use crate::queries;
use crate::rows::{PaymentMethodRow, ProjectRow, API};
use crate::{db, AppState};

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
    sqlx::query("INSERT INTO projects (id, organization_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
        .bind(&row.id)
        .bind(&row.organization_id)
        .bind(&row.name)
        .bind(&row.created_at)
        .bind(&row.updated_at)
        .execute(&state.db)
        .await?;
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
