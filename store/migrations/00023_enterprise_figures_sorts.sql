-- The enterprise ledger's coverage filter, sorted (issue 19): each
-- enterprise's kept figures carry the ledger's sort keys too (name,
-- employees, founded), in the index of its coverage and stage, so that a
-- page of the enterprises of a coverage (and a stage) in any order is read
-- from one range of that index and sorted there, not by looking up every
-- matching enterprise's row first (1,500 of them for the start-ups that
-- meet 三有 in a park of 10,000). The write path keeps them
-- (store.refreshFigures: any change to an enterprise marks it stale).
-- +goose Up
ALTER TABLE enterprise_figures ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprise_figures ADD COLUMN employees INTEGER;
ALTER TABLE enterprise_figures ADD COLUMN founded TEXT;
UPDATE enterprise_figures SET (name, employees, founded) =
    (SELECT e.name, e.employees, e.founded FROM enterprises e WHERE e.id = enterprise_figures.enterprise_id)
    WHERE EXISTS (SELECT 1 FROM enterprises e WHERE e.id = enterprise_figures.enterprise_id);
DROP INDEX enterprise_figures_stage;
CREATE INDEX enterprise_figures_ledger ON enterprise_figures(coverage, stage, employees, founded, name);

-- +goose Down
DROP INDEX enterprise_figures_ledger;
CREATE INDEX enterprise_figures_stage ON enterprise_figures(coverage, stage);
ALTER TABLE enterprise_figures DROP COLUMN founded;
ALTER TABLE enterprise_figures DROP COLUMN employees;
ALTER TABLE enterprise_figures DROP COLUMN name;
