-- An audit entry names the park whose change it records (issue 21): a
-- record's history, and the changes a conflict shows, are read within its
-- park, since a rowid one park's record had can later be another park's.
-- Entries written before parks are the first park's (NULL reads as 1).
-- +goose Up
ALTER TABLE audit ADD COLUMN park_id INTEGER;

-- +goose Down
ALTER TABLE audit DROP COLUMN park_id;
