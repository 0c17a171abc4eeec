-- One enterprise is one record (issue 17): a credit code belongs to one
-- enterprise, a name to one enterprise or one organisation, and an
-- organisation has one brand. The write path refuses a duplicate with a
-- message at its field (store/duplicates.go); these unique indexes hold the
-- rules under every path.
--
-- name_key is the name as duplicates are compared (store.NameKey, which a
-- test checks against this expression): without spaces (space, tab, CR, LF,
-- no-break, ideographic, zero-width, byte-order mark), full-width brackets as
-- half-width, Latin letters upper-cased (SQLite's upper folds ASCII only, as
-- NameKey does). A generated column, so that no insert can leave it out.
--
-- A database that already holds duplicates cannot take these indexes: Open
-- checks before migrating and refuses with a message naming them
-- (store/migrate_duplicates.go), leaving the database as it was.
-- +goose Up
ALTER TABLE enterprises ADD COLUMN name_key TEXT
    GENERATED ALWAYS AS (upper(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name, char(32), ''), char(9), ''), char(10), ''), char(13), ''), char(160), ''), char(12288), ''), char(8203), ''), char(65279), ''), '（', '('), '）', ')'))) VIRTUAL;
CREATE UNIQUE INDEX enterprises_name_key ON enterprises(name_key);
CREATE UNIQUE INDEX enterprises_credit_code ON enterprises(credit_code);

ALTER TABLE organizations ADD COLUMN name_key TEXT
    GENERATED ALWAYS AS (upper(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name, char(32), ''), char(9), ''), char(10), ''), char(13), ''), char(160), ''), char(12288), ''), char(8203), ''), char(65279), ''), '（', '('), '）', ')'))) VIRTUAL;
CREATE UNIQUE INDEX organizations_name_key ON organizations(name_key);

DROP INDEX brands_organization;
CREATE UNIQUE INDEX brands_organization ON brands(organization_id);

-- +goose Down
DROP INDEX brands_organization;
CREATE INDEX brands_organization ON brands(organization_id);
DROP INDEX organizations_name_key;
ALTER TABLE organizations DROP COLUMN name_key;
DROP INDEX enterprises_credit_code;
DROP INDEX enterprises_name_key;
ALTER TABLE enterprises DROP COLUMN name_key;
