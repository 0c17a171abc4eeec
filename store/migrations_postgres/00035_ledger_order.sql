-- +goose Up
-- The activity ledger's page (newest first: date, then id) from its index
-- alone. SQLite's index on (park_id, date) ends with the rowid, so its
-- order is the page's and the ids are in it; the port's index lacked the
-- id, so a page far down the ledger (page 200: 9,950 rows skipped) sorted
-- the rows of each date and read each skipped row from the table.
CREATE INDEX activities_ledger_date_id ON activities (park_id, date, id);
DROP INDEX activities_ledger_date;

-- +goose Down
CREATE INDEX activities_ledger_date ON activities (park_id, date);
DROP INDEX activities_ledger_date_id;
