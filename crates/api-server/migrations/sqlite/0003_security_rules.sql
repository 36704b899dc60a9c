-- Security rules (version 2): verified addresses, verification links, idle session expiry.

-- Whether the user proved they receive mail at their address. Accounts made before this
-- rule start unverified: nothing proved their address, and verifying takes one email.
ALTER TABLE users ADD COLUMN email_verified INTEGER NOT NULL DEFAULT 0;

-- Single-use verification links; only a SHA-256 of each token is stored.
CREATE TABLE email_verifications (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX email_verifications_by_user ON email_verifications(user_id);

-- A token expires after 30 days without use.
ALTER TABLE api_tokens ADD COLUMN last_used_at TEXT NOT NULL DEFAULT '';
UPDATE api_tokens SET last_used_at = created_at;
CREATE INDEX api_tokens_by_user ON api_tokens(user_id);

-- The proof in an invitation email's link: random, renewed with each email, stored only as
-- a SHA-256 and never shown to anyone. Owners and admins see an invitation's nonce (to copy
-- its link), so the nonce cannot prove that a person receives mail at the address; this can.
ALTER TABLE invitations ADD COLUMN proof_hash TEXT;
