-- The annual return (年报, issue 21): a park's figures of a year, filed
-- upward and frozen. Each filing is a new version; a correction (version
-- 2 on) says why. Nothing is ever changed or deleted: a filed return is
-- what was reported, whatever the records say later.
-- +goose Up
CREATE TABLE annual_returns (
    id         INTEGER PRIMARY KEY,
    park_id    INTEGER NOT NULL REFERENCES parks(id),
    year       INTEGER NOT NULL,
    version    INTEGER NOT NULL CHECK (version >= 1),
    figures    TEXT    NOT NULL,              -- the year's report as `portal report --format json` prints it
    market_fen INTEGER NOT NULL DEFAULT 0,    -- the parts of the equipment saving ratio, so that
    actual_fen INTEGER NOT NULL DEFAULT 0,    -- a district adds them up rather than averaging ratios
    unit       TEXT    NOT NULL,              -- 填报单位: the park's name when filed
    head       TEXT    NOT NULL,              -- 负责人
    preparer   TEXT    NOT NULL,              -- 填表人
    phone      TEXT    NOT NULL,              -- 联系电话
    reason     TEXT    NOT NULL DEFAULT '',   -- why a correction was filed
    filed_by   TEXT    NOT NULL,              -- the account that filed it
    filer_name TEXT    NOT NULL DEFAULT '',   -- its display name then
    filed_at   TEXT    NOT NULL,
    UNIQUE (park_id, year, version)
);

-- +goose StatementBegin
CREATE TRIGGER annual_returns_no_update BEFORE UPDATE ON annual_returns
BEGIN
    SELECT RAISE(ABORT, 'a filed return is never changed');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER annual_returns_no_delete BEFORE DELETE ON annual_returns
BEGIN
    SELECT RAISE(ABORT, 'a filed return is never deleted');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER annual_returns_no_delete;
DROP TRIGGER annual_returns_no_update;
DROP TABLE annual_returns;
