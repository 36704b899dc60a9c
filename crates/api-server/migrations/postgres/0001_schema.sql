-- The PostgreSQL schema: the same meaning as migrations/sqlite/0001..0007, in one step.
-- Times are timestamptz (SQLite keeps RFC 3339 UTC text). Emails are case-insensitive
-- through unique indexes on lower(), not through a collation.

-- Substring search over names and emails uses trigram indexes (SQLite: an FTS5 table).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A time as the API writes it (2026-12-01T12:00:00Z), for answers the database writes as
-- JSON itself (the member list's pages).
CREATE FUNCTION api_time(t TIMESTAMPTZ) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    short_id TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT NOT NULL,
    -- NULL for users who cannot sign in (the large benchmark organization's members).
    password_hash TEXT,
    avatar_url TEXT,
    avatar_thumb_url TEXT,
    two_factor_auth TEXT NOT NULL DEFAULT '',
    timezone TEXT NOT NULL DEFAULT 'UTC',
    default_organization_id TEXT,
    last_login_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    -- Whether the user proved they receive mail at their address.
    email_verified BOOLEAN NOT NULL DEFAULT FALSE,
    -- Sorting a large organization by name reads the first page from an index instead of
    -- sorting every member (see member_search.rs).
    sort_name TEXT GENERATED ALWAYS AS (lower(first_name || ' ' || last_name)) STORED
);
-- One account per address, whatever its case.
CREATE UNIQUE INDEX users_by_lower_email ON users (lower(email));
CREATE INDEX users_by_sort_name ON users (sort_name, email);
-- The member list's `search` at 100,000 members: "member0999" or "ada love" finds its
-- rows without reading every member.
CREATE INDEX users_name_trgm ON users USING gin (sort_name gin_trgm_ops);
CREATE INDEX users_email_trgm ON users USING gin (lower(email) gin_trgm_ops);

-- Only a SHA-256 of each token is stored: a copy of the database signs nobody in.
CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    -- A token expires after 30 days without use.
    last_used_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

CREATE TABLE organizations (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    website TEXT,
    twitter TEXT,
    logo TEXT,
    credit_amount DOUBLE PRECISION NOT NULL DEFAULT 0,
    -- Personal organizations are told apart only through the `personal` list filter.
    personal BOOLEAN NOT NULL DEFAULT FALSE,
    address TEXT,
    address2 TEXT,
    city TEXT,
    state TEXT,
    zip_code TEXT,
    country TEXT,
    enforce_2fa_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE projects (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX projects_by_org ON projects (organization_id, created_at);

CREATE TABLE members (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (organization_id, user_id)
);
CREATE INDEX members_by_user ON members (user_id);
CREATE INDEX members_by_org ON members (organization_id, created_at, id);
-- The role filter and the default order read one organization's members from one index.
CREATE INDEX members_by_org_role ON members (organization_id, role, created_at, id);

CREATE TABLE member_projects (
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    PRIMARY KEY (member_id, project_id)
);

CREATE TABLE invitations (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    invitee TEXT NOT NULL,
    role TEXT NOT NULL,
    invited_by TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    message TEXT,
    nonce TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    -- The proof in an invitation email's link: random, renewed with each email, stored
    -- only as a SHA-256. Owners and admins see the nonce, so only this proves that a
    -- person receives mail at the address.
    proof_hash TEXT,
    -- The expiry an `invitation.expired` event was written for: a resent invitation gets
    -- a new expiry, and can expire (and be recorded) again.
    expiry_recorded TIMESTAMPTZ
);
-- One invitation per organization and address, whatever its case: the unique index is
-- what makes two concurrent invitations for the same address end with exactly one.
CREATE UNIQUE INDEX invitations_by_org_invitee ON invitations (organization_id, lower(invitee));
CREATE INDEX invitations_by_invitee ON invitations (lower(invitee));

CREATE TABLE invitation_projects (
    invitation_id TEXT NOT NULL REFERENCES invitations(id) ON DELETE CASCADE,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    PRIMARY KEY (invitation_id, project_id)
);

CREATE TABLE payment_methods (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    card_type TEXT NOT NULL,
    cardholder_name TEXT NOT NULL,
    expiration_month TEXT NOT NULL,
    expiration_year TEXT NOT NULL,
    last_4 TEXT NOT NULL,
    is_default BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL
);

-- What became of an invitation that no longer exists, so its link can say "already
-- accepted", "declined" or "revoked" (410) instead of a bare 404. No foreign key: the
-- record outlives the invitation.
CREATE TABLE closed_invitations (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'declined', 'revoked')),
    closed_at TIMESTAMPTZ NOT NULL
);

-- Single-use verification links; only a SHA-256 of each token is stored.
CREATE TABLE email_verifications (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX email_verifications_by_user ON email_verifications (user_id);

-- Single-use password reset links (1 hour), stored hashed.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX password_resets_by_user ON password_resets (user_id);

-- The activity log: one row per change to an organization, written in the same
-- transaction as the change. Names and addresses are copied in: the record must still
-- read "Ada Lovelace removed Grace Hopper" after either account is gone.
CREATE TABLE events (
    -- Insertion order: newest first must not depend on the times.
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
    created_at TIMESTAMPTZ NOT NULL
);
-- Newest first for a page, for one action, one actor, one member: each filter walks its
-- own index backwards instead of sorting the organization's history.
CREATE INDEX events_by_org ON events (organization_id, seq);
CREATE INDEX events_by_org_action ON events (organization_id, action, seq);
CREATE INDEX events_by_org_actor ON events (organization_id, actor_id, seq);
CREATE INDEX events_by_org_member ON events (organization_id, subject_member_id, seq);

-- Abuse-limit counters, shared by every server instance on the same database (SQLite
-- keeps them in process memory).
CREATE TABLE limit_windows (
    limiter TEXT NOT NULL,
    key TEXT NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (limiter, key)
);
-- Sweeping one limiter's expired windows.
CREATE INDEX limit_windows_by_start ON limit_windows (limiter, started_at);
