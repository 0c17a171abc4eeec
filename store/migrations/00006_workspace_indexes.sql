-- Indexes for the staff workspace: an enterprise's members (its page, the
-- coverage pipeline's count of full members).
-- +goose Up
CREATE INDEX members_enterprise ON members(enterprise_id, full);

-- +goose Down
DROP INDEX members_enterprise;
