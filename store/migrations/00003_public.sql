-- Indexes for the public site's lists: the newest published activities of
-- every programme (home page) and the newest published responsibility
-- records (stories on /responsibility). Each list is LIMITed, so with these
-- its cost does not grow with the size of the ledgers.
-- +goose Up
CREATE INDEX activities_status_date ON activities(status, date);
CREATE INDEX responsibility_status_date ON responsibility(status, date);

-- +goose Down
DROP INDEX responsibility_status_date;
DROP INDEX activities_status_date;
