-- The activity ledger's filtered counts, cheap on a district's park
-- (issue 19): counting a programme's activities through an index reads a
-- third of the ledger. The triggers keep the activities per programme,
-- year and review status in every writer's transaction, so that a count
-- by any of the three sums a few dozen rows.
-- +goose Up
CREATE TABLE activity_counts (
    program TEXT    NOT NULL,
    year    INTEGER NOT NULL,
    status  TEXT    NOT NULL,
    records INTEGER NOT NULL,
    PRIMARY KEY (program, year, status)
) WITHOUT ROWID;

INSERT INTO activity_counts (program, year, status, records)
    SELECT program, CAST(substr(date, 1, 4) AS INTEGER), status, count(*) FROM activities GROUP BY 1, 2, 3;

-- +goose StatementBegin
CREATE TRIGGER activity_counts_insert AFTER INSERT ON activities BEGIN
    INSERT INTO activity_counts (program, year, status, records)
        VALUES (NEW.program, CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.status, 1)
        ON CONFLICT (program, year, status) DO UPDATE SET records = records + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER activity_counts_delete AFTER DELETE ON activities BEGIN
    UPDATE activity_counts SET records = records - 1
        WHERE program = OLD.program AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER) AND status = OLD.status;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER activity_counts_update AFTER UPDATE OF program, date, status ON activities
WHEN OLD.program IS NOT NEW.program OR substr(OLD.date, 1, 4) IS NOT substr(NEW.date, 1, 4) OR OLD.status IS NOT NEW.status
BEGIN
    UPDATE activity_counts SET records = records - 1
        WHERE program = OLD.program AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER) AND status = OLD.status;
    INSERT INTO activity_counts (program, year, status, records)
        VALUES (NEW.program, CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.status, 1)
        ON CONFLICT (program, year, status) DO UPDATE SET records = records + 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER activity_counts_update;
DROP TRIGGER activity_counts_delete;
DROP TRIGGER activity_counts_insert;
DROP TABLE activity_counts;
