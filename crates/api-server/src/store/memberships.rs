//! Who belongs to which organization, as every handler asks first, and which projects a
//! member may see.

use org_contract::{project_scope, ProjectScope};

use super::Store;
use crate::db::on_db;
use crate::error::{ApiError, ApiResult};
use crate::rows::{MemberRow, OrganizationRow};

/// Which projects a member list may expand for the viewer (security rules): owners and
/// admins see all, collaborators only their own, billing none.
pub enum ProjectsSeen {
    All,
    Only(Vec<String>),
    None,
}

impl ProjectsSeen {
    pub fn allows(&self, project_id: &str) -> bool {
        match self {
            ProjectsSeen::All => true,
            ProjectsSeen::Only(ids) => ids.iter().any(|p| p == project_id),
            ProjectsSeen::None => false,
        }
    }
}

impl Store {
    /// The organization and the caller's membership in it; 404 when the caller is not a
    /// member, so organizations of others cannot even be confirmed to exist.
    pub async fn membership(
        &self,
        org_id: &str,
        user_id: &str,
    ) -> ApiResult<(OrganizationRow, MemberRow)> {
        let member = self
            .member_of(org_id, user_id)
            .await?
            .ok_or(ApiError::NotFound)?;
        let org = self.organization_row(org_id).await?;
        Ok((org, member))
    }

    /// The user's membership of the organization, if any.
    pub async fn member_of(&self, org_id: &str, user_id: &str) -> ApiResult<Option<MemberRow>> {
        Ok(on_db!(&self.db, db => sqlx::query_as::<_, MemberRow>(
            "SELECT * FROM members WHERE organization_id = $1 AND user_id = $2",
        )
        .bind(org_id)
        .bind(user_id)
        .fetch_optional(db).await)?)
    }

    /// A member of the organization by id; 404 when the organization has no such member.
    pub async fn member_in(&self, org_id: &str, member_id: &str) -> ApiResult<MemberRow> {
        on_db!(&self.db, db => sqlx::query_as::<_, MemberRow>("SELECT * FROM members WHERE id = $1 AND organization_id = $2")
            .bind(member_id)
            .bind(org_id)
            .fetch_optional(db).await)?
        .ok_or(ApiError::NotFound)
    }

    /// The projects `viewer` may see expanded in a member list.
    pub async fn projects_seen(&self, viewer: &MemberRow) -> ApiResult<ProjectsSeen> {
        Ok(match project_scope(&viewer.role()) {
            ProjectScope::All => ProjectsSeen::All,
            ProjectScope::None => ProjectsSeen::None,
            ProjectScope::Own => ProjectsSeen::Only(self.member_project_ids(&viewer.id).await?),
        })
    }
}
