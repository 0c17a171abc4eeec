-- Secretaries' filings and their review. A filing lives apart from the
-- ledgers: its working copy and every submitted version are interchange
-- JSON here, and only a publish writes it into its ledger through the write
-- path. No public query reads these tables.
-- +goose Up
CREATE TABLE filings (
    id                INTEGER PRIMARY KEY,
    organization_id   INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    kind              TEXT    NOT NULL CHECK (kind IN ('activities', 'members', 'brands', 'responsibility', 'service_requests')),
    record_key        INTEGER,          -- the ledger record's rowid, once published (or the one it changes)
    status            TEXT    NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'published')),
    title             TEXT    NOT NULL,
    body              TEXT    NOT NULL, -- the working copy
    version           INTEGER NOT NULL DEFAULT 0, -- the last submitted version; 0 before the first
    published_version INTEGER,          -- the version the ledger holds
    comment           TEXT,             -- the last return's comment
    submitted_at      TEXT,
    created_at        TEXT    NOT NULL,
    created_by        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    updated_by        TEXT    NOT NULL
);
CREATE INDEX filings_organization ON filings(organization_id, updated_at);
CREATE INDEX filings_status ON filings(status, submitted_at);

-- Every submission is kept as a version, with the decision taken on it.
CREATE TABLE filing_versions (
    filing_id    INTEGER NOT NULL REFERENCES filings(id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    body         TEXT    NOT NULL,
    submitted_at TEXT    NOT NULL,
    submitted_by TEXT    NOT NULL,
    decision     TEXT    CHECK (decision IN ('published', 'returned')),
    decided_at   TEXT,
    decided_by   TEXT,
    comment      TEXT,
    PRIMARY KEY (filing_id, version)
);

-- Photos, re-encoded on upload (no EXIF, at most 2,000 px) with a
-- thumbnail, kept in the database so that a backup holds them. A photo is
-- public only through a published record (activity_photos, brand_logos).
CREATE TABLE photos (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    content_type    TEXT    NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    width           INTEGER NOT NULL,
    height          INTEGER NOT NULL,
    image           BLOB    NOT NULL,
    thumb           BLOB    NOT NULL,
    created_at      TEXT    NOT NULL,
    created_by      TEXT    NOT NULL
);
CREATE INDEX photos_organization ON photos(organization_id);

CREATE TABLE activity_photos (
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    photo_id    INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    PRIMARY KEY (activity_id, photo_id)
);
CREATE INDEX activity_photos_photo ON activity_photos(photo_id);

CREATE TABLE brand_logos (
    brand_id INTEGER PRIMARY KEY REFERENCES brands(id) ON DELETE CASCADE,
    photo_id INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE
);
CREATE INDEX brand_logos_photo ON brand_logos(photo_id);

-- Notifications in the portal, one row per recipient.
CREATE TABLE notifications (
    id        INTEGER PRIMARY KEY,
    user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    filing_id INTEGER REFERENCES filings(id) ON DELETE CASCADE,
    message   TEXT    NOT NULL,
    at        TEXT    NOT NULL,
    read_at   TEXT
);
CREATE INDEX notifications_user ON notifications(user_id, read_at, id);

-- The audit log gains the filing actions. SQLite cannot change a CHECK in
-- place, so the table is copied; its entries stay as they were. Its batch
-- column names audit(id): the check waits for the commit, when the copy
-- holds every entry again.
PRAGMA defer_foreign_keys = ON;
DROP TRIGGER audit_no_update;
DROP TRIGGER audit_no_delete;
CREATE TABLE audit_new (
    id         INTEGER PRIMARY KEY,
    at         TEXT    NOT NULL,
    user_id    INTEGER,
    username   TEXT    NOT NULL,
    action     TEXT    NOT NULL CHECK (action IN ('create', 'update', 'delete', 'import', 'upload',
                                                  'draft', 'submit', 'publish', 'return')),
    collection TEXT    NOT NULL,
    record_key INTEGER,
    record_id  TEXT,
    title      TEXT    NOT NULL,
    before     TEXT,
    after      TEXT,
    batch      INTEGER REFERENCES audit(id),
    note       TEXT
);
INSERT INTO audit_new SELECT id, at, user_id, username, action, collection, record_key, record_id, title, before, after, batch, note FROM audit;
DROP TABLE audit;
ALTER TABLE audit_new RENAME TO audit;
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
DROP TABLE notifications;
DROP TABLE brand_logos;
DROP TABLE activity_photos;
DROP TABLE photos;
DROP TABLE filing_versions;
DROP TABLE filings;
