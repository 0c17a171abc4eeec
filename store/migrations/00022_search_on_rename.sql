-- The search tables (migration 00018) are written only when a name or an
-- id really changes (issue 19). Every save of a form sets every column, so
-- the update triggers rewrote the search entry on every save: a new FTS5
-- segment per save, and every 64 segments an automatic merge of up to
-- several hundred pages inside one save's transaction, which held the one
-- writer, and every save queued behind it, for 30–100 ms: the whole of the
-- staff save's p99 on a park of 10,000 enterprises.
--
-- A rename still writes a segment. FTS5 merges a large segment whole once a
-- tenth of its rows are deleted (deletemerge): after a thousand renames the
-- segment that the first fill wrote, 100 ms in one save. With deletemerge
-- off, deleted rows are dropped when their segment is merged anyway, and
-- automerge waits for 8 segments of a level instead of 4, so each merge is
-- smaller: with every save a rename, 8 clerks at 300 saves/s, the p99 went
-- from 72 to 7 ms. Searches read a few more small segments.
-- +goose Up
INSERT INTO enterprise_search (enterprise_search, rank) VALUES ('automerge', 8);
INSERT INTO enterprise_search (enterprise_search, rank) VALUES ('deletemerge', 0);
INSERT INTO organization_search (organization_search, rank) VALUES ('automerge', 8);
INSERT INTO organization_search (organization_search, rank) VALUES ('deletemerge', 0);
DROP TRIGGER enterprise_search_update;
DROP TRIGGER organization_search_update;
-- +goose StatementBegin
CREATE TRIGGER enterprise_search_update AFTER UPDATE OF id, name, source_id ON enterprises
WHEN old.id IS NOT new.id OR old.name IS NOT new.name OR old.source_id IS NOT new.source_id
BEGIN
    DELETE FROM enterprise_search WHERE rowid = old.id;
    INSERT INTO enterprise_search (rowid, name, source_id) VALUES (new.id,
        (SELECT group_concat(c, ' ') FROM (SELECT substr(new.name, n, 1) AS c FROM search_positions WHERE n <= length(new.name) ORDER BY n)),
        (SELECT group_concat(c, ' ') FROM (SELECT substr(new.source_id, n, 1) AS c FROM search_positions WHERE n <= length(new.source_id) ORDER BY n)));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organization_search_update AFTER UPDATE OF id, name, source_id ON organizations
WHEN old.id IS NOT new.id OR old.name IS NOT new.name OR old.source_id IS NOT new.source_id
BEGIN
    DELETE FROM organization_search WHERE rowid = old.id;
    INSERT INTO organization_search (rowid, name, source_id) VALUES (new.id,
        (SELECT group_concat(c, ' ') FROM (SELECT substr(new.name, n, 1) AS c FROM search_positions WHERE n <= length(new.name) ORDER BY n)),
        (SELECT group_concat(c, ' ') FROM (SELECT substr(new.source_id, n, 1) AS c FROM search_positions WHERE n <= length(new.source_id) ORDER BY n)));
END;
-- +goose StatementEnd

-- +goose Down
INSERT INTO enterprise_search (enterprise_search, rank) VALUES ('automerge', 4);
INSERT INTO enterprise_search (enterprise_search, rank) VALUES ('deletemerge', 10);
INSERT INTO organization_search (organization_search, rank) VALUES ('automerge', 4);
INSERT INTO organization_search (organization_search, rank) VALUES ('deletemerge', 10);
DROP TRIGGER enterprise_search_update;
DROP TRIGGER organization_search_update;
-- +goose StatementBegin
CREATE TRIGGER enterprise_search_update AFTER UPDATE OF id, name, source_id ON enterprises
BEGIN
    DELETE FROM enterprise_search WHERE rowid = old.id;
    INSERT INTO enterprise_search (rowid, name, source_id) VALUES (new.id,
        (SELECT group_concat(c, ' ') FROM (SELECT substr(new.name, n, 1) AS c FROM search_positions WHERE n <= length(new.name) ORDER BY n)),
        (SELECT group_concat(c, ' ') FROM (SELECT substr(new.source_id, n, 1) AS c FROM search_positions WHERE n <= length(new.source_id) ORDER BY n)));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organization_search_update AFTER UPDATE OF id, name, source_id ON organizations
BEGIN
    DELETE FROM organization_search WHERE rowid = old.id;
    INSERT INTO organization_search (rowid, name, source_id) VALUES (new.id,
        (SELECT group_concat(c, ' ') FROM (SELECT substr(new.name, n, 1) AS c FROM search_positions WHERE n <= length(new.name) ORDER BY n)),
        (SELECT group_concat(c, ' ') FROM (SELECT substr(new.source_id, n, 1) AS c FROM search_positions WHERE n <= length(new.source_id) ORDER BY n)));
END;
-- +goose StatementEnd
