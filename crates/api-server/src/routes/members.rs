use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use org_contract::{
    check_member_update, Action, EventSubject, Member, MemberList, Role, UpdateMember,
};

use super::require;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::listing::ListQuery;
use crate::rows::{MemberRow, API};
use crate::store::{events, MemberSearch, ProjectsSeen};
use crate::AppState;

const NOT_MANAGER: &str = "You are not authorized to manage members of this organization";

/// `GET /organizations/{id}/members?include=user,projects&page&per_page`
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    query: ListQuery,
) -> ApiResult<PageJson> {
    let (_, me_member) = state.store.membership(&id, &me.user.id).await?;
    let seen = state.store.projects_seen(&me_member).await?;
    // Extension: `user_id` narrows the list to one user's membership, so a console can learn
    // the caller's role without paging through a large organization. Servers without it
    // ignore the parameter, which the console detects.
    let user = query.get("user_id").filter(|u| !u.is_empty());
    let search = MemberSearch::from_query(&query)?;
    let (total, rows) = state
        .store
        .member_page(&id, &search, user, query.limit(), query.offset())
        .await?;
    let (user, projects) = (query.includes("user"), query.includes("projects"));
    let members = state
        .store
        .members(&id, rows, user, projects, &seen)
        .await?;
    let meta = query.meta_with(
        &format!("{API}/organizations/{id}/members"),
        total as u64,
        &search.link_query(),
    );
    Ok(PageJson(MemberList { members, meta }))
}

/// A page of members as JSON, written into a buffer sized for it: axum's `Json` starts at
/// 128 bytes and doubles its way to a 1,000-member page's ~900 KB, copying as it goes.
pub struct PageJson(MemberList);

impl IntoResponse for PageJson {
    fn into_response(self) -> Response {
        // A member with their user is ~900 bytes of JSON.
        let mut body = Vec::with_capacity(256 + self.0.members.len() * 1024);
        match serde_json::to_writer(&mut body, &self.0) {
            Ok(()) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
            Err(e) => ApiError::Internal(format!("writing a page of members: {e}")).into_response(),
        }
    }
}

/// After a change that touched no row: 404 if the member is gone, 422 if their role
/// changed since it was checked; otherwise the last-owner rule stopped it (the caller says so).
async fn changed_meanwhile(state: &AppState, org_id: &str, seen: &MemberRow) -> ApiResult<()> {
    let now = state.store.member_in(org_id, &seen.id).await?;
    if now.role != seen.role {
        let name = member_name(state, &now).await?;
        return Err(ApiError::invalid(format!(
            "{name}'s role changed a moment ago; reload the page and try again"
        )));
    }
    Ok(())
}

async fn member_name(state: &AppState, member: &MemberRow) -> ApiResult<String> {
    let user = state.store.user(&member.user_id).await?;
    Ok(if user.full_name().is_empty() {
        user.email
    } else {
        user.full_name()
    })
}

/// `PUT /organizations/{id}/members/{member_id}`: change role and projects.
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, member_id)): Path<(String, String)>,
    query: ListQuery,
    JsonBody(body): JsonBody<UpdateMember>,
) -> ApiResult<Json<Member>> {
    let (_, actor) = state.store.membership(&id, &me.user.id).await?;
    let member = state.store.member_in(&id, &member_id).await?;
    let org_projects = state.store.project_ids(&id).await?;
    // The contract crate's rules, which the console runs before sending too.
    let (role, projects_ids) =
        check_member_update(&actor.role(), &member.role(), &body, &org_projects).map_err(|p| {
            if p.status() == 403 {
                ApiError::forbidden(p.to_string())
            } else {
                ApiError::invalid(p.to_string())
            }
        })?;
    let subject = subject_of(&state, &member).await?;
    let actor = events::actor(&me.user);
    let changed = state
        .store
        .update_member(&member, &role, &projects_ids, &actor, &subject)
        .await?;
    if !changed {
        changed_meanwhile(&state, &id, &member).await?;
        let name = member_name(&state, &member).await?;
        return Err(ApiError::invalid(format!(
            "{name} is the last owner of this organization and cannot be demoted; make someone else an owner first"
        )));
    }
    let (user, projects) = (query.includes("user"), query.includes("projects"));
    let seen = ProjectsSeen::All;
    Ok(Json(
        state
            .store
            .member(&id, &member_id, user, projects, &seen)
            .await?,
    ))
}

/// The member as the subject of an event.
async fn subject_of(state: &AppState, member: &MemberRow) -> ApiResult<EventSubject> {
    let user = state.store.user(&member.user_id).await?;
    Ok(events::member_subject(&user, &member.id))
}

/// `DELETE /organizations/{id}/members/{member_id}`: remove a member, or leave.
pub async fn remove(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, member_id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let (_, actor) = state.store.membership(&id, &me.user.id).await?;
    let member = state.store.member_in(&id, &member_id).await?;
    let leaving = member.user_id == me.user.id;
    if !leaving {
        require(
            &actor.role(),
            Action::ManageMember(&Role::Admin),
            NOT_MANAGER,
        )?;
        require(
            &actor.role(),
            Action::ManageMember(&member.role()),
            "Only owners can remove an owner",
        )?;
    }
    let subject = subject_of(&state, &member).await?;
    let actor = events::actor(&me.user);
    let removed = state
        .store
        .remove_member(&member, leaving, &actor, &subject)
        .await?;
    if !removed {
        changed_meanwhile(&state, &id, &member).await?;
        return Err(ApiError::invalid(if leaving {
            "You are the last owner of this organization and cannot leave it; make someone else an owner first".to_owned()
        } else {
            let name = member_name(&state, &member).await?;
            format!("{name} is the last owner of this organization and cannot be removed")
        }));
    }
    Ok(StatusCode::NO_CONTENT)
}
