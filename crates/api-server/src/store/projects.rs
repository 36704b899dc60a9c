//! An organization's projects.

use org_contract::{EventAction, EventActor, EventDetails};

use super::Store;
use crate::db::{on_db, on_tx};
use crate::error::ApiResult;
use crate::rows::ProjectRow;
use crate::store::events;

/// Which of an organization's projects a listing reads.
pub enum ProjectFilter<'a> {
    All,
    /// Only those named in this membership.
    OfMember(&'a str),
}

impl Store {
    /// A page of the organization's projects, oldest first, and how many there are.
    pub async fn projects(
        &self,
        org_id: &str,
        filter: ProjectFilter<'_>,
        limit: i64,
        offset: i64,
    ) -> ApiResult<(u64, Vec<ProjectRow>)> {
        let (condition, member) = match filter {
            // `$2` is NULL then; named all the same, as PostgreSQL wants every value bound
            // to a parameter.
            ProjectFilter::All => (" AND $2 IS NULL", None),
            ProjectFilter::OfMember(m) => (
                " AND id IN (SELECT project_id FROM member_projects WHERE member_id = $2)",
                Some(m),
            ),
        };
        let total: i64 = on_db!(&self.db, db => sqlx::query_scalar(&format!(
            "SELECT count(*) FROM projects WHERE organization_id = $1{condition}"
        ))
        .bind(org_id)
        .bind(member)
        .fetch_one(db).await)?;
        let rows = on_db!(&self.db, db => sqlx::query_as::<_, ProjectRow>(&format!(
            "SELECT * FROM projects WHERE organization_id = $1{condition} ORDER BY created_at, id LIMIT $3 OFFSET $4"
        ))
        .bind(org_id)
        .bind(member)
        .bind(limit)
        .bind(offset)
        .fetch_all(db).await)?;
        Ok((total as u64, rows))
    }

    /// Creates the project and its `project.created` event, together.
    pub async fn create_project(&self, row: &ProjectRow, actor: &EventActor) -> ApiResult<()> {
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("INSERT INTO projects (id, organization_id, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(&row.id)
            .bind(&row.organization_id)
            .bind(&row.name)
            .bind(&row.created_at)
            .bind(&row.updated_at)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        let details = EventDetails {
            project: Some(row.name.clone()),
            ..EventDetails::default()
        };
        let action = EventAction::ProjectCreated;
        events::record(
            &mut tx,
            &row.organization_id,
            Some(actor),
            action,
            None,
            &details,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
