//! The activity log (extension): events are written by the handler that makes a change,
//! on the change's own transaction, so a change that fails or is rolled back leaves none.

use org_contract::{Event, EventAction, EventActor, EventDetails, EventSubject};

use crate::db;
use crate::db::{on_db, on_tx, Pool, Tx};
use crate::error::{ApiError, ApiResult};
use crate::rows::{href, UserRow};

/// Who a signed-in user is, as their events will name them.
pub fn actor(user: &UserRow) -> EventActor {
    EventActor {
        id: user.id.clone(),
        name: user.full_name(),
        email: user.email.clone(),
    }
}

/// A member as the subject of an event.
pub fn member_subject(user: &UserRow, member_id: &str) -> EventSubject {
    EventSubject {
        email: user.email.clone(),
        name: user.full_name(),
        member_id: Some(member_id.to_owned()),
    }
}

/// An address that is not (yet) a member: an invitation's.
pub fn address_subject(email: &str) -> EventSubject {
    EventSubject {
        email: email.to_owned(),
        ..EventSubject::default()
    }
}

/// Writes one event on `conn` (the change's transaction); returns its id.
pub async fn record(
    conn: &mut Tx,
    org_id: &str,
    actor: Option<&EventActor>,
    action: EventAction,
    subject: Option<&EventSubject>,
    details: &EventDetails,
) -> ApiResult<String> {
    let id = db::new_id();
    let details = serde_json::to_string(details)
        .map_err(|e| ApiError::Internal(format!("writing an event: {e}")))?;
    on_tx!(conn, c => sqlx::query(
        "INSERT INTO events (id, organization_id, actor_id, actor_name, actor_email, action, \
         subject_email, subject_name, subject_member_id, details, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&id)
    .bind(org_id)
    .bind(actor.map(|a| &a.id))
    .bind(actor.map(|a| &a.name))
    .bind(actor.map(|a| &a.email))
    .bind(action.as_str())
    .bind(subject.map(|s| &s.email))
    .bind(subject.map(|s| &s.name))
    .bind(subject.and_then(|s| s.member_id.as_ref()))
    .bind(details)
    .bind(db::now())
    .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(id)
}

/// Takes back an event whose change was undone after its transaction (an invitation whose
/// email could not be sent), on the undoing transaction.
pub async fn forget(conn: &mut Tx, event_id: &str) -> ApiResult<()> {
    on_tx!(conn, c => sqlx::query("DELETE FROM events WHERE id = $1")
        .bind(event_id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The names of the organization's projects among `ids`, sorted, for an event's details.
pub async fn project_names(tx: &mut Tx, org_id: &str, ids: &[String]) -> ApiResult<Vec<String>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let ids = db::json_list(ids.iter().map(String::as_str));
    Ok(on_tx!(tx, c, pg => sqlx::query_scalar(&format!(
        "SELECT name FROM projects WHERE organization_id = $1 AND id IN ({}) ORDER BY name",
        db::in_list(pg, 2)
    ))
    .bind(org_id)
    .bind(ids)
    .fetch_all(&mut *c).await)?)
}

async fn notice_expired(db: &Pool, org_id: &str) -> ApiResult<()> {
    let now = db::now();
    // A read first: the write lock is taken only when there is something to record, so
    // reading the log or the invitations does not queue behind every writer.
    let due: bool = on_db!(db, db => sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM invitations WHERE organization_id = $1 AND expires_at <= $2 \
         AND expiry_recorded IS DISTINCT FROM expires_at)",
    )
    .bind(org_id)
    .bind(&now)
    .fetch_one(db).await)?;
    if !due {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    let expired: Vec<(String, String)> = on_tx!(&mut tx, c => sqlx::query_as(
        "UPDATE invitations SET expiry_recorded = expires_at WHERE organization_id = $1 AND expires_at <= $2 \
         AND expiry_recorded IS DISTINCT FROM expires_at RETURNING invitee, role",
    )
    .bind(org_id)
    .bind(&now)
    .fetch_all(&mut *c).await)?;
    for (invitee, role) in &expired {
        let details = EventDetails {
            role: Some(org_contract::Role::parse(role)),
            ..EventDetails::default()
        };
        let subject = address_subject(invitee);
        record(
            &mut tx,
            org_id,
            None,
            EventAction::InvitationExpired,
            Some(&subject),
            &details,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Which events a listing asks for.
#[derive(Default)]
pub struct EventFilter {
    pub action: Option<EventAction>,
    pub actor: Option<String>,
    pub member: Option<String>,
}

impl EventFilter {
    /// The `WHERE` for the organization (`$1`) and each filter that is set, numbered in
    /// turn, with the filters' values in that order: PostgreSQL refuses a value bound to
    /// no parameter.
    fn conditions(&self) -> (String, Vec<&str>) {
        let mut sql = String::from("organization_id = $1");
        let mut values = vec![];
        for (column, value) in [
            ("action", self.action.map(EventAction::as_str)),
            ("actor_id", self.actor.as_deref()),
            ("subject_member_id", self.member.as_deref()),
        ] {
            if let Some(v) = value {
                values.push(v);
                sql.push_str(&format!(" AND {column} = ${}", values.len() + 1));
            }
        }
        (sql, values)
    }

    /// The filter as the pagination links repeat it.
    pub fn link_query(&self) -> String {
        let mut parts = vec![];
        if let Some(a) = self.action {
            parts.push(format!("action={}", a.as_str()));
        }
        if let Some(a) = &self.actor {
            parts.push(format!("actor={}", super::member_search::urlencode(a)));
        }
        if let Some(m) = &self.member {
            parts.push(format!("member={}", super::member_search::urlencode(m)));
        }
        parts.join("&")
    }
}

#[derive(sqlx::FromRow)]
struct EventRow {
    id: String,
    organization_id: String,
    actor_id: Option<String>,
    actor_name: Option<String>,
    actor_email: Option<String>,
    action: String,
    subject_email: Option<String>,
    subject_name: Option<String>,
    subject_member_id: Option<String>,
    details: String,
    created_at: db::Timestamp,
}

impl EventRow {
    fn into_event(self) -> Event {
        Event {
            organization: href(format_args!("/organizations/{}", self.organization_id)),
            actor: self.actor_id.map(|id| EventActor {
                id,
                name: self.actor_name.unwrap_or_default(),
                email: self.actor_email.unwrap_or_default(),
            }),
            action: self.action,
            subject: self.subject_email.map(|email| EventSubject {
                email,
                name: self.subject_name.unwrap_or_default(),
                member_id: self.subject_member_id,
            }),
            // Written by `record` from the same type; an unreadable one reads as no details.
            details: serde_json::from_str(&self.details).unwrap_or_default(),
            created_at: self.created_at.into(),
            id: self.id,
        }
    }
}

/// One page of the organization's events, newest first, and how many match in all.
async fn page(
    db: &Pool,
    org_id: &str,
    filter: &EventFilter,
    limit: i64,
    offset: i64,
) -> ApiResult<(u64, Vec<Event>)> {
    let (conditions, values) = filter.conditions();
    let count = format!("SELECT count(*) FROM events WHERE {conditions}");
    let total: i64 = on_db!(db, db => {
        let mut q = sqlx::query_scalar(&count).bind(org_id);
        for v in &values {
            q = q.bind(*v);
        }
        q.fetch_one(db).await
    })?;
    let n = values.len() + 2;
    let select = format!(
        "SELECT id, organization_id, actor_id, actor_name, actor_email, action, subject_email, \
         subject_name, subject_member_id, details, created_at FROM events WHERE {conditions} \
         ORDER BY seq DESC LIMIT ${n} OFFSET ${}",
        n + 1
    );
    let rows: Vec<EventRow> = on_db!(db, db => {
        let mut q = sqlx::query_as(&select).bind(org_id);
        for v in &values {
            q = q.bind(*v);
        }
        q.bind(limit).bind(offset).fetch_all(db).await
    })?;
    Ok((
        total as u64,
        rows.into_iter().map(EventRow::into_event).collect(),
    ))
}

/// Everyone who has done something in the organization, by name, as most recently named.
async fn actors(db: &Pool, org_id: &str) -> ApiResult<Vec<EventActor>> {
    let rows: Vec<(String, Option<String>, Option<String>)> = on_db!(db, db => sqlx::query_as(
        "SELECT actor_id, actor_name, actor_email FROM events WHERE seq IN \
         (SELECT max(seq) FROM events WHERE organization_id = $1 AND actor_id IS NOT NULL GROUP BY actor_id)",
    )
    .bind(org_id)
    .fetch_all(db).await)?;
    let mut actors: Vec<EventActor> = rows
        .into_iter()
        .map(|(id, name, email)| EventActor {
            id,
            name: name.unwrap_or_default(),
            email: email.unwrap_or_default(),
        })
        .collect();
    actors.sort_by_key(|a| a.shown().to_lowercase());
    Ok(actors)
}

impl super::Store {
    /// One page of the organization's log, newest first, and how many events match; the
    /// invitations that expired since it was last read are recorded first.
    pub async fn events(
        &self,
        org_id: &str,
        filter: &EventFilter,
        limit: i64,
        offset: i64,
    ) -> ApiResult<(u64, Vec<Event>)> {
        notice_expired(&self.db, org_id).await?;
        page(&self.db, org_id, filter, limit, offset).await
    }

    /// Records every invitation of the organization that has expired since it was last
    /// looked at: once per expiry, however many requests notice it at the same moment (the
    /// UPDATE claims each one).
    pub async fn notice_expired(&self, org_id: &str) -> ApiResult<()> {
        notice_expired(&self.db, org_id).await
    }

    /// Everyone with an event in the organization (see [`actors`]).
    pub async fn event_actors(&self, org_id: &str) -> ApiResult<Vec<EventActor>> {
        actors(&self.db, org_id).await
    }
}
