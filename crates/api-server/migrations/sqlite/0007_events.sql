-- Extension: the activity log. One row per change to an organization, written in the same
-- transaction as the change. Names and addresses are copied in: the record must still read
-- "Ada Lovelace removed Grace Hopper" after either account is gone.
CREATE TABLE events (
    -- Insertion order: newest first must not depend on second-precision times.
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    -- NULL when the system did it (an invitation noticed expired).
    actor_id TEXT,
    actor_name TEXT,
    actor_email TEXT,
    action TEXT NOT NULL,
    subject_email TEXT,
    subject_name TEXT,
    subject_member_id TEXT,
    details TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL
);
-- Newest first for a page, for one action, one actor, one member: each filter walks its
-- own index backwards instead of sorting the organization's history.
CREATE INDEX events_by_org ON events(organization_id, seq);
CREATE INDEX events_by_org_action ON events(organization_id, action, seq);
CREATE INDEX events_by_org_actor ON events(organization_id, actor_id, seq);
CREATE INDEX events_by_org_member ON events(organization_id, subject_member_id, seq);

-- The expiry an `invitation.expired` event was written for: a resent invitation gets a new
-- expiry, and can expire (and be recorded) again.
ALTER TABLE invitations ADD COLUMN expiry_recorded TEXT;
-- Invitations that expired before the log existed are not reported as expiring now.
UPDATE invitations SET expiry_recorded = expires_at
 WHERE expires_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
