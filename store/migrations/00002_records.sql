-- The ledgers: every collection of the interchange format parkportal/v1.
-- Each table keeps the source's id (source_id) where the format has one, the
-- record's position in import order (rowid order), and who changed it when.
-- Domain rules that SQL cannot hold (date order, one-year rules, age, credit
-- code check character) live in store/rules.go and are applied before writing.
-- Money is held in fen (integer hundredths of a yuan) so that sums are exact.
-- +goose Up
CREATE TABLE park (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    name  TEXT NOT NULL,
    brand TEXT NOT NULL
);

CREATE TABLE enterprises (
    id          INTEGER PRIMARY KEY,
    source_id   TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    credit_code TEXT    CHECK (credit_code IS NULL OR length(credit_code) = 18),
    stage       TEXT    NOT NULL CHECK (stage IN ('startup', 'growth', 'mature')),
    employees   INTEGER CHECK (employees >= 0),
    sector      TEXT,
    founded     TEXT,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    created_by  TEXT    NOT NULL DEFAULT 'system',
    updated_by  TEXT    NOT NULL DEFAULT 'system'
);

-- stage_history: the stage on a date is the latest entry with since <= date.
CREATE TABLE enterprise_stages (
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    stage         TEXT    NOT NULL CHECK (stage IN ('startup', 'growth', 'mature')),
    since         TEXT    NOT NULL,
    PRIMARY KEY (enterprise_id, position)
);
CREATE INDEX enterprise_stages_since ON enterprise_stages(enterprise_id, since);

CREATE TABLE surveys (
    id             INTEGER PRIMARY KEY,
    source_id      TEXT    UNIQUE,
    enterprise_id  INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    date           TEXT    NOT NULL,
    fixed_premises INTEGER NOT NULL CHECK (fixed_premises IN (0, 1)),
    employees      INTEGER NOT NULL CHECK (employees >= 0),
    operating      INTEGER NOT NULL CHECK (operating IN (0, 1)),
    created_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    created_by     TEXT    NOT NULL DEFAULT 'system',
    updated_by     TEXT    NOT NULL DEFAULT 'system'
);
-- surveys_date covers the annual report's query (latest survey per enterprise
-- in a year) without reading the table.
CREATE INDEX surveys_date ON surveys(date, enterprise_id, fixed_premises, employees, operating);
CREATE INDEX surveys_enterprise ON surveys(enterprise_id, date);

CREATE TABLE organizations (
    id         INTEGER PRIMARY KEY,
    source_id  TEXT    NOT NULL UNIQUE,
    name       TEXT    NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('branch', 'joint_branch', 'general_branch', 'committee')),
    formed     TEXT    NOT NULL,
    secretary  TEXT,
    created_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    created_by TEXT    NOT NULL DEFAULT 'system',
    updated_by TEXT    NOT NULL DEFAULT 'system'
);
CREATE INDEX organizations_formed ON organizations(formed, kind);

CREATE TABLE organization_enterprises (
    organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    enterprise_id   INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    PRIMARY KEY (organization_id, enterprise_id)
);
CREATE INDEX organization_enterprises_enterprise ON organization_enterprises(enterprise_id);

CREATE TABLE staff (
    id         INTEGER PRIMARY KEY,
    source_id  TEXT    NOT NULL UNIQUE,
    name       TEXT    NOT NULL,
    specialist INTEGER NOT NULL CHECK (specialist IN (0, 1)),
    instructor INTEGER NOT NULL CHECK (instructor IN (0, 1)),
    since      TEXT    NOT NULL,
    until      TEXT    CHECK (until IS NULL OR until >= since),
    created_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    created_by TEXT    NOT NULL DEFAULT 'system',
    updated_by TEXT    NOT NULL DEFAULT 'system',
    CHECK (specialist + instructor >= 1)
);

CREATE TABLE staff_enterprises (
    staff_id      INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    PRIMARY KEY (staff_id, enterprise_id)
);
CREATE INDEX staff_enterprises_enterprise ON staff_enterprises(enterprise_id);

CREATE TABLE services (
    id              INTEGER PRIMARY KEY,
    source_id       TEXT    UNIQUE,
    enterprise_id   INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL CHECK (kind IN ('equipment', 'finance_tax', 'legal', 'venue')),
    date            TEXT    NOT NULL,
    effective       INTEGER NOT NULL CHECK (effective IN (0, 1)),
    market_cost_fen INTEGER CHECK (market_cost_fen >= 0),
    actual_cost_fen INTEGER CHECK (actual_cost_fen >= 0),
    note            TEXT,
    created_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    created_by      TEXT    NOT NULL DEFAULT 'system',
    updated_by      TEXT    NOT NULL DEFAULT 'system'
);
-- services_date covers the annual report's service counts and savings.
CREATE INDEX services_date ON services(date, kind, effective, market_cost_fen, actual_cost_fen);
CREATE INDEX services_enterprise ON services(enterprise_id);

CREATE TABLE members (
    id              INTEGER PRIMARY KEY,
    source_id       TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    birth           TEXT,
    organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    enterprise_id   INTEGER REFERENCES enterprises(id) ON DELETE SET NULL,
    management      INTEGER NOT NULL CHECK (management IN (0, 1)),
    applied         TEXT    NOT NULL,
    activist        TEXT    CHECK (activist IS NULL OR activist >= applied),
    candidate       TEXT    CHECK (candidate IS NULL OR (activist IS NOT NULL AND candidate >= activist)),
    probationary    TEXT    CHECK (probationary IS NULL OR (candidate IS NOT NULL AND probationary >= candidate)),
    full            TEXT    CHECK (full IS NULL OR (probationary IS NOT NULL AND full >= probationary)),
    created_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    created_by      TEXT    NOT NULL DEFAULT 'system',
    updated_by      TEXT    NOT NULL DEFAULT 'system'
);
CREATE INDEX members_probationary ON members(probationary, management);
CREATE INDEX members_organization ON members(organization_id);

-- status: imported records count as published; secretaries' filings (later)
-- go draft -> submitted -> published. Public pages read only 'published'.
CREATE TABLE activities (
    id              INTEGER PRIMARY KEY,
    source_id       TEXT    UNIQUE,
    program         TEXT    NOT NULL CHECK (program IN ('incubation', 'uplift', 'brand')),
    kind            TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    date            TEXT    NOT NULL,
    organizer_id    INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
    participants    INTEGER CHECK (participants >= 0),
    summary         TEXT,
    status          TEXT    NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'submitted', 'published')),
    created_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    created_by      TEXT    NOT NULL DEFAULT 'system',
    updated_by      TEXT    NOT NULL DEFAULT 'system'
);
CREATE INDEX activities_date ON activities(date, program);
CREATE INDEX activities_program ON activities(program, status, date);
CREATE INDEX activities_organizer ON activities(organizer_id, date);

CREATE TABLE activity_enterprises (
    activity_id   INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    PRIMARY KEY (activity_id, enterprise_id)
);
CREATE INDEX activity_enterprises_enterprise ON activity_enterprises(enterprise_id);

CREATE TABLE platforms (
    id          INTEGER PRIMARY KEY,
    source_id   TEXT    UNIQUE,
    kind        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    established TEXT    NOT NULL,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    created_by  TEXT    NOT NULL DEFAULT 'system',
    updated_by  TEXT    NOT NULL DEFAULT 'system'
);

CREATE TABLE designations (
    id            INTEGER PRIMARY KEY,
    source_id     TEXT    UNIQUE,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL,
    year          INTEGER NOT NULL,
    created_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    created_by    TEXT    NOT NULL DEFAULT 'system',
    updated_by    TEXT    NOT NULL DEFAULT 'system'
);
CREATE INDEX designations_year ON designations(year, kind);
CREATE INDEX designations_enterprise ON designations(enterprise_id);

CREATE TABLE brands (
    id              INTEGER PRIMARY KEY,
    source_id       TEXT    UNIQUE,
    organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    launched        TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('draft', 'submitted', 'published')),
    slogan          TEXT,
    story           TEXT,
    practices       TEXT, -- JSON array of strings, optional extra field
    created_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    created_by      TEXT    NOT NULL DEFAULT 'system',
    updated_by      TEXT    NOT NULL DEFAULT 'system'
);
CREATE INDEX brands_status ON brands(status, launched);
CREATE INDEX brands_organization ON brands(organization_id);

CREATE TABLE awards (
    id              INTEGER PRIMARY KEY,
    source_id       TEXT    UNIQUE,
    organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL,
    level           TEXT    NOT NULL CHECK (level IN ('district', 'city', 'province', 'national')),
    year            INTEGER NOT NULL,
    title           TEXT,
    created_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    created_by      TEXT    NOT NULL DEFAULT 'system',
    updated_by      TEXT    NOT NULL DEFAULT 'system'
);
CREATE INDEX awards_year ON awards(kind, level, year);
CREATE INDEX awards_organization ON awards(organization_id);

CREATE TABLE responsibility (
    id            INTEGER PRIMARY KEY,
    source_id     TEXT    UNIQUE,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL,
    date          TEXT    NOT NULL,
    beneficiaries INTEGER NOT NULL CHECK (beneficiaries >= 0),
    note          TEXT,
    status        TEXT    NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'submitted', 'published')),
    created_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    created_by    TEXT    NOT NULL DEFAULT 'system',
    updated_by    TEXT    NOT NULL DEFAULT 'system'
);
CREATE INDEX responsibility_date ON responsibility(kind, date);
CREATE INDEX responsibility_enterprise ON responsibility(enterprise_id, date);
-- responsibility_report covers the annual report's totals per kind.
CREATE INDEX responsibility_report ON responsibility(status, kind, date, beneficiaries);

-- revision counts every change to the records; public page caches and ETags
-- key on it.
CREATE TABLE revision (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL,
    at    TEXT    NOT NULL
);
INSERT INTO revision (id, value, at) VALUES (1, 0, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));

-- +goose Down
DROP TABLE revision;
DROP TABLE responsibility;
DROP TABLE awards;
DROP TABLE brands;
DROP TABLE designations;
DROP TABLE platforms;
DROP TABLE activity_enterprises;
DROP TABLE activities;
DROP TABLE members;
DROP TABLE services;
DROP TABLE staff_enterprises;
DROP TABLE staff;
DROP TABLE organization_enterprises;
DROP TABLE organizations;
DROP TABLE surveys;
DROP TABLE enterprise_stages;
DROP TABLE enterprises;
DROP TABLE park;
