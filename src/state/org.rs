//! Data shared across pages: the [`Directory`] of the user's organizations (loaded once per
//! session) and the [`CurrentOrg`] of the organization pages.

use std::collections::HashSet;

use leptos::prelude::*;
use org_contract::{allows, Action, Invitation, Role};

use crate::api::{Api, ApiError, Personal};
use crate::model::org_list::{sort_entries, OrgEntry};
use crate::state::fetched::Fetched;
use crate::state::on_demand::OnDemand;
use crate::state::session::Session;

/// What every signed-in page may need, fetched once and refetched after changes.
#[derive(Clone, Copy)]
pub struct Directory {
    pub orgs: Fetched<Result<Vec<OrgEntry>, ApiError>>,
    /// How many invitations wait for the user: fetched when the switcher first shows it.
    pub invitation_count: OnDemand<Result<usize, ApiError>>,
    /// The invitations themselves, made by the invitations page that shows them (its chunk
    /// decodes them; see `OnDemand::unmade`).
    pub invitations: OnDemand<Result<Vec<Invitation>, ApiError>>,
}

impl Directory {
    pub fn new(api: Api, session: Session) -> Directory {
        let orgs_api = api;
        let orgs = Fetched::new(move || load_orgs(orgs_api, session));
        let invitation_count = OnDemand::new(move || {
            Fetched::new(move || {
                let api = api;
                async move { api.my_invitation_count().await }
            })
        });
        Directory {
            orgs,
            invitation_count,
            invitations: OnDemand::unmade(),
        }
    }

    /// The user's organizations, once loaded.
    pub fn entries(&self) -> Option<Vec<OrgEntry>> {
        self.orgs.get().and_then(Result::ok)
    }

    pub fn refresh(&self) {
        self.orgs.refetch();
        self.invitation_count.refetch();
        self.invitations.refetch();
    }
}

/// The user's organizations with their role in each. A server with the membership
/// extension answers in one request (made alongside `/user`); without it, the personal ones
/// and each membership are asked for separately.
async fn load_orgs(api: Api, session: Session) -> Result<Vec<OrgEntry>, ApiError> {
    let known_user = session.user.get_untracked();
    let load_user = async {
        match &known_user {
            Some(u) => Ok(u.clone()),
            None => api.current_user().await,
        }
    };
    let (user, all) = futures::join!(load_user, api.organizations(Personal::Include));
    let user = user?;
    if known_user.is_none() {
        session.user.set(Some(user.clone()));
    }
    let all = all?;
    if all
        .iter()
        .all(|o| o.membership.is_some() && o.personal.is_some())
    {
        let mut entries: Vec<OrgEntry> = all.into_iter().map(OrgEntry::from_extended).collect();
        sort_entries(&mut entries);
        return Ok(entries);
    }
    let personal: HashSet<String> = api
        .organizations(Personal::Only)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
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

    /// The role to check the permission table with: until it is known (or for a role the
    /// contract does not know), the least privileged.
    pub fn acting_role(&self) -> Role {
        self.role().unwrap_or(Role::Other("unknown".into()))
    }

    /// Whether the user may do `action` here; false until the role is known.
    pub fn can(&self, action: Action<'_>) -> bool {
        self.role().is_some_and(|r| allows(&r, action))
    }

    /// Fetches `load(api, org_id)` for the current organization. (The frame is rebuilt for
    /// each organization, so an answer never outlives the organization it is about.)
    pub fn resource<T, F, Fut>(&self, api: Api, load: F) -> Fetched<Result<T, ApiError>>
    where
        T: Send + Sync + 'static,
        F: Fn(Api, String) -> Fut + 'static,
        Fut: std::future::Future<Output = Result<T, ApiError>> + 'static,
    {
        let id = self.id;
        Fetched::new(move || load(api, id.get()))
    }
}

pub fn use_current_org() -> CurrentOrg {
    expect_context::<CurrentOrg>()
}
