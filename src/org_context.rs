//! Data shared across pages: the [`Directory`] of the user's organizations (loaded once per
//! session) and the [`CurrentOrg`] of the organization pages, with [`Scoped`] results so a
//! late answer for an organization the user has left is never shown for the next one.

use std::collections::HashSet;

use leptos::prelude::*;
use org_contract::{allows, Action, Invitation, Role};

use crate::api::{Api, ApiError, Personal};
use crate::directory::{sort_entries, OrgEntry};
use crate::session::Session;

/// What every signed-in page may need, fetched once and refetched after changes.
#[derive(Clone, Copy)]
pub struct Directory {
    pub orgs: LocalResource<Result<Vec<OrgEntry>, ApiError>>,
    /// Invitations waiting for the user.
    pub invitations: LocalResource<Result<Vec<Invitation>, ApiError>>,
}

impl Directory {
    pub fn new(api: Api, session: Session) -> Directory {
        let orgs_api = api.clone();
        let orgs = LocalResource::new(move || load_orgs(orgs_api.clone(), session));
        let invitations = LocalResource::new(move || {
            let api = api.clone();
            async move { api.my_invitations().await }
        });
        Directory { orgs, invitations }
    }

    /// The user's organizations, once loaded.
    pub fn entries(&self) -> Option<Vec<OrgEntry>> {
        self.orgs.get().and_then(Result::ok)
    }

    pub fn refresh(&self) {
        self.orgs.refetch();
        self.invitations.refetch();
    }
}

async fn load_orgs(api: Api, session: Session) -> Result<Vec<OrgEntry>, ApiError> {
    let user = match session.user.get_untracked() {
        Some(u) => u,
        None => {
            let u = api.current_user().await?;
            session.user.set(Some(u.clone()));
            u
        }
    };
    let (all, personal) = futures::join!(
        api.organizations(Personal::Include),
        api.organizations(Personal::Only)
    );
    let personal: HashSet<String> = personal?.into_iter().map(|o| o.id).collect();
    let all = all?;
    let memberships =
        futures::future::join_all(all.iter().map(|o| api.my_membership(&o.id, &user.id))).await;
    let mut entries: Vec<OrgEntry> = all
        .into_iter()
        .zip(memberships)
        .map(|(org, membership)| {
            let membership = membership.ok().flatten();
            OrgEntry {
                personal: personal.contains(&org.id),
                role: membership.as_ref().map(|m| m.role()),
                member_id: membership.as_ref().map(|m| m.id.clone()),
                project_ids: membership.map(|m| m.project_ids()).unwrap_or_default(),
                org,
            }
        })
        .collect();
    sort_entries(&mut entries);
    Ok(entries)
}

pub fn use_directory() -> Directory {
    expect_context::<Directory>()
}

/// The organization of the page being shown, from the route.
#[derive(Clone, Copy)]
pub struct CurrentOrg {
    pub id: Memo<String>,
    pub entry: Memo<Option<OrgEntry>>,
}

impl CurrentOrg {
    pub fn new(id: Memo<String>, directory: Directory) -> CurrentOrg {
        let entry = Memo::new(move |_| {
            let id = id.get();
            directory
                .entries()
                .and_then(|list| list.into_iter().find(|e| e.org.id == id))
        });
        CurrentOrg { id, entry }
    }

    pub fn role(&self) -> Option<Role> {
        self.entry
            .with(|e| e.as_ref().map(OrgEntry::effective_role))
    }

    /// Whether the user may do `action` here; false until the role is known.
    pub fn can(&self, action: Action<'_>) -> bool {
        self.role().is_some_and(|r| allows(&r, action))
    }

    /// Fetches `load(api, org_id)` for the current organization, again whenever it changes.
    pub fn resource<T, F, Fut>(&self, api: Api, load: F) -> LocalResource<Scoped<T>>
    where
        T: 'static,
        F: Fn(Api, String) -> Fut + 'static,
        Fut: std::future::Future<Output = Result<T, ApiError>> + 'static,
    {
        let id = self.id;
        LocalResource::new(move || {
            let org_id = id.get();
            let fut = load(api.clone(), org_id.clone());
            async move {
                Scoped {
                    org_id,
                    result: fut.await,
                }
            }
        })
    }
}

pub fn use_current_org() -> CurrentOrg {
    expect_context::<CurrentOrg>()
}

/// An answer and the organization it is about.
#[derive(Clone, Debug, PartialEq)]
pub struct Scoped<T> {
    pub org_id: String,
    pub result: Result<T, ApiError>,
}

impl<T> Scoped<T> {
    /// The result if it is about `current`; `None` for a late answer about another one.
    pub fn for_org(&self, current: &str) -> Option<&Result<T, ApiError>> {
        (self.org_id == current).then_some(&self.result)
    }
}

#[cfg(test)]
mod tests {
    use super::Scoped;

    #[test]
    fn answers_about_another_organization_are_dropped() {
        let s = Scoped {
            org_id: "a".into(),
            result: Ok(3),
        };
        assert_eq!(s.for_org("a"), Some(&Ok(3)));
        assert_eq!(s.for_org("b"), None);
    }
}
