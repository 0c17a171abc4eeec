-- The staff ledger's counts of enterprises lacking a specialist or an
-- instructor today (issue 19): those whose role's latest term ended before
-- today, which an index could only count by walking most of the
-- enterprises. The triggers keep how many enterprises have each latest
-- term end (migration 00013's specialist_until and instructor_until: ''
-- for never, 9999-12-31 for a term without an end), so that a count sums
-- the rows before today: one per term end date, not per enterprise.
-- +goose Up
CREATE TABLE staffing_ends (
    role        TEXT    NOT NULL, -- specialist | instructor
    until       TEXT    NOT NULL,
    enterprises INTEGER NOT NULL,
    PRIMARY KEY (role, until)
) WITHOUT ROWID;

INSERT INTO staffing_ends (role, until, enterprises)
    SELECT 'specialist', specialist_until, count(*) FROM enterprises GROUP BY 2;
INSERT INTO staffing_ends (role, until, enterprises)
    SELECT 'instructor', instructor_until, count(*) FROM enterprises GROUP BY 2;

-- +goose StatementBegin
CREATE TRIGGER staffing_ends_insert AFTER INSERT ON enterprises BEGIN
    INSERT INTO staffing_ends (role, until, enterprises) VALUES ('specialist', NEW.specialist_until, 1), ('instructor', NEW.instructor_until, 1)
        ON CONFLICT (role, until) DO UPDATE SET enterprises = enterprises + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staffing_ends_delete AFTER DELETE ON enterprises BEGIN
    UPDATE staffing_ends SET enterprises = enterprises - 1
        WHERE (role = 'specialist' AND until = OLD.specialist_until) OR (role = 'instructor' AND until = OLD.instructor_until);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staffing_ends_specialist AFTER UPDATE OF specialist_until ON enterprises
WHEN OLD.specialist_until IS NOT NEW.specialist_until
BEGIN
    UPDATE staffing_ends SET enterprises = enterprises - 1 WHERE role = 'specialist' AND until = OLD.specialist_until;
    INSERT INTO staffing_ends (role, until, enterprises) VALUES ('specialist', NEW.specialist_until, 1)
        ON CONFLICT (role, until) DO UPDATE SET enterprises = enterprises + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staffing_ends_instructor AFTER UPDATE OF instructor_until ON enterprises
WHEN OLD.instructor_until IS NOT NEW.instructor_until
BEGIN
    UPDATE staffing_ends SET enterprises = enterprises - 1 WHERE role = 'instructor' AND until = OLD.instructor_until;
    INSERT INTO staffing_ends (role, until, enterprises) VALUES ('instructor', NEW.instructor_until, 1)
        ON CONFLICT (role, until) DO UPDATE SET enterprises = enterprises + 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER staffing_ends_instructor;
DROP TRIGGER staffing_ends_specialist;
DROP TRIGGER staffing_ends_delete;
DROP TRIGGER staffing_ends_insert;
DROP TABLE staffing_ends;
