//! Organizations: one by id, the caller's list with their own membership of each, a new
//! one with its owner, and the contract object as a viewer may see it.

use org_contract::{allows, Action, Organization, OwnMembership, Role};

use super::Store;
use crate::db::{self, on_db, on_tx, Pool, Tx};
use crate::error::{ApiError, ApiResult};
use crate::rows::{OrganizationRow, API};

/// Which of the caller's organizations a listing reads (`personal=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Personal {
    Include,
    Exclude,
    Only,
}

/// Which collections an answer leaves out (`exclude=members,projects`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Excluded {
    pub members: bool,
    pub projects: bool,
}

impl Excluded {
    /// From `exclude=a,b`; names that are not collections of an organization are ignored.
    pub fn parse(exclude: Option<&str>) -> Excluded {
        let names: Vec<&str> = exclude.unwrap_or("").split(',').map(str::trim).collect();
        Excluded {
            members: names.contains(&"members"),
            projects: names.contains(&"projects"),
        }
    }
}

/// The fields of a new organization, already validated.
pub struct NewOrganization<'a> {
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub website: Option<&'a str>,
    pub twitter: Option<&'a str>,
    pub personal: bool,
}

/// One of the caller's organizations, with the caller's membership of it.
#[derive(sqlx::FromRow)]
struct MineRow {
    my_role: String,
    my_member_id: String,
    #[sqlx(flatten)]
    org: OrganizationRow,
}

impl Store {
    pub async fn organization_row(&self, org_id: &str) -> ApiResult<OrganizationRow> {
        on_db!(&self.db, db => sqlx::query_as::<_, OrganizationRow>("SELECT * FROM organizations WHERE id = $1")
            .bind(org_id)
            .fetch_optional(db).await)?
            .ok_or(ApiError::NotFound)
    }

    /// The organization as `viewer` (the caller's role in it, `None` for a non-member such
    /// as an invitee) may see it: credit and billing address only for roles that see
    /// billing. Leaves out (and does not query) the collections in `excluded`.
    pub async fn organization(
        &self,
        row: &OrganizationRow,
        viewer: Option<&Role>,
        excluded: &Excluded,
    ) -> ApiResult<Organization> {
        let projects = if excluded.projects {
            None
        } else {
            let query =
                "SELECT id FROM projects WHERE organization_id = $1 ORDER BY created_at, id";
            Some(ids_in_one_value(&self.db, query, &row.id).await?)
        };
        let members = if excluded.members {
            None
        } else {
            let query = "SELECT id FROM members WHERE organization_id = $1 ORDER BY created_at, id";
            Some(ids_in_one_value(&self.db, query, &row.id).await?)
        };
        let billing = viewer.is_some_and(|r| allows(r, Action::ViewBilling));
        Ok(row.to_organization(projects.as_deref(), members.as_deref(), billing))
    }

    /// A page of the caller's organizations (personal first, then by name) and how many
    /// there are, each with the caller's own membership (an extension: a console needs no
    /// request per organization to learn its role there).
    pub async fn organizations_of(
        &self,
        user_id: &str,
        personal: Personal,
        excluded: &Excluded,
        limit: i64,
        offset: i64,
    ) -> ApiResult<(u64, Vec<Organization>)> {
        let personal = match personal {
            Personal::Include => "",
            Personal::Exclude => " AND o.personal = FALSE",
            Personal::Only => " AND o.personal = TRUE",
        };
        let from = format!("FROM organizations o JOIN members m ON m.organization_id = o.id WHERE m.user_id = $1{personal}");
        let total: i64 = on_db!(&self.db, db => sqlx::query_scalar(&format!("SELECT count(*) {from}"))
            .bind(user_id)
            .fetch_one(db).await)?;
        let rows = on_db!(&self.db, db => sqlx::query_as::<_, MineRow>(&format!(
            "SELECT m.role AS my_role, m.id AS my_member_id, o.* {from} ORDER BY o.personal DESC, lower(o.name), o.id LIMIT $2 OFFSET $3"
        ))
        .bind(user_id)
        .bind(limit)
        .bind(offset)
        .fetch_all(db).await)?;
        let mut organizations = Vec::with_capacity(rows.len());
        for row in &rows {
            let role = Role::parse(&row.my_role);
            let mut org = self.organization(&row.org, Some(&role), excluded).await?;
            let projects_ids = if role.is_project_scoped() {
                self.member_project_ids(&row.my_member_id).await?
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
        Ok((total as u64, organizations))
    }

    /// Creates an organization with `owner` as its owner; its row.
    pub async fn create_organization(
        &self,
        fields: NewOrganization<'_>,
        owner: &str,
    ) -> ApiResult<OrganizationRow> {
        let mut tx = self.db.begin().await?;
        let id = create_organization(&mut tx, fields, owner).await?;
        tx.commit().await?;
        self.organization_row(&id).await
    }

    /// The ids of the organization's projects.
    pub async fn project_ids(&self, org_id: &str) -> ApiResult<Vec<String>> {
        Ok(
            on_db!(&self.db, db => sqlx::query_scalar("SELECT id FROM projects WHERE organization_id = $1")
            .bind(org_id)
            .fetch_all(db).await)?,
        )
    }

    /// The projects named in a membership.
    pub async fn member_project_ids(&self, member_id: &str) -> ApiResult<Vec<String>> {
        Ok(
            on_db!(&self.db, db => sqlx::query_scalar("SELECT project_id FROM member_projects WHERE member_id = $1")
            .bind(member_id)
            .fetch_all(db).await)?,
        )
    }
}

/// The ids `query` selects (one `$1`, for `param`), in its order, read as one JSON value:
/// sqlx's SQLite driver costs ~25 µs of CPU per row it hands over, so an organization's
/// 1,000 member references as rows were 25 ms per answer (see `member_page`).
async fn ids_in_one_value(db: &Pool, query: &str, param: &str) -> ApiResult<Vec<String>> {
    let ids: String = on_db!(db, db, pg => sqlx::query_scalar(&if pg {
        format!("SELECT coalesce(json_agg(id), '[]')::text FROM ({query}) t")
    } else {
        format!("SELECT json_group_array(id) FROM ({query})")
    })
        .bind(param)
        .fetch_one(db).await)?;
    serde_json::from_str(&ids).map_err(|e| ApiError::Internal(format!("reading ids: {e}")))
}

/// Creates an organization with `owner` as its owner, inside the caller's transaction.
pub(super) async fn create_organization(
    tx: &mut Tx,
    fields: NewOrganization<'_>,
    owner: &str,
) -> ApiResult<String> {
    let id = db::new_id();
    let now = db::now();
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO organizations (id, name, description, website, twitter, personal, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(fields.name)
    .bind(fields.description)
    .bind(fields.website)
    .bind(fields.twitter)
    .bind(fields.personal)
    .bind(&now)
    .bind(&now)
    .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    on_tx!(tx, c => sqlx::query("INSERT INTO members (id, organization_id, user_id, role, created_at, updated_at) VALUES ($1, $2, $3, 'owner', $4, $5)")
        .bind(db::new_id())
        .bind(&id)
        .bind(owner)
        .bind(&now)
        .bind(&now)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(id)
}
