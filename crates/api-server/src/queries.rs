//! Lookups that several handlers share, and the assembly of contract objects with their
//! references expanded as `include=` asks.

use org_contract::{
    allows, project_scope, Action, Expandable, Invitation, Organization, ProjectScope, Role,
};
use std::collections::HashMap;

use crate::db::{on_db, on_tx, Pool, Tx};
use crate::error::{ApiError, ApiResult};
use crate::rows::{href, InvitationRow, MemberRow, OrganizationRow, ProjectRow, UserRow};

pub async fn organization_row(db: &Pool, org_id: &str) -> ApiResult<OrganizationRow> {
    on_db!(db, db => sqlx::query_as::<_, OrganizationRow>("SELECT * FROM organizations WHERE id = $1")
        .bind(org_id)
        .fetch_optional(db).await)?
        .ok_or(ApiError::NotFound)
}

pub async fn user_row(db: &Pool, user_id: &str) -> ApiResult<UserRow> {
    on_db!(db, db => sqlx::query_as::<_, UserRow>("SELECT * FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(db).await)?
    .ok_or(ApiError::NotFound)
}

/// The organization as `viewer` (the caller's role in it, `None` for a non-member such as
/// an invitee) may see it: credit and billing address only for roles that see billing.
pub async fn organization(
    db: &Pool,
    row: &OrganizationRow,
    viewer: Option<&Role>,
) -> ApiResult<Organization> {
    organization_without(db, row, viewer, &Excluded::default()).await
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

/// [`organization`], leaving out the collections in `excluded` (and not querying them).
pub async fn organization_without(
    db: &Pool,
    row: &OrganizationRow,
    viewer: Option<&Role>,
    excluded: &Excluded,
) -> ApiResult<Organization> {
    let projects: Option<Vec<String>> = if excluded.projects {
        None
    } else {
        Some(
            ids_in_one_value(
                db,
                "SELECT id FROM projects WHERE organization_id = $1 ORDER BY created_at, id",
                &row.id,
            )
            .await?,
        )
    };
    let members: Option<Vec<String>> = if excluded.members {
        None
    } else {
        Some(
            ids_in_one_value(
                db,
                "SELECT id FROM members WHERE organization_id = $1 ORDER BY created_at, id",
                &row.id,
            )
            .await?,
        )
    };
    let billing = viewer.is_some_and(|r| allows(r, Action::ViewBilling));
    Ok(row.to_organization(projects.as_deref(), members.as_deref(), billing))
}

/// The ids `query` selects (one `?`, for `param`), in its order, read as one JSON value:
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

pub async fn project_ids(db: &Pool, org_id: &str) -> ApiResult<Vec<String>> {
    Ok(
        on_db!(db, db => sqlx::query_scalar("SELECT id FROM projects WHERE organization_id = $1")
            .bind(org_id)
            .fetch_all(db).await)?,
    )
}

/// How many owners an organization has.
pub async fn owner_count(db: &Pool, org_id: &str) -> ApiResult<i64> {
    Ok(on_db!(db, db => sqlx::query_scalar(
        "SELECT count(*) FROM members WHERE organization_id = $1 AND role = 'owner'",
    )
    .bind(org_id)
    .fetch_one(db).await)?)
}

/// Projects as references, expanded when asked.
fn projects_of(rows: &[ProjectRow], expand: bool) -> Vec<Expandable<org_contract::Project>> {
    rows.iter()
        .map(|p| {
            if expand {
                Expandable::Full(Box::new(p.to_project()))
            } else {
                Expandable::Ref(href(format_args!("/projects/{}", p.id)))
            }
        })
        .collect()
}

/// Which projects a member list may expand for the viewer (security rules): owners and
/// admins see all, collaborators only their own, billing none.
pub enum ProjectsSeen {
    All,
    Only(Vec<String>),
    None,
}

impl ProjectsSeen {
    pub async fn of(db: &Pool, viewer: &MemberRow) -> ApiResult<ProjectsSeen> {
        Ok(match project_scope(&viewer.role()) {
            ProjectScope::All => ProjectsSeen::All,
            ProjectScope::None => ProjectsSeen::None,
            ProjectScope::Own => ProjectsSeen::Only(
                on_db!(db, db => sqlx::query_scalar("SELECT project_id FROM member_projects WHERE member_id = $1")
                    .bind(&viewer.id)
                    .fetch_all(db).await)?,
            ),
        })
    }

    pub fn allows(&self, project_id: &str) -> bool {
        match self {
            ProjectsSeen::All => true,
            ProjectsSeen::Only(ids) => ids.iter().any(|p| p == project_id),
            ProjectsSeen::None => false,
        }
    }
}

/// What `include=` may expand on an invitation.
#[derive(Clone, Copy, Default)]
pub struct InvitationIncludes {
    pub organization: bool,
    pub invited_by: bool,
    pub projects: bool,
}

impl InvitationIncludes {
    pub fn from(query: &crate::listing::ListQuery) -> Self {
        InvitationIncludes {
            organization: query.includes("organization"),
            invited_by: query.includes("invited_by"),
            projects: query.includes("projects"),
        }
    }
}

/// Who is looking at an invitation: an owner or admin of its organization (with their
/// role), or its invitee (verified or not). Only managers and the verified invitee see the
/// nonce (security rules).
#[derive(Clone, Copy)]
pub enum InvitationViewer<'a> {
    Manager(&'a Role),
    Invitee { verified: bool },
}

pub async fn invitation(
    db: &Pool,
    row: &InvitationRow,
    include: InvitationIncludes,
    viewer: InvitationViewer<'_>,
) -> ApiResult<Invitation> {
    let mut one = invitations(db, std::slice::from_ref(row), include, viewer).await?;
    one.pop()
        .ok_or_else(|| ApiError::Internal("building an invitation".into()))
}

/// A project of one of the invitations being built.
#[derive(sqlx::FromRow)]
struct InvitationProject {
    invitation_id: String,
    #[sqlx(flatten)]
    project: ProjectRow,
}

/// The invitations of `rows` with what `include` expands, in a fixed number of queries
/// whatever their number: one for every invitation's projects, one for every inviter, and
/// each distinct organization once (an organization's list has one).
pub async fn invitations(
    db: &Pool,
    rows: &[InvitationRow],
    include: InvitationIncludes,
    viewer: InvitationViewer<'_>,
) -> ApiResult<Vec<Invitation>> {
    if rows.is_empty() {
        return Ok(vec![]);
    }
    let ids = crate::db::json_list(rows.iter().map(|r| r.id.as_str()));
    let mut projects: HashMap<String, Vec<ProjectRow>> = HashMap::new();
    let linked = on_db!(db, db, pg => sqlx::query_as::<_, InvitationProject>(&format!(
        "SELECT ip.invitation_id, p.* FROM invitation_projects ip JOIN projects p ON p.id = ip.project_id \
         WHERE ip.invitation_id IN ({}) ORDER BY p.name, p.id",
        crate::db::in_list(pg, 1)
    ))
    .bind(&ids)
    .fetch_all(db).await)?;
    for link in linked {
        projects
            .entry(link.invitation_id)
            .or_default()
            .push(link.project);
    }
    let mut inviters: HashMap<String, UserRow> = HashMap::new();
    if include.invited_by {
        let ids = crate::db::json_list(rows.iter().map(|r| r.invited_by.as_str()));
        let users = on_db!(db, db, pg => sqlx::query_as::<_, UserRow>(&format!(
            "SELECT * FROM users WHERE id IN ({})",
            crate::db::in_list(pg, 1)
        ))
        .bind(&ids)
        .fetch_all(db).await)?;
        inviters.extend(users.into_iter().map(|u| (u.id.clone(), u)));
    }
    let mut organizations: HashMap<String, Organization> = HashMap::new();
    if include.organization {
        let role = match viewer {
            InvitationViewer::Manager(role) => Some(role),
            InvitationViewer::Invitee { .. } => None,
        };
        for row in rows {
            if !organizations.contains_key(&row.organization_id) {
                let org = organization_row(db, &row.organization_id).await?;
                organizations.insert(org.id.clone(), organization(db, &org, role).await?);
            }
        }
    }
    rows.iter()
        .map(|row| {
            let organization = match organizations.get(&row.organization_id) {
                Some(o) => Expandable::Full(Box::new(o.clone())),
                None => {
                    Expandable::Ref(href(format_args!("/organizations/{}", row.organization_id)))
                }
            };
            let invited_by = match inviters.get(&row.invited_by) {
                Some(u) => Expandable::Full(Box::new(u.to_user())),
                None if include.invited_by => return Err(ApiError::NotFound),
                None => Expandable::Ref(href(format_args!("/users/{}", row.invited_by))),
            };
            let projects = projects.get(&row.id).map(Vec::as_slice).unwrap_or_default();
            Ok(invitation_object(
                row,
                projects_of(projects, include.projects),
                organization,
                invited_by,
                viewer,
            ))
        })
        .collect()
}

fn invitation_object(
    row: &InvitationRow,
    projects: Vec<Expandable<org_contract::Project>>,
    organization: Expandable<Organization>,
    invited_by: Expandable<org_contract::User>,
    viewer: InvitationViewer<'_>,
) -> Invitation {
    Invitation {
        id: row.id.clone(),
        invitee: row.invitee.clone(),
        roles: vec![Role::parse(&row.role)],
        projects,
        organization,
        invited_by,
        message: row.message.clone(),
        // A manager sees the nonce only of invitations they could have sent: an admin
        // holding an owner invitation's link could sign up as its invitee and accept it.
        nonce: match viewer {
            InvitationViewer::Manager(role)
                if allows(role, Action::Invite(&Role::parse(&row.role))) =>
            {
                Some(row.nonce.clone())
            }
            InvitationViewer::Invitee { verified: true } => Some(row.nonce.clone()),
            _ => None,
        },
        created_at: row.created_at.clone().into(),
        updated_at: row.updated_at.clone().into(),
        href: href(format_args!("/invitations/{}", row.id)).href,
        expires_at: Some(row.expires_at.clone().into()),
    }
}

/// A pending invitation; 410 with the reason if it was accepted, declined or revoked, 404
/// if it never existed.
pub async fn invitation_row(db: &Pool, id: &str) -> ApiResult<InvitationRow> {
    let row = on_db!(db, db => sqlx::query_as::<_, InvitationRow>("SELECT * FROM invitations WHERE id = $1")
        .bind(id)
        .fetch_optional(db).await)?;
    if let Some(row) = row {
        return Ok(row);
    }
    let outcome: Option<String> = on_db!(db, db => sqlx::query_scalar("SELECT outcome FROM closed_invitations WHERE id = $1")
            .bind(id)
            .fetch_optional(db).await)?;
    Err(match outcome.as_deref() {
        Some("accepted") => ApiError::Gone("This invitation has already been accepted".into()),
        Some("declined") => ApiError::Gone("This invitation was declined".into()),
        Some(_) => ApiError::Gone("This invitation was revoked by the organization".into()),
        None => ApiError::NotFound,
    })
}

/// Records why an invitation stopped existing (inside the caller's transaction).
pub async fn close_invitation(conn: &mut Tx, row: &InvitationRow, outcome: &str) -> ApiResult<()> {
    on_tx!(conn, c => sqlx::query("INSERT INTO closed_invitations (id, organization_id, outcome, closed_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, outcome = excluded.outcome, closed_at = excluded.closed_at")
        .bind(&row.id)
        .bind(&row.organization_id)
        .bind(outcome)
        .bind(crate::db::now())
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Creates an organization with `owner` as its owner, inside the caller's transaction.
pub async fn create_organization(
    tx: &mut Tx,
    fields: NewOrganization<'_>,
    owner: &str,
) -> ApiResult<String> {
    let id = crate::db::new_id();
    let now = crate::db::now();
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
        .bind(crate::db::new_id())
        .bind(&id)
        .bind(owner)
        .bind(&now)
        .bind(&now)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(id)
}

pub struct NewOrganization<'a> {
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub website: Option<&'a str>,
    pub twitter: Option<&'a str>,
    pub personal: bool,
}

/// What a token-less holder of an invitation's link may see (security rules).
pub async fn invitation_preview(
    db: &Pool,
    row: &InvitationRow,
) -> ApiResult<org_contract::InvitationPreview> {
    let org = organization_row(db, &row.organization_id).await?;
    let inviter = user_row(db, &row.invited_by).await?;
    Ok(org_contract::InvitationPreview {
        id: row.id.clone(),
        invitee: row.invitee.clone(),
        roles: vec![Role::parse(&row.role)],
        organization: org_contract::NamedOrganization {
            id: org.id,
            name: org.name,
        },
        invited_by: org_contract::InviterName {
            full_name: inviter.full_name(),
        },
        expires_at: Some(row.expires_at.clone().into()),
        href: href(format_args!("/invitations/{}", row.id)).href,
    })
}
