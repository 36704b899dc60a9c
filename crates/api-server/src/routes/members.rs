use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use org_contract::{
    check_member_update, Action, EventAction, EventDetails, Member, MemberList, Role, UpdateMember,
};

use super::require;
use crate::auth::CurrentUser;
use crate::db::{on_db, on_tx, Tx};
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::listing::ListQuery;
use crate::member_page;
use crate::member_search::MemberSearch;
use crate::queries;
use crate::rows::{MemberRow, API};
use crate::store::events;
use crate::{db, AppState};

const NOT_MANAGER: &str = "You are not authorized to manage members of this organization";

/// `GET /organizations/{id}/members?include=user,projects&page&per_page`
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    query: ListQuery,
) -> ApiResult<Json<MemberList>> {
    let (_, me_member) = state.store.membership(&id, &me.user.id).await?;
    let seen = queries::ProjectsSeen::of(&state.db, &me_member).await?;
    // Extension: `user_id` narrows the list to one user's membership, so a console can learn
    // the caller's role without paging through a large organization. Servers without it
    // ignore the parameter, which the console detects.
    let user = query.get("user_id").filter(|u| !u.is_empty());
    let search = MemberSearch::from_query(&query)?;
    let (total, rows) = state
        .store
        .member_page(&id, &search, user, query.limit(), query.offset())
        .await?;
    let members = member_page::members(
        &state.db,
        &id,
        rows,
        query.includes("user"),
        query.includes("projects"),
        &seen,
    )
    .await?;
    let meta = query.meta_with(
        &format!("{API}/organizations/{id}/members"),
        total as u64,
        &search.link_query(),
    );
    Ok(Json(MemberList { members, meta }))
}

async fn target(state: &AppState, org_id: &str, member_id: &str) -> ApiResult<MemberRow> {
    on_db!(&state.db, db => sqlx::query_as::<_, MemberRow>("SELECT * FROM members WHERE id = $1 AND organization_id = $2")
        .bind(member_id)
        .bind(org_id)
        .fetch_optional(db).await)?
        .ok_or(ApiError::NotFound)
}

/// After a change that touched no row: 404 if the member is gone, 422 if their role
/// changed since it was checked; otherwise the last-owner rule stopped it (the caller says so).
async fn changed_meanwhile(state: &AppState, org_id: &str, seen: &MemberRow) -> ApiResult<()> {
    let now = target(state, org_id, &seen.id).await?;
    if now.role != seen.role {
        let name = member_name(state, &now).await?;
        return Err(ApiError::invalid(format!(
            "{name}'s role changed a moment ago; reload the page and try again"
        )));
    }
    Ok(())
}

async fn member_name(state: &AppState, member: &MemberRow) -> ApiResult<String> {
    let user = queries::user_row(&state.db, &member.user_id).await?;
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
    let member = target(&state, &id, &member_id).await?;
    let org_projects = queries::project_ids(&state.db, &id).await?;
    // The contract crate's rules, which the console runs before sending too.
    let (role, projects_ids) =
        check_member_update(&actor.role(), &member.role(), &body, &org_projects).map_err(|p| {
            if p.status() == 403 {
                ApiError::forbidden(p.to_string())
            } else {
                ApiError::invalid(p.to_string())
            }
        })?;
    let subject = events::member_subject(
        &queries::user_row(&state.db, &member.user_id).await?,
        &member.id,
    );
    let now = db::now();
    let mut tx = state.db.begin().await?;
    // Changes to one organization's members run one at a time (SQLite's single writer
    // does it there), so the owner count below cannot change under this one, whichever
    // server instance makes the other change.
    tx.lock_organization(&id).await?;
    // One statement checks and demotes, so two owners demoting each other at once cannot
    // leave the organization without an owner.
    // ... and only if the member still has the role the permission check saw, so an admin
    // cannot change someone who became an owner in between.
    let changed = on_tx!(&mut tx, c => sqlx::query(
        "UPDATE members SET role = $1, updated_at = $2 WHERE id = $3 AND role = $4 AND (role != 'owner' OR $5 = 'owner' \
         OR (SELECT count(*) FROM members WHERE organization_id = $6 AND role = 'owner') > 1)",
    )
    .bind(role.as_str())
    .bind(&now)
    .bind(&member.id)
    .bind(&member.role)
    .bind(role.as_str())
    .bind(&id)
    .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if changed == 0 {
        drop(tx);
        changed_meanwhile(&state, &id, &member).await?;
        let name = member_name(&state, &member).await?;
        return Err(ApiError::invalid(format!(
            "{name} is the last owner of this organization and cannot be demoted; make someone else an owner first"
        )));
    }
    // Read after the UPDATE holds the write lock: a concurrent save of the same member
    // cannot slip in between what the event says was there and what this replaces.
    let before: Vec<String> = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT project_id FROM member_projects WHERE member_id = $1")
            .bind(&member.id)
            .fetch_all(&mut *c).await)?;
    let change = change_details(&mut tx, &id, &member, &role, &before, &projects_ids).await?;
    on_tx!(&mut tx, c => sqlx::query("DELETE FROM member_projects WHERE member_id = $1")
        .bind(&member.id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    for p in &projects_ids {
        on_tx!(&mut tx, c => sqlx::query("INSERT INTO member_projects (member_id, project_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(&member.id)
            .bind(p)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    if let Some(details) = &change {
        events::record(
            &mut tx,
            &id,
            Some(&events::actor(&me.user)),
            EventAction::MemberUpdated,
            Some(&subject),
            details,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Json(
        member_page::member(
            &state.db,
            &id,
            &member_id,
            query.includes("user"),
            query.includes("projects"),
            &queries::ProjectsSeen::All,
        )
        .await?,
    ))
}

/// What a role or projects change changes, for the activity log; `None` when it changes
/// nothing (saving the dialog as it was).
async fn change_details(
    tx: &mut Tx,
    org_id: &str,
    member: &MemberRow,
    role: &Role,
    before: &[String],
    after: &[String],
) -> ApiResult<Option<EventDetails>> {
    let (mut old, mut new) = (before.to_vec(), after.to_vec());
    old.sort();
    new.sort();
    new.dedup();
    let role_changed = member.role() != *role;
    if !role_changed && old == new {
        return Ok(None);
    }
    let mut details = EventDetails::default();
    if role_changed {
        details.from_role = Some(member.role());
        details.to_role = Some(role.clone());
    }
    if old != new {
        details.from_projects = Some(events::project_names(&mut *tx, org_id, &old).await?);
        details.to_projects = Some(events::project_names(&mut *tx, org_id, &new).await?);
    }
    Ok(Some(details))
}

/// `DELETE /organizations/{id}/members/{member_id}`: remove a member, or leave.
pub async fn remove(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, member_id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let (_, actor) = state.store.membership(&id, &me.user.id).await?;
    let member = target(&state, &id, &member_id).await?;
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
    let subject = events::member_subject(
        &queries::user_row(&state.db, &member.user_id).await?,
        &member.id,
    );
    let mut tx = state.db.begin().await?;
    // Changes to one organization's members run one at a time (SQLite's single writer
    // does it there), so the owner count below cannot change under this one, whichever
    // server instance makes the other change.
    tx.lock_organization(&id).await?;
    let removed = on_tx!(&mut tx, c => sqlx::query(
        "DELETE FROM members WHERE id = $1 AND role = $2 AND (role != 'owner' \
         OR (SELECT count(*) FROM members WHERE organization_id = $3 AND role = 'owner') > 1)",
    )
    .bind(&member.id)
    .bind(&member.role)
    .bind(&id)
    .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if removed == 0 {
        drop(tx);
        changed_meanwhile(&state, &id, &member).await?;
        return Err(ApiError::invalid(if leaving {
            "You are the last owner of this organization and cannot leave it; make someone else an owner first".to_owned()
        } else {
            let name = member_name(&state, &member).await?;
            format!("{name} is the last owner of this organization and cannot be removed")
        }));
    }
    on_tx!(&mut tx, c => sqlx::query("UPDATE users SET default_organization_id = NULL WHERE id = $1 AND default_organization_id = $2")
        .bind(&member.user_id)
        .bind(&id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    let details = EventDetails {
        role: Some(member.role()),
        ..EventDetails::default()
    };
    let action = if leaving {
        EventAction::MemberLeft
    } else {
        EventAction::MemberRemoved
    };
    let actor = events::actor(&me.user);
    events::record(&mut tx, &id, Some(&actor), action, Some(&subject), &details).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
