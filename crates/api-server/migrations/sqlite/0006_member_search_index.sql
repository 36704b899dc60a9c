-- Substring search over names and emails (the member list's `search`) at 100,000 members:
-- a trigram full-text index, so "member0999" or "ada love" finds its rows without reading
-- every member. Its own copy of each user's full name and email, kept by triggers.
CREATE VIRTUAL TABLE users_search USING fts5(full_name, email, tokenize = 'trigram');

INSERT INTO users_search(rowid, full_name, email)
    SELECT rowid, first_name || ' ' || last_name, email FROM users;

CREATE TRIGGER users_search_insert AFTER INSERT ON users BEGIN
    INSERT INTO users_search(rowid, full_name, email)
        VALUES (new.rowid, new.first_name || ' ' || new.last_name, new.email);
END;
CREATE TRIGGER users_search_update AFTER UPDATE OF first_name, last_name, email ON users BEGIN
    DELETE FROM users_search WHERE rowid = old.rowid;
    INSERT INTO users_search(rowid, full_name, email)
        VALUES (new.rowid, new.first_name || ' ' || new.last_name, new.email);
END;
CREATE TRIGGER users_search_delete AFTER DELETE ON users BEGIN
    DELETE FROM users_search WHERE rowid = old.rowid;
END;

-- Sorting a large organization by name: the users' names in order, so the first page is
-- read from the index instead of sorting every member (see member_search.rs).
ALTER TABLE users ADD COLUMN sort_name TEXT
    GENERATED ALWAYS AS (lower(first_name || ' ' || last_name)) VIRTUAL;
CREATE INDEX users_by_sort_name ON users(sort_name, email);
