use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use org_contract::validation::check_project_name;
use org_contract::{
    project_scope, Action, CreateProject, PaymentMethod, PaymentMethodList, Project, ProjectList,
    ProjectScope, UpdatePaymentMethod,
};

use super::require;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::listing::ListQuery;
use crate::rows::{PaymentMethodRow, ProjectRow, API};
use crate::store::events;
use crate::store::ProjectFilter;
use crate::{db, AppState};

/// `GET /organizations/{id}/projects`: all of them for owners and admins, their own for
/// collaborators, none for billing.
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    query: ListQuery,
) -> ApiResult<Json<ProjectList>> {
    let (_, member) = state.store.membership(&id, &me.user.id).await?;
    let role = member.role();
    let filter = match project_scope(&role) {
        ProjectScope::All => ProjectFilter::All,
        ProjectScope::Own => ProjectFilter::OfMember(&member.id),
        ProjectScope::None => {
            return Err(ApiError::forbidden(format!(
                "Your role ({}) cannot see projects",
                role.label().to_lowercase()
            )))
        }
    };
    let (total, rows) = state
        .store
        .projects(&id, filter, query.limit(), query.offset())
        .await?;
    let projects = rows.iter().map(ProjectRow::to_project).collect();
    let meta = query.meta(&format!("{API}/organizations/{id}/projects"), total);
    Ok(Json(ProjectList { projects, meta }))
}

/// `POST /organizations/{id}/projects`: owners and admins.
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<CreateProject>,
) -> ApiResult<(StatusCode, Json<Project>)> {
    let (_, member) = state.store.membership(&id, &me.user.id).await?;
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
    state
        .store
        .create_project(&row, &events::actor(&me.user))
        .await?;
    Ok((StatusCode::CREATED, Json(row.to_project())))
}

/// `GET /organizations/{id}/payment-methods`: owners, admins and billing.
pub async fn payment_methods(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<PaymentMethodList>> {
    let (_, member) = state.store.membership(&id, &me.user.id).await?;
    let role = member.role();
    require(
        &role,
        Action::ViewBilling,
        &format!(
            "Your role ({}) cannot see payment methods",
            role.label().to_lowercase()
        ),
    )?;
    let rows = state.store.cards(&id).await?;
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
    let (_, member) = state.store.membership(id, &me.user.id).await?;
    let role = member.role();
    require(
        &role,
        Action::ManagePaymentMethods,
        &format!(
            "Your role ({}) cannot change payment methods",
            role.label().to_lowercase()
        ),
    )?;
    state.store.card(id, pm_id).await?.ok_or(ApiError::NotFound)
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
    state.store.make_default_card(&id, &card.id).await?;
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
    let removed = state.store.remove_card_unless_default(&id, &pm_id).await?;
    if !removed {
        return Err(ApiError::invalid(
            "This is the default card; make another card the default before removing it",
        ));
    }
    Ok(StatusCode::NO_CONTENT)
}
