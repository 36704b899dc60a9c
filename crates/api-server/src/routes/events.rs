use axum::extract::{Path, State};
use axum::Json;
use org_contract::{Action, EventAction, EventList};

use super::require;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::listing::ListQuery;
use crate::rows::API;
use crate::store::events::EventFilter;
use crate::AppState;

/// `GET /organizations/{id}/events?page&per_page&action=&actor=&member=&include=actors`
/// (extension): owners and admins, newest first.
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    query: ListQuery,
) -> ApiResult<Json<EventList>> {
    let (_, member) = state.store.membership(&id, &me.user.id).await?;
    require(
        &member.role(),
        Action::ViewActivity,
        "You are not authorized to see the activity of this organization",
    )?;
    let filter = filter_of(&query)?;
    let (total, list) = state
        .store
        .events(&id, &filter, query.limit(), query.offset())
        .await?;
    let actors = if query.includes("actors") {
        Some(state.store.event_actors(&id).await?)
    } else {
        None
    };
    let meta = query.meta_with(
        &format!("{API}/organizations/{id}/events"),
        total,
        &filter.link_query(),
    );
    Ok(Json(EventList {
        events: list,
        meta,
        actors,
    }))
}

fn filter_of(query: &ListQuery) -> ApiResult<EventFilter> {
    let given = |key: &str| {
        query
            .get(key)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let action = match given("action") {
        None => None,
        Some(a) => Some(EventAction::parse(&a).ok_or_else(|| {
            let known: Vec<&str> = EventAction::ALL.iter().map(|a| a.as_str()).collect();
            ApiError::invalid(format!(
                "action must be one of {}, not {a:?}",
                known.join(", ")
            ))
        })?),
    };
    Ok(EventFilter {
        action,
        actor: given("actor"),
        member: given("member"),
    })
}
