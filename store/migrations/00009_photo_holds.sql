-- Photos are kept only with a saved filing. An upload is held for a
-- while (photo_holds) so that a refused form's retry still carries it; a
-- saved filing that names it keeps it (filing_photos) and ends the hold;
-- the sweep removes held photos past their time that nothing refers to.
-- The hold lives in a table of its own so that keeping a photo never
-- rewrites the photo's row (and its image) to change a column.
-- +goose Up
CREATE TABLE photo_holds (
    photo_id INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
    until    TEXT    NOT NULL -- RFC 3339, UTC
);
CREATE INDEX photo_holds_until ON photo_holds(until);

-- The photos a filing's working copy (version 0) and each submitted
-- version name, so that the sweep asks an index, not every filing's JSON.
CREATE TABLE filing_photos (
    filing_id INTEGER NOT NULL REFERENCES filings(id) ON DELETE CASCADE,
    version   INTEGER NOT NULL,
    photo_id  INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
    PRIMARY KEY (filing_id, version, photo_id)
);
CREATE INDEX filing_photos_photo ON filing_photos(photo_id);

INSERT OR IGNORE INTO filing_photos (filing_id, version, photo_id)
SELECT f.id, 0, j.value FROM filings f, json_each(f.body, '$.photos') j
WHERE f.kind = 'activities' AND EXISTS (SELECT 1 FROM photos p WHERE p.id = j.value);
INSERT OR IGNORE INTO filing_photos (filing_id, version, photo_id)
SELECT v.filing_id, v.version, j.value FROM filing_versions v JOIN filings f ON f.id = v.filing_id, json_each(v.body, '$.photos') j
WHERE f.kind = 'activities' AND EXISTS (SELECT 1 FROM photos p WHERE p.id = j.value);
INSERT OR IGNORE INTO filing_photos (filing_id, version, photo_id)
SELECT f.id, 0, json_extract(f.body, '$.logo') FROM filings f
WHERE f.kind = 'brands' AND EXISTS (SELECT 1 FROM photos p WHERE p.id = json_extract(f.body, '$.logo'));
INSERT OR IGNORE INTO filing_photos (filing_id, version, photo_id)
SELECT v.filing_id, v.version, json_extract(v.body, '$.logo') FROM filing_versions v JOIN filings f ON f.id = v.filing_id
WHERE f.kind = 'brands' AND EXISTS (SELECT 1 FROM photos p WHERE p.id = json_extract(v.body, '$.logo'));

-- The photos kept so far that nothing refers to (a refused form's, or
-- dropped from a draft) are held from their upload: the first sweep
-- removes those uploaded more than 12 hours ago.
INSERT INTO photo_holds (photo_id, until)
SELECT p.id, strftime('%Y-%m-%dT%H:%M:%SZ', p.created_at, '+12 hours') FROM photos p
WHERE NOT EXISTS (SELECT 1 FROM filing_photos r WHERE r.photo_id = p.id)
  AND NOT EXISTS (SELECT 1 FROM activity_photos r WHERE r.photo_id = p.id)
  AND NOT EXISTS (SELECT 1 FROM brand_logos r WHERE r.photo_id = p.id);

-- An organisation's photo quota sums its photos' sizes from this index
-- alone (the lengths come from each row's header, never its image).
DROP INDEX photos_organization;
CREATE INDEX photos_usage ON photos(organization_id, (length(image) + length(thumb)));

-- +goose Down
DROP INDEX photos_usage;
CREATE INDEX photos_organization ON photos(organization_id);
DROP TABLE filing_photos;
DROP TABLE photo_holds;
