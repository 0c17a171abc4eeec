-- +goose Up
-- The searches without whole-table reads. pg_trgm finds no trigram to look
-- up in a term of one or two characters, the commonest in Chinese, so such
-- a search read every park's entries. Each searched text now keeps its
-- characters and pairs of characters (grams: what SQLite's short index
-- keeps as tokens, 00026), in a GIN index, and each search table its
-- record's park, so that a park's newest entries are read in order from
-- one index (store/search_postgres.go).

-- +goose StatementBegin
-- text_grams are the characters of t, folded as ILIKE folds them, and each
-- pair of neighbours. Only ASCII white space is left out, and cuts pairs:
-- a search term holds none, and no other character is classified (a
-- locale's idea of punctuation, such as ① in C.UTF-8, must not hide what
-- ILIKE finds), so the grams are always a superset of what a term needs.
CREATE FUNCTION text_grams(t text) RETURNS text[] IMMUTABLE PARALLEL SAFE STRICT LANGUAGE plpgsql AS $$
DECLARE
    c text[] := string_to_array(regexp_replace(lower(t), '[ \t\n\r\f\v]+', ' ', 'g'), NULL);
    grams text[] := array_remove(c, ' ');
BEGIN
    FOR i IN 1 .. coalesce(array_length(c, 1), 0) - 1 LOOP
        IF c[i] <> ' ' AND c[i + 1] <> ' ' THEN
            grams := array_append(grams, c[i] || c[i + 1]);
        END IF;
    END LOOP;
    RETURN grams;
END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
-- term_grams are the grams a text holding every one of terms holds: a
-- term of one character itself, a longer one its pairs (fewer keys to
-- intersect than its characters too, and as telling).
CREATE FUNCTION term_grams(terms text[]) RETURNS text[] IMMUTABLE PARALLEL SAFE STRICT LANGUAGE sql AS $$
    SELECT coalesce(array_agg(CASE WHEN length(l) = 1 THEN l ELSE substr(l, i, 2) END), '{}')
    FROM unnest(terms) AS t, lower(t) AS l, generate_series(1, greatest(length(l) - 1, 1)) AS i
    WHERE l <> ''
$$;
-- +goose StatementEnd

DROP INDEX search_activity_text;
DROP INDEX search_brand_text;
DROP INDEX search_responsibility_text;
TRUNCATE search_activity, search_brand, search_responsibility;
ALTER TABLE search_activity ADD COLUMN park_id BIGINT NOT NULL, ADD COLUMN grams TEXT[] GENERATED ALWAYS AS (text_grams(text)) STORED;
ALTER TABLE search_brand ADD COLUMN park_id BIGINT NOT NULL, ADD COLUMN grams TEXT[] GENERATED ALWAYS AS (text_grams(text)) STORED;
ALTER TABLE search_responsibility ADD COLUMN park_id BIGINT NOT NULL, ADD COLUMN grams TEXT[] GENERATED ALWAYS AS (text_grams(text)) STORED;
INSERT INTO search_activity (entry, park_id, text) SELECT search_entry(date, id), park_id, title || ' ' || coalesce(summary, '') FROM activities WHERE status = 'published';
INSERT INTO search_brand (entry, park_id, text) SELECT search_entry(launched, id), park_id, name || ' ' || coalesce(slogan, '') || ' ' || replace(coalesce(story, ''), '**', '') FROM brands WHERE status = 'published';
INSERT INTO search_responsibility (entry, park_id, text) SELECT search_entry(date, id), park_id, coalesce(note, '') FROM responsibility WHERE status = 'published';
CREATE INDEX search_activity_grams ON search_activity USING gin (grams);
CREATE INDEX search_brand_grams ON search_brand USING gin (grams);
CREATE INDEX search_responsibility_grams ON search_responsibility USING gin (grams);
CREATE INDEX search_activity_park ON search_activity (park_id, entry);
CREATE INDEX search_brand_park ON search_brand (park_id, entry);
CREATE INDEX search_responsibility_park ON search_responsibility (park_id, entry);

-- The pickers and the public search of enterprises: names and ids.
ALTER TABLE enterprises ADD COLUMN grams TEXT[] GENERATED ALWAYS AS (text_grams(name || ' ' || source_id)) STORED;
ALTER TABLE organizations ADD COLUMN grams TEXT[] GENERATED ALWAYS AS (text_grams(name || ' ' || source_id)) STORED;
CREATE INDEX enterprises_grams ON enterprises USING gin (grams);
CREATE INDEX organizations_grams ON organizations USING gin (grams);
CREATE INDEX enterprises_park_newest ON enterprises (park_id, id) INCLUDE (name);

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION search_activity_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.status = 'published' THEN
        DELETE FROM search_activity WHERE entry = search_entry(OLD.date, OLD.id);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status = 'published' THEN
        INSERT INTO search_activity (entry, park_id, text) VALUES (search_entry(NEW.date, NEW.id), NEW.park_id, NEW.title || ' ' || coalesce(NEW.summary, ''));
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION search_brand_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.status = 'published' THEN
        DELETE FROM search_brand WHERE entry = search_entry(OLD.launched, OLD.id);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status = 'published' THEN
        INSERT INTO search_brand (entry, park_id, text) VALUES (search_entry(NEW.launched, NEW.id), NEW.park_id,
            NEW.name || ' ' || coalesce(NEW.slogan, '') || ' ' || replace(coalesce(NEW.story, ''), '**', ''));
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION search_responsibility_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.status = 'published' THEN
        DELETE FROM search_responsibility WHERE entry = search_entry(OLD.date, OLD.id);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status = 'published' THEN
        INSERT INTO search_responsibility (entry, park_id, text) VALUES (search_entry(NEW.date, NEW.id), NEW.park_id, coalesce(NEW.note, ''));
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- +goose Down
DROP INDEX enterprises_park_newest;
ALTER TABLE enterprises DROP COLUMN grams;
ALTER TABLE organizations DROP COLUMN grams;
TRUNCATE search_activity, search_brand, search_responsibility;
ALTER TABLE search_activity DROP COLUMN grams, DROP COLUMN park_id;
ALTER TABLE search_brand DROP COLUMN grams, DROP COLUMN park_id;
ALTER TABLE search_responsibility DROP COLUMN grams, DROP COLUMN park_id;
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION search_activity_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.status = 'published' THEN
        DELETE FROM search_activity WHERE entry = search_entry(OLD.date, OLD.id);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status = 'published' THEN
        INSERT INTO search_activity (entry, text) VALUES (search_entry(NEW.date, NEW.id), NEW.title || ' ' || coalesce(NEW.summary, ''));
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION search_brand_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.status = 'published' THEN
        DELETE FROM search_brand WHERE entry = search_entry(OLD.launched, OLD.id);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status = 'published' THEN
        INSERT INTO search_brand (entry, text) VALUES (search_entry(NEW.launched, NEW.id),
            NEW.name || ' ' || coalesce(NEW.slogan, '') || ' ' || replace(coalesce(NEW.story, ''), '**', ''));
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION search_responsibility_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.status = 'published' THEN
        DELETE FROM search_responsibility WHERE entry = search_entry(OLD.date, OLD.id);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status = 'published' THEN
        INSERT INTO search_responsibility (entry, text) VALUES (search_entry(NEW.date, NEW.id), coalesce(NEW.note, ''));
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
INSERT INTO search_activity (entry, text) SELECT search_entry(date, id), title || ' ' || coalesce(summary, '') FROM activities WHERE status = 'published';
INSERT INTO search_brand (entry, text) SELECT search_entry(launched, id), name || ' ' || coalesce(slogan, '') || ' ' || replace(coalesce(story, ''), '**', '') FROM brands WHERE status = 'published';
INSERT INTO search_responsibility (entry, text) SELECT search_entry(date, id), coalesce(note, '') FROM responsibility WHERE status = 'published';
CREATE INDEX search_activity_text ON search_activity USING gin (text gin_trgm_ops);
CREATE INDEX search_brand_text ON search_brand USING gin (text gin_trgm_ops);
CREATE INDEX search_responsibility_text ON search_responsibility USING gin (text gin_trgm_ops);
DROP FUNCTION term_grams(text[]);
DROP FUNCTION text_grams(text);
