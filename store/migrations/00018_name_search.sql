-- Pickers search enterprises and party organisations by any part of their
-- name or id (store/name_search.go): a park has thousands, too many to list
-- in a page and too many to scan for each key a clerk types.
--
-- Each search table is an FTS5 index holding the name and the id with a
-- space after every character, so that each character is a token and a
-- phrase of characters finds that text anywhere: 瑞源 in
-- 中共株洲瑞源智能装备股份有限公司委员会, which FTS5's trigram tokenizer
-- cannot find (it needs three characters) and which no other tokenizer
-- splits (Chinese has no spaces). The triggers keep it current under every
-- write; the first 200 characters of a name are indexed (search_positions).
-- The characters are joined in order by an ordered subquery, not by
-- group_concat's ORDER BY, which SQLite before 3.44 (Debian 12's sqlite3)
-- cannot read: its schema would not load at all.
-- +goose Up
CREATE TABLE search_positions (n INTEGER PRIMARY KEY);
INSERT INTO search_positions
    SELECT n FROM (WITH RECURSIVE p(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM p WHERE n < 200) SELECT n FROM p);

CREATE VIRTUAL TABLE enterprise_search USING fts5(name, source_id, content = '', contentless_delete = 1);
INSERT INTO enterprise_search (rowid, name, source_id)
    SELECT id,
        (SELECT group_concat(c, ' ') FROM (SELECT substr(name, n, 1) AS c FROM search_positions WHERE n <= length(name) ORDER BY n)),
        (SELECT group_concat(c, ' ') FROM (SELECT substr(source_id, n, 1) AS c FROM search_positions WHERE n <= length(source_id) ORDER BY n))
    FROM enterprises;

-- +goose StatementBegin
CREATE TRIGGER enterprise_search_insert AFTER INSERT ON enterprises BEGIN
    INSERT INTO enterprise_search (rowid, name, source_id) VALUES (new.id,
        (SELECT group_concat(c, ' ') FROM (SELECT substr(new.name, n, 1) AS c FROM search_positions WHERE n <= length(new.name) ORDER BY n)),
        (SELECT group_concat(c, ' ') FROM (SELECT substr(new.source_id, n, 1) AS c FROM search_positions WHERE n <= length(new.source_id) ORDER BY n)));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER enterprise_search_update AFTER UPDATE OF id, name, source_id ON enterprises BEGIN
    DELETE FROM enterprise_search WHERE rowid = old.id;
    INSERT INTO enterprise_search (rowid, name, source_id) VALUES (new.id,
        (SELECT group_concat(c, ' ') FROM (SELECT substr(new.name, n, 1) AS c FROM search_positions WHERE n <= length(new.name) ORDER BY n)),
        (SELECT group_concat(c, ' ') FROM (SELECT substr(new.source_id, n, 1) AS c FROM search_positions WHERE n <= length(new.source_id) ORDER BY n)));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER enterprise_search_delete AFTER DELETE ON enterprises BEGIN
    DELETE FROM enterprise_search WHERE rowid = old.id;
END;
-- +goose StatementEnd

CREATE VIRTUAL TABLE organization_search USING fts5(name, source_id, content = '', contentless_delete = 1);
INSERT INTO organization_search (rowid, name, source_id)
    SELECT id,
        (SELECT group_concat(c, ' ') FROM (SELECT substr(name, n, 1) AS c FROM search_positions WHERE n <= length(name) ORDER BY n)),
        (SELECT group_concat(c, ' ') FROM (SELECT substr(source_id, n, 1) AS c FROM search_positions WHERE n <= length(source_id) ORDER BY n))
    FROM organizations;

-- +goose StatementBegin
CREATE TRIGGER organization_search_insert AFTER INSERT ON organizations BEGIN
    INSERT INTO organization_search (rowid, name, source_id) VALUES (new.id,
        (SELECT group_concat(c, ' ') FROM (SELECT substr(new.name, n, 1) AS c FROM search_positions WHERE n <= length(new.name) ORDER BY n)),
        (SELECT group_concat(c, ' ') FROM (SELECT substr(new.source_id, n, 1) AS c FROM search_positions WHERE n <= length(new.source_id) ORDER BY n)));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organization_search_update AFTER UPDATE OF id, name, source_id ON organizations BEGIN
    DELETE FROM organization_search WHERE rowid = old.id;
    INSERT INTO organization_search (rowid, name, source_id) VALUES (new.id,
        (SELECT group_concat(c, ' ') FROM (SELECT substr(new.name, n, 1) AS c FROM search_positions WHERE n <= length(new.name) ORDER BY n)),
        (SELECT group_concat(c, ' ') FROM (SELECT substr(new.source_id, n, 1) AS c FROM search_positions WHERE n <= length(new.source_id) ORDER BY n)));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organization_search_delete AFTER DELETE ON organizations BEGIN
    DELETE FROM organization_search WHERE rowid = old.id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER organization_search_delete;
DROP TRIGGER organization_search_update;
DROP TRIGGER organization_search_insert;
DROP TABLE organization_search;
DROP TRIGGER enterprise_search_delete;
DROP TRIGGER enterprise_search_update;
DROP TRIGGER enterprise_search_insert;
DROP TABLE enterprise_search;
DROP TABLE search_positions;
