-- +goose Up
-- What the portal kept in a process's memory and several portals on one
-- PostgreSQL database must share: the sign-in guard's failures, delays and
-- known addresses (web/throttle.go), each account's write allowance
-- (web/write_limit.go) and the spreadsheets awaiting their confirmation
-- (web/upload_store.go). None of it is a record: no audit entry, no
-- revision. Times are Unix nanoseconds.
CREATE TABLE sign_in_failures (
    id  INTEGER PRIMARY KEY,
    key TEXT    NOT NULL, -- pair ACCOUNT US ADDRESS (US: U+001F), address ADDRESS, account ACCOUNT
    at  INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_key ON sign_in_failures(key, at);
CREATE INDEX sign_in_failures_at ON sign_in_failures(at);
CREATE TABLE sign_in_delays (
    account TEXT    PRIMARY KEY,
    next_at INTEGER NOT NULL -- the earliest start of its next delayed attempt
);
CREATE INDEX sign_in_delays_next_at ON sign_in_delays(next_at);
CREATE TABLE sign_in_known (
    account TEXT    NOT NULL,
    address TEXT    NOT NULL,
    at      INTEGER NOT NULL, -- its last sign-in from there
    PRIMARY KEY (account, address)
);
CREATE INDEX sign_in_known_at ON sign_in_known(at);
CREATE TABLE write_allowances (
    account INTEGER PRIMARY KEY,
    tokens  REAL    NOT NULL, -- what was left at at
    at      INTEGER NOT NULL
);
CREATE TABLE upload_previews (
    token      TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL,
    collection TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    cells      TEXT    NOT NULL, -- JSON: the rows of cells, as the reader gave them
    size       INTEGER NOT NULL,
    revision   INTEGER NOT NULL,
    at         INTEGER NOT NULL
);
CREATE INDEX upload_previews_at ON upload_previews(at);

-- +goose Down
DROP TABLE upload_previews;
DROP TABLE write_allowances;
DROP TABLE sign_in_known;
DROP TABLE sign_in_delays;
DROP TABLE sign_in_failures;
