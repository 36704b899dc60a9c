//! Invitations: sending, the invitee's view and answers, and managing them.

use gloo_net::http::Method;
use org_contract::{
    from_json_for, AcceptInvitation, CreateInvitation, FromJson, Invitation, InvitationList,
    InvitationPreview, JsonReader, Member, ReadError,
};

use super::{Api, ApiError};

/// How many invitations an answer lists, read without decoding them (an invitation's
/// decoding is in the chunks that show them, not in the first download): the `meta` total
/// of an organization's list, which comes in pages, else the number listed.
struct Counted {
    invitations: Listed,
    meta: Option<CountedMeta>,
}

/// An array's length, its items checked and passed over.
struct Listed(usize);

impl FromJson for Listed {
    fn read(r: &mut JsonReader<'_>) -> Result<Self, ReadError> {
        let mut n = 0;
        r.array(&mut |r| {
            n += 1;
            r.skip()
        })?;
        Ok(Listed(n))
    }
}

struct CountedMeta {
    total: u64,
}

from_json_for!(Counted { invitations, meta });
from_json_for!(CountedMeta { total });

impl Counted {
    fn count(&self) -> usize {
        self.meta
            .as_ref()
            .map_or(self.invitations.0, |m| m.total as usize)
    }
}

impl Api {
    /// How many invitations wait for the signed-in user.
    pub async fn my_invitation_count(&self) -> Result<usize, ApiError> {
        let list: Counted = self.json(Method::GET, "/invitations", None).await?;
        Ok(list.count())
    }

    /// How many invitations of `org` wait for an answer.
    pub async fn invitation_count(&self, org: &str) -> Result<usize, ApiError> {
        let path = format!("/organizations/{org}/invitations?per_page=1");
        let list: Counted = self.json(Method::GET, &path, None).await?;
        Ok(list.count())
    }

    pub async fn invite(&self, org: &str, body: &CreateInvitation) -> Result<Invitation, ApiError> {
        let path = format!("/organizations/{org}/invitations?include=invited_by,projects");
        self.json(Method::POST, &path, Self::body(body)).await
    }

    /// Invitations sent to the signed-in user.
    pub async fn my_invitations(&self) -> Result<Vec<Invitation>, ApiError> {
        let list: InvitationList = self
            .json(
                Method::GET,
                "/invitations?include=organization,invited_by,projects",
                None,
            )
            .await?;
        Ok(list.invitations)
    }

    pub async fn invitation(&self, id: &str) -> Result<Invitation, ApiError> {
        let path = format!("/invitations/{id}?include=organization,invited_by,projects");
        self.json(Method::GET, &path, None).await
    }

    /// An invitation as its invitee opens it from the emailed link: the link's nonce lets
    /// an invitee whose address is not verified yet see it.
    pub async fn invitation_by_link(&self, id: &str, nonce: &str) -> Result<Invitation, ApiError> {
        let nonce = crate::model::query_string::percent_encode(nonce);
        let path =
            format!("/invitations/{id}?include=organization,invited_by,projects&nonce={nonce}");
        self.json(Method::GET, &path, None).await
    }

    /// Extension of the reference server: a preview of an invitation without signing in,
    /// with the nonce of its emailed link.
    pub async fn invitation_preview(
        &self,
        id: &str,
        nonce: &str,
    ) -> Result<InvitationPreview, ApiError> {
        let nonce = crate::model::query_string::percent_encode(nonce);
        let path = format!("/invitations/{id}?nonce={nonce}");
        self.json(Method::GET, &path, None).await
    }

    /// Accepts; `nonce` (from the emailed link) is what an unverified invitee needs.
    pub async fn accept_invitation(
        &self,
        id: &str,
        nonce: Option<&str>,
    ) -> Result<Member, ApiError> {
        let body = AcceptInvitation {
            nonce: nonce.map(str::to_owned),
        };
        self.json(
            Method::PUT,
            &format!("/invitations/{id}"),
            Self::body(&body),
        )
        .await
    }

    /// Declines as the invitee; the link's nonce is what an unverified invitee needs.
    pub async fn decline_invitation(&self, id: &str, nonce: Option<&str>) -> Result<(), ApiError> {
        let path = match nonce {
            Some(n) => format!(
                "/invitations/{id}?nonce={}",
                crate::model::query_string::percent_encode(n)
            ),
            None => format!("/invitations/{id}"),
        };
        self.send(Method::DELETE, &path, None).await.map(drop)
    }

    /// [`Api::delete_invitation`] as the tab closes: sent, never answered.
    pub fn delete_invitation_on_unload(&self, id: &str) {
        self.delete_on_unload(&format!("/invitations/{id}"));
    }

    /// Declines (as the invitee) or revokes (as an owner or admin).
    pub async fn delete_invitation(&self, id: &str) -> Result<(), ApiError> {
        self.send(Method::DELETE, &format!("/invitations/{id}"), None)
            .await
            .map(drop)
    }

    pub async fn resend_invitation(&self, id: &str) -> Result<Invitation, ApiError> {
        let path = format!("/invitations/{id}?include=invited_by,projects");
        self.json(Method::POST, &path, None).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_counted_by_its_total_else_by_what_it_lists() {
        let count = |text: &str| org_contract::from_json::<Counted>(text).map(|c| c.count());
        let paged = r#"{"invitations": [{"id": "i1", "x": [1, {"y": null}]}],
            "meta": {"total": 41, "current_page": 1, "self": {"href": "/x"}}}"#;
        assert_eq!(count(paged), Ok(41));
        assert_eq!(count(r#"{"invitations": [{}, {}, {}]}"#), Ok(3));
        assert_eq!(count(r#"{"invitations": [], "meta": null}"#), Ok(0));
        assert!(count(r#"{"meta": {"total": 2}}"#).is_err());
        assert!(count(r#"{"invitations": [], "meta": {}}"#).is_err());
        // As serde's derive read it: a key given twice is an error, and a string passed
        // over may hold half a surrogate pair.
        assert!(count(r#"{"invitations": [1], "invitations": [1, 2, 3]}"#).is_err());
        assert_eq!(
            count(r#"{"invitations": ["\ud800", {"\udc00": 1}]}"#),
            Ok(2)
        );
    }
}
