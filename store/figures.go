package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// The figures kept by the write path (migration 00015): the ledgers'
// sizes (and the accounts'), every figure of the annual report per year, the services per
// month, social responsibility per year, per enterprise its coverage,
// latest survey, full members and published responsibility, and the brand
// showcase's filters. A page reads
// them instead of counting a collection, so that its cost does not grow
// with the park.
//
// Sums over records are moved by the record tables' triggers, row by row,
// in the transaction that writes the row. What is not a sum (coverage,
// distinct enterprises or organisations per year, the brands' stages and
// sectors) is computed again here
// for the enterprises and organisations a change touched, which the
// triggers note in figures_stale: the write frame calls refreshFigures
// before it commits, and an import builds everything once from its rows
// (buildFigures). Every write is in one of those, so the figures always
// agree with the records they were committed with.

// figureTx is a transaction the figures are kept in: a change's or an
// import's.
type figureTx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// A stale subject's figures are computed again: the enterprises' (their
// row of enterprise_figures and their marks on the report) and the
// organisations' (their marks on the benchmark figures).
const (
	staleEnterprises   = `(SELECT id FROM figures_stale WHERE subject = 'enterprise')`
	staleOrganizations = `(SELECT id FROM figures_stale WHERE subject = 'organization')`
	// The report figures that count an enterprise or an organisation
	// once a year, from report_marks.
	enterpriseMarks   = `('incubation.enterprises_surveyed', 'incubation.sanyou_qualified', 'incubation.startups_covered')`
	organizationMarks = `('brand.benchmarks_city_new', 'brand.benchmarks_city_or_above', 'awards.shuangqiang_liuhao')`
)

// markedFigures moves report_figures by the marks of the stale subjects,
// signed -1 (before they are computed again) or 1 (after).
func markedFigures(sign string) string {
	// Two reads, each of its subjects' marks through the subject's index
	// (PostgreSQL reads a disjunction of the two as the whole table).
	return `INSERT INTO report_figures (park_id, year, figure, value)
		SELECT park_id, year, figure, ` + sign + ` * sum(value) FROM (
			SELECT park_id, year, figure, value FROM report_marks WHERE subject IN ` + staleEnterprises + ` AND figure IN ` + enterpriseMarks + `
			UNION ALL
			SELECT park_id, year, figure, value FROM report_marks WHERE subject IN ` + staleOrganizations + ` AND figure IN ` + organizationMarks + `) m
		GROUP BY park_id, year, figure
		ON CONFLICT (park_id, year, figure) DO UPDATE SET value = report_figures.value + excluded.value`
}

// refreshStatements compute the stale subjects' figures again, taking
// their old shares out of the sums and putting the new ones in.
var refreshStatements = []string{
	// The organisations covering a stale enterprise show its stage and
	// sector on their brand.
	`INSERT INTO figures_stale (subject, id)
		SELECT 'organization', organization_id FROM organization_enterprises WHERE enterprise_id IN ` + staleEnterprises + `
		ON CONFLICT DO NOTHING`,
	`INSERT INTO coverage_counts (park_id, coverage, enterprises)
		SELECT park_id, coverage, -count(*) FROM enterprise_figures WHERE enterprise_id IN ` + staleEnterprises + ` GROUP BY park_id, coverage
		ON CONFLICT (park_id, coverage) DO UPDATE SET enterprises = coverage_counts.enterprises + excluded.enterprises`,
	markedFigures("-1"),
	`DELETE FROM report_marks WHERE subject IN ` + staleEnterprises + ` AND figure IN ` + enterpriseMarks,
	`DELETE FROM report_marks WHERE subject IN ` + staleOrganizations + ` AND figure IN ` + organizationMarks,

	// An enterprise's row: coverage as the ledger computes it, its stage
	// and the ledger's sort keys (the ledger's coverage filter, with a
	// stage, in any order), the date of its latest survey (the pipeline's
	// order), its full members of any date and its published social
	// responsibility.
	`INSERT INTO enterprise_figures (enterprise_id, park_id, coverage, stage, name, employees, founded, surveyed, full_members, responsibility, beneficiaries)
		SELECT e.id, e.park_id, ` + coverageSQL + `, e.stage, e.name, e.employees, e.founded,
			(SELECT max(s.date) FROM surveys s WHERE s.enterprise_id = e.id),
			(SELECT count(*) FROM members m WHERE m.enterprise_id = e.id AND m.full IS NOT NULL),
			(SELECT count(*) FROM responsibility r WHERE r.enterprise_id = e.id AND r.status = 'published'),
			(SELECT coalesce(sum(r.beneficiaries), 0) FROM responsibility r WHERE r.enterprise_id = e.id AND r.status = 'published')
		FROM enterprises e WHERE e.id IN ` + staleEnterprises + `
		ON CONFLICT (enterprise_id) DO UPDATE SET coverage = excluded.coverage, stage = excluded.stage,
			name = excluded.name, employees = excluded.employees, founded = excluded.founded, surveyed = excluded.surveyed,
			full_members = excluded.full_members, responsibility = excluded.responsibility, beneficiaries = excluded.beneficiaries`,
	`DELETE FROM enterprise_figures WHERE enterprise_id IN ` + staleEnterprises + `
		AND NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.id = enterprise_figures.enterprise_id)`,
	`INSERT INTO coverage_counts (park_id, coverage, enterprises)
		SELECT park_id, coverage, count(*) FROM enterprise_figures WHERE enterprise_id IN ` + staleEnterprises + ` GROUP BY park_id, coverage
		ON CONFLICT (park_id, coverage) DO UPDATE SET enterprises = coverage_counts.enterprises + excluded.enterprises`,

	// Surveyed in Y, and meeting 三有 by the latest survey in Y (by date,
	// then the one recorded last): one mark per enterprise and year.
	`INSERT INTO report_marks (subject, figure, year, value, park_id)
		SELECT s.enterprise_id, 'incubation.enterprises_surveyed', CAST(substr(s.date, 1, 4) AS INTEGER), 1, s.park_id
		FROM surveys s WHERE s.enterprise_id IN ` + staleEnterprises + ` AND ` + latestSurveyOfYear + `
		UNION ALL
		SELECT s.enterprise_id, 'incubation.sanyou_qualified', CAST(substr(s.date, 1, 4) AS INTEGER), 1, s.park_id
		FROM surveys s WHERE s.enterprise_id IN ` + staleEnterprises + ` AND ` + latestSurveyOfYear + `
			AND s.fixed_premises = 1 AND s.employees >= 10 AND s.operating = 1`,
	// Covered by a branch or joint branch formed in Y while a start-up:
	// its stage on the formation date is the latest stage_history entry
	// since then, else its stage. From the stale enterprises' own links
	// (the CROSS JOIN and the unary + keep SQLite from reading every
	// branch of the park instead).
	`INSERT INTO report_marks (subject, figure, year, value, park_id)
		SELECT DISTINCT l.enterprise_id, 'incubation.startups_covered', CAST(substr(o.formed, 1, 4) AS INTEGER), 1, e.park_id
		FROM figures_stale st CROSS JOIN organization_enterprises l ON l.enterprise_id = st.id
		JOIN organizations o ON o.id = l.organization_id JOIN enterprises e ON e.id = l.enterprise_id
		WHERE st.subject = 'enterprise' AND +o.kind IN ('branch', 'joint_branch')
		  AND coalesce((SELECT h.stage FROM enterprise_stages h
		                WHERE h.enterprise_id = e.id AND h.since <= o.formed
		                ORDER BY h.since DESC, h.position DESC LIMIT 1), e.stage) = 'startup'`,
	// A city benchmark organisation in Y; city or above first in Y; named
	// “双强六好” (any level) first in Y, which the honour roll counts. Each
	// reads the stale organisations' own awards (the CROSS JOIN and the
	// unary + keep SQLite from reading every award of the kind instead).
	`INSERT INTO report_marks (subject, figure, year, value, park_id)
		SELECT DISTINCT a.organization_id, 'brand.benchmarks_city_new', a.year, 1, a.park_id
		FROM figures_stale st CROSS JOIN awards a ON a.organization_id = st.id
		WHERE st.subject = 'organization' AND +a.kind = 'benchmark_org' AND a.level = 'city'`,
	`INSERT INTO report_marks (subject, figure, year, value, park_id)
		SELECT a.organization_id, 'brand.benchmarks_city_or_above', min(a.year), 1, min(a.park_id)
		FROM figures_stale st CROSS JOIN awards a ON a.organization_id = st.id
		WHERE st.subject = 'organization' AND +a.kind = 'benchmark_org' AND a.level IN ('city', 'province', 'national')
		GROUP BY a.organization_id`,
	`INSERT INTO report_marks (subject, figure, year, value, park_id)
		SELECT a.organization_id, 'awards.shuangqiang_liuhao', min(a.year), 1, min(a.park_id)
		FROM figures_stale st CROSS JOIN awards a ON a.organization_id = st.id
		WHERE st.subject = 'organization' AND +a.kind = 'shuangqiang_liuhao'
		GROUP BY a.organization_id`,
	markedFigures("1"),

	// The showcase's filters of the stale organisations' brands.
	`INSERT INTO brand_facet_counts (park_id, facet, brands)
		SELECT park_id, facet, -count(*) FROM brand_facets WHERE organization_id IN ` + staleOrganizations + ` GROUP BY park_id, facet
		ON CONFLICT (park_id, facet) DO UPDATE SET brands = brand_facet_counts.brands + excluded.brands`,
	`DELETE FROM brand_facets WHERE organization_id IN ` + staleOrganizations,
	`INSERT INTO brand_facets (facet, launched, brand_id, organization_id, park_id)
		WITH b AS (SELECT br.id, br.launched, br.organization_id, br.park_id FROM figures_stale st CROSS JOIN brands br ON br.organization_id = st.id
			WHERE st.subject = 'organization' AND br.status = 'published'),
		e AS (SELECT DISTINCT b.id, 'stage:' || e.stage AS stage, CASE WHEN e.sector <> '' THEN 'sector:' || e.sector END AS sector
			FROM b JOIN organization_enterprises l ON l.organization_id = b.organization_id JOIN enterprises e ON e.id = l.enterprise_id)
		SELECT '', launched, id, organization_id, park_id FROM b
		UNION SELECT e.stage, b.launched, b.id, b.organization_id, b.park_id FROM b JOIN e ON e.id = b.id
		UNION SELECT e.sector, b.launched, b.id, b.organization_id, b.park_id FROM b JOIN e ON e.id = b.id WHERE e.sector IS NOT NULL
		UNION SELECT s.stage || ' ' || x.sector, b.launched, b.id, b.organization_id, b.park_id
			FROM b JOIN e s ON s.id = b.id JOIN e x ON x.id = b.id WHERE x.sector IS NOT NULL`,
	`INSERT INTO brand_facet_counts (park_id, facet, brands)
		SELECT park_id, facet, count(*) FROM brand_facets WHERE organization_id IN ` + staleOrganizations + ` GROUP BY park_id, facet
		ON CONFLICT (park_id, facet) DO UPDATE SET brands = brand_facet_counts.brands + excluded.brands`,
	`DELETE FROM figures_stale`,
}

// latestSurveyOfYear holds for a survey s that is its enterprise's latest
// in its year: no later one (by date, then id) in the same year.
const latestSurveyOfYear = `NOT EXISTS (SELECT 1 FROM surveys t WHERE t.enterprise_id = s.enterprise_id
	AND t.date BETWEEN substr(s.date, 1, 4) || '-01-01' AND substr(s.date, 1, 4) || '-12-31'
	AND (t.date > s.date OR (t.date = s.date AND t.id > s.id)))`

// refreshFigures computes the figures of the subjects the change noted
// stale, in its transaction. A change that noted none costs one query.
func refreshFigures(ctx context.Context, tx figureTx) error {
	var stale bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM figures_stale)`).Scan(&stale); err != nil {
		return fmt.Errorf("store: unable to read the stale figures: %w", err)
	}
	if !stale {
		return nil
	}
	for _, q := range refreshStatements {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: unable to refresh the kept figures: %w", err)
		}
	}
	return nil
}

// keptTables are the tables of kept figures, emptied before a build.
var keptTables = []string{
	"ledger_counts", "report_figures", "report_marks", "service_months", "responsibility_years",
	"enterprise_figures", "coverage_counts", "brand_facets", "brand_facet_counts", "figures_stale",
}

// buildStatements compute the sums the triggers keep from all the records
// at once, as the triggers in migration 00015 move them row by row.
var buildStatements = []string{
	`INSERT INTO report_figures (park_id, year, figure, value)
		SELECT park_id, year, figure, sum(value) FROM (
			SELECT park_id, CAST(substr(formed, 1, 4) AS INTEGER) AS year,
				CASE kind WHEN 'branch' THEN 'incubation.branches_formed' ELSE 'incubation.joint_branches_formed' END AS figure, 1 AS value
			FROM organizations WHERE kind IN ('branch', 'joint_branch')
			UNION ALL SELECT park_id, CAST(substr(since, 1, 4) AS INTEGER), 'incubation.staff_serving', 1 FROM staff
			UNION ALL SELECT park_id, CAST(substr(until, 1, 4) AS INTEGER) + 1, 'incubation.staff_serving', -1 FROM staff WHERE until IS NOT NULL
			UNION ALL SELECT park_id, CAST(substr(probationary, 1, 4) AS INTEGER), 'uplift.members_developed', 1 FROM members WHERE probationary IS NOT NULL
			UNION ALL SELECT park_id, CAST(substr(probationary, 1, 4) AS INTEGER), 'uplift.members_developed_management', 1 FROM members
				WHERE probationary IS NOT NULL AND management = 1
			UNION ALL SELECT park_id, CAST(substr(established, 1, 4) AS INTEGER), 'uplift.university_lines', 1 FROM platforms WHERE kind = 'university_line'
			UNION ALL SELECT park_id, year, 'uplift.zjtx_provincial_new', 1 FROM designations WHERE kind = 'zjtx_provincial'
			UNION ALL SELECT park_id, CAST(substr(launched, 1, 4) AS INTEGER), 'brand.brands_published', 1 FROM brands WHERE status = 'published'
			UNION ALL SELECT park_id, CAST(substr(date, 1, 4) AS INTEGER), 'activities.' || program, 1 FROM activities WHERE status = 'published'
		) x GROUP BY park_id, year, figure`,
	`INSERT INTO service_months (park_id, month, kind, services, market_fen, actual_fen)
		SELECT park_id, substr(date, 1, 7), kind, count(*),
			coalesce(sum(CASE WHEN market_cost_fen > 0 THEN market_cost_fen END), 0),
			coalesce(sum(CASE WHEN market_cost_fen > 0 THEN coalesce(actual_cost_fen, 0) END), 0)
		FROM services WHERE effective = 1 GROUP BY 1, 2, 3`,
	`INSERT INTO responsibility_years (park_id, year, kind, records, beneficiaries)
		SELECT park_id, CAST(substr(date, 1, 4) AS INTEGER), kind, count(*), sum(beneficiaries)
		FROM responsibility WHERE status = 'published' GROUP BY 1, 2, 3`,
	// Everything else is computed for every enterprise and every
	// organisation with awards, as after a change.
	`INSERT INTO figures_stale (subject, id) SELECT 'enterprise', id FROM enterprises`,
	`INSERT INTO figures_stale (subject, id) SELECT 'organization', id FROM organizations`,
}

// buildFigures computes every kept figure from the records: once when the
// figures are new to a database (Open), and after an import.
func buildFigures(ctx context.Context, tx figureTx) error {
	for _, t := range keptTables {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+t); err != nil {
			return fmt.Errorf("store: unable to empty %s: %w", t, err)
		}
	}
	counts := []string{"SELECT 0, 'users', count(*) FROM users"} // accounts are counted under park 0
	for _, lt := range ledgerTables {
		counts = append(counts, fmt.Sprintf("SELECT park_id, '%s', count(*) FROM %s GROUP BY park_id", lt.collection, lt.table))
	}
	q := "INSERT INTO ledger_counts (park_id, collection, records) " + strings.Join(counts, " UNION ALL ")
	for _, q := range append([]string{q}, buildStatements...) {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: unable to build the kept figures: %w", err)
		}
	}
	return refreshFigures(ctx, tx)
}

// buildFiguresIfNew builds the kept figures of a database that has none
// yet (the migration that brought them, or a database restored from a
// backup made before it): ledger_counts holds a row per ledger once they
// are built.
func buildFiguresIfNew(ctx context.Context, db *sql.DB) error {
	var built bool
	if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM ledger_counts)`).Scan(&built); err != nil {
		return fmt.Errorf("store: unable to read the kept figures: %w", err)
	}
	if built {
		return nil
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: unable to build the kept figures: %w", err)
	}
	defer tx.Rollback()
	if err := buildFigures(ctx, tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: unable to build the kept figures: %w", err)
	}
	return nil
}
