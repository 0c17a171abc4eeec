-- Display names. A user gets a display name (姓名) beside their login name,
-- which pages show in its place; an audit entry keeps the display name its
-- author had at the time (as it keeps the record's title), so that the log
-- still says who made a change after the name changes. Entries written
-- before this migration have none, and are shown with their login name.
-- +goose Up
ALTER TABLE users ADD COLUMN display_name TEXT NOT NULL DEFAULT '' CHECK (length(display_name) <= 32);
ALTER TABLE audit ADD COLUMN actor_name TEXT;

-- +goose Down
ALTER TABLE audit DROP COLUMN actor_name;
ALTER TABLE users DROP COLUMN display_name;
