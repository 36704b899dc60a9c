//! The activity log (an extension of the reference server).

use gloo_net::http::Method;
use org_contract::{Event, EventList};

use super::{Api, ApiError};

impl Api {
    /// A page of the organization's log; `query` from
    /// [`crate::model::activity::ActivityQuery::to_query`].
    pub async fn events(&self, org: &str, query: &str) -> Result<EventList, ApiError> {
        let path = format!("/organizations/{org}/events?{query}");
        self.json(Method::GET, &path, None).await
    }

    /// A member's latest events, newest first, for their Manage dialog.
    pub async fn member_events(&self, org: &str, member: &str) -> Result<Vec<Event>, ApiError> {
        let member = crate::model::query_string::percent_encode(member);
        let path = format!("/organizations/{org}/events?member={member}&per_page=5");
        let list: EventList = self.json(Method::GET, &path, None).await?;
        Ok(list.events)
    }
}
