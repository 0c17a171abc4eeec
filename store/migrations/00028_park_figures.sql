-- The kept figures per park (issue 21): every table of figures the
-- write path keeps (migrations 00013, 00015, 00019, 00021) gains the park
-- in its key, and every trigger that moves one writes its record's park.
-- A park's page reads its own park's rows, however many parks the
-- district holds; the district's figures are sums over the parks' rows.
-- The tables of migration 00015 are created empty: Open builds them from
-- the records (buildFiguresIfNew), as it did when they were new. A record
-- never moves to another park (the *_park_fixed triggers), so an update's
-- NEW.park_id is its OLD.park_id. Accounts are counted under park 0.
-- Every park has a row of each ledger's total, 0 for none (AddPark adds
-- a new park's).
-- +goose Up
DROP TRIGGER activities_kept_delete;
DROP TRIGGER activities_kept_insert;
DROP TRIGGER activities_kept_update;
DROP TRIGGER activity_counts_delete;
DROP TRIGGER activity_counts_insert;
DROP TRIGGER activity_counts_update;
DROP TRIGGER ledger_totals_activities_delete;
DROP TRIGGER ledger_totals_activities_insert;
DROP TRIGGER awards_kept_delete;
DROP TRIGGER awards_kept_insert;
DROP TRIGGER ledger_totals_awards_delete;
DROP TRIGGER ledger_totals_awards_insert;
DROP TRIGGER brands_kept_delete;
DROP TRIGGER brands_kept_insert;
DROP TRIGGER brands_kept_update;
DROP TRIGGER ledger_totals_brands_delete;
DROP TRIGGER ledger_totals_brands_insert;
DROP TRIGGER designations_kept_delete;
DROP TRIGGER designations_kept_insert;
DROP TRIGGER designations_kept_update;
DROP TRIGGER ledger_totals_designations_delete;
DROP TRIGGER ledger_totals_designations_insert;
DROP TRIGGER enterprises_kept_delete;
DROP TRIGGER enterprises_kept_insert;
DROP TRIGGER ledger_totals_enterprises_delete;
DROP TRIGGER ledger_totals_enterprises_insert;
DROP TRIGGER staffing_ends_delete;
DROP TRIGGER staffing_ends_insert;
DROP TRIGGER staffing_ends_instructor;
DROP TRIGGER staffing_ends_specialist;
DROP TRIGGER ledger_totals_members_delete;
DROP TRIGGER ledger_totals_members_insert;
DROP TRIGGER members_kept_delete;
DROP TRIGGER members_kept_insert;
DROP TRIGGER members_kept_update;
DROP TRIGGER ledger_totals_organizations_delete;
DROP TRIGGER ledger_totals_organizations_insert;
DROP TRIGGER organizations_kept_delete;
DROP TRIGGER organizations_kept_insert;
DROP TRIGGER organizations_kept_update;
DROP TRIGGER ledger_totals_platforms_delete;
DROP TRIGGER ledger_totals_platforms_insert;
DROP TRIGGER platforms_kept_delete;
DROP TRIGGER platforms_kept_insert;
DROP TRIGGER platforms_kept_update;
DROP TRIGGER ledger_totals_responsibility_beneficiaries;
DROP TRIGGER ledger_totals_responsibility_delete;
DROP TRIGGER ledger_totals_responsibility_insert;
DROP TRIGGER responsibility_kept_delete;
DROP TRIGGER responsibility_kept_insert;
DROP TRIGGER responsibility_kept_update;
DROP TRIGGER ledger_totals_services_delete;
DROP TRIGGER ledger_totals_services_insert;
DROP TRIGGER services_kept_delete;
DROP TRIGGER services_kept_insert;
DROP TRIGGER services_kept_update;
DROP TRIGGER ledger_totals_staff_delete;
DROP TRIGGER ledger_totals_staff_insert;
DROP TRIGGER staff_kept_delete;
DROP TRIGGER staff_kept_insert;
DROP TRIGGER staff_kept_update;
DROP TRIGGER ledger_totals_surveys_delete;
DROP TRIGGER ledger_totals_surveys_insert;
DROP TRIGGER surveys_kept_delete;
DROP TRIGGER surveys_kept_insert;
DROP TRIGGER users_kept_delete;
DROP TRIGGER users_kept_insert;

DROP TABLE ledger_totals;
CREATE TABLE ledger_totals (
    park_id INTEGER NOT NULL,
    name    TEXT    NOT NULL, -- a ledger's table; responsibility.beneficiaries: that ledger's sum
    value   INTEGER NOT NULL,
    PRIMARY KEY (park_id, name)
) WITHOUT ROWID;
INSERT INTO ledger_totals (park_id, name, value) SELECT p.id, 'enterprises', (SELECT count(*) FROM enterprises WHERE park_id = p.id) FROM parks p;
INSERT INTO ledger_totals (park_id, name, value) SELECT p.id, 'surveys', (SELECT count(*) FROM surveys WHERE park_id = p.id) FROM parks p;
INSERT INTO ledger_totals (park_id, name, value) SELECT p.id, 'organizations', (SELECT count(*) FROM organizations WHERE park_id = p.id) FROM parks p;
INSERT INTO ledger_totals (park_id, name, value) SELECT p.id, 'staff', (SELECT count(*) FROM staff WHERE park_id = p.id) FROM parks p;
INSERT INTO ledger_totals (park_id, name, value) SELECT p.id, 'services', (SELECT count(*) FROM services WHERE park_id = p.id) FROM parks p;
INSERT INTO ledger_totals (park_id, name, value) SELECT p.id, 'members', (SELECT count(*) FROM members WHERE park_id = p.id) FROM parks p;
INSERT INTO ledger_totals (park_id, name, value) SELECT p.id, 'activities', (SELECT count(*) FROM activities WHERE park_id = p.id) FROM parks p;
INSERT INTO ledger_totals (park_id, name, value) SELECT p.id, 'platforms', (SELECT count(*) FROM platforms WHERE park_id = p.id) FROM parks p;
INSERT INTO ledger_totals (park_id, name, value) SELECT p.id, 'designations', (SELECT count(*) FROM designations WHERE park_id = p.id) FROM parks p;
INSERT INTO ledger_totals (park_id, name, value) SELECT p.id, 'brands', (SELECT count(*) FROM brands WHERE park_id = p.id) FROM parks p;
INSERT INTO ledger_totals (park_id, name, value) SELECT p.id, 'awards', (SELECT count(*) FROM awards WHERE park_id = p.id) FROM parks p;
INSERT INTO ledger_totals (park_id, name, value) SELECT p.id, 'responsibility', (SELECT count(*) FROM responsibility WHERE park_id = p.id) FROM parks p;
INSERT INTO ledger_totals (park_id, name, value)
    SELECT p.id, 'responsibility.beneficiaries', (SELECT coalesce(sum(beneficiaries), 0) FROM responsibility WHERE park_id = p.id) FROM parks p;

DROP TABLE activity_counts;
CREATE TABLE activity_counts (
    park_id INTEGER NOT NULL,
    program TEXT    NOT NULL,
    year    INTEGER NOT NULL,
    status  TEXT    NOT NULL,
    records INTEGER NOT NULL,
    PRIMARY KEY (park_id, program, year, status)
) WITHOUT ROWID;
INSERT INTO activity_counts (park_id, program, year, status, records)
    SELECT park_id, program, CAST(substr(date, 1, 4) AS INTEGER), status, count(*) FROM activities GROUP BY 1, 2, 3, 4;

DROP TABLE staffing_ends;
CREATE TABLE staffing_ends (
    park_id     INTEGER NOT NULL,
    role        TEXT    NOT NULL, -- specialist | instructor
    until       TEXT    NOT NULL,
    enterprises INTEGER NOT NULL,
    PRIMARY KEY (park_id, role, until)
) WITHOUT ROWID;
INSERT INTO staffing_ends (park_id, role, until, enterprises)
    SELECT park_id, 'specialist', specialist_until, count(*) FROM enterprises GROUP BY 1, 3;
INSERT INTO staffing_ends (park_id, role, until, enterprises)
    SELECT park_id, 'instructor', instructor_until, count(*) FROM enterprises GROUP BY 1, 3;

DROP TABLE ledger_counts;
CREATE TABLE ledger_counts (
    park_id    INTEGER NOT NULL,
    collection TEXT    NOT NULL,
    records    INTEGER NOT NULL,
    PRIMARY KEY (park_id, collection)
) WITHOUT ROWID;

DROP TABLE report_figures;
CREATE TABLE report_figures (
    park_id INTEGER NOT NULL,
    year    INTEGER NOT NULL,
    figure  TEXT    NOT NULL,
    value   INTEGER NOT NULL,
    PRIMARY KEY (park_id, year, figure)
) WITHOUT ROWID;

DROP TABLE report_marks;
CREATE TABLE report_marks (
    subject INTEGER NOT NULL, -- an enterprise's or an organisation's rowid
    figure  TEXT    NOT NULL,
    year    INTEGER NOT NULL,
    value   INTEGER NOT NULL,
    park_id INTEGER NOT NULL, -- the subject's
    PRIMARY KEY (subject, figure, year)
) WITHOUT ROWID;

DROP TABLE service_months;
CREATE TABLE service_months (
    park_id    INTEGER NOT NULL,
    month      TEXT    NOT NULL, -- 2024-05
    kind       TEXT    NOT NULL,
    services   INTEGER NOT NULL,
    market_fen INTEGER NOT NULL,
    actual_fen INTEGER NOT NULL,
    PRIMARY KEY (park_id, month, kind)
) WITHOUT ROWID;

DROP TABLE responsibility_years;
CREATE TABLE responsibility_years (
    park_id       INTEGER NOT NULL,
    year          INTEGER NOT NULL,
    kind          TEXT    NOT NULL,
    records       INTEGER NOT NULL,
    beneficiaries INTEGER NOT NULL,
    PRIMARY KEY (park_id, year, kind)
) WITHOUT ROWID;

DROP TABLE enterprise_figures;
CREATE TABLE enterprise_figures (
    enterprise_id  INTEGER PRIMARY KEY,
    park_id        INTEGER NOT NULL,
    coverage       TEXT    NOT NULL,
    surveyed       TEXT,
    full_members   INTEGER NOT NULL,
    responsibility INTEGER NOT NULL,
    beneficiaries  INTEGER NOT NULL,
    stage          TEXT    NOT NULL DEFAULT '',
    name           TEXT    NOT NULL DEFAULT '',
    employees      INTEGER,
    founded        TEXT
);
CREATE INDEX enterprise_figures_pipeline ON enterprise_figures(park_id, coverage, surveyed);
CREATE INDEX enterprise_figures_members ON enterprise_figures(park_id, coverage, full_members, surveyed);
CREATE INDEX enterprise_figures_beneficiaries ON enterprise_figures(park_id, beneficiaries) WHERE responsibility > 0;
CREATE INDEX enterprise_figures_ledger ON enterprise_figures(park_id, coverage, stage, employees, founded, name);

DROP TABLE coverage_counts;
CREATE TABLE coverage_counts (
    park_id     INTEGER NOT NULL,
    coverage    TEXT    NOT NULL,
    enterprises INTEGER NOT NULL,
    PRIMARY KEY (park_id, coverage)
) WITHOUT ROWID;

DROP TABLE brand_facets;
CREATE TABLE brand_facets (
    park_id         INTEGER NOT NULL,
    facet           TEXT    NOT NULL,
    launched        TEXT    NOT NULL,
    brand_id        INTEGER NOT NULL,
    organization_id INTEGER NOT NULL,
    PRIMARY KEY (park_id, facet, launched, brand_id)
) WITHOUT ROWID;
CREATE INDEX brand_facets_organization ON brand_facets(organization_id);

DROP TABLE brand_facet_counts;
CREATE TABLE brand_facet_counts (
    park_id INTEGER NOT NULL,
    facet   TEXT    NOT NULL,
    brands  INTEGER NOT NULL,
    PRIMARY KEY (park_id, facet)
) WITHOUT ROWID;

DELETE FROM figures_stale;

-- +goose StatementBegin
CREATE TRIGGER activities_kept_delete AFTER DELETE ON activities BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'activities', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT OLD.park_id, CAST(substr(OLD.date, 1, 4) AS INTEGER), 'activities.' || OLD.program, -1 WHERE OLD.status = 'published'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER activities_kept_insert AFTER INSERT ON activities BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'activities', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.date, 1, 4) AS INTEGER), 'activities.' || NEW.program, 1 WHERE NEW.status = 'published'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER activities_kept_update AFTER UPDATE ON activities BEGIN
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(OLD.date, 1, 4) AS INTEGER), 'activities.' || OLD.program, -1 WHERE OLD.status = 'published'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.date, 1, 4) AS INTEGER), 'activities.' || NEW.program, 1 WHERE NEW.status = 'published'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER activity_counts_delete AFTER DELETE ON activities BEGIN
    UPDATE activity_counts SET records = records - 1
        WHERE park_id = OLD.park_id AND (program = OLD.program AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER) AND status = OLD.status);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER activity_counts_insert AFTER INSERT ON activities BEGIN
    INSERT INTO activity_counts (park_id, program, year, status, records)
        VALUES (NEW.park_id, NEW.program, CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.status, 1)
        ON CONFLICT (park_id, program, year, status) DO UPDATE SET records = records + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER activity_counts_update AFTER UPDATE OF program, date, status ON activities
WHEN OLD.program IS NOT NEW.program OR substr(OLD.date, 1, 4) IS NOT substr(NEW.date, 1, 4) OR OLD.status IS NOT NEW.status
BEGIN
    UPDATE activity_counts SET records = records - 1
        WHERE park_id = NEW.park_id AND (program = OLD.program AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER) AND status = OLD.status);
    INSERT INTO activity_counts (park_id, program, year, status, records)
        VALUES (NEW.park_id, NEW.program, CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.status, 1)
        ON CONFLICT (park_id, program, year, status) DO UPDATE SET records = records + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_activities_delete AFTER DELETE ON activities
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'activities', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_activities_insert AFTER INSERT ON activities
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'activities', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER awards_kept_delete AFTER DELETE ON awards BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'awards', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('organization', OLD.organization_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER awards_kept_insert AFTER INSERT ON awards BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'awards', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('organization', NEW.organization_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_awards_delete AFTER DELETE ON awards
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'awards', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_awards_insert AFTER INSERT ON awards
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'awards', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER brands_kept_delete AFTER DELETE ON brands BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'brands', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT OLD.park_id, CAST(substr(OLD.launched, 1, 4) AS INTEGER), 'brand.brands_published', -1 WHERE OLD.status = 'published'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('organization', OLD.organization_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER brands_kept_insert AFTER INSERT ON brands BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'brands', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.launched, 1, 4) AS INTEGER), 'brand.brands_published', 1 WHERE NEW.status = 'published'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('organization', NEW.organization_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER brands_kept_update AFTER UPDATE ON brands BEGIN
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(OLD.launched, 1, 4) AS INTEGER), 'brand.brands_published', -1 WHERE OLD.status = 'published'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.launched, 1, 4) AS INTEGER), 'brand.brands_published', 1 WHERE NEW.status = 'published'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('organization', OLD.organization_id), ('organization', NEW.organization_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_brands_delete AFTER DELETE ON brands
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'brands', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_brands_insert AFTER INSERT ON brands
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'brands', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER designations_kept_delete AFTER DELETE ON designations BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'designations', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT OLD.park_id, OLD.year, 'uplift.zjtx_provincial_new', -1 WHERE OLD.kind = 'zjtx_provincial'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER designations_kept_insert AFTER INSERT ON designations BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'designations', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, NEW.year, 'uplift.zjtx_provincial_new', 1 WHERE NEW.kind = 'zjtx_provincial'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER designations_kept_update AFTER UPDATE ON designations BEGIN
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, OLD.year, 'uplift.zjtx_provincial_new', -1 WHERE OLD.kind = 'zjtx_provincial'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, NEW.year, 'uplift.zjtx_provincial_new', 1 WHERE NEW.kind = 'zjtx_provincial'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_designations_delete AFTER DELETE ON designations
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'designations', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_designations_insert AFTER INSERT ON designations
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'designations', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER enterprises_kept_delete AFTER DELETE ON enterprises BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'enterprises', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', OLD.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER enterprises_kept_insert AFTER INSERT ON enterprises BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'enterprises', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_enterprises_delete AFTER DELETE ON enterprises
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'enterprises', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_enterprises_insert AFTER INSERT ON enterprises
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'enterprises', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staffing_ends_delete AFTER DELETE ON enterprises BEGIN
    UPDATE staffing_ends SET enterprises = enterprises - 1
        WHERE park_id = OLD.park_id AND ((role = 'specialist' AND until = OLD.specialist_until) OR (role = 'instructor' AND until = OLD.instructor_until));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staffing_ends_insert AFTER INSERT ON enterprises BEGIN
    INSERT INTO staffing_ends (park_id, role, until, enterprises) VALUES (NEW.park_id, 'specialist', NEW.specialist_until, 1), (NEW.park_id, 'instructor', NEW.instructor_until, 1)
        ON CONFLICT (park_id, role, until) DO UPDATE SET enterprises = enterprises + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staffing_ends_instructor AFTER UPDATE OF instructor_until ON enterprises
WHEN OLD.instructor_until IS NOT NEW.instructor_until
BEGIN
    UPDATE staffing_ends SET enterprises = enterprises - 1 WHERE park_id = NEW.park_id AND (role = 'instructor' AND until = OLD.instructor_until);
    INSERT INTO staffing_ends (park_id, role, until, enterprises) VALUES (NEW.park_id, 'instructor', NEW.instructor_until, 1)
        ON CONFLICT (park_id, role, until) DO UPDATE SET enterprises = enterprises + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staffing_ends_specialist AFTER UPDATE OF specialist_until ON enterprises
WHEN OLD.specialist_until IS NOT NEW.specialist_until
BEGIN
    UPDATE staffing_ends SET enterprises = enterprises - 1 WHERE park_id = NEW.park_id AND (role = 'specialist' AND until = OLD.specialist_until);
    INSERT INTO staffing_ends (park_id, role, until, enterprises) VALUES (NEW.park_id, 'specialist', NEW.specialist_until, 1)
        ON CONFLICT (park_id, role, until) DO UPDATE SET enterprises = enterprises + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_members_delete AFTER DELETE ON members
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'members', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_members_insert AFTER INSERT ON members
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'members', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER members_kept_delete AFTER DELETE ON members BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'members', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT OLD.park_id, CAST(substr(OLD.probationary, 1, 4) AS INTEGER), 'uplift.members_developed', -1 WHERE OLD.probationary IS NOT NULL
    UNION ALL
    SELECT OLD.park_id, CAST(substr(OLD.probationary, 1, 4) AS INTEGER), 'uplift.members_developed_management', -1 WHERE OLD.probationary IS NOT NULL AND OLD.management = 1
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT OR IGNORE INTO figures_stale (subject, id) SELECT 'enterprise', OLD.enterprise_id WHERE OLD.enterprise_id IS NOT NULL;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER members_kept_insert AFTER INSERT ON members BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'members', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.probationary, 1, 4) AS INTEGER), 'uplift.members_developed', 1 WHERE NEW.probationary IS NOT NULL
    UNION ALL
    SELECT NEW.park_id, CAST(substr(NEW.probationary, 1, 4) AS INTEGER), 'uplift.members_developed_management', 1 WHERE NEW.probationary IS NOT NULL AND NEW.management = 1
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT OR IGNORE INTO figures_stale (subject, id) SELECT 'enterprise', NEW.enterprise_id WHERE NEW.enterprise_id IS NOT NULL;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER members_kept_update AFTER UPDATE ON members BEGIN
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(OLD.probationary, 1, 4) AS INTEGER), 'uplift.members_developed', -1 WHERE OLD.probationary IS NOT NULL
    UNION ALL
    SELECT NEW.park_id, CAST(substr(OLD.probationary, 1, 4) AS INTEGER), 'uplift.members_developed_management', -1 WHERE OLD.probationary IS NOT NULL AND OLD.management = 1
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.probationary, 1, 4) AS INTEGER), 'uplift.members_developed', 1 WHERE NEW.probationary IS NOT NULL
    UNION ALL
    SELECT NEW.park_id, CAST(substr(NEW.probationary, 1, 4) AS INTEGER), 'uplift.members_developed_management', 1 WHERE NEW.probationary IS NOT NULL AND NEW.management = 1
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT OR IGNORE INTO figures_stale (subject, id)
    SELECT 'enterprise', OLD.enterprise_id WHERE OLD.enterprise_id IS NOT NULL
    UNION SELECT 'enterprise', NEW.enterprise_id WHERE NEW.enterprise_id IS NOT NULL;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_organizations_delete AFTER DELETE ON organizations
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'organizations', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_organizations_insert AFTER INSERT ON organizations
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'organizations', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organizations_kept_delete AFTER DELETE ON organizations BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'organizations', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT OLD.park_id, CAST(substr(OLD.formed, 1, 4) AS INTEGER), CASE OLD.kind WHEN 'branch' THEN 'incubation.branches_formed' ELSE 'incubation.joint_branches_formed' END, -1
    WHERE OLD.kind IN ('branch', 'joint_branch')
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organizations_kept_insert AFTER INSERT ON organizations BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'organizations', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.formed, 1, 4) AS INTEGER), CASE NEW.kind WHEN 'branch' THEN 'incubation.branches_formed' ELSE 'incubation.joint_branches_formed' END, 1
    WHERE NEW.kind IN ('branch', 'joint_branch')
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organizations_kept_update AFTER UPDATE ON organizations BEGIN
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(OLD.formed, 1, 4) AS INTEGER), CASE OLD.kind WHEN 'branch' THEN 'incubation.branches_formed' ELSE 'incubation.joint_branches_formed' END, -1
    WHERE OLD.kind IN ('branch', 'joint_branch')
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.formed, 1, 4) AS INTEGER), CASE NEW.kind WHEN 'branch' THEN 'incubation.branches_formed' ELSE 'incubation.joint_branches_formed' END, 1
    WHERE NEW.kind IN ('branch', 'joint_branch')
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT OR IGNORE INTO figures_stale (subject, id)
    SELECT 'enterprise', enterprise_id FROM organization_enterprises WHERE organization_id IN (OLD.id, NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_platforms_delete AFTER DELETE ON platforms
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'platforms', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_platforms_insert AFTER INSERT ON platforms
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'platforms', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER platforms_kept_delete AFTER DELETE ON platforms BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'platforms', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT OLD.park_id, CAST(substr(OLD.established, 1, 4) AS INTEGER), 'uplift.university_lines', -1 WHERE OLD.kind = 'university_line'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER platforms_kept_insert AFTER INSERT ON platforms BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'platforms', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.established, 1, 4) AS INTEGER), 'uplift.university_lines', 1 WHERE NEW.kind = 'university_line'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER platforms_kept_update AFTER UPDATE ON platforms BEGIN
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(OLD.established, 1, 4) AS INTEGER), 'uplift.university_lines', -1 WHERE OLD.kind = 'university_line'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.established, 1, 4) AS INTEGER), 'uplift.university_lines', 1 WHERE NEW.kind = 'university_line'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_responsibility_beneficiaries AFTER UPDATE OF beneficiaries ON responsibility
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'responsibility.beneficiaries', 0 - OLD.beneficiaries + NEW.beneficiaries)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_responsibility_delete AFTER DELETE ON responsibility
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'responsibility', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'responsibility.beneficiaries', 0 - OLD.beneficiaries)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_responsibility_insert AFTER INSERT ON responsibility
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'responsibility', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'responsibility.beneficiaries', 0 + NEW.beneficiaries)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER responsibility_kept_delete AFTER DELETE ON responsibility BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'responsibility', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT INTO responsibility_years (park_id, year, kind, records, beneficiaries)
    SELECT OLD.park_id, CAST(substr(OLD.date, 1, 4) AS INTEGER), OLD.kind, -1, -OLD.beneficiaries WHERE OLD.status = 'published'
    ON CONFLICT (park_id, year, kind) DO UPDATE SET records = records + excluded.records, beneficiaries = beneficiaries + excluded.beneficiaries;
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', OLD.enterprise_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER responsibility_kept_insert AFTER INSERT ON responsibility BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'responsibility', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT INTO responsibility_years (park_id, year, kind, records, beneficiaries)
    SELECT NEW.park_id, CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.kind, 1, NEW.beneficiaries WHERE NEW.status = 'published'
    ON CONFLICT (park_id, year, kind) DO UPDATE SET records = records + excluded.records, beneficiaries = beneficiaries + excluded.beneficiaries;
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', NEW.enterprise_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER responsibility_kept_update AFTER UPDATE ON responsibility BEGIN
    INSERT INTO responsibility_years (park_id, year, kind, records, beneficiaries)
    SELECT NEW.park_id, CAST(substr(OLD.date, 1, 4) AS INTEGER), OLD.kind, -1, -OLD.beneficiaries WHERE OLD.status = 'published'
    ON CONFLICT (park_id, year, kind) DO UPDATE SET records = records + excluded.records, beneficiaries = beneficiaries + excluded.beneficiaries;
    INSERT INTO responsibility_years (park_id, year, kind, records, beneficiaries)
    SELECT NEW.park_id, CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.kind, 1, NEW.beneficiaries WHERE NEW.status = 'published'
    ON CONFLICT (park_id, year, kind) DO UPDATE SET records = records + excluded.records, beneficiaries = beneficiaries + excluded.beneficiaries;
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', OLD.enterprise_id), ('enterprise', NEW.enterprise_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_services_delete AFTER DELETE ON services
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'services', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_services_insert AFTER INSERT ON services
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'services', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER services_kept_delete AFTER DELETE ON services BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'services', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT INTO service_months (park_id, month, kind, services, market_fen, actual_fen)
    SELECT OLD.park_id, substr(OLD.date, 1, 7), OLD.kind, -1,
           -CASE WHEN OLD.market_cost_fen > 0 THEN OLD.market_cost_fen ELSE 0 END,
           -CASE WHEN OLD.market_cost_fen > 0 THEN coalesce(OLD.actual_cost_fen, 0) ELSE 0 END
    WHERE OLD.effective = 1
    ON CONFLICT (park_id, month, kind) DO UPDATE SET services = services + excluded.services,
        market_fen = market_fen + excluded.market_fen, actual_fen = actual_fen + excluded.actual_fen;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER services_kept_insert AFTER INSERT ON services BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'services', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT INTO service_months (park_id, month, kind, services, market_fen, actual_fen)
    SELECT NEW.park_id, substr(NEW.date, 1, 7), NEW.kind, 1,
           CASE WHEN NEW.market_cost_fen > 0 THEN NEW.market_cost_fen ELSE 0 END,
           CASE WHEN NEW.market_cost_fen > 0 THEN coalesce(NEW.actual_cost_fen, 0) ELSE 0 END
    WHERE NEW.effective = 1
    ON CONFLICT (park_id, month, kind) DO UPDATE SET services = services + excluded.services,
        market_fen = market_fen + excluded.market_fen, actual_fen = actual_fen + excluded.actual_fen;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER services_kept_update AFTER UPDATE ON services BEGIN
    INSERT INTO service_months (park_id, month, kind, services, market_fen, actual_fen)
    SELECT NEW.park_id, substr(OLD.date, 1, 7), OLD.kind, -1,
           -CASE WHEN OLD.market_cost_fen > 0 THEN OLD.market_cost_fen ELSE 0 END,
           -CASE WHEN OLD.market_cost_fen > 0 THEN coalesce(OLD.actual_cost_fen, 0) ELSE 0 END
    WHERE OLD.effective = 1
    ON CONFLICT (park_id, month, kind) DO UPDATE SET services = services + excluded.services,
        market_fen = market_fen + excluded.market_fen, actual_fen = actual_fen + excluded.actual_fen;
    INSERT INTO service_months (park_id, month, kind, services, market_fen, actual_fen)
    SELECT NEW.park_id, substr(NEW.date, 1, 7), NEW.kind, 1,
           CASE WHEN NEW.market_cost_fen > 0 THEN NEW.market_cost_fen ELSE 0 END,
           CASE WHEN NEW.market_cost_fen > 0 THEN coalesce(NEW.actual_cost_fen, 0) ELSE 0 END
    WHERE NEW.effective = 1
    ON CONFLICT (park_id, month, kind) DO UPDATE SET services = services + excluded.services,
        market_fen = market_fen + excluded.market_fen, actual_fen = actual_fen + excluded.actual_fen;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_staff_delete AFTER DELETE ON staff
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'staff', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_staff_insert AFTER INSERT ON staff
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'staff', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staff_kept_delete AFTER DELETE ON staff BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'staff', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT OLD.park_id, CAST(substr(OLD.since, 1, 4) AS INTEGER), 'incubation.staff_serving', -1 WHERE true
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT OLD.park_id, CAST(substr(OLD.until, 1, 4) AS INTEGER) + 1, 'incubation.staff_serving', 1 WHERE OLD.until IS NOT NULL
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staff_kept_insert AFTER INSERT ON staff BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'staff', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.since, 1, 4) AS INTEGER), 'incubation.staff_serving', 1 WHERE true
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.until, 1, 4) AS INTEGER) + 1, 'incubation.staff_serving', -1 WHERE NEW.until IS NOT NULL
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staff_kept_update AFTER UPDATE ON staff BEGIN
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(OLD.since, 1, 4) AS INTEGER), 'incubation.staff_serving', -1 WHERE true
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(OLD.until, 1, 4) AS INTEGER) + 1, 'incubation.staff_serving', 1 WHERE OLD.until IS NOT NULL
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.since, 1, 4) AS INTEGER), 'incubation.staff_serving', 1 WHERE true
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.until, 1, 4) AS INTEGER) + 1, 'incubation.staff_serving', -1 WHERE NEW.until IS NOT NULL
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_surveys_delete AFTER DELETE ON surveys
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'surveys', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_surveys_insert AFTER INSERT ON surveys
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'surveys', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER surveys_kept_delete AFTER DELETE ON surveys BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'surveys', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', OLD.enterprise_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER surveys_kept_insert AFTER INSERT ON surveys BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'surveys', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', NEW.enterprise_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER users_kept_delete AFTER DELETE ON users BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (0, 'users', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER users_kept_insert AFTER INSERT ON users BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (0, 'users', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = records + excluded.records;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER enterprises_park_fixed BEFORE UPDATE OF park_id ON enterprises WHEN OLD.park_id IS NOT NEW.park_id
BEGIN
    SELECT RAISE(ABORT, 'a record stays in its park');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER surveys_park_fixed BEFORE UPDATE OF park_id ON surveys WHEN OLD.park_id IS NOT NEW.park_id
BEGIN
    SELECT RAISE(ABORT, 'a record stays in its park');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organizations_park_fixed BEFORE UPDATE OF park_id ON organizations WHEN OLD.park_id IS NOT NEW.park_id
BEGIN
    SELECT RAISE(ABORT, 'a record stays in its park');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staff_park_fixed BEFORE UPDATE OF park_id ON staff WHEN OLD.park_id IS NOT NEW.park_id
BEGIN
    SELECT RAISE(ABORT, 'a record stays in its park');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER services_park_fixed BEFORE UPDATE OF park_id ON services WHEN OLD.park_id IS NOT NEW.park_id
BEGIN
    SELECT RAISE(ABORT, 'a record stays in its park');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER members_park_fixed BEFORE UPDATE OF park_id ON members WHEN OLD.park_id IS NOT NEW.park_id
BEGIN
    SELECT RAISE(ABORT, 'a record stays in its park');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER activities_park_fixed BEFORE UPDATE OF park_id ON activities WHEN OLD.park_id IS NOT NEW.park_id
BEGIN
    SELECT RAISE(ABORT, 'a record stays in its park');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER platforms_park_fixed BEFORE UPDATE OF park_id ON platforms WHEN OLD.park_id IS NOT NEW.park_id
BEGIN
    SELECT RAISE(ABORT, 'a record stays in its park');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER designations_park_fixed BEFORE UPDATE OF park_id ON designations WHEN OLD.park_id IS NOT NEW.park_id
BEGIN
    SELECT RAISE(ABORT, 'a record stays in its park');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER brands_park_fixed BEFORE UPDATE OF park_id ON brands WHEN OLD.park_id IS NOT NEW.park_id
BEGIN
    SELECT RAISE(ABORT, 'a record stays in its park');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER awards_park_fixed BEFORE UPDATE OF park_id ON awards WHEN OLD.park_id IS NOT NEW.park_id
BEGIN
    SELECT RAISE(ABORT, 'a record stays in its park');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER responsibility_park_fixed BEFORE UPDATE OF park_id ON responsibility WHEN OLD.park_id IS NOT NEW.park_id
BEGIN
    SELECT RAISE(ABORT, 'a record stays in its park');
END;
-- +goose StatementEnd

-- +goose Down
-- The tables and triggers as migrations 00013 to 00026 left them; the
-- figures of 00015 are built again by the Open of that version.
DROP TRIGGER activities_kept_delete;
DROP TRIGGER activities_kept_insert;
DROP TRIGGER activities_kept_update;
DROP TRIGGER activity_counts_delete;
DROP TRIGGER activity_counts_insert;
DROP TRIGGER activity_counts_update;
DROP TRIGGER ledger_totals_activities_delete;
DROP TRIGGER ledger_totals_activities_insert;
DROP TRIGGER awards_kept_delete;
DROP TRIGGER awards_kept_insert;
DROP TRIGGER ledger_totals_awards_delete;
DROP TRIGGER ledger_totals_awards_insert;
DROP TRIGGER brands_kept_delete;
DROP TRIGGER brands_kept_insert;
DROP TRIGGER brands_kept_update;
DROP TRIGGER ledger_totals_brands_delete;
DROP TRIGGER ledger_totals_brands_insert;
DROP TRIGGER designations_kept_delete;
DROP TRIGGER designations_kept_insert;
DROP TRIGGER designations_kept_update;
DROP TRIGGER ledger_totals_designations_delete;
DROP TRIGGER ledger_totals_designations_insert;
DROP TRIGGER enterprises_kept_delete;
DROP TRIGGER enterprises_kept_insert;
DROP TRIGGER ledger_totals_enterprises_delete;
DROP TRIGGER ledger_totals_enterprises_insert;
DROP TRIGGER staffing_ends_delete;
DROP TRIGGER staffing_ends_insert;
DROP TRIGGER staffing_ends_instructor;
DROP TRIGGER staffing_ends_specialist;
DROP TRIGGER ledger_totals_members_delete;
DROP TRIGGER ledger_totals_members_insert;
DROP TRIGGER members_kept_delete;
DROP TRIGGER members_kept_insert;
DROP TRIGGER members_kept_update;
DROP TRIGGER ledger_totals_organizations_delete;
DROP TRIGGER ledger_totals_organizations_insert;
DROP TRIGGER organizations_kept_delete;
DROP TRIGGER organizations_kept_insert;
DROP TRIGGER organizations_kept_update;
DROP TRIGGER ledger_totals_platforms_delete;
DROP TRIGGER ledger_totals_platforms_insert;
DROP TRIGGER platforms_kept_delete;
DROP TRIGGER platforms_kept_insert;
DROP TRIGGER platforms_kept_update;
DROP TRIGGER ledger_totals_responsibility_beneficiaries;
DROP TRIGGER ledger_totals_responsibility_delete;
DROP TRIGGER ledger_totals_responsibility_insert;
DROP TRIGGER responsibility_kept_delete;
DROP TRIGGER responsibility_kept_insert;
DROP TRIGGER responsibility_kept_update;
DROP TRIGGER ledger_totals_services_delete;
DROP TRIGGER ledger_totals_services_insert;
DROP TRIGGER services_kept_delete;
DROP TRIGGER services_kept_insert;
DROP TRIGGER services_kept_update;
DROP TRIGGER ledger_totals_staff_delete;
DROP TRIGGER ledger_totals_staff_insert;
DROP TRIGGER staff_kept_delete;
DROP TRIGGER staff_kept_insert;
DROP TRIGGER staff_kept_update;
DROP TRIGGER ledger_totals_surveys_delete;
DROP TRIGGER ledger_totals_surveys_insert;
DROP TRIGGER surveys_kept_delete;
DROP TRIGGER surveys_kept_insert;
DROP TRIGGER users_kept_delete;
DROP TRIGGER users_kept_insert;
DROP TRIGGER enterprises_park_fixed;
DROP TRIGGER surveys_park_fixed;
DROP TRIGGER organizations_park_fixed;
DROP TRIGGER staff_park_fixed;
DROP TRIGGER services_park_fixed;
DROP TRIGGER members_park_fixed;
DROP TRIGGER activities_park_fixed;
DROP TRIGGER platforms_park_fixed;
DROP TRIGGER designations_park_fixed;
DROP TRIGGER brands_park_fixed;
DROP TRIGGER awards_park_fixed;
DROP TRIGGER responsibility_park_fixed;
DROP TABLE ledger_totals;
CREATE TABLE ledger_totals (
    name  TEXT    PRIMARY KEY, -- a ledger's table; responsibility.beneficiaries: that ledger's sum
    value INTEGER NOT NULL
) WITHOUT ROWID;
DROP TABLE ledger_counts;
CREATE TABLE ledger_counts (
    collection TEXT    PRIMARY KEY,
    records    INTEGER NOT NULL
) WITHOUT ROWID;
DROP TABLE report_figures;
CREATE TABLE report_figures (
    year   INTEGER NOT NULL,
    figure TEXT    NOT NULL,
    value  INTEGER NOT NULL,
    PRIMARY KEY (year, figure)
) WITHOUT ROWID;
DROP TABLE report_marks;
CREATE TABLE report_marks (
    subject INTEGER NOT NULL,
    figure  TEXT    NOT NULL,
    year    INTEGER NOT NULL,
    value   INTEGER NOT NULL,
    PRIMARY KEY (subject, figure, year)
) WITHOUT ROWID;
DROP TABLE service_months;
CREATE TABLE service_months (
    month      TEXT    NOT NULL, -- 2024-05
    kind       TEXT    NOT NULL,
    services   INTEGER NOT NULL,
    market_fen INTEGER NOT NULL,
    actual_fen INTEGER NOT NULL,
    PRIMARY KEY (month, kind)
) WITHOUT ROWID;
DROP TABLE responsibility_years;
CREATE TABLE responsibility_years (
    year          INTEGER NOT NULL,
    kind          TEXT    NOT NULL,
    records       INTEGER NOT NULL,
    beneficiaries INTEGER NOT NULL,
    PRIMARY KEY (year, kind)
) WITHOUT ROWID;
DROP TABLE enterprise_figures;
CREATE TABLE enterprise_figures (
    enterprise_id  INTEGER PRIMARY KEY,
    coverage       TEXT    NOT NULL,
    surveyed       TEXT,
    full_members   INTEGER NOT NULL,
    responsibility INTEGER NOT NULL,
    beneficiaries  INTEGER NOT NULL
, stage TEXT NOT NULL DEFAULT '', name TEXT NOT NULL DEFAULT '', employees INTEGER, founded TEXT);
CREATE INDEX enterprise_figures_pipeline ON enterprise_figures(coverage, surveyed);
CREATE INDEX enterprise_figures_members ON enterprise_figures(coverage, full_members, surveyed);
CREATE INDEX enterprise_figures_beneficiaries ON enterprise_figures(beneficiaries) WHERE responsibility > 0;
CREATE INDEX enterprise_figures_ledger ON enterprise_figures(coverage, stage, employees, founded, name);
DROP TABLE coverage_counts;
CREATE TABLE coverage_counts (
    coverage    TEXT    PRIMARY KEY,
    enterprises INTEGER NOT NULL
) WITHOUT ROWID;
DROP TABLE brand_facets;
CREATE TABLE brand_facets (
    facet           TEXT    NOT NULL,
    launched        TEXT    NOT NULL,
    brand_id        INTEGER NOT NULL,
    organization_id INTEGER NOT NULL,
    PRIMARY KEY (facet, launched, brand_id)
) WITHOUT ROWID;
CREATE INDEX brand_facets_organization ON brand_facets(organization_id);
DROP TABLE brand_facet_counts;
CREATE TABLE brand_facet_counts (
    facet  TEXT    PRIMARY KEY,
    brands INTEGER NOT NULL
) WITHOUT ROWID;
DROP TABLE activity_counts;
CREATE TABLE activity_counts (
    program TEXT    NOT NULL,
    year    INTEGER NOT NULL,
    status  TEXT    NOT NULL,
    records INTEGER NOT NULL,
    PRIMARY KEY (program, year, status)
) WITHOUT ROWID;
DROP TABLE staffing_ends;
CREATE TABLE staffing_ends (
    role        TEXT    NOT NULL, -- specialist | instructor
    until       TEXT    NOT NULL,
    enterprises INTEGER NOT NULL,
    PRIMARY KEY (role, until)
) WITHOUT ROWID;

-- +goose StatementBegin
CREATE TRIGGER activities_kept_delete AFTER DELETE ON activities BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'activities';
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(OLD.date, 1, 4) AS INTEGER), 'activities.' || OLD.program, -1 WHERE OLD.status = 'published'
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER activities_kept_insert AFTER INSERT ON activities BEGIN
    UPDATE ledger_counts SET records = records + 1 WHERE collection = 'activities';
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(NEW.date, 1, 4) AS INTEGER), 'activities.' || NEW.program, 1 WHERE NEW.status = 'published'
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER activities_kept_update AFTER UPDATE ON activities BEGIN
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(OLD.date, 1, 4) AS INTEGER), 'activities.' || OLD.program, -1 WHERE OLD.status = 'published'
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(NEW.date, 1, 4) AS INTEGER), 'activities.' || NEW.program, 1 WHERE NEW.status = 'published'
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER activity_counts_delete AFTER DELETE ON activities BEGIN
    UPDATE activity_counts SET records = records - 1
        WHERE program = OLD.program AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER) AND status = OLD.status;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER activity_counts_insert AFTER INSERT ON activities BEGIN
    INSERT INTO activity_counts (program, year, status, records)
        VALUES (NEW.program, CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.status, 1)
        ON CONFLICT (program, year, status) DO UPDATE SET records = records + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER activity_counts_update AFTER UPDATE OF program, date, status ON activities
WHEN OLD.program IS NOT NEW.program OR substr(OLD.date, 1, 4) IS NOT substr(NEW.date, 1, 4) OR OLD.status IS NOT NEW.status
BEGIN
    UPDATE activity_counts SET records = records - 1
        WHERE program = OLD.program AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER) AND status = OLD.status;
    INSERT INTO activity_counts (program, year, status, records)
        VALUES (NEW.program, CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.status, 1)
        ON CONFLICT (program, year, status) DO UPDATE SET records = records + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_activities_delete AFTER DELETE ON activities
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'activities';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_activities_insert AFTER INSERT ON activities
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'activities';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER awards_kept_delete AFTER DELETE ON awards BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'awards';
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('organization', OLD.organization_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER awards_kept_insert AFTER INSERT ON awards BEGIN
    UPDATE ledger_counts SET records = records + 1 WHERE collection = 'awards';
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('organization', NEW.organization_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_awards_delete AFTER DELETE ON awards
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'awards';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_awards_insert AFTER INSERT ON awards
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'awards';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER brands_kept_delete AFTER DELETE ON brands BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'brands';
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(OLD.launched, 1, 4) AS INTEGER), 'brand.brands_published', -1 WHERE OLD.status = 'published'
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('organization', OLD.organization_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER brands_kept_insert AFTER INSERT ON brands BEGIN
    UPDATE ledger_counts SET records = records + 1 WHERE collection = 'brands';
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(NEW.launched, 1, 4) AS INTEGER), 'brand.brands_published', 1 WHERE NEW.status = 'published'
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('organization', NEW.organization_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER brands_kept_update AFTER UPDATE ON brands BEGIN
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(OLD.launched, 1, 4) AS INTEGER), 'brand.brands_published', -1 WHERE OLD.status = 'published'
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(NEW.launched, 1, 4) AS INTEGER), 'brand.brands_published', 1 WHERE NEW.status = 'published'
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('organization', OLD.organization_id), ('organization', NEW.organization_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_brands_delete AFTER DELETE ON brands
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'brands';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_brands_insert AFTER INSERT ON brands
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'brands';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER designations_kept_delete AFTER DELETE ON designations BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'designations';
    INSERT INTO report_figures (year, figure, value)
    SELECT OLD.year, 'uplift.zjtx_provincial_new', -1 WHERE OLD.kind = 'zjtx_provincial'
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER designations_kept_insert AFTER INSERT ON designations BEGIN
    UPDATE ledger_counts SET records = records + 1 WHERE collection = 'designations';
    INSERT INTO report_figures (year, figure, value)
    SELECT NEW.year, 'uplift.zjtx_provincial_new', 1 WHERE NEW.kind = 'zjtx_provincial'
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER designations_kept_update AFTER UPDATE ON designations BEGIN
    INSERT INTO report_figures (year, figure, value)
    SELECT OLD.year, 'uplift.zjtx_provincial_new', -1 WHERE OLD.kind = 'zjtx_provincial'
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (year, figure, value)
    SELECT NEW.year, 'uplift.zjtx_provincial_new', 1 WHERE NEW.kind = 'zjtx_provincial'
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_designations_delete AFTER DELETE ON designations
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'designations';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_designations_insert AFTER INSERT ON designations
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'designations';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER enterprises_kept_delete AFTER DELETE ON enterprises BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'enterprises';
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', OLD.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER enterprises_kept_insert AFTER INSERT ON enterprises BEGIN
    UPDATE ledger_counts SET records = records + 1 WHERE collection = 'enterprises';
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_enterprises_delete AFTER DELETE ON enterprises
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'enterprises';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_enterprises_insert AFTER INSERT ON enterprises
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'enterprises';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staffing_ends_delete AFTER DELETE ON enterprises BEGIN
    UPDATE staffing_ends SET enterprises = enterprises - 1
        WHERE (role = 'specialist' AND until = OLD.specialist_until) OR (role = 'instructor' AND until = OLD.instructor_until);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staffing_ends_insert AFTER INSERT ON enterprises BEGIN
    INSERT INTO staffing_ends (role, until, enterprises) VALUES ('specialist', NEW.specialist_until, 1), ('instructor', NEW.instructor_until, 1)
        ON CONFLICT (role, until) DO UPDATE SET enterprises = enterprises + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staffing_ends_instructor AFTER UPDATE OF instructor_until ON enterprises
WHEN OLD.instructor_until IS NOT NEW.instructor_until
BEGIN
    UPDATE staffing_ends SET enterprises = enterprises - 1 WHERE role = 'instructor' AND until = OLD.instructor_until;
    INSERT INTO staffing_ends (role, until, enterprises) VALUES ('instructor', NEW.instructor_until, 1)
        ON CONFLICT (role, until) DO UPDATE SET enterprises = enterprises + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staffing_ends_specialist AFTER UPDATE OF specialist_until ON enterprises
WHEN OLD.specialist_until IS NOT NEW.specialist_until
BEGIN
    UPDATE staffing_ends SET enterprises = enterprises - 1 WHERE role = 'specialist' AND until = OLD.specialist_until;
    INSERT INTO staffing_ends (role, until, enterprises) VALUES ('specialist', NEW.specialist_until, 1)
        ON CONFLICT (role, until) DO UPDATE SET enterprises = enterprises + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_members_delete AFTER DELETE ON members
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'members';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_members_insert AFTER INSERT ON members
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'members';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER members_kept_delete AFTER DELETE ON members BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'members';
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(OLD.probationary, 1, 4) AS INTEGER), 'uplift.members_developed', -1 WHERE OLD.probationary IS NOT NULL
    UNION ALL
    SELECT CAST(substr(OLD.probationary, 1, 4) AS INTEGER), 'uplift.members_developed_management', -1 WHERE OLD.probationary IS NOT NULL AND OLD.management = 1
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT OR IGNORE INTO figures_stale (subject, id) SELECT 'enterprise', OLD.enterprise_id WHERE OLD.enterprise_id IS NOT NULL;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER members_kept_insert AFTER INSERT ON members BEGIN
    UPDATE ledger_counts SET records = records + 1 WHERE collection = 'members';
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(NEW.probationary, 1, 4) AS INTEGER), 'uplift.members_developed', 1 WHERE NEW.probationary IS NOT NULL
    UNION ALL
    SELECT CAST(substr(NEW.probationary, 1, 4) AS INTEGER), 'uplift.members_developed_management', 1 WHERE NEW.probationary IS NOT NULL AND NEW.management = 1
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT OR IGNORE INTO figures_stale (subject, id) SELECT 'enterprise', NEW.enterprise_id WHERE NEW.enterprise_id IS NOT NULL;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER members_kept_update AFTER UPDATE ON members BEGIN
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(OLD.probationary, 1, 4) AS INTEGER), 'uplift.members_developed', -1 WHERE OLD.probationary IS NOT NULL
    UNION ALL
    SELECT CAST(substr(OLD.probationary, 1, 4) AS INTEGER), 'uplift.members_developed_management', -1 WHERE OLD.probationary IS NOT NULL AND OLD.management = 1
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(NEW.probationary, 1, 4) AS INTEGER), 'uplift.members_developed', 1 WHERE NEW.probationary IS NOT NULL
    UNION ALL
    SELECT CAST(substr(NEW.probationary, 1, 4) AS INTEGER), 'uplift.members_developed_management', 1 WHERE NEW.probationary IS NOT NULL AND NEW.management = 1
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT OR IGNORE INTO figures_stale (subject, id)
    SELECT 'enterprise', OLD.enterprise_id WHERE OLD.enterprise_id IS NOT NULL
    UNION SELECT 'enterprise', NEW.enterprise_id WHERE NEW.enterprise_id IS NOT NULL;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_organizations_delete AFTER DELETE ON organizations
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'organizations';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_organizations_insert AFTER INSERT ON organizations
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'organizations';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organizations_kept_delete AFTER DELETE ON organizations BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'organizations';
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(OLD.formed, 1, 4) AS INTEGER), CASE OLD.kind WHEN 'branch' THEN 'incubation.branches_formed' ELSE 'incubation.joint_branches_formed' END, -1
    WHERE OLD.kind IN ('branch', 'joint_branch')
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organizations_kept_insert AFTER INSERT ON organizations BEGIN
    UPDATE ledger_counts SET records = records + 1 WHERE collection = 'organizations';
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(NEW.formed, 1, 4) AS INTEGER), CASE NEW.kind WHEN 'branch' THEN 'incubation.branches_formed' ELSE 'incubation.joint_branches_formed' END, 1
    WHERE NEW.kind IN ('branch', 'joint_branch')
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organizations_kept_update AFTER UPDATE ON organizations BEGIN
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(OLD.formed, 1, 4) AS INTEGER), CASE OLD.kind WHEN 'branch' THEN 'incubation.branches_formed' ELSE 'incubation.joint_branches_formed' END, -1
    WHERE OLD.kind IN ('branch', 'joint_branch')
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(NEW.formed, 1, 4) AS INTEGER), CASE NEW.kind WHEN 'branch' THEN 'incubation.branches_formed' ELSE 'incubation.joint_branches_formed' END, 1
    WHERE NEW.kind IN ('branch', 'joint_branch')
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT OR IGNORE INTO figures_stale (subject, id)
    SELECT 'enterprise', enterprise_id FROM organization_enterprises WHERE organization_id IN (OLD.id, NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_platforms_delete AFTER DELETE ON platforms
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'platforms';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_platforms_insert AFTER INSERT ON platforms
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'platforms';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER platforms_kept_delete AFTER DELETE ON platforms BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'platforms';
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(OLD.established, 1, 4) AS INTEGER), 'uplift.university_lines', -1 WHERE OLD.kind = 'university_line'
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER platforms_kept_insert AFTER INSERT ON platforms BEGIN
    UPDATE ledger_counts SET records = records + 1 WHERE collection = 'platforms';
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(NEW.established, 1, 4) AS INTEGER), 'uplift.university_lines', 1 WHERE NEW.kind = 'university_line'
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER platforms_kept_update AFTER UPDATE ON platforms BEGIN
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(OLD.established, 1, 4) AS INTEGER), 'uplift.university_lines', -1 WHERE OLD.kind = 'university_line'
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(NEW.established, 1, 4) AS INTEGER), 'uplift.university_lines', 1 WHERE NEW.kind = 'university_line'
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_responsibility_beneficiaries AFTER UPDATE OF beneficiaries ON responsibility
BEGIN
    UPDATE ledger_totals SET value = value - OLD.beneficiaries + NEW.beneficiaries WHERE name = 'responsibility.beneficiaries';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_responsibility_delete AFTER DELETE ON responsibility
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'responsibility';
    UPDATE ledger_totals SET value = value - OLD.beneficiaries WHERE name = 'responsibility.beneficiaries';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_responsibility_insert AFTER INSERT ON responsibility
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'responsibility';
    UPDATE ledger_totals SET value = value + NEW.beneficiaries WHERE name = 'responsibility.beneficiaries';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER responsibility_kept_delete AFTER DELETE ON responsibility BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'responsibility';
    INSERT INTO responsibility_years (year, kind, records, beneficiaries)
    SELECT CAST(substr(OLD.date, 1, 4) AS INTEGER), OLD.kind, -1, -OLD.beneficiaries WHERE OLD.status = 'published'
    ON CONFLICT (year, kind) DO UPDATE SET records = records + excluded.records, beneficiaries = beneficiaries + excluded.beneficiaries;
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', OLD.enterprise_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER responsibility_kept_insert AFTER INSERT ON responsibility BEGIN
    UPDATE ledger_counts SET records = records + 1 WHERE collection = 'responsibility';
    INSERT INTO responsibility_years (year, kind, records, beneficiaries)
    SELECT CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.kind, 1, NEW.beneficiaries WHERE NEW.status = 'published'
    ON CONFLICT (year, kind) DO UPDATE SET records = records + excluded.records, beneficiaries = beneficiaries + excluded.beneficiaries;
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', NEW.enterprise_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER responsibility_kept_update AFTER UPDATE ON responsibility BEGIN
    INSERT INTO responsibility_years (year, kind, records, beneficiaries)
    SELECT CAST(substr(OLD.date, 1, 4) AS INTEGER), OLD.kind, -1, -OLD.beneficiaries WHERE OLD.status = 'published'
    ON CONFLICT (year, kind) DO UPDATE SET records = records + excluded.records, beneficiaries = beneficiaries + excluded.beneficiaries;
    INSERT INTO responsibility_years (year, kind, records, beneficiaries)
    SELECT CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.kind, 1, NEW.beneficiaries WHERE NEW.status = 'published'
    ON CONFLICT (year, kind) DO UPDATE SET records = records + excluded.records, beneficiaries = beneficiaries + excluded.beneficiaries;
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', OLD.enterprise_id), ('enterprise', NEW.enterprise_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_services_delete AFTER DELETE ON services
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'services';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_services_insert AFTER INSERT ON services
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'services';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER services_kept_delete AFTER DELETE ON services BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'services';
    INSERT INTO service_months (month, kind, services, market_fen, actual_fen)
    SELECT substr(OLD.date, 1, 7), OLD.kind, -1,
           -CASE WHEN OLD.market_cost_fen > 0 THEN OLD.market_cost_fen ELSE 0 END,
           -CASE WHEN OLD.market_cost_fen > 0 THEN coalesce(OLD.actual_cost_fen, 0) ELSE 0 END
    WHERE OLD.effective = 1
    ON CONFLICT (month, kind) DO UPDATE SET services = services + excluded.services,
        market_fen = market_fen + excluded.market_fen, actual_fen = actual_fen + excluded.actual_fen;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER services_kept_insert AFTER INSERT ON services BEGIN
    UPDATE ledger_counts SET records = records + 1 WHERE collection = 'services';
    INSERT INTO service_months (month, kind, services, market_fen, actual_fen)
    SELECT substr(NEW.date, 1, 7), NEW.kind, 1,
           CASE WHEN NEW.market_cost_fen > 0 THEN NEW.market_cost_fen ELSE 0 END,
           CASE WHEN NEW.market_cost_fen > 0 THEN coalesce(NEW.actual_cost_fen, 0) ELSE 0 END
    WHERE NEW.effective = 1
    ON CONFLICT (month, kind) DO UPDATE SET services = services + excluded.services,
        market_fen = market_fen + excluded.market_fen, actual_fen = actual_fen + excluded.actual_fen;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER services_kept_update AFTER UPDATE ON services BEGIN
    INSERT INTO service_months (month, kind, services, market_fen, actual_fen)
    SELECT substr(OLD.date, 1, 7), OLD.kind, -1,
           -CASE WHEN OLD.market_cost_fen > 0 THEN OLD.market_cost_fen ELSE 0 END,
           -CASE WHEN OLD.market_cost_fen > 0 THEN coalesce(OLD.actual_cost_fen, 0) ELSE 0 END
    WHERE OLD.effective = 1
    ON CONFLICT (month, kind) DO UPDATE SET services = services + excluded.services,
        market_fen = market_fen + excluded.market_fen, actual_fen = actual_fen + excluded.actual_fen;
    INSERT INTO service_months (month, kind, services, market_fen, actual_fen)
    SELECT substr(NEW.date, 1, 7), NEW.kind, 1,
           CASE WHEN NEW.market_cost_fen > 0 THEN NEW.market_cost_fen ELSE 0 END,
           CASE WHEN NEW.market_cost_fen > 0 THEN coalesce(NEW.actual_cost_fen, 0) ELSE 0 END
    WHERE NEW.effective = 1
    ON CONFLICT (month, kind) DO UPDATE SET services = services + excluded.services,
        market_fen = market_fen + excluded.market_fen, actual_fen = actual_fen + excluded.actual_fen;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_staff_delete AFTER DELETE ON staff
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'staff';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_staff_insert AFTER INSERT ON staff
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'staff';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staff_kept_delete AFTER DELETE ON staff BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'staff';
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(OLD.since, 1, 4) AS INTEGER), 'incubation.staff_serving', -1 WHERE true
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(OLD.until, 1, 4) AS INTEGER) + 1, 'incubation.staff_serving', 1 WHERE OLD.until IS NOT NULL
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staff_kept_insert AFTER INSERT ON staff BEGIN
    UPDATE ledger_counts SET records = records + 1 WHERE collection = 'staff';
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(NEW.since, 1, 4) AS INTEGER), 'incubation.staff_serving', 1 WHERE true
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(NEW.until, 1, 4) AS INTEGER) + 1, 'incubation.staff_serving', -1 WHERE NEW.until IS NOT NULL
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staff_kept_update AFTER UPDATE ON staff BEGIN
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(OLD.since, 1, 4) AS INTEGER), 'incubation.staff_serving', -1 WHERE true
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(OLD.until, 1, 4) AS INTEGER) + 1, 'incubation.staff_serving', 1 WHERE OLD.until IS NOT NULL
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(NEW.since, 1, 4) AS INTEGER), 'incubation.staff_serving', 1 WHERE true
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(NEW.until, 1, 4) AS INTEGER) + 1, 'incubation.staff_serving', -1 WHERE NEW.until IS NOT NULL
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_surveys_delete AFTER DELETE ON surveys
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'surveys';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_surveys_insert AFTER INSERT ON surveys
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'surveys';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER surveys_kept_delete AFTER DELETE ON surveys BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'surveys';
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', OLD.enterprise_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER surveys_kept_insert AFTER INSERT ON surveys BEGIN
    UPDATE ledger_counts SET records = records + 1 WHERE collection = 'surveys';
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', NEW.enterprise_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER users_kept_delete AFTER DELETE ON users BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'users';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER users_kept_insert AFTER INSERT ON users BEGIN
    UPDATE ledger_counts SET records = records + 1 WHERE collection = 'users';
END;
-- +goose StatementEnd
INSERT INTO ledger_totals (name, value) SELECT 'enterprises', count(*) FROM enterprises;
INSERT INTO ledger_totals (name, value) SELECT 'organizations', count(*) FROM organizations;
INSERT INTO ledger_totals (name, value) SELECT 'members', count(*) FROM members;
INSERT INTO ledger_totals (name, value) SELECT 'activities', count(*) FROM activities;
INSERT INTO ledger_totals (name, value) SELECT 'surveys', count(*) FROM surveys;
INSERT INTO ledger_totals (name, value) SELECT 'services', count(*) FROM services;
INSERT INTO ledger_totals (name, value) SELECT 'platforms', count(*) FROM platforms;
INSERT INTO ledger_totals (name, value) SELECT 'designations', count(*) FROM designations;
INSERT INTO ledger_totals (name, value) SELECT 'brands', count(*) FROM brands;
INSERT INTO ledger_totals (name, value) SELECT 'awards', count(*) FROM awards;
INSERT INTO ledger_totals (name, value) SELECT 'responsibility', count(*) FROM responsibility;
INSERT INTO ledger_totals (name, value) SELECT 'staff', count(*) FROM staff;
INSERT INTO ledger_totals (name, value) SELECT 'responsibility.beneficiaries', COALESCE(sum(beneficiaries), 0) FROM responsibility;
INSERT INTO activity_counts (program, year, status, records)
    SELECT program, CAST(substr(date, 1, 4) AS INTEGER), status, count(*) FROM activities GROUP BY 1, 2, 3;
INSERT INTO staffing_ends (role, until, enterprises)
    SELECT 'specialist', specialist_until, count(*) FROM enterprises GROUP BY 2;
INSERT INTO staffing_ends (role, until, enterprises)
    SELECT 'instructor', instructor_until, count(*) FROM enterprises GROUP BY 2;
