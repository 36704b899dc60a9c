//! Invitations as they change: sent, accepted, declined or revoked, renewed, and undone
//! when their email cannot go out. Each change and its activity-log event are one
//! transaction; the statement that changes the invitation is also the one that claims it,
//! so of two concurrent changes only one happens.

use org_contract::{EventAction, EventActor, EventDetails, Role};

use super::events;
use super::Store;
use crate::db::{self, on_db, on_tx, Tx};
use crate::error::ApiResult;
use crate::rows::{InvitationRow, MemberRow, UserRow};

/// What sending an invitation came to.
pub enum Invited {
    /// Stored, with the id of its event (to forget if the email cannot be sent).
    Sent { event: String },
    /// Another request invited the same address between the check and the insert.
    AlreadyInvited,
}

/// How an invitation ends without being accepted.
#[derive(Clone, Copy)]
pub enum InvitationEnd {
    /// By its invitee.
    Declined,
    /// By an owner or admin of its organization.
    Revoked,
}

impl Store {
    /// Stores `row` with its projects and its `member.invited` event. An expired invitation
    /// of the same address no longer blocks it: the new one replaces it (recorded as
    /// expired first).
    pub async fn send_invitation(
        &self,
        row: &InvitationRow,
        projects_ids: &[String],
        actor: &EventActor,
    ) -> ApiResult<Invited> {
        let org_id = &row.organization_id;
        self.notice_expired(org_id).await?;
        let mut tx = self.db.begin().await?;
        let details = EventDetails {
            role: Some(Role::parse(&row.role)),
            projects: events::project_names(&mut tx, org_id, projects_ids).await?,
            ..EventDetails::default()
        };
        on_tx!(&mut tx, c => sqlx::query(
            "DELETE FROM invitations WHERE organization_id = $1 AND lower(invitee) = lower($2) AND expires_at <= $3",
        )
        .bind(org_id)
        .bind(&row.invitee)
        .bind(&row.created_at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        let inserted = on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO invitations (id, organization_id, invitee, role, invited_by, message, nonce, expires_at, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&row.id)
        .bind(org_id)
        .bind(&row.invitee)
        .bind(&row.role)
        .bind(&row.invited_by)
        .bind(&row.message)
        .bind(&row.nonce)
        .bind(&row.expires_at)
        .bind(&row.created_at)
        .bind(&row.updated_at)
        .execute(&mut *c).await.map(|r| r.rows_affected()));
        match inserted {
            Err(e) if db::is_unique_violation(&e) => return Ok(Invited::AlreadyInvited),
            other => other?,
        };
        for p in projects_ids {
            on_tx!(&mut tx, c => sqlx::query(
                "INSERT INTO invitation_projects (invitation_id, project_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind(&row.id)
            .bind(p)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        }
        let subject = events::address_subject(&row.invitee);
        let action = EventAction::MemberInvited;
        let event = events::record(
            &mut tx,
            org_id,
            Some(actor),
            action,
            Some(&subject),
            &details,
        )
        .await?;
        tx.commit().await?;
        Ok(Invited::Sent { event })
    }

    /// Takes back an invitation whose email could not be sent, and its event.
    pub async fn unsend_invitation(&self, id: &str, event: &str) -> ApiResult<()> {
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM invitations WHERE id = $1")
            .bind(id)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        events::forget(&mut tx, event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Stores the hash of the proof the invitation's next email carries.
    pub async fn set_invitation_proof(&self, id: &str, proof_hash: &str) -> ApiResult<()> {
        on_db!(&self.db, db => sqlx::query("UPDATE invitations SET proof_hash = $1 WHERE id = $2")
            .bind(proof_hash)
            .bind(id)
            .execute(db).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Makes `user` a member as the invitation says, with its projects and its event; the
    /// new membership, or `None` when the invitation was claimed meanwhile (accepted,
    /// declined, revoked) or, for an unverified `user`, renewed so that `nonce` no longer
    /// matches.
    pub async fn accept_invitation(
        &self,
        row: &InvitationRow,
        user: &UserRow,
        nonce: Option<&str>,
    ) -> ApiResult<Option<MemberRow>> {
        // Read before claiming: deleting the invitation deletes its project list. (Nothing
        // changes an invitation's projects, and the transaction must start with its write:
        // a SQLite transaction that reads first cannot take the write lock from a
        // concurrent one.)
        let projects: Vec<String> = on_db!(&self.db, db => sqlx::query_scalar("SELECT project_id FROM invitation_projects WHERE invitation_id = $1")
            .bind(&row.id)
            .fetch_all(db).await)?;
        let (member_id, now) = (db::new_id(), db::now());
        let mut tx = self.db.begin().await?;
        let claimed = on_tx!(&mut tx, c => sqlx::query("DELETE FROM invitations WHERE id = $1 AND ($2 OR nonce = $3)")
            .bind(&row.id)
            .bind(user.email_verified)
            .bind(nonce.unwrap_or_default())
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if claimed == 0 {
            return Ok(None);
        }
        close_invitation(&mut tx, row, "accepted").await?;
        let details = EventDetails {
            role: Some(Role::parse(&row.role)),
            projects: events::project_names(&mut tx, &row.organization_id, &projects).await?,
            ..EventDetails::default()
        };
        on_tx!(&mut tx, c => sqlx::query("INSERT INTO members (id, organization_id, user_id, role, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(&member_id)
            .bind(&row.organization_id)
            .bind(&user.id)
            .bind(&row.role)
            .bind(&now)
            .bind(&now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        for project in &projects {
            on_tx!(&mut tx, c => sqlx::query("INSERT INTO member_projects (member_id, project_id) VALUES ($1, $2)")
                .bind(&member_id)
                .bind(project)
                .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        }
        let subject = events::member_subject(user, &member_id);
        let actor = events::actor(user);
        let action = EventAction::InvitationAccepted;
        let org_id = &row.organization_id;
        events::record(
            &mut tx,
            org_id,
            Some(&actor),
            action,
            Some(&subject),
            &details,
        )
        .await?;
        tx.commit().await?;
        Ok(Some(
            on_db!(&self.db, db => sqlx::query_as::<_, MemberRow>("SELECT * FROM members WHERE id = $1")
                .bind(&member_id)
                .fetch_one(db).await)?,
        ))
    }

    /// Deletes the invitation as declined or revoked, with its event; false when it was
    /// already gone.
    pub async fn end_invitation(
        &self,
        row: &InvitationRow,
        end: InvitationEnd,
        actor: &EventActor,
    ) -> ApiResult<bool> {
        let mut tx = self.db.begin().await?;
        let deleted = on_tx!(&mut tx, c => sqlx::query("DELETE FROM invitations WHERE id = $1")
            .bind(&row.id)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if deleted == 0 {
            return Ok(false);
        }
        let (outcome, action) = match end {
            InvitationEnd::Declined => ("declined", EventAction::InvitationDeclined),
            InvitationEnd::Revoked => ("revoked", EventAction::InvitationRevoked),
        };
        close_invitation(&mut tx, row, outcome).await?;
        let details = EventDetails {
            role: Some(Role::parse(&row.role)),
            ..EventDetails::default()
        };
        let subject = events::address_subject(&row.invitee);
        let org_id = &row.organization_id;
        events::record(
            &mut tx,
            org_id,
            Some(actor),
            action,
            Some(&subject),
            &details,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Gives the invitation `row`'s (new) nonce and expiry, with its `invitation.resent`
    /// event; the event's id, or `None` when the invitation is gone.
    pub async fn renew_invitation(
        &self,
        row: &InvitationRow,
        actor: &EventActor,
    ) -> ApiResult<Option<String>> {
        let mut tx = self.db.begin().await?;
        let renewed = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE invitations SET nonce = $1, expires_at = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(&row.nonce)
        .bind(&row.expires_at)
        .bind(&row.updated_at)
        .bind(&row.id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if renewed == 0 {
            return Ok(None);
        }
        let details = EventDetails {
            role: Some(Role::parse(&row.role)),
            ..EventDetails::default()
        };
        let subject = events::address_subject(&row.invitee);
        let action = EventAction::InvitationResent;
        let org_id = &row.organization_id;
        let event = events::record(
            &mut tx,
            org_id,
            Some(actor),
            action,
            Some(&subject),
            &details,
        )
        .await?;
        tx.commit().await?;
        Ok(Some(event))
    }

    /// Puts back the nonce, expiry and proof of `old` (and forgets the renewal's event), if
    /// the invitation still has the nonce `renewed` gave it.
    pub async fn unrenew_invitation(
        &self,
        old: &InvitationRow,
        renewed: &InvitationRow,
        event: &str,
    ) -> ApiResult<()> {
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("UPDATE invitations SET nonce = $1, expires_at = $2, updated_at = $3, proof_hash = $4 WHERE id = $5 AND nonce = $6")
            .bind(&old.nonce)
            .bind(&old.expires_at)
            .bind(&old.updated_at)
            .bind(&old.proof_hash)
            .bind(&old.id)
            .bind(&renewed.nonce)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        events::forget(&mut tx, event).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Records why an invitation stopped existing (inside the caller's transaction).
async fn close_invitation(conn: &mut Tx, row: &InvitationRow, outcome: &str) -> ApiResult<()> {
    on_tx!(conn, c => sqlx::query("INSERT INTO closed_invitations (id, organization_id, outcome, closed_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, outcome = excluded.outcome, closed_at = excluded.closed_at")
        .bind(&row.id)
        .bind(&row.organization_id)
        .bind(outcome)
        .bind(db::now())
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}
