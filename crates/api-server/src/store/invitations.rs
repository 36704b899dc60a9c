//! Invitations as they are read: one (or why it is gone), an organization's page, those
//! sent to an address, and the contract objects with what `include=` expands, built in a
//! fixed number of queries however many invitations a page holds.

use std::collections::HashMap;

use org_contract::{allows, Action, Expandable, Invitation, Organization, Role};

use super::organizations::Excluded;
use super::Store;
use crate::db::{self, on_db};
use crate::error::{ApiError, ApiResult};
use crate::rows::{href, InvitationRow, ProjectRow};

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

/// A project of one of the invitations being built.
#[derive(sqlx::FromRow)]
struct InvitationProject {
    invitation_id: String,
    #[sqlx(flatten)]
    project: ProjectRow,
}

impl Store {
    /// A pending invitation; 410 with the reason if it was accepted, declined or revoked,
    /// 404 if it never existed.
    pub async fn invitation_row(&self, id: &str) -> ApiResult<InvitationRow> {
        let row = on_db!(&self.db, db => sqlx::query_as::<_, InvitationRow>("SELECT * FROM invitations WHERE id = $1")
            .bind(id)
            .fetch_optional(db).await)?;
        if let Some(row) = row {
            return Ok(row);
        }
        let outcome: Option<String> = on_db!(&self.db, db => sqlx::query_scalar("SELECT outcome FROM closed_invitations WHERE id = $1")
            .bind(id)
            .fetch_optional(db).await)?;
        Err(match outcome.as_deref() {
            Some("accepted") => ApiError::Gone("This invitation has already been accepted".into()),
            Some("declined") => ApiError::Gone("This invitation was declined".into()),
            Some(_) => ApiError::Gone("This invitation was revoked by the organization".into()),
            None => ApiError::NotFound,
        })
    }

    /// A page of the organization's invitations, oldest first, and how many there are.
    pub async fn invitation_page(
        &self,
        org_id: &str,
        limit: i64,
        offset: i64,
    ) -> ApiResult<(u64, Vec<InvitationRow>)> {
        let total: i64 = on_db!(&self.db, db => sqlx::query_scalar("SELECT count(*) FROM invitations WHERE organization_id = $1")
            .bind(org_id)
            .fetch_one(db).await)?;
        let rows = on_db!(&self.db, db => sqlx::query_as::<_, InvitationRow>(
            "SELECT * FROM invitations WHERE organization_id = $1 ORDER BY created_at, id LIMIT $2 OFFSET $3",
        )
        .bind(org_id)
        .bind(limit)
        .bind(offset)
        .fetch_all(db).await)?;
        Ok((total as u64, rows))
    }

    /// Every invitation sent to `email`, in any organization, oldest first.
    pub async fn invitations_to(&self, email: &str) -> ApiResult<Vec<InvitationRow>> {
        Ok(on_db!(&self.db, db => sqlx::query_as::<_, InvitationRow>(
            "SELECT * FROM invitations WHERE lower(invitee) = lower($1) ORDER BY created_at, id",
        )
        .bind(email)
        .fetch_all(db).await)?)
    }

    /// Whether `invitee` is a member of the organization already, and whether a live
    /// invitation for it is pending.
    pub async fn address_standing(&self, org_id: &str, invitee: &str) -> ApiResult<(bool, bool)> {
        let is_member: bool = on_db!(&self.db, db => sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM members m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 AND lower(u.email) = lower($2))",
        )
        .bind(org_id)
        .bind(invitee)
        .fetch_one(db).await)?;
        let is_invited: bool = on_db!(&self.db, db => sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM invitations WHERE organization_id = $1 AND lower(invitee) = lower($2) AND expires_at > $3)",
        )
        .bind(org_id)
        .bind(invitee)
        .bind(db::now())
        .fetch_one(db).await)?;
        Ok((is_member, is_invited))
    }

    pub async fn invitation(
        &self,
        row: &InvitationRow,
        include: InvitationIncludes,
        viewer: InvitationViewer<'_>,
    ) -> ApiResult<Invitation> {
        let mut one = self
            .invitations(std::slice::from_ref(row), include, viewer)
            .await?;
        one.pop()
            .ok_or_else(|| ApiError::Internal("building an invitation".into()))
    }

    /// The invitations of `rows` with what `include` expands: one query for every
    /// invitation's projects, one for every inviter, and each distinct organization once
    /// (an organization's list has one).
    pub async fn invitations(
        &self,
        rows: &[InvitationRow],
        include: InvitationIncludes,
        viewer: InvitationViewer<'_>,
    ) -> ApiResult<Vec<Invitation>> {
        if rows.is_empty() {
            return Ok(vec![]);
        }
        let projects = self.projects_of_invitations(rows).await?;
        let inviters = if include.invited_by {
            self.users_by_id(rows.iter().map(|r| r.invited_by.as_str()))
                .await?
        } else {
            HashMap::new()
        };
        let mut organizations: HashMap<String, Organization> = HashMap::new();
        if include.organization {
            let role = match viewer {
                InvitationViewer::Manager(role) => Some(role),
                InvitationViewer::Invitee { .. } => None,
            };
            for row in rows {
                if !organizations.contains_key(&row.organization_id) {
                    let org = self.organization_row(&row.organization_id).await?;
                    let object = self.organization(&org, role, &Excluded::default()).await?;
                    organizations.insert(org.id, object);
                }
            }
        }
        rows.iter()
            .map(|row| {
                let organization = match organizations.get(&row.organization_id) {
                    Some(o) => Expandable::Full(Box::new(o.clone())),
                    None => Expandable::Ref(href(format_args!(
                        "/organizations/{}",
                        row.organization_id
                    ))),
                };
                let invited_by = match inviters.get(&row.invited_by) {
                    Some(u) => Expandable::Full(Box::new(u.to_user())),
                    None if include.invited_by => return Err(ApiError::NotFound),
                    None => Expandable::Ref(href(format_args!("/users/{}", row.invited_by))),
                };
                let projects = projects.get(&row.id).map(Vec::as_slice).unwrap_or_default();
                let projects = projects_of(projects, include.projects);
                Ok(invitation_object(
                    row,
                    projects,
                    organization,
                    invited_by,
                    viewer,
                ))
            })
            .collect()
    }

    /// Each invitation's projects, by name, in one query.
    async fn projects_of_invitations(
        &self,
        rows: &[InvitationRow],
    ) -> ApiResult<HashMap<String, Vec<ProjectRow>>> {
        let ids = db::json_list(rows.iter().map(|r| r.id.as_str()));
        let linked = on_db!(&self.db, db, pg => sqlx::query_as::<_, InvitationProject>(&format!(
            "SELECT ip.invitation_id, p.* FROM invitation_projects ip JOIN projects p ON p.id = ip.project_id \
             WHERE ip.invitation_id IN ({}) ORDER BY p.name, p.id",
            db::in_list(pg, 1)
        ))
        .bind(&ids)
        .fetch_all(db).await)?;
        let mut projects: HashMap<String, Vec<ProjectRow>> = HashMap::new();
        for link in linked {
            let of_invitation = projects.entry(link.invitation_id).or_default();
            of_invitation.push(link.project);
        }
        Ok(projects)
    }

    /// What a token-less holder of an invitation's link may see (security rules).
    pub async fn invitation_preview(
        &self,
        row: &InvitationRow,
    ) -> ApiResult<org_contract::InvitationPreview> {
        let org = self.organization_row(&row.organization_id).await?;
        let inviter = self.user(&row.invited_by).await?;
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
