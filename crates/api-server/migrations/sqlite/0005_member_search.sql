-- Server-side member filtering and sorting (an extension): the role filter and the
-- default order read one organization's members from one index, in order.
CREATE INDEX members_by_org_role ON members(organization_id, role, created_at, id);
