-- The audit log: one entry per change to a record (and one per import or
-- upload, with its counts, that the entries of its records point to). Who,
-- when, what, and the record before and after as interchange JSON; the
-- record's title and the user's name are copied so that an entry stays
-- readable after a rename or a delete. Entries are never changed or deleted.
-- +goose Up
CREATE TABLE audit (
    id         INTEGER PRIMARY KEY,
    at         TEXT    NOT NULL,                 -- UTC, RFC 3339
    user_id    INTEGER,                          -- users.id; no foreign key: the entry outlives the account
    username   TEXT    NOT NULL,
    action     TEXT    NOT NULL CHECK (action IN ('create', 'update', 'delete', 'import', 'upload')),
    collection TEXT    NOT NULL,
    record_key INTEGER,                          -- the record's rowid in its table
    record_id  TEXT,                             -- its interchange id, where it has one
    title      TEXT    NOT NULL,
    before     TEXT,                             -- interchange JSON; NULL for a create
    after      TEXT,                             -- interchange JSON; NULL for a delete
    batch      INTEGER REFERENCES audit(id),     -- the import or upload this change was part of
    note       TEXT                              -- an import's counts
);
CREATE INDEX audit_record ON audit(collection, record_key, id);
CREATE INDEX audit_at ON audit(at);
CREATE INDEX audit_user ON audit(username, at);

-- +goose StatementBegin
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit entries are never changed');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit entries are never deleted');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER audit_no_delete;
DROP TRIGGER audit_no_update;
DROP TABLE audit;
