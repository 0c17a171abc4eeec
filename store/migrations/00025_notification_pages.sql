-- A user's notifications page back by id (issue 20: the list stopped at
-- the latest 200).
-- +goose Up
CREATE INDEX notifications_pages ON notifications(user_id, id);

-- +goose Down
DROP INDEX notifications_pages;
