-- Indexes that serve the pages in their own order, so that a page reads
-- its rows and stops (issue 19): the honour roll (newest year, highest
-- level first), the audit log filtered by user or by ledger (newest
-- first), and the review queue's returned and published filings (latest
-- change first).
-- +goose Up
CREATE INDEX awards_roll ON awards(year DESC,
    (CASE level WHEN 'national' THEN 0 WHEN 'province' THEN 1 WHEN 'city' THEN 2 ELSE 3 END), kind, organization_id);
DROP INDEX audit_user;
CREATE INDEX audit_user ON audit(username, id);
CREATE INDEX audit_collection ON audit(collection, id);
CREATE INDEX filings_decided ON filings(status, updated_at);

-- +goose Down
DROP INDEX filings_decided;
DROP INDEX audit_collection;
DROP INDEX audit_user;
CREATE INDEX audit_user ON audit(username, at);
DROP INDEX awards_roll;
