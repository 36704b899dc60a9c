-- Addresses are compared as lower(email) = lower(?), on both databases, instead of relying
-- on the columns' NOCASE collation: these indexes serve those comparisons (PostgreSQL has
-- the same ones, and no collation to rely on).
CREATE UNIQUE INDEX users_by_lower_email ON users(lower(email));
CREATE INDEX invitations_by_lower_invitee ON invitations(organization_id, lower(invitee));
CREATE INDEX invitations_by_lower_invitee_only ON invitations(lower(invitee));
