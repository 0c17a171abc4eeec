-- The staff ledgers, cheap on a district's park (issue 19). Each ledger's
-- page reads its rows through an index that serves its order (and each
-- filter's, with the order after it), so that LIMIT and OFFSET walk an
-- index instead of sorting the table; a record's id after the indexed
-- columns is implicit (the rowid), which orders ties as the ledgers do.
-- An unfiltered ledger's count, which would walk a whole index, is kept
-- in ledger_totals by triggers: every writer (forms, filings, Excel, the
-- import, a restored backup's migration) keeps it, in its own transaction.
-- +goose Up
CREATE TABLE ledger_totals (
    name  TEXT    PRIMARY KEY, -- a ledger's table; responsibility.beneficiaries: that ledger's sum
    value INTEGER NOT NULL
) WITHOUT ROWID;

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

-- +goose StatementBegin
CREATE TRIGGER ledger_totals_enterprises_insert AFTER INSERT ON enterprises
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'enterprises';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_enterprises_delete AFTER DELETE ON enterprises
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'enterprises';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_organizations_insert AFTER INSERT ON organizations
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'organizations';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_organizations_delete AFTER DELETE ON organizations
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'organizations';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_members_insert AFTER INSERT ON members
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'members';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_members_delete AFTER DELETE ON members
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'members';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_activities_insert AFTER INSERT ON activities
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'activities';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_activities_delete AFTER DELETE ON activities
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'activities';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_surveys_insert AFTER INSERT ON surveys
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'surveys';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_surveys_delete AFTER DELETE ON surveys
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'surveys';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_services_insert AFTER INSERT ON services
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'services';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_services_delete AFTER DELETE ON services
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'services';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_platforms_insert AFTER INSERT ON platforms
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'platforms';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_platforms_delete AFTER DELETE ON platforms
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'platforms';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_designations_insert AFTER INSERT ON designations
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'designations';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_designations_delete AFTER DELETE ON designations
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'designations';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_brands_insert AFTER INSERT ON brands
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'brands';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_brands_delete AFTER DELETE ON brands
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'brands';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_awards_insert AFTER INSERT ON awards
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'awards';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_awards_delete AFTER DELETE ON awards
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'awards';
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
CREATE TRIGGER ledger_totals_responsibility_delete AFTER DELETE ON responsibility
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'responsibility';
    UPDATE ledger_totals SET value = value - OLD.beneficiaries WHERE name = 'responsibility.beneficiaries';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_staff_insert AFTER INSERT ON staff
BEGIN
    UPDATE ledger_totals SET value = value + 1 WHERE name = 'staff';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_staff_delete AFTER DELETE ON staff
BEGIN
    UPDATE ledger_totals SET value = value - 1 WHERE name = 'staff';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_totals_responsibility_beneficiaries AFTER UPDATE OF beneficiaries ON responsibility
BEGIN
    UPDATE ledger_totals SET value = value - OLD.beneficiaries + NEW.beneficiaries WHERE name = 'responsibility.beneficiaries';
END;
-- +goose StatementEnd

-- The staff ledger's enterprises without a serving specialist (or
-- instructor): each enterprise keeps the latest end of its specialists'
-- (instructors') terms, '9999-12-31' for a term without end and '' for
-- none, kept by triggers on the staff and their enterprises. An enterprise
-- lacks one on a day when its date is before that day: an index range.
ALTER TABLE enterprises ADD COLUMN specialist_until TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprises ADD COLUMN instructor_until TEXT NOT NULL DEFAULT '';
UPDATE enterprises SET
        specialist_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.specialist = 1), ''),
        instructor_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.instructor = 1), '');
CREATE INDEX enterprises_specialist_until ON enterprises(specialist_until);
CREATE INDEX enterprises_instructor_until ON enterprises(instructor_until);
-- Each of an enterprise, a staff member and their link can be the last of
-- the three written (an import writes its tables in any order): each
-- brings the enterprise's dates up to date.
-- +goose StatementBegin
CREATE TRIGGER staffing_enterprise_insert AFTER INSERT ON enterprises
BEGIN
    UPDATE enterprises SET
        specialist_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.specialist = 1), ''),
        instructor_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.instructor = 1), '')
    WHERE id = NEW.id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staffing_staff_insert AFTER INSERT ON staff
BEGIN
    UPDATE enterprises SET
        specialist_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.specialist = 1), ''),
        instructor_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.instructor = 1), '')
    WHERE id IN (SELECT enterprise_id FROM staff_enterprises WHERE staff_id = NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staffing_link_insert AFTER INSERT ON staff_enterprises
BEGIN
    UPDATE enterprises SET
        specialist_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.specialist = 1), ''),
        instructor_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.instructor = 1), '')
    WHERE id = NEW.enterprise_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staffing_link_delete AFTER DELETE ON staff_enterprises
BEGIN
    UPDATE enterprises SET
        specialist_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.specialist = 1), ''),
        instructor_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.instructor = 1), '')
    WHERE id = OLD.enterprise_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staffing_link_update AFTER UPDATE OF staff_id, enterprise_id ON staff_enterprises
BEGIN
    UPDATE enterprises SET
        specialist_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.specialist = 1), ''),
        instructor_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.instructor = 1), '')
    WHERE id IN (OLD.enterprise_id, NEW.enterprise_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER staffing_staff_update AFTER UPDATE OF until, specialist, instructor ON staff
BEGIN
    UPDATE enterprises SET
        specialist_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.specialist = 1), ''),
        instructor_until = COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
            WHERE l.enterprise_id = enterprises.id AND st.instructor = 1), '')
    WHERE id IN (SELECT enterprise_id FROM staff_enterprises WHERE staff_id = NEW.id);
END;
-- +goose StatementEnd

-- Activities: newest first (and the year filter), by programme, by title, by participants; status and organiser have theirs.
CREATE INDEX activities_ledger_date ON activities(date);
CREATE INDEX activities_ledger_program ON activities(program, date);
CREATE INDEX activities_ledger_title ON activities(title);
CREATE INDEX activities_ledger_participants ON activities(participants);
-- Members: by organisation and name, alone or after a stage (the stage's expression as member_ledger.go writes it), management or the year admitted as probationary; by name; by the latest stage's date.
CREATE INDEX members_ledger ON members(organization_id, name);
CREATE INDEX members_ledger_stage ON members((CASE WHEN full IS NOT NULL THEN 'full' WHEN probationary IS NOT NULL THEN 'probationary' WHEN candidate IS NOT NULL THEN 'candidate' WHEN activist IS NOT NULL THEN 'activist' ELSE 'applied' END), organization_id, name);
CREATE INDEX members_ledger_management ON members(management, organization_id, name);
CREATE INDEX members_ledger_developed ON members(substr(probationary, 1, 4), organization_id, name);
CREATE INDEX members_ledger_name ON members(name);
CREATE INDEX members_ledger_since ON members(COALESCE(full, probationary, candidate, activist, applied));
-- Awards and designations: newest year first, alone or after each filter.
CREATE INDEX awards_ledger ON awards(year);
CREATE INDEX awards_ledger_kind ON awards(kind, year);
CREATE INDEX awards_ledger_level ON awards(level, year);
CREATE INDEX awards_ledger_organization ON awards(organization_id, year);
CREATE INDEX designations_ledger ON designations(year);
CREATE INDEX designations_ledger_kind ON designations(kind, year);
-- Responsibility, services and surveys: newest first (and the year filter), after each filter; their other orders.
CREATE INDEX responsibility_ledger ON responsibility(date);
CREATE INDEX responsibility_ledger_beneficiaries ON responsibility(beneficiaries);
CREATE INDEX services_ledger ON services(date);
CREATE INDEX services_ledger_kind ON services(kind, date);
CREATE INDEX services_ledger_effective ON services(effective, date);
CREATE INDEX services_ledger_saving ON services(COALESCE(market_cost_fen - actual_cost_fen, 0));
CREATE INDEX surveys_ledger ON surveys(date);
CREATE INDEX surveys_ledger_meets ON surveys((fixed_premises = 1 AND employees >= 10 AND operating = 1), date);
CREATE INDEX surveys_ledger_employees ON surveys(employees);
-- Brands, platforms: newest first.
CREATE INDEX brands_ledger ON brands(launched);
CREATE INDEX platforms_ledger ON platforms(established);
CREATE INDEX platforms_ledger_kind ON platforms(kind, established);
-- Enterprises: by stage and by sector in ledger order (the sector filter's choices too); by name; by employees and founding date, either way, the unknown last.
CREATE INDEX enterprises_ledger_stage ON enterprises(stage);
CREATE INDEX enterprises_ledger_sector ON enterprises(sector);
CREATE INDEX enterprises_ledger_name ON enterprises(name);
CREATE INDEX enterprises_ledger_employees ON enterprises(employees IS NULL, employees);
CREATE INDEX enterprises_ledger_employees_desc ON enterprises(employees IS NULL, employees DESC);
CREATE INDEX enterprises_ledger_founded ON enterprises(founded IS NULL, founded);
CREATE INDEX enterprises_ledger_founded_desc ON enterprises(founded IS NULL, founded DESC);
-- Organisations: by formation date, alone or by kind; a secretary's account by organisation (the delete confirmation names them).
CREATE INDEX organizations_ledger ON organizations(formed);
CREATE INDEX organizations_ledger_kind ON organizations(kind, formed);
CREATE INDEX users_organization ON users(organization, username);
-- Staff: by role, in the order recorded.
CREATE INDEX staff_ledger_specialist ON staff(specialist);
CREATE INDEX staff_ledger_instructor ON staff(instructor);

-- +goose Down
DROP INDEX staff_ledger_instructor;
DROP INDEX staff_ledger_specialist;
DROP INDEX users_organization;
DROP INDEX organizations_ledger_kind;
DROP INDEX organizations_ledger;
DROP INDEX enterprises_ledger_founded_desc;
DROP INDEX enterprises_ledger_founded;
DROP INDEX enterprises_ledger_employees_desc;
DROP INDEX enterprises_ledger_employees;
DROP INDEX enterprises_ledger_name;
DROP INDEX enterprises_ledger_sector;
DROP INDEX enterprises_ledger_stage;
DROP INDEX platforms_ledger_kind;
DROP INDEX platforms_ledger;
DROP INDEX brands_ledger;
DROP INDEX surveys_ledger_employees;
DROP INDEX surveys_ledger_meets;
DROP INDEX surveys_ledger;
DROP INDEX services_ledger_saving;
DROP INDEX services_ledger_effective;
DROP INDEX services_ledger_kind;
DROP INDEX services_ledger;
DROP INDEX responsibility_ledger_beneficiaries;
DROP INDEX responsibility_ledger;
DROP INDEX designations_ledger_kind;
DROP INDEX designations_ledger;
DROP INDEX awards_ledger_organization;
DROP INDEX awards_ledger_level;
DROP INDEX awards_ledger_kind;
DROP INDEX awards_ledger;
DROP INDEX members_ledger_since;
DROP INDEX members_ledger_name;
DROP INDEX members_ledger_developed;
DROP INDEX members_ledger_management;
DROP INDEX members_ledger_stage;
DROP INDEX members_ledger;
DROP INDEX activities_ledger_participants;
DROP INDEX activities_ledger_title;
DROP INDEX activities_ledger_program;
DROP INDEX activities_ledger_date;
DROP TRIGGER ledger_totals_responsibility_beneficiaries;
DROP TRIGGER ledger_totals_staff_delete;
DROP TRIGGER ledger_totals_staff_insert;
DROP TRIGGER ledger_totals_responsibility_delete;
DROP TRIGGER ledger_totals_responsibility_insert;
DROP TRIGGER ledger_totals_awards_delete;
DROP TRIGGER ledger_totals_awards_insert;
DROP TRIGGER ledger_totals_brands_delete;
DROP TRIGGER ledger_totals_brands_insert;
DROP TRIGGER ledger_totals_designations_delete;
DROP TRIGGER ledger_totals_designations_insert;
DROP TRIGGER ledger_totals_platforms_delete;
DROP TRIGGER ledger_totals_platforms_insert;
DROP TRIGGER ledger_totals_services_delete;
DROP TRIGGER ledger_totals_services_insert;
DROP TRIGGER ledger_totals_surveys_delete;
DROP TRIGGER ledger_totals_surveys_insert;
DROP TRIGGER ledger_totals_activities_delete;
DROP TRIGGER ledger_totals_activities_insert;
DROP TRIGGER ledger_totals_members_delete;
DROP TRIGGER ledger_totals_members_insert;
DROP TRIGGER ledger_totals_organizations_delete;
DROP TRIGGER ledger_totals_organizations_insert;
DROP TRIGGER ledger_totals_enterprises_delete;
DROP TRIGGER ledger_totals_enterprises_insert;
DROP TABLE ledger_totals;
DROP TRIGGER staffing_staff_update;
DROP TRIGGER staffing_link_update;
DROP TRIGGER staffing_link_delete;
DROP TRIGGER staffing_link_insert;
DROP TRIGGER staffing_staff_insert;
DROP TRIGGER staffing_enterprise_insert;
DROP INDEX enterprises_instructor_until;
DROP INDEX enterprises_specialist_until;
ALTER TABLE enterprises DROP COLUMN instructor_until;
ALTER TABLE enterprises DROP COLUMN specialist_until;
