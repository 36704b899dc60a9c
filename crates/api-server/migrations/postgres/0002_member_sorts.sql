-- Sorting a large organization by last activity: the users in that order (those who never
-- signed in last, either way; ties by id), for the planner to read a page from instead of
-- sorting every member. Email has its index already (users_by_lower_email).
CREATE INDEX users_by_last_active ON users ((last_login_at IS NULL), last_login_at, id);
CREATE INDEX users_by_last_active_desc ON users ((last_login_at IS NULL), last_login_at DESC, id DESC);
