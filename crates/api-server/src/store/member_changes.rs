//! A member's role and projects changed, or the member removed. Changes to one
//! organization's members run one at a time (SQLite's single writer does it there, a row
//! lock on the organization on PostgreSQL), so the owner count a change checks cannot move
//! under it, whichever server instance makes the other change.

use org_contract::{EventAction, EventActor, EventDetails, EventSubject, Role};

use super::events;
use super::Store;
use crate::db::{self, on_tx, Tx};
use crate::error::ApiResult;
use crate::rows::MemberRow;

impl Store {
    /// Gives `member` (as the permission check saw it) `role` and `projects_ids`, with a
    /// `member.updated` event when that changes anything. False, changing nothing, when the
    /// member's role changed since it was read, or they are the last owner and `role` is not
    /// owner.
    pub async fn update_member(
        &self,
        member: &MemberRow,
        role: &Role,
        projects_ids: &[String],
        actor: &EventActor,
        subject: &EventSubject,
    ) -> ApiResult<bool> {
        let org_id = &member.organization_id;
        let mut tx = self.db.begin().await?;
        tx.lock_organization(org_id).await?;
        // One statement checks and demotes, so two owners demoting each other at once
        // cannot leave the organization without an owner; and only if the member still has
        // the role the permission check saw, so an admin cannot change someone who became
        // an owner in between.
        let changed = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE members SET role = $1, updated_at = $2 WHERE id = $3 AND role = $4 AND (role != 'owner' OR $5 = 'owner' \
             OR (SELECT count(*) FROM members WHERE organization_id = $6 AND role = 'owner') > 1)",
        )
        .bind(role.as_str())
        .bind(db::now())
        .bind(&member.id)
        .bind(&member.role)
        .bind(role.as_str())
        .bind(org_id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if changed == 0 {
            return Ok(false);
        }
        // Read after the UPDATE holds the write lock: a concurrent save of the same member
        // cannot slip in between what the event says was there and what this replaces.
        let before: Vec<String> = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT project_id FROM member_projects WHERE member_id = $1")
            .bind(&member.id)
            .fetch_all(&mut *c).await)?;
        let change = change_details(&mut tx, member, role, &before, projects_ids).await?;
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM member_projects WHERE member_id = $1")
            .bind(&member.id)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        for p in projects_ids {
            on_tx!(&mut tx, c => sqlx::query("INSERT INTO member_projects (member_id, project_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(&member.id)
                .bind(p)
                .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        }
        if let Some(details) = &change {
            let action = EventAction::MemberUpdated;
            events::record(&mut tx, org_id, Some(actor), action, Some(subject), details).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Removes `member` (as the permission check saw it), who stops having the
    /// organization as their default, with a `member.removed` (or, when `leaving`,
    /// `member.left`) event. False, changing nothing, when the member's role changed since
    /// it was read or they are the last owner.
    pub async fn remove_member(
        &self,
        member: &MemberRow,
        leaving: bool,
        actor: &EventActor,
        subject: &EventSubject,
    ) -> ApiResult<bool> {
        let org_id = &member.organization_id;
        let mut tx = self.db.begin().await?;
        tx.lock_organization(org_id).await?;
        let removed = on_tx!(&mut tx, c => sqlx::query(
            "DELETE FROM members WHERE id = $1 AND role = $2 AND (role != 'owner' \
             OR (SELECT count(*) FROM members WHERE organization_id = $3 AND role = 'owner') > 1)",
        )
        .bind(&member.id)
        .bind(&member.role)
        .bind(org_id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if removed == 0 {
            return Ok(false);
        }
        on_tx!(&mut tx, c => sqlx::query("UPDATE users SET default_organization_id = NULL WHERE id = $1 AND default_organization_id = $2")
            .bind(&member.user_id)
            .bind(org_id)
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
        events::record(
            &mut tx,
            org_id,
            Some(actor),
            action,
            Some(subject),
            &details,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}

/// What a role or projects change changes, for the activity log; `None` when it changes
/// nothing (saving the dialog as it was).
async fn change_details(
    tx: &mut Tx,
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
        let org_id = &member.organization_id;
        details.from_projects = Some(events::project_names(&mut *tx, org_id, &old).await?);
        details.to_projects = Some(events::project_names(&mut *tx, org_id, &new).await?);
    }
    Ok(Some(details))
}
