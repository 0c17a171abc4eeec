-- Notices by e-mail (issue 20). An account may have an address; a notice
-- the portal makes for an account with one is also put in the outbox, in
-- the transaction of the event that causes it, so that a mail is never
-- lost and never sent for a change that rolled back. A background sender
-- (web/mail) delivers the outbox with retries; each row's key names the
-- event and the recipient, so that no event is queued twice. job_days is
-- the daily jobs' lock: the first process to insert a job's day runs it.
-- +goose Up
ALTER TABLE users ADD COLUMN email TEXT;

CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    key        TEXT    NOT NULL UNIQUE, -- the event and the recipient: notification:ID, digest:DAY:USER
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    address    TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    body       TEXT    NOT NULL,        -- plain text, paragraphs between blank lines
    path       TEXT    NOT NULL,        -- the page the mail links to, under PORTAL_BASE_URL
    created_at TEXT    NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    next_at    TEXT    NOT NULL,        -- when to try (again)
    sent_at    TEXT,
    failed_at  TEXT,                    -- given up
    last_error TEXT                     -- the server's last answer
);
CREATE INDEX outbox_due ON outbox(next_at) WHERE sent_at IS NULL AND failed_at IS NULL;

-- How many messages are pending, sent and given up, kept by the triggers
-- for /admin/outbox (the outbox grows with every notice).
CREATE TABLE outbox_counts (
    state TEXT    PRIMARY KEY, -- pending | sent | failed
    mails INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO outbox_counts (state, mails) VALUES ('pending', 0), ('sent', 0), ('failed', 0);
-- +goose StatementBegin
CREATE TRIGGER outbox_counts_insert AFTER INSERT ON outbox BEGIN
    UPDATE outbox_counts SET mails = mails + 1
        WHERE state = CASE WHEN NEW.sent_at IS NOT NULL THEN 'sent' WHEN NEW.failed_at IS NOT NULL THEN 'failed' ELSE 'pending' END;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER outbox_counts_delete AFTER DELETE ON outbox BEGIN
    UPDATE outbox_counts SET mails = mails - 1
        WHERE state = CASE WHEN OLD.sent_at IS NOT NULL THEN 'sent' WHEN OLD.failed_at IS NOT NULL THEN 'failed' ELSE 'pending' END;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER outbox_counts_update AFTER UPDATE OF sent_at, failed_at ON outbox BEGIN
    UPDATE outbox_counts SET mails = mails - 1
        WHERE state = CASE WHEN OLD.sent_at IS NOT NULL THEN 'sent' WHEN OLD.failed_at IS NOT NULL THEN 'failed' ELSE 'pending' END;
    UPDATE outbox_counts SET mails = mails + 1
        WHERE state = CASE WHEN NEW.sent_at IS NOT NULL THEN 'sent' WHEN NEW.failed_at IS NOT NULL THEN 'failed' ELSE 'pending' END;
END;
-- +goose StatementEnd

CREATE TABLE job_days (
    job TEXT NOT NULL,
    day TEXT NOT NULL,
    at  TEXT NOT NULL,
    PRIMARY KEY (job, day)
) WITHOUT ROWID;

-- +goose Down
DROP TABLE job_days;
DROP TABLE outbox_counts;
DROP TABLE outbox;
ALTER TABLE users DROP COLUMN email;
