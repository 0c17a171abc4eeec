-- Record versions: a change is made against the version its author saw.
-- Every record starts at version 1 and each change through the write path
-- moves it by one; a save or delete that names another version is refused
-- (store.ConflictError) instead of overwriting what someone else saved
-- meanwhile. The audit entry of a change keeps the version the record
-- reached (for a delete, the version deleted), so that the record as an
-- author saw it can be shown beside what changed since.
-- A filing keeps the version of the ledger record its working copy was
-- based on (when it changes an existing record, and after each publish),
-- so that a review sees what staff changed in the record since.
-- +goose Up
ALTER TABLE enterprises    ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE surveys        ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE organizations  ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE staff          ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE services       ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE members        ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE activities     ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE platforms      ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE designations   ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE brands         ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE awards         ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE responsibility ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit          ADD COLUMN version INTEGER;
ALTER TABLE filings        ADD COLUMN record_version INTEGER;

-- +goose Down
ALTER TABLE filings        DROP COLUMN record_version;
ALTER TABLE audit          DROP COLUMN version;
ALTER TABLE responsibility DROP COLUMN version;
ALTER TABLE awards         DROP COLUMN version;
ALTER TABLE brands         DROP COLUMN version;
ALTER TABLE designations   DROP COLUMN version;
ALTER TABLE platforms      DROP COLUMN version;
ALTER TABLE activities     DROP COLUMN version;
ALTER TABLE members        DROP COLUMN version;
ALTER TABLE services       DROP COLUMN version;
ALTER TABLE staff          DROP COLUMN version;
ALTER TABLE organizations  DROP COLUMN version;
ALTER TABLE surveys        DROP COLUMN version;
ALTER TABLE enterprises    DROP COLUMN version;
