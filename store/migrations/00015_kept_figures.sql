-- Figures kept by the write path (issue 19): what the dashboard, the
-- pipeline, the annual report and the public pages show over a whole
-- collection is kept in these tables, in the same transaction as every
-- change of the records, so that a page reads a few rows instead of
-- counting the park. store/figures.go says how each is kept.
--
-- Two ways, by the figure's shape:
-- * A figure that adds up over records (a ledger's size, a year's
--   activities per programme, a month's services) is moved by the
--   triggers below: each record adds its share when written and takes it
--   back when changed or deleted.
-- * A figure that is not a plain sum (an enterprise's coverage, "the
--   enterprises surveyed in a year", "the start-ups covered", the
--   benchmark organisations) is computed again for the enterprises and
--   organisations a change touched: the triggers note them in
--   figures_stale and the write frame (store/write.go) refreshes them
--   before it commits. What one enterprise or organisation adds to a
--   year's figure is kept in report_marks.
--
-- The tables start empty; Open builds them from the records once
-- (store.buildFigures), as an import does after its rows.
-- +goose Up
CREATE TABLE ledger_counts (
    collection TEXT    PRIMARY KEY,
    records    INTEGER NOT NULL
) WITHOUT ROWID;

-- A year's figures of the annual report, by their keys in the report's
-- JSON (incubation.branches_formed …). The figures "by Y" (staff serving,
-- university lines, brands published, benchmarks city or above) are kept
-- as what each year adds, and summed over the years up to Y.
CREATE TABLE report_figures (
    year   INTEGER NOT NULL,
    figure TEXT    NOT NULL,
    value  INTEGER NOT NULL,
    PRIMARY KEY (year, figure)
) WITHOUT ROWID;

-- What one enterprise or organisation (subject) adds to a year's figure
-- that counts it once: report_figures holds their sums.
CREATE TABLE report_marks (
    subject INTEGER NOT NULL,
    figure  TEXT    NOT NULL,
    year    INTEGER NOT NULL,
    value   INTEGER NOT NULL,
    PRIMARY KEY (subject, figure, year)
) WITHOUT ROWID;

-- Effective shared services per month and kind; market and actual costs
-- over those with a market cost above zero (an absent actual cost as zero).
CREATE TABLE service_months (
    month      TEXT    NOT NULL, -- 2024-05
    kind       TEXT    NOT NULL,
    services   INTEGER NOT NULL,
    market_fen INTEGER NOT NULL,
    actual_fen INTEGER NOT NULL,
    PRIMARY KEY (month, kind)
) WITHOUT ROWID;

-- Published social responsibility per year and kind.
CREATE TABLE responsibility_years (
    year          INTEGER NOT NULL,
    kind          TEXT    NOT NULL,
    records       INTEGER NOT NULL,
    beneficiaries INTEGER NOT NULL,
    PRIMARY KEY (year, kind)
) WITHOUT ROWID;

-- One row per enterprise: its coverage (as the enterprise ledger computes
-- it), its latest survey's date, its full members (any date: the pipeline
-- takes those dated after today back), and its published responsibility.
CREATE TABLE enterprise_figures (
    enterprise_id  INTEGER PRIMARY KEY,
    coverage       TEXT    NOT NULL,
    surveyed       TEXT,
    full_members   INTEGER NOT NULL,
    responsibility INTEGER NOT NULL,
    beneficiaries  INTEGER NOT NULL
);
-- The pipeline in its order, its joint branches' units, the leaders of
-- social responsibility.
CREATE INDEX enterprise_figures_pipeline ON enterprise_figures(coverage, surveyed);
CREATE INDEX enterprise_figures_members ON enterprise_figures(coverage, full_members, surveyed);
CREATE INDEX enterprise_figures_beneficiaries ON enterprise_figures(beneficiaries) WHERE responsibility > 0;

CREATE TABLE coverage_counts (
    coverage    TEXT    PRIMARY KEY,
    enterprises INTEGER NOT NULL
) WITHOUT ROWID;

-- The brand showcase's filters: each published brand under '' (every
-- brand), under the stage and the sector of each enterprise its
-- organisation covers ('stage:growth', 'sector:新能源') and under each pair
-- of those ('stage:growth sector:新能源'), in the showcase's order (the
-- latest launched first); and how many brands each holds.
CREATE TABLE brand_facets (
    facet           TEXT    NOT NULL,
    launched        TEXT    NOT NULL,
    brand_id        INTEGER NOT NULL,
    organization_id INTEGER NOT NULL,
    PRIMARY KEY (facet, launched, brand_id)
) WITHOUT ROWID;
CREATE INDEX brand_facets_organization ON brand_facets(organization_id);

CREATE TABLE brand_facet_counts (
    facet  TEXT    PRIMARY KEY,
    brands INTEGER NOT NULL
) WITHOUT ROWID;

-- The enterprises (subject 'enterprise') and organisations
-- ('organization': their awards and their brand) whose figures the change
-- in progress must refresh.
CREATE TABLE figures_stale (
    subject TEXT    NOT NULL,
    id      INTEGER NOT NULL,
    PRIMARY KEY (subject, id)
) WITHOUT ROWID;

-- Full members dated after today, which the pipeline does not count yet.
CREATE INDEX members_full ON members(full) WHERE full IS NOT NULL;

-- users: the accounts, which the user list pages through (ledger_counts
-- holds them under 'users')
-- +goose StatementBegin
CREATE TRIGGER users_kept_insert AFTER INSERT ON users BEGIN
    UPDATE ledger_counts SET records = records + 1 WHERE collection = 'users';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER users_kept_delete AFTER DELETE ON users BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'users';
END;
-- +goose StatementEnd

-- enterprises
-- +goose StatementBegin
CREATE TRIGGER enterprises_kept_insert AFTER INSERT ON enterprises BEGIN
    UPDATE ledger_counts SET records = records + 1 WHERE collection = 'enterprises';
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER enterprises_kept_update AFTER UPDATE ON enterprises BEGIN
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', OLD.id), ('enterprise', NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER enterprises_kept_delete AFTER DELETE ON enterprises BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'enterprises';
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', OLD.id);
END;
-- +goose StatementEnd

-- enterprise_stages: the stage on an organisation's formation date
-- +goose StatementBegin
CREATE TRIGGER enterprise_stages_kept_insert AFTER INSERT ON enterprise_stages BEGIN
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', NEW.enterprise_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER enterprise_stages_kept_update AFTER UPDATE ON enterprise_stages BEGIN
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', OLD.enterprise_id), ('enterprise', NEW.enterprise_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER enterprise_stages_kept_delete AFTER DELETE ON enterprise_stages BEGIN
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', OLD.enterprise_id);
END;
-- +goose StatementEnd

-- surveys
-- +goose StatementBegin
CREATE TRIGGER surveys_kept_insert AFTER INSERT ON surveys BEGIN
    UPDATE ledger_counts SET records = records + 1 WHERE collection = 'surveys';
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', NEW.enterprise_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER surveys_kept_update AFTER UPDATE ON surveys BEGIN
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', OLD.enterprise_id), ('enterprise', NEW.enterprise_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER surveys_kept_delete AFTER DELETE ON surveys BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'surveys';
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', OLD.enterprise_id);
END;
-- +goose StatementEnd

-- organizations: branches formed per year; their kind and date reach the
-- enterprises they cover (coverage, start-ups covered)
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
CREATE TRIGGER organizations_kept_delete AFTER DELETE ON organizations BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'organizations';
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(OLD.formed, 1, 4) AS INTEGER), CASE OLD.kind WHEN 'branch' THEN 'incubation.branches_formed' ELSE 'incubation.joint_branches_formed' END, -1
    WHERE OLD.kind IN ('branch', 'joint_branch')
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd

-- organization_enterprises: an enterprise's coverage, an organisation's
-- brand's stages and sectors
-- +goose StatementBegin
CREATE TRIGGER organization_enterprises_kept_insert AFTER INSERT ON organization_enterprises BEGIN
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', NEW.enterprise_id), ('organization', NEW.organization_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organization_enterprises_kept_update AFTER UPDATE ON organization_enterprises BEGIN
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', OLD.enterprise_id), ('enterprise', NEW.enterprise_id),
        ('organization', OLD.organization_id), ('organization', NEW.organization_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organization_enterprises_kept_delete AFTER DELETE ON organization_enterprises BEGIN
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', OLD.enterprise_id), ('organization', OLD.organization_id);
END;
-- +goose StatementEnd

-- staff: serving in Y when since is by Y and until, if any, is in Y or
-- later: one more from since's year, one fewer from the year after until's
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

-- services: effective services per month and kind
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

-- members: developed (probationary) per year; an enterprise's full members
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

-- activities: published activities per year and programme
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
CREATE TRIGGER activities_kept_delete AFTER DELETE ON activities BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'activities';
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(OLD.date, 1, 4) AS INTEGER), 'activities.' || OLD.program, -1 WHERE OLD.status = 'published'
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd

-- platforms: university lines established per year
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
CREATE TRIGGER platforms_kept_delete AFTER DELETE ON platforms BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'platforms';
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(OLD.established, 1, 4) AS INTEGER), 'uplift.university_lines', -1 WHERE OLD.kind = 'university_line'
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd

-- designations: provincial 专精特新 per year
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
CREATE TRIGGER designations_kept_delete AFTER DELETE ON designations BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'designations';
    INSERT INTO report_figures (year, figure, value)
    SELECT OLD.year, 'uplift.zjtx_provincial_new', -1 WHERE OLD.kind = 'zjtx_provincial'
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
END;
-- +goose StatementEnd

-- brands: published brands per year launched; the showcase's filters
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
CREATE TRIGGER brands_kept_delete AFTER DELETE ON brands BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'brands';
    INSERT INTO report_figures (year, figure, value)
    SELECT CAST(substr(OLD.launched, 1, 4) AS INTEGER), 'brand.brands_published', -1 WHERE OLD.status = 'published'
    ON CONFLICT (year, figure) DO UPDATE SET value = value + excluded.value;
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('organization', OLD.organization_id);
END;
-- +goose StatementEnd

-- awards: the benchmark organisations, counted once each
-- +goose StatementBegin
CREATE TRIGGER awards_kept_insert AFTER INSERT ON awards BEGIN
    UPDATE ledger_counts SET records = records + 1 WHERE collection = 'awards';
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('organization', NEW.organization_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER awards_kept_update AFTER UPDATE ON awards BEGIN
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('organization', OLD.organization_id), ('organization', NEW.organization_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER awards_kept_delete AFTER DELETE ON awards BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'awards';
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('organization', OLD.organization_id);
END;
-- +goose StatementEnd

-- responsibility: published beneficiaries per year and kind, and per
-- enterprise
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
CREATE TRIGGER responsibility_kept_delete AFTER DELETE ON responsibility BEGIN
    UPDATE ledger_counts SET records = records - 1 WHERE collection = 'responsibility';
    INSERT INTO responsibility_years (year, kind, records, beneficiaries)
    SELECT CAST(substr(OLD.date, 1, 4) AS INTEGER), OLD.kind, -1, -OLD.beneficiaries WHERE OLD.status = 'published'
    ON CONFLICT (year, kind) DO UPDATE SET records = records + excluded.records, beneficiaries = beneficiaries + excluded.beneficiaries;
    INSERT OR IGNORE INTO figures_stale (subject, id) VALUES ('enterprise', OLD.enterprise_id);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER responsibility_kept_delete;
DROP TRIGGER responsibility_kept_update;
DROP TRIGGER responsibility_kept_insert;
DROP TRIGGER awards_kept_delete;
DROP TRIGGER awards_kept_update;
DROP TRIGGER awards_kept_insert;
DROP TRIGGER brands_kept_delete;
DROP TRIGGER brands_kept_update;
DROP TRIGGER brands_kept_insert;
DROP TRIGGER designations_kept_delete;
DROP TRIGGER designations_kept_update;
DROP TRIGGER designations_kept_insert;
DROP TRIGGER platforms_kept_delete;
DROP TRIGGER platforms_kept_update;
DROP TRIGGER platforms_kept_insert;
DROP TRIGGER activities_kept_delete;
DROP TRIGGER activities_kept_update;
DROP TRIGGER activities_kept_insert;
DROP TRIGGER members_kept_delete;
DROP TRIGGER members_kept_update;
DROP TRIGGER members_kept_insert;
DROP TRIGGER services_kept_delete;
DROP TRIGGER services_kept_update;
DROP TRIGGER services_kept_insert;
DROP TRIGGER staff_kept_delete;
DROP TRIGGER staff_kept_update;
DROP TRIGGER staff_kept_insert;
DROP TRIGGER organization_enterprises_kept_delete;
DROP TRIGGER organization_enterprises_kept_update;
DROP TRIGGER organization_enterprises_kept_insert;
DROP TRIGGER organizations_kept_delete;
DROP TRIGGER organizations_kept_update;
DROP TRIGGER organizations_kept_insert;
DROP TRIGGER surveys_kept_delete;
DROP TRIGGER surveys_kept_update;
DROP TRIGGER surveys_kept_insert;
DROP TRIGGER enterprise_stages_kept_delete;
DROP TRIGGER enterprise_stages_kept_update;
DROP TRIGGER enterprise_stages_kept_insert;
DROP TRIGGER enterprises_kept_delete;
DROP TRIGGER enterprises_kept_update;
DROP TRIGGER enterprises_kept_insert;
DROP TRIGGER users_kept_delete;
DROP TRIGGER users_kept_insert;
DROP INDEX members_full;
DROP TABLE figures_stale;
DROP TABLE brand_facet_counts;
DROP TABLE brand_facets;
DROP TABLE coverage_counts;
DROP TABLE enterprise_figures;
DROP TABLE responsibility_years;
DROP TABLE service_months;
DROP TABLE report_marks;
DROP TABLE report_figures;
DROP TABLE ledger_counts;
