-- +goose Up
-- The portal's schema on PostgreSQL: the port, at once, of the SQLite
-- migrations 00001 to 00032 (store/migrations), so that both engines stand
-- at version 32 and a later change is one migration in each folder. Its
-- tables, indexes and triggers are SQLite's, written for PostgreSQL:
--   - integers are BIGINT; a new row's id is the table's largest plus one,
--     as SQLite gives a rowid (writes queue on one lock, store/postgres.go),
--     so that the id a preview shows is the one a save then gives;
--   - dates and times stay ISO 8601 text, compared as SQLite compares them
--     (the database's collation must be C: store.Open checks it);
--   - SQLite's triggers are PL/pgSQL functions with the same names;
--   - full-text search is pg_trgm over plain tables (search_* below)
--     instead of FTS5.

-- +goose StatementBegin
-- name_key is store.NameKey: the name without spaces, full-width brackets
-- made half-width, ASCII letters upper-cased (and no other letter, as
-- SQLite's upper()).
CREATE FUNCTION name_key(name text) RETURNS text IMMUTABLE STRICT PARALLEL SAFE LANGUAGE sql AS $$
    SELECT translate(name, '（）abcdefghijklmnopqrstuvwxyz' || chr(32) || chr(9) || chr(10) || chr(13) || chr(160) || chr(12288) || chr(8203) || chr(65279),
        '()ABCDEFGHIJKLMNOPQRSTUVWXYZ')
$$;
-- +goose StatementEnd

-- +goose StatementBegin
-- next_id is a new row's id: one past the table's largest (next_id reads
-- the primary key's last entry).
CREATE FUNCTION next_id(tbl regclass) RETURNS bigint VOLATILE LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    EXECUTE format('SELECT coalesce(max(id), 0) + 1 FROM %s', tbl) INTO n;
    RETURN n;
END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
-- ascii_lower folds ASCII letters only, as SQLite's NOCASE does (and
-- store.UsernameKey): usernames differ in case alone at most.
CREATE FUNCTION ascii_lower(t text) RETURNS text IMMUTABLE STRICT PARALLEL SAFE LANGUAGE sql AS $$
    SELECT translate(t, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
$$;
-- +goose StatementEnd

CREATE TABLE parks (
    id         BIGINT PRIMARY KEY DEFAULT next_id('parks'),
    slug       TEXT    NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 32),
    name       TEXT    NOT NULL,
    brand      TEXT    NOT NULL DEFAULT '',
    host       TEXT    UNIQUE, -- its own public address, served at / there
    footer     TEXT    NOT NULL DEFAULT '', -- the public pages' footer lines
    created_at TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
);

CREATE TABLE organizations (
    id         BIGINT PRIMARY KEY DEFAULT next_id('organizations'),
    park_id BIGINT NOT NULL DEFAULT 1 REFERENCES parks(id) DEFERRABLE,
    source_id  TEXT    NOT NULL ,
    name       TEXT    NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('branch', 'joint_branch', 'general_branch', 'committee')),
    formed     TEXT    NOT NULL,
    secretary  TEXT,
    created_at TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    updated_at TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    created_by TEXT    NOT NULL DEFAULT 'system',
    updated_by TEXT    NOT NULL DEFAULT 'system'
, name_key TEXT
    GENERATED ALWAYS AS (name_key(name)) STORED, version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (park_id, source_id)
);

CREATE TABLE activities (
    id              BIGINT PRIMARY KEY DEFAULT next_id('activities'),
    park_id BIGINT NOT NULL DEFAULT 1 REFERENCES parks(id) DEFERRABLE,
    source_id       TEXT    ,
    program         TEXT    NOT NULL CHECK (program IN ('incubation', 'uplift', 'brand')),
    kind            TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    date            TEXT    NOT NULL,
    organizer_id    BIGINT REFERENCES organizations(id) ON DELETE SET NULL DEFERRABLE,
    participants    BIGINT CHECK (participants >= 0),
    summary         TEXT,
    status          TEXT    NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'submitted', 'published')),
    created_at      TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    updated_at      TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    created_by      TEXT    NOT NULL DEFAULT 'system',
    updated_by      TEXT    NOT NULL DEFAULT 'system'
, version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (park_id, source_id)
);

CREATE TABLE activity_counts (
    park_id BIGINT NOT NULL,
    program TEXT    NOT NULL,
    year    BIGINT NOT NULL,
    status  TEXT    NOT NULL,
    records BIGINT NOT NULL,
    PRIMARY KEY (park_id, program, year, status)
);

CREATE TABLE enterprises (
    id          BIGINT PRIMARY KEY DEFAULT next_id('enterprises'),
    park_id BIGINT NOT NULL DEFAULT 1 REFERENCES parks(id) DEFERRABLE,
    source_id   TEXT    NOT NULL ,
    name        TEXT    NOT NULL,
    credit_code TEXT    CHECK (credit_code IS NULL OR length(credit_code) = 18),
    stage       TEXT    NOT NULL CHECK (stage IN ('startup', 'growth', 'mature')),
    employees   BIGINT CHECK (employees >= 0),
    sector      TEXT,
    founded     TEXT,
    created_at  TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    updated_at  TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    created_by  TEXT    NOT NULL DEFAULT 'system',
    updated_by  TEXT    NOT NULL DEFAULT 'system'
, name_key TEXT
    GENERATED ALWAYS AS (name_key(name)) STORED, version BIGINT NOT NULL DEFAULT 1, specialist_until TEXT NOT NULL DEFAULT '', instructor_until TEXT NOT NULL DEFAULT '',
    UNIQUE (park_id, source_id)
);

CREATE TABLE activity_enterprises (
    activity_id   BIGINT NOT NULL REFERENCES activities(id) ON DELETE CASCADE DEFERRABLE,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE DEFERRABLE,
    position      BIGINT NOT NULL,
    PRIMARY KEY (activity_id, enterprise_id)
);

CREATE TABLE photos (
    id              BIGINT PRIMARY KEY DEFAULT next_id('photos'),
    organization_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE DEFERRABLE,
    content_type    TEXT    NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    width           BIGINT NOT NULL,
    height          BIGINT NOT NULL,
    image           BYTEA    NOT NULL,
    thumb           BYTEA    NOT NULL,
    created_at      TEXT    NOT NULL,
    created_by      TEXT    NOT NULL
);

CREATE TABLE activity_photos (
    activity_id BIGINT NOT NULL REFERENCES activities(id) ON DELETE CASCADE DEFERRABLE,
    photo_id    BIGINT NOT NULL REFERENCES photos(id) ON DELETE CASCADE DEFERRABLE,
    position    BIGINT NOT NULL,
    PRIMARY KEY (activity_id, photo_id)
);

CREATE TABLE annual_returns (
    id         BIGINT PRIMARY KEY DEFAULT next_id('annual_returns'),
    park_id    BIGINT NOT NULL REFERENCES parks(id) DEFERRABLE,
    year       BIGINT NOT NULL,
    version    BIGINT NOT NULL CHECK (version >= 1),
    figures    TEXT    NOT NULL,              -- the year's report as `portal report --format json` prints it
    market_fen BIGINT NOT NULL DEFAULT 0,    -- the parts of the equipment saving ratio, so that
    actual_fen BIGINT NOT NULL DEFAULT 0,    -- a district adds them up rather than averaging ratios
    unit       TEXT    NOT NULL,              -- 填报单位: the park's name when filed
    head       TEXT    NOT NULL,              -- 负责人
    preparer   TEXT    NOT NULL,              -- 填表人
    phone      TEXT    NOT NULL,              -- 联系电话
    reason     TEXT    NOT NULL DEFAULT '',   -- why a correction was filed
    filed_by   TEXT    NOT NULL,              -- the account that filed it
    filer_name TEXT    NOT NULL DEFAULT '',   -- its display name then
    filed_at   TEXT    NOT NULL,
    UNIQUE (park_id, year, version)
);

CREATE TABLE audit (
    id         BIGINT PRIMARY KEY DEFAULT next_id('audit'),
    at         TEXT    NOT NULL,
    user_id    BIGINT,
    username   TEXT    NOT NULL,
    action     TEXT    NOT NULL CHECK (action IN ('create', 'update', 'delete', 'import', 'upload',
                                                  'draft', 'submit', 'publish', 'return')),
    collection TEXT    NOT NULL,
    record_key BIGINT,
    record_id  TEXT,
    title      TEXT    NOT NULL,
    before     TEXT,
    after      TEXT,
    batch      BIGINT REFERENCES audit(id) DEFERRABLE,
    note       TEXT
, version BIGINT, actor_name TEXT, park_id BIGINT);

CREATE TABLE awards (
    id              BIGINT PRIMARY KEY DEFAULT next_id('awards'),
    park_id BIGINT NOT NULL DEFAULT 1 REFERENCES parks(id) DEFERRABLE,
    source_id       TEXT    ,
    organization_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE DEFERRABLE,
    kind            TEXT    NOT NULL,
    level           TEXT    NOT NULL CHECK (level IN ('district', 'city', 'province', 'national')),
    year            BIGINT NOT NULL,
    title           TEXT,
    created_at      TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    updated_at      TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    created_by      TEXT    NOT NULL DEFAULT 'system',
    updated_by      TEXT    NOT NULL DEFAULT 'system'
, version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (park_id, source_id)
);

CREATE TABLE brand_facet_counts (
    park_id BIGINT NOT NULL,
    facet   TEXT    NOT NULL,
    brands  BIGINT NOT NULL,
    PRIMARY KEY (park_id, facet)
);

CREATE TABLE brand_facets (
    park_id         BIGINT NOT NULL,
    facet           TEXT    NOT NULL,
    launched        TEXT    NOT NULL,
    brand_id        BIGINT NOT NULL,
    organization_id BIGINT NOT NULL,
    PRIMARY KEY (park_id, facet, launched, brand_id)
);

CREATE TABLE brands (
    id              BIGINT PRIMARY KEY DEFAULT next_id('brands'),
    park_id BIGINT NOT NULL DEFAULT 1 REFERENCES parks(id) DEFERRABLE,
    source_id       TEXT    ,
    organization_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE DEFERRABLE,
    name            TEXT    NOT NULL,
    launched        TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('draft', 'submitted', 'published')),
    slogan          TEXT,
    story           TEXT,
    practices       TEXT, -- JSON array of strings, optional extra field
    created_at      TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    updated_at      TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    created_by      TEXT    NOT NULL DEFAULT 'system',
    updated_by      TEXT    NOT NULL DEFAULT 'system'
, version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (park_id, source_id)
);

CREATE TABLE brand_logos (
    brand_id BIGINT PRIMARY KEY REFERENCES brands(id) ON DELETE CASCADE DEFERRABLE,
    photo_id BIGINT NOT NULL REFERENCES photos(id) ON DELETE CASCADE DEFERRABLE
);

CREATE TABLE coverage_counts (
    park_id     BIGINT NOT NULL,
    coverage    TEXT    NOT NULL,
    enterprises BIGINT NOT NULL,
    PRIMARY KEY (park_id, coverage)
);

CREATE TABLE designations (
    id            BIGINT PRIMARY KEY DEFAULT next_id('designations'),
    park_id BIGINT NOT NULL DEFAULT 1 REFERENCES parks(id) DEFERRABLE,
    source_id     TEXT    ,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE DEFERRABLE,
    kind          TEXT    NOT NULL,
    year          BIGINT NOT NULL,
    created_at    TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    updated_at    TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    created_by    TEXT    NOT NULL DEFAULT 'system',
    updated_by    TEXT    NOT NULL DEFAULT 'system'
, version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (park_id, source_id)
);

CREATE TABLE enterprise_figures (
    enterprise_id  BIGINT PRIMARY KEY,
    park_id        BIGINT NOT NULL,
    coverage       TEXT    NOT NULL,
    surveyed       TEXT,
    full_members   BIGINT NOT NULL,
    responsibility BIGINT NOT NULL,
    beneficiaries  BIGINT NOT NULL,
    stage          TEXT    NOT NULL DEFAULT '',
    name           TEXT    NOT NULL DEFAULT '',
    employees      BIGINT,
    founded        TEXT
);

CREATE TABLE enterprise_stages (
    enterprise_id BIGINT NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE DEFERRABLE,
    position      BIGINT NOT NULL,
    stage         TEXT    NOT NULL CHECK (stage IN ('startup', 'growth', 'mature')),
    since         TEXT    NOT NULL,
    PRIMARY KEY (enterprise_id, position)
);

CREATE TABLE figures_stale (
    subject TEXT    NOT NULL,
    id      BIGINT NOT NULL,
    PRIMARY KEY (subject, id)
);

CREATE TABLE filings (
    id                BIGINT PRIMARY KEY DEFAULT next_id('filings'),
    organization_id   BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE DEFERRABLE,
    kind              TEXT    NOT NULL CHECK (kind IN ('activities', 'members', 'brands', 'responsibility', 'service_requests')),
    record_key        BIGINT,          -- the ledger record's rowid, once published (or the one it changes)
    status            TEXT    NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'published')),
    title             TEXT    NOT NULL,
    body              TEXT    NOT NULL, -- the working copy
    version           BIGINT NOT NULL DEFAULT 0, -- the last submitted version; 0 before the first
    published_version BIGINT,          -- the version the ledger holds
    comment           TEXT,             -- the last return's comment
    submitted_at      TEXT,
    created_at        TEXT    NOT NULL,
    created_by        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    updated_by        TEXT    NOT NULL
, record_version BIGINT);

CREATE TABLE filing_photos (
    filing_id BIGINT NOT NULL REFERENCES filings(id) ON DELETE CASCADE DEFERRABLE,
    version   BIGINT NOT NULL,
    photo_id  BIGINT NOT NULL REFERENCES photos(id) ON DELETE CASCADE DEFERRABLE,
    PRIMARY KEY (filing_id, version, photo_id)
);

CREATE TABLE filing_stamps (
    organization_id BIGINT PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE DEFERRABLE,
    audit_id        BIGINT NOT NULL
);

CREATE TABLE filing_versions (
    filing_id    BIGINT NOT NULL REFERENCES filings(id) ON DELETE CASCADE DEFERRABLE,
    version      BIGINT NOT NULL,
    body         TEXT    NOT NULL,
    submitted_at TEXT    NOT NULL,
    submitted_by TEXT    NOT NULL,
    decision     TEXT    CHECK (decision IN ('published', 'returned')),
    decided_at   TEXT,
    decided_by   TEXT,
    comment      TEXT,
    PRIMARY KEY (filing_id, version)
);

CREATE TABLE job_days (
    job TEXT NOT NULL,
    day TEXT NOT NULL,
    at  TEXT NOT NULL,
    PRIMARY KEY (job, day)
);

CREATE TABLE ledger_counts (
    park_id    BIGINT NOT NULL,
    collection TEXT    NOT NULL,
    records    BIGINT NOT NULL,
    PRIMARY KEY (park_id, collection)
);

CREATE TABLE ledger_totals (
    park_id BIGINT NOT NULL,
    name    TEXT    NOT NULL, -- a ledger's table; responsibility.beneficiaries: that ledger's sum
    value   BIGINT NOT NULL,
    PRIMARY KEY (park_id, name)
);

CREATE TABLE members (
    id              BIGINT PRIMARY KEY DEFAULT next_id('members'),
    park_id BIGINT NOT NULL DEFAULT 1 REFERENCES parks(id) DEFERRABLE,
    source_id       TEXT    NOT NULL ,
    name            TEXT    NOT NULL,
    birth           TEXT,
    organization_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE DEFERRABLE,
    enterprise_id   BIGINT REFERENCES enterprises(id) ON DELETE SET NULL DEFERRABLE,
    management      BIGINT NOT NULL CHECK (management IN (0, 1)),
    applied         TEXT    NOT NULL,
    activist        TEXT    CHECK (activist IS NULL OR activist >= applied),
    candidate       TEXT    CHECK (candidate IS NULL OR (activist IS NOT NULL AND candidate >= activist)),
    probationary    TEXT    CHECK (probationary IS NULL OR (candidate IS NOT NULL AND probationary >= candidate)),
    "full"            TEXT    CHECK ("full" IS NULL OR (probationary IS NOT NULL AND "full" >= probationary)),
    created_at      TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    updated_at      TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    created_by      TEXT    NOT NULL DEFAULT 'system',
    updated_by      TEXT    NOT NULL DEFAULT 'system'
, version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (park_id, source_id)
);

CREATE TABLE users (
    id            BIGINT PRIMARY KEY DEFAULT next_id('users'),
    username      TEXT    NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 64),
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'staff', 'secretary', 'district')),
    -- a secretary's party organisation, by its interchange id (organizations.source_id)
    organization  TEXT    CHECK ((role = 'secretary') = (organization IS NOT NULL)),
    password_hash TEXT    NOT NULL,
    disabled      BIGINT NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    updated_at    TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
, display_name TEXT NOT NULL DEFAULT '' CHECK (length(display_name) <= 32), email TEXT,
    -- staff and secretaries work in one park (store.CreateUser sees to it);
    -- admin and district users over all of them
    park_id BIGINT REFERENCES parks(id) DEFERRABLE
);

CREATE TABLE notifications (
    id        BIGINT PRIMARY KEY DEFAULT next_id('notifications'),
    user_id   BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE DEFERRABLE,
    filing_id BIGINT REFERENCES filings(id) ON DELETE CASCADE DEFERRABLE,
    message   TEXT    NOT NULL,
    at        TEXT    NOT NULL,
    read_at   TEXT
);

CREATE TABLE organization_enterprises (
    organization_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE DEFERRABLE,
    enterprise_id   BIGINT NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE DEFERRABLE,
    position        BIGINT NOT NULL,
    PRIMARY KEY (organization_id, enterprise_id)
);

CREATE TABLE outbox (
    id         BIGINT PRIMARY KEY DEFAULT next_id('outbox'),
    key        TEXT    NOT NULL UNIQUE, -- the event and the recipient: notification:ID, digest:DAY:USER
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE DEFERRABLE,
    address    TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    body       TEXT    NOT NULL,        -- plain text, paragraphs between blank lines
    path       TEXT    NOT NULL,        -- the page the mail links to, under PORTAL_BASE_URL
    created_at TEXT    NOT NULL,
    attempts   BIGINT NOT NULL DEFAULT 0,
    next_at    TEXT    NOT NULL,        -- when to try (again)
    sent_at    TEXT,
    failed_at  TEXT,                    -- given up
    last_error TEXT                     -- the server's last answer
);

CREATE TABLE outbox_counts (
    state TEXT    PRIMARY KEY, -- pending | sent | failed
    mails BIGINT NOT NULL
);

CREATE TABLE photo_holds (
    photo_id BIGINT PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE DEFERRABLE,
    until    TEXT    NOT NULL -- RFC 3339, UTC
);

CREATE TABLE platforms (
    id          BIGINT PRIMARY KEY DEFAULT next_id('platforms'),
    park_id BIGINT NOT NULL DEFAULT 1 REFERENCES parks(id) DEFERRABLE,
    source_id   TEXT    ,
    kind        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    established TEXT    NOT NULL,
    created_at  TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    updated_at  TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    created_by  TEXT    NOT NULL DEFAULT 'system',
    updated_by  TEXT    NOT NULL DEFAULT 'system'
, version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (park_id, source_id)
);

CREATE TABLE report_figures (
    park_id BIGINT NOT NULL,
    year    BIGINT NOT NULL,
    figure  TEXT    NOT NULL,
    value   BIGINT NOT NULL,
    PRIMARY KEY (park_id, year, figure)
);

CREATE TABLE report_marks (
    subject BIGINT NOT NULL, -- an enterprise's or an organisation's rowid
    figure  TEXT    NOT NULL,
    year    BIGINT NOT NULL,
    value   BIGINT NOT NULL,
    park_id BIGINT NOT NULL, -- the subject's
    PRIMARY KEY (subject, figure, year)
);

CREATE TABLE responsibility (
    id            BIGINT PRIMARY KEY DEFAULT next_id('responsibility'),
    park_id BIGINT NOT NULL DEFAULT 1 REFERENCES parks(id) DEFERRABLE,
    source_id     TEXT    ,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE DEFERRABLE,
    kind          TEXT    NOT NULL,
    date          TEXT    NOT NULL,
    beneficiaries BIGINT NOT NULL CHECK (beneficiaries >= 0),
    note          TEXT,
    status        TEXT    NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'submitted', 'published')),
    created_at    TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    updated_at    TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    created_by    TEXT    NOT NULL DEFAULT 'system',
    updated_by    TEXT    NOT NULL DEFAULT 'system'
, version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (park_id, source_id)
);

CREATE TABLE responsibility_years (
    park_id       BIGINT NOT NULL,
    year          BIGINT NOT NULL,
    kind          TEXT    NOT NULL,
    records       BIGINT NOT NULL,
    beneficiaries BIGINT NOT NULL,
    PRIMARY KEY (park_id, year, kind)
);

CREATE TABLE revision (
    id    BIGINT PRIMARY KEY CHECK (id = 1),
    value BIGINT NOT NULL,
    at    TEXT    NOT NULL
);

CREATE TABLE service_months (
    park_id    BIGINT NOT NULL,
    month      TEXT    NOT NULL, -- 2024-05
    kind       TEXT    NOT NULL,
    services   BIGINT NOT NULL,
    market_fen BIGINT NOT NULL,
    actual_fen BIGINT NOT NULL,
    PRIMARY KEY (park_id, month, kind)
);

CREATE TABLE services (
    id              BIGINT PRIMARY KEY DEFAULT next_id('services'),
    park_id BIGINT NOT NULL DEFAULT 1 REFERENCES parks(id) DEFERRABLE,
    source_id       TEXT    ,
    enterprise_id   BIGINT NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE DEFERRABLE,
    kind            TEXT    NOT NULL CHECK (kind IN ('equipment', 'finance_tax', 'legal', 'venue')),
    date            TEXT    NOT NULL,
    effective       BIGINT NOT NULL CHECK (effective IN (0, 1)),
    market_cost_fen BIGINT CHECK (market_cost_fen >= 0),
    actual_cost_fen BIGINT CHECK (actual_cost_fen >= 0),
    note            TEXT,
    created_at      TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    updated_at      TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    created_by      TEXT    NOT NULL DEFAULT 'system',
    updated_by      TEXT    NOT NULL DEFAULT 'system'
, version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (park_id, source_id)
);

CREATE TABLE sessions (
    id         TEXT    PRIMARY KEY,
    user_id    BIGINT REFERENCES users(id) ON DELETE CASCADE DEFERRABLE,
    data       BYTEA    NOT NULL,
    created_at BIGINT NOT NULL, -- unix seconds
    seen_at    BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE TABLE staff (
    id         BIGINT PRIMARY KEY DEFAULT next_id('staff'),
    park_id BIGINT NOT NULL DEFAULT 1 REFERENCES parks(id) DEFERRABLE,
    source_id  TEXT    NOT NULL ,
    name       TEXT    NOT NULL,
    specialist BIGINT NOT NULL CHECK (specialist IN (0, 1)),
    instructor BIGINT NOT NULL CHECK (instructor IN (0, 1)),
    since      TEXT    NOT NULL,
    until      TEXT    CHECK (until IS NULL OR until >= since),
    created_at TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    updated_at TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    created_by TEXT    NOT NULL DEFAULT 'system',
    updated_by TEXT    NOT NULL DEFAULT 'system', version BIGINT NOT NULL DEFAULT 1,
    CHECK (specialist + instructor >= 1)
,
    UNIQUE (park_id, source_id)
);

CREATE TABLE staff_enterprises (
    staff_id      BIGINT NOT NULL REFERENCES staff(id) ON DELETE CASCADE DEFERRABLE,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE DEFERRABLE,
    position      BIGINT NOT NULL,
    PRIMARY KEY (staff_id, enterprise_id)
);

CREATE TABLE staffing_ends (
    park_id     BIGINT NOT NULL,
    role        TEXT    NOT NULL, -- specialist | instructor
    until       TEXT    NOT NULL,
    enterprises BIGINT NOT NULL,
    PRIMARY KEY (park_id, role, until)
);

CREATE TABLE surveys (
    id             BIGINT PRIMARY KEY DEFAULT next_id('surveys'),
    park_id BIGINT NOT NULL DEFAULT 1 REFERENCES parks(id) DEFERRABLE,
    source_id      TEXT    ,
    enterprise_id  BIGINT NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE DEFERRABLE,
    date           TEXT    NOT NULL,
    fixed_premises BIGINT NOT NULL CHECK (fixed_premises IN (0, 1)),
    employees      BIGINT NOT NULL CHECK (employees >= 0),
    operating      BIGINT NOT NULL CHECK (operating IN (0, 1)),
    created_at     TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    updated_at     TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    created_by     TEXT    NOT NULL DEFAULT 'system',
    updated_by     TEXT    NOT NULL DEFAULT 'system'
, version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (park_id, source_id)
);

CREATE INDEX activities_date ON activities(park_id, date, program);
CREATE INDEX activities_ledger_date ON activities(park_id, date);
CREATE INDEX activities_ledger_participants ON activities(park_id, participants);
CREATE INDEX activities_ledger_program ON activities(park_id, program, date);
CREATE INDEX activities_ledger_title ON activities(park_id, title);
CREATE INDEX activities_organizer ON activities(organizer_id, date);
CREATE INDEX activities_park ON activities(park_id);
CREATE INDEX activities_program ON activities(park_id, program, status, date);
CREATE INDEX activities_report ON activities(park_id, status, date, program);
CREATE INDEX activities_status_date ON activities(park_id, status, date);
CREATE INDEX activity_enterprises_enterprise ON activity_enterprises(enterprise_id);
CREATE INDEX activity_photos_photo ON activity_photos(photo_id);
CREATE INDEX audit_at ON audit(at);
CREATE INDEX audit_collection ON audit(collection, id);
CREATE INDEX audit_record ON audit(collection, record_key, id);
CREATE INDEX audit_user ON audit(username, id);
CREATE INDEX awards_ledger ON awards(park_id, year);
CREATE INDEX awards_ledger_kind ON awards(park_id, kind, year);
CREATE INDEX awards_ledger_level ON awards(park_id, level, year);
CREATE INDEX awards_ledger_organization ON awards(organization_id, year);
CREATE INDEX awards_organization ON awards(organization_id);
CREATE INDEX awards_park ON awards(park_id);
CREATE INDEX awards_roll ON awards(park_id, year DESC,
    (CASE level WHEN 'national' THEN 0 WHEN 'province' THEN 1 WHEN 'city' THEN 2 ELSE 3 END), kind, organization_id);
CREATE INDEX awards_year ON awards(park_id, kind, level, year);
CREATE INDEX brand_facets_organization ON brand_facets(organization_id);
CREATE INDEX brand_logos_photo ON brand_logos(photo_id);
CREATE INDEX brands_ledger ON brands(park_id, launched);
CREATE UNIQUE INDEX brands_organization ON brands(organization_id);
CREATE INDEX brands_park ON brands(park_id);
CREATE INDEX brands_status ON brands(park_id, status, launched);
CREATE INDEX designations_enterprise ON designations(enterprise_id);
CREATE INDEX designations_ledger ON designations(park_id, year);
CREATE INDEX designations_ledger_kind ON designations(park_id, kind, year);
CREATE INDEX designations_park ON designations(park_id);
CREATE INDEX designations_year ON designations(park_id, year, kind);
CREATE INDEX enterprise_figures_beneficiaries ON enterprise_figures(park_id, beneficiaries) WHERE responsibility > 0;
CREATE INDEX enterprise_figures_ledger ON enterprise_figures(park_id, coverage, stage, employees, founded, name);
CREATE INDEX enterprise_figures_members ON enterprise_figures(park_id, coverage, full_members, surveyed);
CREATE INDEX enterprise_figures_pipeline ON enterprise_figures(park_id, coverage, surveyed);
CREATE INDEX enterprise_stages_since ON enterprise_stages(enterprise_id, since);
CREATE UNIQUE INDEX enterprises_credit_code ON enterprises(park_id, credit_code);
CREATE INDEX enterprises_instructor_until ON enterprises(park_id, instructor_until);
CREATE INDEX enterprises_ledger_employees ON enterprises(park_id, (employees IS NULL), employees);
CREATE INDEX enterprises_ledger_employees_desc ON enterprises(park_id, (employees IS NULL), employees DESC);
CREATE INDEX enterprises_ledger_founded ON enterprises(park_id, (founded IS NULL), founded);
CREATE INDEX enterprises_ledger_founded_desc ON enterprises(park_id, (founded IS NULL), founded DESC);
CREATE INDEX enterprises_ledger_name ON enterprises(park_id, name);
CREATE INDEX enterprises_ledger_sector ON enterprises(park_id, sector);
CREATE INDEX enterprises_ledger_stage ON enterprises(park_id, stage);
CREATE UNIQUE INDEX enterprises_name_key ON enterprises(park_id, name_key);
CREATE INDEX enterprises_park ON enterprises(park_id);
CREATE INDEX enterprises_specialist_until ON enterprises(park_id, specialist_until);
CREATE INDEX filing_photos_photo ON filing_photos(photo_id);
CREATE INDEX filings_decided ON filings(status, updated_at);
CREATE INDEX filings_organization ON filings(organization_id, updated_at);
CREATE INDEX filings_status ON filings(status, submitted_at);
CREATE INDEX members_enterprise ON members(enterprise_id, "full");
CREATE INDEX members_full ON members(park_id, "full") WHERE "full" IS NOT NULL;
CREATE INDEX members_ledger ON members(park_id, organization_id, name);
CREATE INDEX members_ledger_developed ON members(park_id, substr(probationary, 1, 4), organization_id, name);
CREATE INDEX members_ledger_management ON members(park_id, management, organization_id, name);
CREATE INDEX members_ledger_name ON members(park_id, name);
CREATE INDEX members_ledger_since ON members(park_id, COALESCE("full", probationary, candidate, activist, applied));
CREATE INDEX members_ledger_stage ON members(park_id, (CASE WHEN "full" IS NOT NULL THEN 'full' WHEN probationary IS NOT NULL THEN 'probationary' WHEN candidate IS NOT NULL THEN 'candidate' WHEN activist IS NOT NULL THEN 'activist' ELSE 'applied' END), organization_id, name);
CREATE INDEX members_organization ON members(organization_id);
CREATE INDEX members_park ON members(park_id);
CREATE INDEX members_probationary ON members(park_id, probationary, management);
CREATE INDEX notifications_pages ON notifications(user_id, id);
CREATE INDEX notifications_user ON notifications(user_id, read_at, id);
CREATE INDEX organization_enterprises_enterprise ON organization_enterprises(enterprise_id);
CREATE INDEX organizations_formed ON organizations(park_id, formed, kind);
CREATE INDEX organizations_ledger ON organizations(park_id, formed);
CREATE INDEX organizations_ledger_kind ON organizations(park_id, kind, formed);
CREATE UNIQUE INDEX organizations_name_key ON organizations(park_id, name_key);
CREATE INDEX organizations_park ON organizations(park_id);
CREATE INDEX outbox_due ON outbox(next_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX photo_holds_until ON photo_holds(until);
CREATE INDEX photos_usage ON photos(organization_id, (length(image) + length(thumb)));
CREATE INDEX platforms_ledger ON platforms(park_id, established);
CREATE INDEX platforms_ledger_kind ON platforms(park_id, kind, established);
CREATE INDEX platforms_park ON platforms(park_id);
CREATE INDEX responsibility_date ON responsibility(park_id, kind, date, beneficiaries);
CREATE INDEX responsibility_enterprise ON responsibility(enterprise_id, date);
CREATE INDEX responsibility_ledger ON responsibility(park_id, date);
CREATE INDEX responsibility_ledger_beneficiaries ON responsibility(park_id, beneficiaries);
CREATE INDEX responsibility_park ON responsibility(park_id);
CREATE INDEX responsibility_report ON responsibility(park_id, status, kind, date, beneficiaries);
CREATE INDEX responsibility_status_date ON responsibility(park_id, status, date);
CREATE INDEX services_date ON services(park_id, date, kind, effective, market_cost_fen, actual_cost_fen);
CREATE INDEX services_enterprise ON services(enterprise_id);
CREATE INDEX services_ledger ON services(park_id, date);
CREATE INDEX services_ledger_effective ON services(park_id, effective, date);
CREATE INDEX services_ledger_kind ON services(park_id, kind, date);
CREATE INDEX services_ledger_saving ON services(park_id, COALESCE(market_cost_fen - actual_cost_fen, 0));
CREATE INDEX services_park ON services(park_id);
CREATE INDEX sessions_expires ON sessions(expires_at);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX staff_enterprises_enterprise ON staff_enterprises(enterprise_id);
CREATE INDEX staff_ledger_instructor ON staff(park_id, instructor);
CREATE INDEX staff_ledger_specialist ON staff(park_id, specialist);
CREATE INDEX staff_park ON staff(park_id);
CREATE INDEX surveys_date ON surveys(park_id, date, enterprise_id, fixed_premises, employees, operating);
CREATE INDEX surveys_enterprise ON surveys(enterprise_id, date);
CREATE INDEX surveys_ledger ON surveys(park_id, date);
CREATE INDEX surveys_ledger_employees ON surveys(park_id, employees);
CREATE INDEX surveys_ledger_meets ON surveys(park_id, (fixed_premises = 1 AND employees >= 10 AND operating = 1), date);
CREATE INDEX surveys_park ON surveys(park_id);
CREATE INDEX users_organization ON users(organization, username);
CREATE INDEX users_park ON users(park_id, role);
CREATE UNIQUE INDEX users_username_nocase ON users (ascii_lower(username));

-- +goose StatementBegin
CREATE FUNCTION activities_kept_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'activities', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT OLD.park_id, CAST(substr(OLD.date, 1, 4) AS INTEGER), 'activities.' || OLD.program, -1 WHERE OLD.status = 'published'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER activities_kept_delete AFTER DELETE ON activities
    FOR EACH ROW EXECUTE FUNCTION activities_kept_delete();

-- +goose StatementBegin
CREATE FUNCTION activities_kept_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'activities', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.date, 1, 4) AS INTEGER), 'activities.' || NEW.program, 1 WHERE NEW.status = 'published'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER activities_kept_insert AFTER INSERT ON activities
    FOR EACH ROW EXECUTE FUNCTION activities_kept_insert();

-- +goose StatementBegin
CREATE FUNCTION activities_kept_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(OLD.date, 1, 4) AS INTEGER), 'activities.' || OLD.program, -1 WHERE OLD.status = 'published'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.date, 1, 4) AS INTEGER), 'activities.' || NEW.program, 1 WHERE NEW.status = 'published'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER activities_kept_update AFTER UPDATE ON activities
    FOR EACH ROW EXECUTE FUNCTION activities_kept_update();

-- +goose StatementBegin
CREATE FUNCTION activities_park_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a record stays in its park';
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER activities_park_fixed BEFORE UPDATE OF park_id ON activities
    FOR EACH ROW
    WHEN (OLD.park_id IS DISTINCT FROM NEW.park_id) EXECUTE FUNCTION activities_park_fixed();

-- +goose StatementBegin
CREATE FUNCTION activity_counts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE activity_counts SET records = records - 1
        WHERE park_id = OLD.park_id AND (program = OLD.program AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER) AND status = OLD.status);
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER activity_counts_delete AFTER DELETE ON activities
    FOR EACH ROW EXECUTE FUNCTION activity_counts_delete();

-- +goose StatementBegin
CREATE FUNCTION activity_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO activity_counts (park_id, program, year, status, records)
        VALUES (NEW.park_id, NEW.program, CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.status, 1)
        ON CONFLICT (park_id, program, year, status) DO UPDATE SET records = activity_counts.records + 1;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER activity_counts_insert AFTER INSERT ON activities
    FOR EACH ROW EXECUTE FUNCTION activity_counts_insert();

-- +goose StatementBegin
CREATE FUNCTION activity_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE activity_counts SET records = records - 1
        WHERE park_id = NEW.park_id AND (program = OLD.program AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER) AND status = OLD.status);
    INSERT INTO activity_counts (park_id, program, year, status, records)
        VALUES (NEW.park_id, NEW.program, CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.status, 1)
        ON CONFLICT (park_id, program, year, status) DO UPDATE SET records = activity_counts.records + 1;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER activity_counts_update AFTER UPDATE OF program, date, status ON activities
    FOR EACH ROW
    WHEN (OLD.program IS DISTINCT FROM NEW.program OR substr(OLD.date, 1, 4) IS DISTINCT FROM substr(NEW.date, 1, 4) OR OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION activity_counts_update();

-- +goose StatementBegin
CREATE FUNCTION annual_returns_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a filed return is never deleted';
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER annual_returns_no_delete BEFORE DELETE ON annual_returns
    FOR EACH ROW EXECUTE FUNCTION annual_returns_no_delete();

-- +goose StatementBegin
CREATE FUNCTION annual_returns_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a filed return is never changed';
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER annual_returns_no_update BEFORE UPDATE ON annual_returns
    FOR EACH ROW EXECUTE FUNCTION annual_returns_no_update();

-- +goose StatementBegin
CREATE FUNCTION audit_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are never deleted';
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_no_delete();

-- +goose StatementBegin
CREATE FUNCTION audit_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are never changed';
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_no_update();

-- +goose StatementBegin
CREATE FUNCTION awards_kept_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'awards', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO figures_stale (subject, id) VALUES ('organization', OLD.organization_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER awards_kept_delete AFTER DELETE ON awards
    FOR EACH ROW EXECUTE FUNCTION awards_kept_delete();

-- +goose StatementBegin
CREATE FUNCTION awards_kept_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'awards', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO figures_stale (subject, id) VALUES ('organization', NEW.organization_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER awards_kept_insert AFTER INSERT ON awards
    FOR EACH ROW EXECUTE FUNCTION awards_kept_insert();

-- +goose StatementBegin
CREATE FUNCTION awards_kept_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO figures_stale (subject, id) VALUES ('organization', OLD.organization_id), ('organization', NEW.organization_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER awards_kept_update AFTER UPDATE ON awards
    FOR EACH ROW EXECUTE FUNCTION awards_kept_update();

-- +goose StatementBegin
CREATE FUNCTION awards_park_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a record stays in its park';
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER awards_park_fixed BEFORE UPDATE OF park_id ON awards
    FOR EACH ROW
    WHEN (OLD.park_id IS DISTINCT FROM NEW.park_id) EXECUTE FUNCTION awards_park_fixed();

-- +goose StatementBegin
CREATE FUNCTION brands_kept_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'brands', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT OLD.park_id, CAST(substr(OLD.launched, 1, 4) AS INTEGER), 'brand.brands_published', -1 WHERE OLD.status = 'published'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    INSERT INTO figures_stale (subject, id) VALUES ('organization', OLD.organization_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER brands_kept_delete AFTER DELETE ON brands
    FOR EACH ROW EXECUTE FUNCTION brands_kept_delete();

-- +goose StatementBegin
CREATE FUNCTION brands_kept_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'brands', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.launched, 1, 4) AS INTEGER), 'brand.brands_published', 1 WHERE NEW.status = 'published'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    INSERT INTO figures_stale (subject, id) VALUES ('organization', NEW.organization_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER brands_kept_insert AFTER INSERT ON brands
    FOR EACH ROW EXECUTE FUNCTION brands_kept_insert();

-- +goose StatementBegin
CREATE FUNCTION brands_kept_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(OLD.launched, 1, 4) AS INTEGER), 'brand.brands_published', -1 WHERE OLD.status = 'published'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.launched, 1, 4) AS INTEGER), 'brand.brands_published', 1 WHERE NEW.status = 'published'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    INSERT INTO figures_stale (subject, id) VALUES ('organization', OLD.organization_id), ('organization', NEW.organization_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER brands_kept_update AFTER UPDATE ON brands
    FOR EACH ROW EXECUTE FUNCTION brands_kept_update();

-- +goose StatementBegin
CREATE FUNCTION brands_park_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a record stays in its park';
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER brands_park_fixed BEFORE UPDATE OF park_id ON brands
    FOR EACH ROW
    WHEN (OLD.park_id IS DISTINCT FROM NEW.park_id) EXECUTE FUNCTION brands_park_fixed();

-- +goose StatementBegin
CREATE FUNCTION designations_kept_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'designations', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT OLD.park_id, OLD.year, 'uplift.zjtx_provincial_new', -1 WHERE OLD.kind = 'zjtx_provincial'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER designations_kept_delete AFTER DELETE ON designations
    FOR EACH ROW EXECUTE FUNCTION designations_kept_delete();

-- +goose StatementBegin
CREATE FUNCTION designations_kept_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'designations', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, NEW.year, 'uplift.zjtx_provincial_new', 1 WHERE NEW.kind = 'zjtx_provincial'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER designations_kept_insert AFTER INSERT ON designations
    FOR EACH ROW EXECUTE FUNCTION designations_kept_insert();

-- +goose StatementBegin
CREATE FUNCTION designations_kept_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, OLD.year, 'uplift.zjtx_provincial_new', -1 WHERE OLD.kind = 'zjtx_provincial'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, NEW.year, 'uplift.zjtx_provincial_new', 1 WHERE NEW.kind = 'zjtx_provincial'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER designations_kept_update AFTER UPDATE ON designations
    FOR EACH ROW EXECUTE FUNCTION designations_kept_update();

-- +goose StatementBegin
CREATE FUNCTION designations_park_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a record stays in its park';
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER designations_park_fixed BEFORE UPDATE OF park_id ON designations
    FOR EACH ROW
    WHEN (OLD.park_id IS DISTINCT FROM NEW.park_id) EXECUTE FUNCTION designations_park_fixed();

-- +goose StatementBegin
CREATE FUNCTION enterprise_stages_kept_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO figures_stale (subject, id) VALUES ('enterprise', OLD.enterprise_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER enterprise_stages_kept_delete AFTER DELETE ON enterprise_stages
    FOR EACH ROW EXECUTE FUNCTION enterprise_stages_kept_delete();

-- +goose StatementBegin
CREATE FUNCTION enterprise_stages_kept_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO figures_stale (subject, id) VALUES ('enterprise', NEW.enterprise_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER enterprise_stages_kept_insert AFTER INSERT ON enterprise_stages
    FOR EACH ROW EXECUTE FUNCTION enterprise_stages_kept_insert();

-- +goose StatementBegin
CREATE FUNCTION enterprise_stages_kept_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO figures_stale (subject, id) VALUES ('enterprise', OLD.enterprise_id), ('enterprise', NEW.enterprise_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER enterprise_stages_kept_update AFTER UPDATE ON enterprise_stages
    FOR EACH ROW EXECUTE FUNCTION enterprise_stages_kept_update();

-- +goose StatementBegin
CREATE FUNCTION enterprises_kept_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'enterprises', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO figures_stale (subject, id) VALUES ('enterprise', OLD.id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER enterprises_kept_delete AFTER DELETE ON enterprises
    FOR EACH ROW EXECUTE FUNCTION enterprises_kept_delete();

-- +goose StatementBegin
CREATE FUNCTION enterprises_kept_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'enterprises', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO figures_stale (subject, id) VALUES ('enterprise', NEW.id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER enterprises_kept_insert AFTER INSERT ON enterprises
    FOR EACH ROW EXECUTE FUNCTION enterprises_kept_insert();

-- +goose StatementBegin
CREATE FUNCTION enterprises_kept_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO figures_stale (subject, id) VALUES ('enterprise', OLD.id), ('enterprise', NEW.id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER enterprises_kept_update AFTER UPDATE ON enterprises
    FOR EACH ROW EXECUTE FUNCTION enterprises_kept_update();

-- +goose StatementBegin
CREATE FUNCTION enterprises_park_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a record stays in its park';
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER enterprises_park_fixed BEFORE UPDATE OF park_id ON enterprises
    FOR EACH ROW
    WHEN (OLD.park_id IS DISTINCT FROM NEW.park_id) EXECUTE FUNCTION enterprises_park_fixed();

-- +goose StatementBegin
CREATE FUNCTION filing_stamps_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO filing_stamps (organization_id, audit_id)
        SELECT organization_id, NEW.id FROM filings WHERE id = NEW.record_key
        ON CONFLICT (organization_id) DO UPDATE SET audit_id = excluded.audit_id;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER filing_stamps_kept AFTER INSERT ON audit
    FOR EACH ROW
    WHEN (NEW.collection = 'filings') EXECUTE FUNCTION filing_stamps_kept();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_activities_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'activities', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_activities_delete AFTER DELETE ON activities
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_activities_delete();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_activities_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'activities', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_activities_insert AFTER INSERT ON activities
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_activities_insert();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_awards_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'awards', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_awards_delete AFTER DELETE ON awards
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_awards_delete();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_awards_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'awards', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_awards_insert AFTER INSERT ON awards
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_awards_insert();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_brands_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'brands', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_brands_delete AFTER DELETE ON brands
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_brands_delete();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_brands_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'brands', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_brands_insert AFTER INSERT ON brands
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_brands_insert();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_designations_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'designations', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_designations_delete AFTER DELETE ON designations
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_designations_delete();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_designations_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'designations', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_designations_insert AFTER INSERT ON designations
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_designations_insert();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_enterprises_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'enterprises', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_enterprises_delete AFTER DELETE ON enterprises
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_enterprises_delete();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_enterprises_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'enterprises', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_enterprises_insert AFTER INSERT ON enterprises
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_enterprises_insert();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_members_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'members', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_members_delete AFTER DELETE ON members
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_members_delete();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_members_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'members', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_members_insert AFTER INSERT ON members
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_members_insert();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_organizations_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'organizations', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_organizations_delete AFTER DELETE ON organizations
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_organizations_delete();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_organizations_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'organizations', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_organizations_insert AFTER INSERT ON organizations
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_organizations_insert();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_platforms_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'platforms', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_platforms_delete AFTER DELETE ON platforms
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_platforms_delete();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_platforms_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'platforms', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_platforms_insert AFTER INSERT ON platforms
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_platforms_insert();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_responsibility_beneficiaries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'responsibility.beneficiaries', 0 - OLD.beneficiaries + NEW.beneficiaries)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_responsibility_beneficiaries AFTER UPDATE OF beneficiaries ON responsibility
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_responsibility_beneficiaries();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_responsibility_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'responsibility', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'responsibility.beneficiaries', 0 - OLD.beneficiaries)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_responsibility_delete AFTER DELETE ON responsibility
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_responsibility_delete();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_responsibility_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'responsibility', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'responsibility.beneficiaries', 0 + NEW.beneficiaries)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_responsibility_insert AFTER INSERT ON responsibility
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_responsibility_insert();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_services_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'services', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_services_delete AFTER DELETE ON services
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_services_delete();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_services_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'services', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_services_insert AFTER INSERT ON services
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_services_insert();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_staff_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'staff', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_staff_delete AFTER DELETE ON staff
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_staff_delete();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_staff_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'staff', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_staff_insert AFTER INSERT ON staff
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_staff_insert();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_surveys_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (OLD.park_id, 'surveys', 0 - 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_surveys_delete AFTER DELETE ON surveys
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_surveys_delete();

-- +goose StatementBegin
CREATE FUNCTION ledger_totals_surveys_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals (park_id, name, value) VALUES (NEW.park_id, 'surveys', 0 + 1)
        ON CONFLICT (park_id, name) DO UPDATE SET value = ledger_totals.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_totals_surveys_insert AFTER INSERT ON surveys
    FOR EACH ROW EXECUTE FUNCTION ledger_totals_surveys_insert();

-- +goose StatementBegin
CREATE FUNCTION members_kept_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'members', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT OLD.park_id, CAST(substr(OLD.probationary, 1, 4) AS INTEGER), 'uplift.members_developed', -1 WHERE OLD.probationary IS NOT NULL
    UNION ALL
    SELECT OLD.park_id, CAST(substr(OLD.probationary, 1, 4) AS INTEGER), 'uplift.members_developed_management', -1 WHERE OLD.probationary IS NOT NULL AND OLD.management = 1
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    INSERT INTO figures_stale (subject, id) SELECT 'enterprise', OLD.enterprise_id WHERE OLD.enterprise_id IS NOT NULL ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER members_kept_delete AFTER DELETE ON members
    FOR EACH ROW EXECUTE FUNCTION members_kept_delete();

-- +goose StatementBegin
CREATE FUNCTION members_kept_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'members', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.probationary, 1, 4) AS INTEGER), 'uplift.members_developed', 1 WHERE NEW.probationary IS NOT NULL
    UNION ALL
    SELECT NEW.park_id, CAST(substr(NEW.probationary, 1, 4) AS INTEGER), 'uplift.members_developed_management', 1 WHERE NEW.probationary IS NOT NULL AND NEW.management = 1
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    INSERT INTO figures_stale (subject, id) SELECT 'enterprise', NEW.enterprise_id WHERE NEW.enterprise_id IS NOT NULL ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER members_kept_insert AFTER INSERT ON members
    FOR EACH ROW EXECUTE FUNCTION members_kept_insert();

-- +goose StatementBegin
CREATE FUNCTION members_kept_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(OLD.probationary, 1, 4) AS INTEGER), 'uplift.members_developed', -1 WHERE OLD.probationary IS NOT NULL
    UNION ALL
    SELECT NEW.park_id, CAST(substr(OLD.probationary, 1, 4) AS INTEGER), 'uplift.members_developed_management', -1 WHERE OLD.probationary IS NOT NULL AND OLD.management = 1
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.probationary, 1, 4) AS INTEGER), 'uplift.members_developed', 1 WHERE NEW.probationary IS NOT NULL
    UNION ALL
    SELECT NEW.park_id, CAST(substr(NEW.probationary, 1, 4) AS INTEGER), 'uplift.members_developed_management', 1 WHERE NEW.probationary IS NOT NULL AND NEW.management = 1
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    INSERT INTO figures_stale (subject, id)
    SELECT 'enterprise', OLD.enterprise_id WHERE OLD.enterprise_id IS NOT NULL
    UNION SELECT 'enterprise', NEW.enterprise_id WHERE NEW.enterprise_id IS NOT NULL ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER members_kept_update AFTER UPDATE ON members
    FOR EACH ROW EXECUTE FUNCTION members_kept_update();

-- +goose StatementBegin
CREATE FUNCTION members_park_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a record stays in its park';
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER members_park_fixed BEFORE UPDATE OF park_id ON members
    FOR EACH ROW
    WHEN (OLD.park_id IS DISTINCT FROM NEW.park_id) EXECUTE FUNCTION members_park_fixed();

-- +goose StatementBegin
CREATE FUNCTION organization_enterprises_kept_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO figures_stale (subject, id) VALUES ('enterprise', OLD.enterprise_id), ('organization', OLD.organization_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER organization_enterprises_kept_delete AFTER DELETE ON organization_enterprises
    FOR EACH ROW EXECUTE FUNCTION organization_enterprises_kept_delete();

-- +goose StatementBegin
CREATE FUNCTION organization_enterprises_kept_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO figures_stale (subject, id) VALUES ('enterprise', NEW.enterprise_id), ('organization', NEW.organization_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER organization_enterprises_kept_insert AFTER INSERT ON organization_enterprises
    FOR EACH ROW EXECUTE FUNCTION organization_enterprises_kept_insert();

-- +goose StatementBegin
CREATE FUNCTION organization_enterprises_kept_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO figures_stale (subject, id) VALUES ('enterprise', OLD.enterprise_id), ('enterprise', NEW.enterprise_id),
        ('organization', OLD.organization_id), ('organization', NEW.organization_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER organization_enterprises_kept_update AFTER UPDATE ON organization_enterprises
    FOR EACH ROW EXECUTE FUNCTION organization_enterprises_kept_update();

-- +goose StatementBegin
CREATE FUNCTION organizations_kept_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'organizations', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT OLD.park_id, CAST(substr(OLD.formed, 1, 4) AS INTEGER), CASE OLD.kind WHEN 'branch' THEN 'incubation.branches_formed' ELSE 'incubation.joint_branches_formed' END, -1
    WHERE OLD.kind IN ('branch', 'joint_branch')
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER organizations_kept_delete AFTER DELETE ON organizations
    FOR EACH ROW EXECUTE FUNCTION organizations_kept_delete();

-- +goose StatementBegin
CREATE FUNCTION organizations_kept_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'organizations', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.formed, 1, 4) AS INTEGER), CASE NEW.kind WHEN 'branch' THEN 'incubation.branches_formed' ELSE 'incubation.joint_branches_formed' END, 1
    WHERE NEW.kind IN ('branch', 'joint_branch')
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER organizations_kept_insert AFTER INSERT ON organizations
    FOR EACH ROW EXECUTE FUNCTION organizations_kept_insert();

-- +goose StatementBegin
CREATE FUNCTION organizations_kept_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(OLD.formed, 1, 4) AS INTEGER), CASE OLD.kind WHEN 'branch' THEN 'incubation.branches_formed' ELSE 'incubation.joint_branches_formed' END, -1
    WHERE OLD.kind IN ('branch', 'joint_branch')
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.formed, 1, 4) AS INTEGER), CASE NEW.kind WHEN 'branch' THEN 'incubation.branches_formed' ELSE 'incubation.joint_branches_formed' END, 1
    WHERE NEW.kind IN ('branch', 'joint_branch')
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    INSERT INTO figures_stale (subject, id)
    SELECT 'enterprise', enterprise_id FROM organization_enterprises WHERE organization_id IN (OLD.id, NEW.id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER organizations_kept_update AFTER UPDATE ON organizations
    FOR EACH ROW EXECUTE FUNCTION organizations_kept_update();

-- +goose StatementBegin
CREATE FUNCTION organizations_park_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a record stays in its park';
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER organizations_park_fixed BEFORE UPDATE OF park_id ON organizations
    FOR EACH ROW
    WHEN (OLD.park_id IS DISTINCT FROM NEW.park_id) EXECUTE FUNCTION organizations_park_fixed();

-- +goose StatementBegin
CREATE FUNCTION outbox_counts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE outbox_counts SET mails = mails - 1
        WHERE state = CASE WHEN OLD.sent_at IS NOT NULL THEN 'sent' WHEN OLD.failed_at IS NOT NULL THEN 'failed' ELSE 'pending' END;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER outbox_counts_delete AFTER DELETE ON outbox
    FOR EACH ROW EXECUTE FUNCTION outbox_counts_delete();

-- +goose StatementBegin
CREATE FUNCTION outbox_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE outbox_counts SET mails = mails + 1
        WHERE state = CASE WHEN NEW.sent_at IS NOT NULL THEN 'sent' WHEN NEW.failed_at IS NOT NULL THEN 'failed' ELSE 'pending' END;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER outbox_counts_insert AFTER INSERT ON outbox
    FOR EACH ROW EXECUTE FUNCTION outbox_counts_insert();

-- +goose StatementBegin
CREATE FUNCTION outbox_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE outbox_counts SET mails = mails - 1
        WHERE state = CASE WHEN OLD.sent_at IS NOT NULL THEN 'sent' WHEN OLD.failed_at IS NOT NULL THEN 'failed' ELSE 'pending' END;
    UPDATE outbox_counts SET mails = mails + 1
        WHERE state = CASE WHEN NEW.sent_at IS NOT NULL THEN 'sent' WHEN NEW.failed_at IS NOT NULL THEN 'failed' ELSE 'pending' END;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER outbox_counts_update AFTER UPDATE OF sent_at, failed_at ON outbox
    FOR EACH ROW EXECUTE FUNCTION outbox_counts_update();

-- +goose StatementBegin
CREATE FUNCTION platforms_kept_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'platforms', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT OLD.park_id, CAST(substr(OLD.established, 1, 4) AS INTEGER), 'uplift.university_lines', -1 WHERE OLD.kind = 'university_line'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER platforms_kept_delete AFTER DELETE ON platforms
    FOR EACH ROW EXECUTE FUNCTION platforms_kept_delete();

-- +goose StatementBegin
CREATE FUNCTION platforms_kept_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'platforms', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.established, 1, 4) AS INTEGER), 'uplift.university_lines', 1 WHERE NEW.kind = 'university_line'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER platforms_kept_insert AFTER INSERT ON platforms
    FOR EACH ROW EXECUTE FUNCTION platforms_kept_insert();

-- +goose StatementBegin
CREATE FUNCTION platforms_kept_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(OLD.established, 1, 4) AS INTEGER), 'uplift.university_lines', -1 WHERE OLD.kind = 'university_line'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.established, 1, 4) AS INTEGER), 'uplift.university_lines', 1 WHERE NEW.kind = 'university_line'
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER platforms_kept_update AFTER UPDATE ON platforms
    FOR EACH ROW EXECUTE FUNCTION platforms_kept_update();

-- +goose StatementBegin
CREATE FUNCTION platforms_park_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a record stays in its park';
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER platforms_park_fixed BEFORE UPDATE OF park_id ON platforms
    FOR EACH ROW
    WHEN (OLD.park_id IS DISTINCT FROM NEW.park_id) EXECUTE FUNCTION platforms_park_fixed();

-- +goose StatementBegin
CREATE FUNCTION responsibility_kept_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'responsibility', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO responsibility_years (park_id, year, kind, records, beneficiaries)
    SELECT OLD.park_id, CAST(substr(OLD.date, 1, 4) AS INTEGER), OLD.kind, -1, -OLD.beneficiaries WHERE OLD.status = 'published'
    ON CONFLICT (park_id, year, kind) DO UPDATE SET records = responsibility_years.records + excluded.records, beneficiaries = responsibility_years.beneficiaries + excluded.beneficiaries;
    INSERT INTO figures_stale (subject, id) VALUES ('enterprise', OLD.enterprise_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER responsibility_kept_delete AFTER DELETE ON responsibility
    FOR EACH ROW EXECUTE FUNCTION responsibility_kept_delete();

-- +goose StatementBegin
CREATE FUNCTION responsibility_kept_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'responsibility', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO responsibility_years (park_id, year, kind, records, beneficiaries)
    SELECT NEW.park_id, CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.kind, 1, NEW.beneficiaries WHERE NEW.status = 'published'
    ON CONFLICT (park_id, year, kind) DO UPDATE SET records = responsibility_years.records + excluded.records, beneficiaries = responsibility_years.beneficiaries + excluded.beneficiaries;
    INSERT INTO figures_stale (subject, id) VALUES ('enterprise', NEW.enterprise_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER responsibility_kept_insert AFTER INSERT ON responsibility
    FOR EACH ROW EXECUTE FUNCTION responsibility_kept_insert();

-- +goose StatementBegin
CREATE FUNCTION responsibility_kept_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO responsibility_years (park_id, year, kind, records, beneficiaries)
    SELECT NEW.park_id, CAST(substr(OLD.date, 1, 4) AS INTEGER), OLD.kind, -1, -OLD.beneficiaries WHERE OLD.status = 'published'
    ON CONFLICT (park_id, year, kind) DO UPDATE SET records = responsibility_years.records + excluded.records, beneficiaries = responsibility_years.beneficiaries + excluded.beneficiaries;
    INSERT INTO responsibility_years (park_id, year, kind, records, beneficiaries)
    SELECT NEW.park_id, CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.kind, 1, NEW.beneficiaries WHERE NEW.status = 'published'
    ON CONFLICT (park_id, year, kind) DO UPDATE SET records = responsibility_years.records + excluded.records, beneficiaries = responsibility_years.beneficiaries + excluded.beneficiaries;
    INSERT INTO figures_stale (subject, id) VALUES ('enterprise', OLD.enterprise_id), ('enterprise', NEW.enterprise_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER responsibility_kept_update AFTER UPDATE ON responsibility
    FOR EACH ROW EXECUTE FUNCTION responsibility_kept_update();

-- +goose StatementBegin
CREATE FUNCTION responsibility_park_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a record stays in its park';
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER responsibility_park_fixed BEFORE UPDATE OF park_id ON responsibility
    FOR EACH ROW
    WHEN (OLD.park_id IS DISTINCT FROM NEW.park_id) EXECUTE FUNCTION responsibility_park_fixed();

-- +goose StatementBegin
CREATE FUNCTION services_kept_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'services', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO service_months (park_id, month, kind, services, market_fen, actual_fen)
    SELECT OLD.park_id, substr(OLD.date, 1, 7), OLD.kind, -1,
           -CASE WHEN OLD.market_cost_fen > 0 THEN OLD.market_cost_fen ELSE 0 END,
           -CASE WHEN OLD.market_cost_fen > 0 THEN coalesce(OLD.actual_cost_fen, 0) ELSE 0 END
    WHERE OLD.effective = 1
    ON CONFLICT (park_id, month, kind) DO UPDATE SET services = service_months.services + excluded.services,
        market_fen = service_months.market_fen + excluded.market_fen, actual_fen = service_months.actual_fen + excluded.actual_fen;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER services_kept_delete AFTER DELETE ON services
    FOR EACH ROW EXECUTE FUNCTION services_kept_delete();

-- +goose StatementBegin
CREATE FUNCTION services_kept_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'services', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO service_months (park_id, month, kind, services, market_fen, actual_fen)
    SELECT NEW.park_id, substr(NEW.date, 1, 7), NEW.kind, 1,
           CASE WHEN NEW.market_cost_fen > 0 THEN NEW.market_cost_fen ELSE 0 END,
           CASE WHEN NEW.market_cost_fen > 0 THEN coalesce(NEW.actual_cost_fen, 0) ELSE 0 END
    WHERE NEW.effective = 1
    ON CONFLICT (park_id, month, kind) DO UPDATE SET services = service_months.services + excluded.services,
        market_fen = service_months.market_fen + excluded.market_fen, actual_fen = service_months.actual_fen + excluded.actual_fen;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER services_kept_insert AFTER INSERT ON services
    FOR EACH ROW EXECUTE FUNCTION services_kept_insert();

-- +goose StatementBegin
CREATE FUNCTION services_kept_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO service_months (park_id, month, kind, services, market_fen, actual_fen)
    SELECT NEW.park_id, substr(OLD.date, 1, 7), OLD.kind, -1,
           -CASE WHEN OLD.market_cost_fen > 0 THEN OLD.market_cost_fen ELSE 0 END,
           -CASE WHEN OLD.market_cost_fen > 0 THEN coalesce(OLD.actual_cost_fen, 0) ELSE 0 END
    WHERE OLD.effective = 1
    ON CONFLICT (park_id, month, kind) DO UPDATE SET services = service_months.services + excluded.services,
        market_fen = service_months.market_fen + excluded.market_fen, actual_fen = service_months.actual_fen + excluded.actual_fen;
    INSERT INTO service_months (park_id, month, kind, services, market_fen, actual_fen)
    SELECT NEW.park_id, substr(NEW.date, 1, 7), NEW.kind, 1,
           CASE WHEN NEW.market_cost_fen > 0 THEN NEW.market_cost_fen ELSE 0 END,
           CASE WHEN NEW.market_cost_fen > 0 THEN coalesce(NEW.actual_cost_fen, 0) ELSE 0 END
    WHERE NEW.effective = 1
    ON CONFLICT (park_id, month, kind) DO UPDATE SET services = service_months.services + excluded.services,
        market_fen = service_months.market_fen + excluded.market_fen, actual_fen = service_months.actual_fen + excluded.actual_fen;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER services_kept_update AFTER UPDATE ON services
    FOR EACH ROW EXECUTE FUNCTION services_kept_update();

-- +goose StatementBegin
CREATE FUNCTION services_park_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a record stays in its park';
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER services_park_fixed BEFORE UPDATE OF park_id ON services
    FOR EACH ROW
    WHEN (OLD.park_id IS DISTINCT FROM NEW.park_id) EXECUTE FUNCTION services_park_fixed();

-- +goose StatementBegin
CREATE FUNCTION staff_kept_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'staff', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT OLD.park_id, CAST(substr(OLD.since, 1, 4) AS INTEGER), 'incubation.staff_serving', -1 WHERE true
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT OLD.park_id, CAST(substr(OLD.until, 1, 4) AS INTEGER) + 1, 'incubation.staff_serving', 1 WHERE OLD.until IS NOT NULL
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER staff_kept_delete AFTER DELETE ON staff
    FOR EACH ROW EXECUTE FUNCTION staff_kept_delete();

-- +goose StatementBegin
CREATE FUNCTION staff_kept_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'staff', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.since, 1, 4) AS INTEGER), 'incubation.staff_serving', 1 WHERE true
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.until, 1, 4) AS INTEGER) + 1, 'incubation.staff_serving', -1 WHERE NEW.until IS NOT NULL
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER staff_kept_insert AFTER INSERT ON staff
    FOR EACH ROW EXECUTE FUNCTION staff_kept_insert();

-- +goose StatementBegin
CREATE FUNCTION staff_kept_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(OLD.since, 1, 4) AS INTEGER), 'incubation.staff_serving', -1 WHERE true
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(OLD.until, 1, 4) AS INTEGER) + 1, 'incubation.staff_serving', 1 WHERE OLD.until IS NOT NULL
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.since, 1, 4) AS INTEGER), 'incubation.staff_serving', 1 WHERE true
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    INSERT INTO report_figures (park_id, year, figure, value)
    SELECT NEW.park_id, CAST(substr(NEW.until, 1, 4) AS INTEGER) + 1, 'incubation.staff_serving', -1 WHERE NEW.until IS NOT NULL
    ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER staff_kept_update AFTER UPDATE ON staff
    FOR EACH ROW EXECUTE FUNCTION staff_kept_update();

-- +goose StatementBegin
CREATE FUNCTION staff_park_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a record stays in its park';
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER staff_park_fixed BEFORE UPDATE OF park_id ON staff
    FOR EACH ROW
    WHEN (OLD.park_id IS DISTINCT FROM NEW.park_id) EXECUTE FUNCTION staff_park_fixed();

-- +goose StatementBegin
CREATE FUNCTION staffing_ends_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE staffing_ends SET enterprises = enterprises - 1
        WHERE park_id = OLD.park_id AND ((role = 'specialist' AND until = OLD.specialist_until) OR (role = 'instructor' AND until = OLD.instructor_until));
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER staffing_ends_delete AFTER DELETE ON enterprises
    FOR EACH ROW EXECUTE FUNCTION staffing_ends_delete();

-- +goose StatementBegin
CREATE FUNCTION staffing_ends_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO staffing_ends (park_id, role, until, enterprises) VALUES (NEW.park_id, 'specialist', NEW.specialist_until, 1), (NEW.park_id, 'instructor', NEW.instructor_until, 1)
        ON CONFLICT (park_id, role, until) DO UPDATE SET enterprises = staffing_ends.enterprises + 1;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER staffing_ends_insert AFTER INSERT ON enterprises
    FOR EACH ROW EXECUTE FUNCTION staffing_ends_insert();

-- +goose StatementBegin
CREATE FUNCTION staffing_ends_instructor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE staffing_ends SET enterprises = enterprises - 1 WHERE park_id = NEW.park_id AND (role = 'instructor' AND until = OLD.instructor_until);
    INSERT INTO staffing_ends (park_id, role, until, enterprises) VALUES (NEW.park_id, 'instructor', NEW.instructor_until, 1)
        ON CONFLICT (park_id, role, until) DO UPDATE SET enterprises = staffing_ends.enterprises + 1;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER staffing_ends_instructor AFTER UPDATE OF instructor_until ON enterprises
    FOR EACH ROW
    WHEN (OLD.instructor_until IS DISTINCT FROM NEW.instructor_until) EXECUTE FUNCTION staffing_ends_instructor();

-- +goose StatementBegin
CREATE FUNCTION staffing_ends_specialist() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE staffing_ends SET enterprises = enterprises - 1 WHERE park_id = NEW.park_id AND (role = 'specialist' AND until = OLD.specialist_until);
    INSERT INTO staffing_ends (park_id, role, until, enterprises) VALUES (NEW.park_id, 'specialist', NEW.specialist_until, 1)
        ON CONFLICT (park_id, role, until) DO UPDATE SET enterprises = staffing_ends.enterprises + 1;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER staffing_ends_specialist AFTER UPDATE OF specialist_until ON enterprises
    FOR EACH ROW
    WHEN (OLD.specialist_until IS DISTINCT FROM NEW.specialist_until) EXECUTE FUNCTION staffing_ends_specialist();

-- +goose StatementBegin
CREATE FUNCTION staffing_enterprise_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE enterprises SET
        specialist_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.specialist = 1), ''),
        instructor_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.instructor = 1), '')
    WHERE id = NEW.id;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER staffing_enterprise_insert AFTER INSERT ON enterprises
    FOR EACH ROW EXECUTE FUNCTION staffing_enterprise_insert();

-- +goose StatementBegin
CREATE FUNCTION staffing_link_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE enterprises SET
        specialist_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.specialist = 1), ''),
        instructor_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.instructor = 1), '')
    WHERE id = OLD.enterprise_id;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER staffing_link_delete AFTER DELETE ON staff_enterprises
    FOR EACH ROW EXECUTE FUNCTION staffing_link_delete();

-- +goose StatementBegin
CREATE FUNCTION staffing_link_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE enterprises SET
        specialist_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.specialist = 1), ''),
        instructor_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.instructor = 1), '')
    WHERE id = NEW.enterprise_id;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER staffing_link_insert AFTER INSERT ON staff_enterprises
    FOR EACH ROW EXECUTE FUNCTION staffing_link_insert();

-- +goose StatementBegin
CREATE FUNCTION staffing_link_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE enterprises SET
        specialist_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.specialist = 1), ''),
        instructor_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.instructor = 1), '')
    WHERE id IN (OLD.enterprise_id, NEW.enterprise_id);
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER staffing_link_update AFTER UPDATE OF staff_id, enterprise_id ON staff_enterprises
    FOR EACH ROW EXECUTE FUNCTION staffing_link_update();

-- +goose StatementBegin
CREATE FUNCTION staffing_staff_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE enterprises SET
        specialist_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.specialist = 1), ''),
        instructor_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.instructor = 1), '')
    WHERE id IN (SELECT enterprise_id FROM staff_enterprises WHERE staff_id = NEW.id);
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER staffing_staff_insert AFTER INSERT ON staff
    FOR EACH ROW EXECUTE FUNCTION staffing_staff_insert();

-- +goose StatementBegin
CREATE FUNCTION staffing_staff_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE enterprises SET
        specialist_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.specialist = 1), ''),
        instructor_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.instructor = 1), '')
    WHERE id IN (SELECT enterprise_id FROM staff_enterprises WHERE staff_id = NEW.id);
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER staffing_staff_update AFTER UPDATE OF until, specialist, instructor ON staff
    FOR EACH ROW EXECUTE FUNCTION staffing_staff_update();

-- +goose StatementBegin
CREATE FUNCTION surveys_kept_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (OLD.park_id, 'surveys', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO figures_stale (subject, id) VALUES ('enterprise', OLD.enterprise_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER surveys_kept_delete AFTER DELETE ON surveys
    FOR EACH ROW EXECUTE FUNCTION surveys_kept_delete();

-- +goose StatementBegin
CREATE FUNCTION surveys_kept_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (NEW.park_id, 'surveys', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    INSERT INTO figures_stale (subject, id) VALUES ('enterprise', NEW.enterprise_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER surveys_kept_insert AFTER INSERT ON surveys
    FOR EACH ROW EXECUTE FUNCTION surveys_kept_insert();

-- +goose StatementBegin
CREATE FUNCTION surveys_kept_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO figures_stale (subject, id) VALUES ('enterprise', OLD.enterprise_id), ('enterprise', NEW.enterprise_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER surveys_kept_update AFTER UPDATE ON surveys
    FOR EACH ROW EXECUTE FUNCTION surveys_kept_update();

-- +goose StatementBegin
CREATE FUNCTION surveys_park_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a record stays in its park';
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER surveys_park_fixed BEFORE UPDATE OF park_id ON surveys
    FOR EACH ROW
    WHEN (OLD.park_id IS DISTINCT FROM NEW.park_id) EXECUTE FUNCTION surveys_park_fixed();

-- +goose StatementBegin
CREATE FUNCTION users_kept_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (0, 'users', 0 - 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER users_kept_delete AFTER DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION users_kept_delete();

-- +goose StatementBegin
CREATE FUNCTION users_kept_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_counts (park_id, collection, records) VALUES (0, 'users', 0 + 1)
        ON CONFLICT (park_id, collection) DO UPDATE SET records = ledger_counts.records + excluded.records;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER users_kept_insert AFTER INSERT ON users
    FOR EACH ROW EXECUTE FUNCTION users_kept_insert();

-- Full-text search. SQLite keeps FTS5 indexes (migrations 00018, 00026);
-- here each published record's text is a row of a plain table, its key the
-- same entry as there (the record's date as days since 1900-01-01, shifted
-- 37 bits, or'ed with its id: newest first by key), searched with pg_trgm's
-- trigram index by ILIKE. The pickers search the names' own trigram index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- +goose StatementBegin
-- search_entry is the entry of a record dated day (an ISO date; anything
-- else counts as day 0, as julianday's NULL does in SQLite).
CREATE FUNCTION search_entry(day text, id bigint) RETURNS bigint IMMUTABLE PARALLEL SAFE LANGUAGE plpgsql AS $$
DECLARE
    days bigint := 0;
BEGIN
    IF day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
        BEGIN
            days := GREATEST(CAST(day AS date) - DATE '1900-01-01', 0);
        EXCEPTION WHEN others THEN
            days := 0;
        END;
    END IF;
    RETURN (days << 37) | id;
END
$$;
-- +goose StatementEnd

CREATE TABLE search_activity (entry BIGINT PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE search_brand (entry BIGINT PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE search_responsibility (entry BIGINT PRIMARY KEY, text TEXT NOT NULL);
CREATE INDEX search_activity_text ON search_activity USING gin (text gin_trgm_ops);
CREATE INDEX search_brand_text ON search_brand USING gin (text gin_trgm_ops);
CREATE INDEX search_responsibility_text ON search_responsibility USING gin (text gin_trgm_ops);
CREATE INDEX enterprises_name_trgm ON enterprises USING gin (name gin_trgm_ops);
CREATE INDEX enterprises_source_id_trgm ON enterprises USING gin (source_id gin_trgm_ops);
CREATE INDEX organizations_name_trgm ON organizations USING gin (name gin_trgm_ops);
CREATE INDEX organizations_source_id_trgm ON organizations USING gin (source_id gin_trgm_ops);

-- +goose StatementBegin
CREATE FUNCTION search_activity_kept() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER search_activity_kept AFTER INSERT OR DELETE OR UPDATE OF id, title, summary, date, status ON activities
    FOR EACH ROW EXECUTE FUNCTION search_activity_kept();

-- +goose StatementBegin
CREATE FUNCTION search_brand_kept() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER search_brand_kept AFTER INSERT OR DELETE OR UPDATE OF id, name, slogan, story, launched, status ON brands
    FOR EACH ROW EXECUTE FUNCTION search_brand_kept();

-- +goose StatementBegin
CREATE FUNCTION search_responsibility_kept() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER search_responsibility_kept AFTER INSERT OR DELETE OR UPDATE OF id, note, date, status ON responsibility
    FOR EACH ROW EXECUTE FUNCTION search_responsibility_kept();

-- The revision and the parks' first row, as SQLite's migrations leave them.
INSERT INTO revision (id, value, at) VALUES (1, 0, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
INSERT INTO parks (id, slug, name, brand) VALUES (1, 'park', '', '');
INSERT INTO outbox_counts (state, mails) VALUES ('pending', 0), ('sent', 0), ('failed', 0);
INSERT INTO ledger_counts (park_id, collection, records) VALUES (0, 'users', 0);
INSERT INTO ledger_totals (park_id, name, value) VALUES (1, 'activities', 0), (1, 'awards', 0), (1, 'brands', 0),
    (1, 'designations', 0), (1, 'enterprises', 0), (1, 'members', 0), (1, 'organizations', 0), (1, 'platforms', 0),
    (1, 'responsibility', 0), (1, 'responsibility.beneficiaries', 0), (1, 'services', 0), (1, 'staff', 0), (1, 'surveys', 0);

