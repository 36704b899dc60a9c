//! Lists that come in pages: the members and invitations of an organization, fetched whole
//! (the first page says how many there are; the rest are fetched together) or, for the
//! members of a large organization, one searched page at a time.

use gloo_net::http::Method;
use org_contract::{Invitation, InvitationList, Member, MemberList};

use super::{Api, ApiError};

impl Api {
    /// One page of members with their users and projects expanded.
    pub async fn members_page(
        &self,
        org: &str,
        page: u32,
        per_page: u32,
    ) -> Result<MemberList, ApiError> {
        let path = format!(
            "/organizations/{org}/members?include=user,projects&page={page}&per_page={per_page}"
        );
        self.json(Method::GET, &path, None).await
    }

    /// One page of members as the server searches, filters and sorts them (`query`: the
    /// table's view as [`crate::model::members_table::TableState::server_query`] writes it);
    /// `abort` cancels it when a newer view supersedes it.
    pub async fn members_query(
        &self,
        org: &str,
        query: &str,
        abort: Option<&web_sys::AbortSignal>,
    ) -> Result<MemberList, ApiError> {
        self.json_with(Method::GET, &members_path(org, query), None, abort)
            .await
    }

    /// The caller's membership in `org`. Asks with the reference server's `user_id` filter;
    /// a server without it answers with everyone, so the pages are searched instead.
    pub async fn my_membership(
        &self,
        org: &str,
        user_id: &str,
    ) -> Result<Option<Member>, ApiError> {
        let mine = |list: &MemberList| {
            list.members
                .iter()
                .find(|m| m.user.full().is_some_and(|u| u.id == user_id))
                .cloned()
        };
        let path = format!(
            "/organizations/{org}/members?include=user,projects&user_id={user_id}&per_page=1000"
        );
        let first: MemberList = self.json(Method::GET, &path, None).await?;
        if let Some(found) = mine(&first) {
            return Ok(Some(found));
        }
        for page in 2..=first.meta.last_page {
            let list = self.members_page(org, page, 1000).await?;
            if let Some(found) = mine(&list) {
                return Ok(Some(found));
            }
        }
        Ok(None)
    }

    /// Pages `2..=last` of `org` by name, 1,000 members each, fetched together: the rest
    /// of an organization whose first page is already here.
    pub async fn members_after_first(&self, org: &str, last: u32) -> Result<Vec<Member>, ApiError> {
        let rest = futures::future::join_all((2..=last).map(|p| {
            let query = format!("sort_by=name&page={p}&per_page=1000");
            async move { self.members_query(org, &query, None).await }
        }))
        .await;
        let mut members = vec![];
        for page in rest {
            members.extend(page?.members);
        }
        Ok(members)
    }

    /// Every pending invitation of `org`.
    pub async fn all_invitations(&self, org: &str) -> Result<Vec<Invitation>, ApiError> {
        let first = self.invitations_page(org, 1, 1000).await?;
        let last = first.meta.as_ref().map_or(1, |m| m.last_page);
        let rest =
            futures::future::join_all((2..=last).map(|p| self.invitations_page(org, p, 1000)))
                .await;
        let mut invitations = first.invitations;
        for page in rest {
            invitations.extend(page?.invitations);
        }
        Ok(invitations)
    }

    pub async fn invitations_page(
        &self,
        org: &str,
        page: u32,
        per_page: u32,
    ) -> Result<InvitationList, ApiError> {
        let path = format!("/organizations/{org}/invitations?include=invited_by,projects&page={page}&per_page={per_page}");
        self.json(Method::GET, &path, None).await
    }
}

/// A page of `org`'s members with their users and projects.
pub(super) fn members_path(org: &str, query: &str) -> String {
    format!("/organizations/{org}/members?include=user,projects&{query}")
}
