-- The public site's search (/search, store/public_search.go): published
-- activities, published brands and published social responsibility
-- records, in Chinese, where a query of any length finds the text that
-- contains it. (Enterprises are found by name through the pickers' index,
-- migration 00018, which holds every character of a name: a second index
-- of names would be written on every rename too.)
--
-- Each kind has two FTS5 indexes, both contentless (the records' own
-- tables hold the text; a result is read back from them by id): one with
-- the trigram tokenizer for terms of three characters or more, and a short
-- one for terms of one or two, which trigrams cannot find: its text is
-- every two characters of the record's text from each position on, one
-- token each (党课学习 is 党课 课学 学习 习), so that 党课 is one token's
-- postings and 党 one entry of its prefix index (of first characters), not
-- a scan of every row, as LIKE on the trigram index would be below three
-- characters. A kind of its own per index, so that counting one kind's
-- matches never reads another's.
--
-- An entry's rowid is the record's date in days since 1900 (bits 37 and
-- up) and its id (bits 0 to 36): the newest come last, and a page of a
-- kind's newest matches is read backwards from the end and stops, without
-- sorting or even reading every match.
--
-- Only what the public may see is written: the triggers add an activity,
-- a brand or a responsibility record when it is published and remove it
-- when it no longer is; a draft or a submission never reaches an index.
-- A brand's story is indexed without the ** that make its bold text
-- (web/story), so that a phrase across a bold edge is found. The short
-- indexes hold the first 2,000 characters of a record's text.
-- +goose Up
INSERT INTO search_positions
    SELECT n FROM (WITH RECURSIVE p(n) AS (SELECT 201 UNION ALL SELECT n + 1 FROM p WHERE n < 2000) SELECT n FROM p);

CREATE VIRTUAL TABLE search_activity USING fts5(text, content = '', contentless_delete = 1, tokenize = 'trigram');
CREATE VIRTUAL TABLE search_activity_short USING fts5(text, content = '', contentless_delete = 1, prefix = '1');
INSERT INTO search_activity (search_activity, rank) VALUES ('automerge', 8);
INSERT INTO search_activity (search_activity, rank) VALUES ('deletemerge', 0);
INSERT INTO search_activity_short (search_activity_short, rank) VALUES ('automerge', 8);
INSERT INTO search_activity_short (search_activity_short, rank) VALUES ('deletemerge', 0);
INSERT INTO search_activity (rowid, text) SELECT (max(coalesce(CAST(julianday(date) - 2415020.5 AS INTEGER), 0), 0) << 37) | id, title || ' ' || coalesce(summary, '') FROM activities WHERE status = 'published';
INSERT INTO search_activity_short (rowid, text) SELECT (max(coalesce(CAST(julianday(date) - 2415020.5 AS INTEGER), 0), 0) << 37) | id, (SELECT group_concat(g, ' ') FROM (SELECT substr((title || ' ' || coalesce(summary, '')), n, 2) AS g FROM search_positions WHERE n <= length((title || ' ' || coalesce(summary, ''))) ORDER BY n)) FROM activities WHERE status = 'published';
-- +goose StatementBegin
CREATE TRIGGER search_activity_insert AFTER INSERT ON activities WHEN new.status = 'published' BEGIN
    INSERT INTO search_activity (rowid, text) VALUES ((max(coalesce(CAST(julianday(new.date) - 2415020.5 AS INTEGER), 0), 0) << 37) | new.id, new.title || ' ' || coalesce(new.summary, ''));
    INSERT INTO search_activity_short (rowid, text) VALUES ((max(coalesce(CAST(julianday(new.date) - 2415020.5 AS INTEGER), 0), 0) << 37) | new.id, (SELECT group_concat(g, ' ') FROM (SELECT substr((new.title || ' ' || coalesce(new.summary, '')), n, 2) AS g FROM search_positions WHERE n <= length((new.title || ' ' || coalesce(new.summary, ''))) ORDER BY n)));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER search_activity_update AFTER UPDATE OF id, title, summary, date, status ON activities
WHEN (old.status = 'published' OR new.status = 'published') AND (old.id IS NOT new.id OR old.title IS NOT new.title OR old.summary IS NOT new.summary OR old.date IS NOT new.date OR old.status IS NOT new.status)
BEGIN
    DELETE FROM search_activity WHERE rowid = (max(coalesce(CAST(julianday(old.date) - 2415020.5 AS INTEGER), 0), 0) << 37) | old.id AND old.status = 'published';
    DELETE FROM search_activity_short WHERE rowid = (max(coalesce(CAST(julianday(old.date) - 2415020.5 AS INTEGER), 0), 0) << 37) | old.id AND old.status = 'published';
    INSERT INTO search_activity (rowid, text) SELECT (max(coalesce(CAST(julianday(new.date) - 2415020.5 AS INTEGER), 0), 0) << 37) | new.id, new.title || ' ' || coalesce(new.summary, '') WHERE new.status = 'published';
    INSERT INTO search_activity_short (rowid, text) SELECT (max(coalesce(CAST(julianday(new.date) - 2415020.5 AS INTEGER), 0), 0) << 37) | new.id, (SELECT group_concat(g, ' ') FROM (SELECT substr((new.title || ' ' || coalesce(new.summary, '')), n, 2) AS g FROM search_positions WHERE n <= length((new.title || ' ' || coalesce(new.summary, ''))) ORDER BY n)) WHERE new.status = 'published';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER search_activity_delete AFTER DELETE ON activities WHEN old.status = 'published' BEGIN
    DELETE FROM search_activity WHERE rowid = (max(coalesce(CAST(julianday(old.date) - 2415020.5 AS INTEGER), 0), 0) << 37) | old.id;
    DELETE FROM search_activity_short WHERE rowid = (max(coalesce(CAST(julianday(old.date) - 2415020.5 AS INTEGER), 0), 0) << 37) | old.id;
END;
-- +goose StatementEnd

CREATE VIRTUAL TABLE search_brand USING fts5(text, content = '', contentless_delete = 1, tokenize = 'trigram');
CREATE VIRTUAL TABLE search_brand_short USING fts5(text, content = '', contentless_delete = 1, prefix = '1');
INSERT INTO search_brand (search_brand, rank) VALUES ('automerge', 8);
INSERT INTO search_brand (search_brand, rank) VALUES ('deletemerge', 0);
INSERT INTO search_brand_short (search_brand_short, rank) VALUES ('automerge', 8);
INSERT INTO search_brand_short (search_brand_short, rank) VALUES ('deletemerge', 0);
INSERT INTO search_brand (rowid, text) SELECT (max(coalesce(CAST(julianday(launched) - 2415020.5 AS INTEGER), 0), 0) << 37) | id, name || ' ' || coalesce(slogan, '') || ' ' || replace(coalesce(story, ''), '**', '') FROM brands WHERE status = 'published';
INSERT INTO search_brand_short (rowid, text) SELECT (max(coalesce(CAST(julianday(launched) - 2415020.5 AS INTEGER), 0), 0) << 37) | id, (SELECT group_concat(g, ' ') FROM (SELECT substr((name || ' ' || coalesce(slogan, '') || ' ' || replace(coalesce(story, ''), '**', '')), n, 2) AS g FROM search_positions WHERE n <= length((name || ' ' || coalesce(slogan, '') || ' ' || replace(coalesce(story, ''), '**', ''))) ORDER BY n)) FROM brands WHERE status = 'published';
-- +goose StatementBegin
CREATE TRIGGER search_brand_insert AFTER INSERT ON brands WHEN new.status = 'published' BEGIN
    INSERT INTO search_brand (rowid, text) VALUES ((max(coalesce(CAST(julianday(new.launched) - 2415020.5 AS INTEGER), 0), 0) << 37) | new.id, new.name || ' ' || coalesce(new.slogan, '') || ' ' || replace(coalesce(new.story, ''), '**', ''));
    INSERT INTO search_brand_short (rowid, text) VALUES ((max(coalesce(CAST(julianday(new.launched) - 2415020.5 AS INTEGER), 0), 0) << 37) | new.id, (SELECT group_concat(g, ' ') FROM (SELECT substr((new.name || ' ' || coalesce(new.slogan, '') || ' ' || replace(coalesce(new.story, ''), '**', '')), n, 2) AS g FROM search_positions WHERE n <= length((new.name || ' ' || coalesce(new.slogan, '') || ' ' || replace(coalesce(new.story, ''), '**', ''))) ORDER BY n)));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER search_brand_update AFTER UPDATE OF id, name, slogan, story, launched, status ON brands
WHEN (old.status = 'published' OR new.status = 'published') AND (old.id IS NOT new.id OR old.name IS NOT new.name OR old.slogan IS NOT new.slogan OR old.story IS NOT new.story OR old.launched IS NOT new.launched OR old.status IS NOT new.status)
BEGIN
    DELETE FROM search_brand WHERE rowid = (max(coalesce(CAST(julianday(old.launched) - 2415020.5 AS INTEGER), 0), 0) << 37) | old.id AND old.status = 'published';
    DELETE FROM search_brand_short WHERE rowid = (max(coalesce(CAST(julianday(old.launched) - 2415020.5 AS INTEGER), 0), 0) << 37) | old.id AND old.status = 'published';
    INSERT INTO search_brand (rowid, text) SELECT (max(coalesce(CAST(julianday(new.launched) - 2415020.5 AS INTEGER), 0), 0) << 37) | new.id, new.name || ' ' || coalesce(new.slogan, '') || ' ' || replace(coalesce(new.story, ''), '**', '') WHERE new.status = 'published';
    INSERT INTO search_brand_short (rowid, text) SELECT (max(coalesce(CAST(julianday(new.launched) - 2415020.5 AS INTEGER), 0), 0) << 37) | new.id, (SELECT group_concat(g, ' ') FROM (SELECT substr((new.name || ' ' || coalesce(new.slogan, '') || ' ' || replace(coalesce(new.story, ''), '**', '')), n, 2) AS g FROM search_positions WHERE n <= length((new.name || ' ' || coalesce(new.slogan, '') || ' ' || replace(coalesce(new.story, ''), '**', ''))) ORDER BY n)) WHERE new.status = 'published';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER search_brand_delete AFTER DELETE ON brands WHEN old.status = 'published' BEGIN
    DELETE FROM search_brand WHERE rowid = (max(coalesce(CAST(julianday(old.launched) - 2415020.5 AS INTEGER), 0), 0) << 37) | old.id;
    DELETE FROM search_brand_short WHERE rowid = (max(coalesce(CAST(julianday(old.launched) - 2415020.5 AS INTEGER), 0), 0) << 37) | old.id;
END;
-- +goose StatementEnd

CREATE VIRTUAL TABLE search_responsibility USING fts5(text, content = '', contentless_delete = 1, tokenize = 'trigram');
CREATE VIRTUAL TABLE search_responsibility_short USING fts5(text, content = '', contentless_delete = 1, prefix = '1');
INSERT INTO search_responsibility (search_responsibility, rank) VALUES ('automerge', 8);
INSERT INTO search_responsibility (search_responsibility, rank) VALUES ('deletemerge', 0);
INSERT INTO search_responsibility_short (search_responsibility_short, rank) VALUES ('automerge', 8);
INSERT INTO search_responsibility_short (search_responsibility_short, rank) VALUES ('deletemerge', 0);
INSERT INTO search_responsibility (rowid, text) SELECT (max(coalesce(CAST(julianday(date) - 2415020.5 AS INTEGER), 0), 0) << 37) | id, coalesce(note, '') FROM responsibility WHERE status = 'published';
INSERT INTO search_responsibility_short (rowid, text) SELECT (max(coalesce(CAST(julianday(date) - 2415020.5 AS INTEGER), 0), 0) << 37) | id, (SELECT group_concat(g, ' ') FROM (SELECT substr((coalesce(note, '')), n, 2) AS g FROM search_positions WHERE n <= length((coalesce(note, ''))) ORDER BY n)) FROM responsibility WHERE status = 'published';
-- +goose StatementBegin
CREATE TRIGGER search_responsibility_insert AFTER INSERT ON responsibility WHEN new.status = 'published' BEGIN
    INSERT INTO search_responsibility (rowid, text) VALUES ((max(coalesce(CAST(julianday(new.date) - 2415020.5 AS INTEGER), 0), 0) << 37) | new.id, coalesce(new.note, ''));
    INSERT INTO search_responsibility_short (rowid, text) VALUES ((max(coalesce(CAST(julianday(new.date) - 2415020.5 AS INTEGER), 0), 0) << 37) | new.id, (SELECT group_concat(g, ' ') FROM (SELECT substr((coalesce(new.note, '')), n, 2) AS g FROM search_positions WHERE n <= length((coalesce(new.note, ''))) ORDER BY n)));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER search_responsibility_update AFTER UPDATE OF id, note, date, status ON responsibility
WHEN (old.status = 'published' OR new.status = 'published') AND (old.id IS NOT new.id OR old.note IS NOT new.note OR old.date IS NOT new.date OR old.status IS NOT new.status)
BEGIN
    DELETE FROM search_responsibility WHERE rowid = (max(coalesce(CAST(julianday(old.date) - 2415020.5 AS INTEGER), 0), 0) << 37) | old.id AND old.status = 'published';
    DELETE FROM search_responsibility_short WHERE rowid = (max(coalesce(CAST(julianday(old.date) - 2415020.5 AS INTEGER), 0), 0) << 37) | old.id AND old.status = 'published';
    INSERT INTO search_responsibility (rowid, text) SELECT (max(coalesce(CAST(julianday(new.date) - 2415020.5 AS INTEGER), 0), 0) << 37) | new.id, coalesce(new.note, '') WHERE new.status = 'published';
    INSERT INTO search_responsibility_short (rowid, text) SELECT (max(coalesce(CAST(julianday(new.date) - 2415020.5 AS INTEGER), 0), 0) << 37) | new.id, (SELECT group_concat(g, ' ') FROM (SELECT substr((coalesce(new.note, '')), n, 2) AS g FROM search_positions WHERE n <= length((coalesce(new.note, ''))) ORDER BY n)) WHERE new.status = 'published';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER search_responsibility_delete AFTER DELETE ON responsibility WHEN old.status = 'published' BEGIN
    DELETE FROM search_responsibility WHERE rowid = (max(coalesce(CAST(julianday(old.date) - 2415020.5 AS INTEGER), 0), 0) << 37) | old.id;
    DELETE FROM search_responsibility_short WHERE rowid = (max(coalesce(CAST(julianday(old.date) - 2415020.5 AS INTEGER), 0), 0) << 37) | old.id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER search_activity_insert;
DROP TRIGGER search_activity_update;
DROP TRIGGER search_activity_delete;
DROP TABLE search_activity_short;
DROP TABLE search_activity;
DROP TRIGGER search_brand_insert;
DROP TRIGGER search_brand_update;
DROP TRIGGER search_brand_delete;
DROP TABLE search_brand_short;
DROP TABLE search_brand;
DROP TRIGGER search_responsibility_insert;
DROP TRIGGER search_responsibility_update;
DROP TRIGGER search_responsibility_delete;
DROP TABLE search_responsibility_short;
DROP TABLE search_responsibility;
DELETE FROM search_positions WHERE n > 200;
