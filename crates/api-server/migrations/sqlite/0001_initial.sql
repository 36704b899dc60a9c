-- Times are RFC 3339 UTC strings with second precision ("2026-11-27T23:30:00Z"), so
-- comparing them as text compares them in time.

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    short_id TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    -- NULL for users who cannot sign in (the large benchmark organization's members).
    password_hash TEXT,
    avatar_url TEXT,
    avatar_thumb_url TEXT,
    two_factor_auth TEXT NOT NULL DEFAULT '',
    timezone TEXT NOT NULL DEFAULT 'UTC',
    default_organization_id TEXT,
    last_login_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Only a SHA-256 of each token is stored: a copy of the database signs nobody in.
CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
);

CREATE TABLE organizations (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    website TEXT,
    twitter TEXT,
    logo TEXT,
    credit_amount REAL NOT NULL DEFAULT 0,
    -- Personal organizations are told apart only through the `personal` list filter.
    personal INTEGER NOT NULL DEFAULT 0,
    address TEXT,
    address2 TEXT,
    city TEXT,
    state TEXT,
    zip_code TEXT,
    country TEXT,
    enforce_2fa_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE projects (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX projects_by_org ON projects(organization_id, created_at);

CREATE TABLE members (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (organization_id, user_id)
);
CREATE INDEX members_by_user ON members(user_id);
CREATE INDEX members_by_org ON members(organization_id, created_at, id);

CREATE TABLE member_projects (
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    PRIMARY KEY (member_id, project_id)
);

-- One invitation per organization and address: the unique index is what makes two
-- concurrent invitations for the same address end with exactly one.
CREATE TABLE invitations (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    invitee TEXT NOT NULL COLLATE NOCASE,
    role TEXT NOT NULL,
    invited_by TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    message TEXT,
    nonce TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (organization_id, invitee)
);
CREATE INDEX invitations_by_invitee ON invitations(invitee);

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
    is_default INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
