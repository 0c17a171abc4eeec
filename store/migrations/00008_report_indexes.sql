-- The annual report's activity counts read only this index: published
-- activities of a year, by programme (activities_date lacks the status,
-- so the count looked up every row of the year in the table).
-- +goose Up
CREATE INDEX activities_report ON activities(status, date, program);

-- +goose Down
DROP INDEX activities_report;
