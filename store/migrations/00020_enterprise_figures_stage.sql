-- The enterprise ledger's coverage filter with a stage (issue 19): each
-- enterprise's kept figures carry its stage too, so that the enterprises
-- of a coverage and a stage are one index range, not every enterprise of
-- the stage probed against every one of the coverage. The write path keeps
-- it (store.refreshFigures: any change to an enterprise marks it stale).
-- +goose Up
ALTER TABLE enterprise_figures ADD COLUMN stage TEXT NOT NULL DEFAULT '';
UPDATE enterprise_figures SET stage = coalesce((SELECT e.stage FROM enterprises e WHERE e.id = enterprise_figures.enterprise_id), '');
CREATE INDEX enterprise_figures_stage ON enterprise_figures(coverage, stage);

-- +goose Down
DROP INDEX enterprise_figures_stage;
ALTER TABLE enterprise_figures DROP COLUMN stage;
