-- Extension: what became of an invitation that no longer exists, so its link can say
-- "already accepted", "declined" or "revoked" (410) instead of a bare 404.
CREATE TABLE closed_invitations (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'declined', 'revoked')),
    closed_at TEXT NOT NULL
);
