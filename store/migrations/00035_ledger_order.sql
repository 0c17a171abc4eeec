-- +goose Up
-- Nothing changes on SQLite, where every index ends with the rowid and so
-- already orders a ledger's page by date, then id. PostgreSQL's migration
-- of the same number gives its date index that id; the versions stay
-- equal on both engines.
SELECT 1;

-- +goose Down
SELECT 1;
