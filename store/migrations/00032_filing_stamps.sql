-- Each organisation's filing stamp (store.OrganizationFilingStamp): the
-- latest audit entry of any of its filings, kept by the write path as it
-- logs them. Every secretary's page is keyed by it (a draft's save moves
-- no revision); reading it was a walk of the organisation's filings.
-- +goose Up
CREATE TABLE filing_stamps (
    organization_id INTEGER PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
    audit_id        INTEGER NOT NULL
);
INSERT INTO filing_stamps (organization_id, audit_id)
    SELECT f.organization_id, max(a.id) FROM audit a JOIN filings f ON f.id = a.record_key
    WHERE a.collection = 'filings' GROUP BY f.organization_id;

-- +goose StatementBegin
CREATE TRIGGER filing_stamps_kept AFTER INSERT ON audit WHEN NEW.collection = 'filings'
BEGIN
    INSERT OR REPLACE INTO filing_stamps (organization_id, audit_id)
        SELECT organization_id, NEW.id FROM filings WHERE id = NEW.record_key;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER filing_stamps_kept;
DROP TABLE filing_stamps;
