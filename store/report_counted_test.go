package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
)

// countReport counts the annual report for year from the records, as the
// interchange spec defines each figure: the reference that the figures the
// write path keeps (computeReport) must equal.
func (s *Store) countReport(ctx context.Context, year int) (Report, int64, error) {
	if year < 1000 || year > 9999 {
		return Report{}, 0, fmt.Errorf("store: report year %d is not a four-digit year", year)
	}
	from, to := fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year)
	tx, err := s.beginRead(ctx)
	if err != nil {
		return Report{}, 0, fmt.Errorf("store: unable to begin report: %w", err)
	}
	defer tx.end(ctx)
	// Read first: the transaction's snapshot is the one this revision names.
	var rev int64
	if err := tx.QueryRowContext(ctx, `SELECT value FROM revision WHERE id = 1`).Scan(&rev); err != nil {
		return Report{}, 0, fmt.Errorf("store: unable to read revision: %w", err)
	}
	r := Report{Year: year}
	inc, up, br := &r.Incubation, &r.Uplift, &r.Brand

	one := func(what, q string, args []any, dest ...any) error {
		if err := tx.QueryRowContext(ctx, q, args...).Scan(dest...); err != nil {
			return fmt.Errorf("store: unable to compute %s for %d: %w", what, year, err)
		}
		return nil
	}
	// Surveys: the latest survey of each enterprise in Y.
	// A survey is its enterprise's latest in Y when no later one (by date,
	// then id) of Y exists: one seek in surveys_enterprise per survey,
	// where ranking them all with a window function sorted the year.
	if err := one("surveys", `SELECT count(*), coalesce(sum(CASE WHEN s.fixed_premises = 1 AND s.employees >= 10 AND s.operating = 1 THEN 1 ELSE 0 END), 0)
		FROM surveys s WHERE s.date BETWEEN ?1 AND ?2
		  AND NOT EXISTS (SELECT 1 FROM surveys t WHERE t.enterprise_id = s.enterprise_id AND t.date BETWEEN ?1 AND ?2
		                  AND (t.date > s.date OR (t.date = s.date AND t.id > s.id)))`, []any{from, to}, &inc.EnterprisesSurveyed, &inc.SanyouQualified); err != nil {
		return Report{}, 0, err
	}
	if err := one("organizations", `SELECT
		coalesce(sum(CASE WHEN kind = 'branch' THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN kind = 'joint_branch' THEN 1 ELSE 0 END), 0)
		FROM organizations WHERE formed BETWEEN ? AND ?`, []any{from, to}, &inc.BranchesFormed, &inc.JointBranchesFormed); err != nil {
		return Report{}, 0, err
	}
	// The stage on the formation date: the latest stage_history entry with
	// since on or before it, else the enterprise's stage.
	if err := one("start-ups covered", `SELECT count(DISTINCT oe.enterprise_id)
		FROM organizations o
		JOIN organization_enterprises oe ON oe.organization_id = o.id
		JOIN enterprises e ON e.id = oe.enterprise_id
		WHERE o.kind IN ('branch', 'joint_branch') AND o.formed BETWEEN ? AND ?
		  AND coalesce((SELECT h.stage FROM enterprise_stages h
		                WHERE h.enterprise_id = e.id AND h.since <= o.formed
		                ORDER BY h.since DESC, h.position DESC LIMIT 1), e.stage) = 'startup'`,
		[]any{from, to}, &inc.StartupsCovered); err != nil {
		return Report{}, 0, err
	}
	if err := one("staff", `SELECT count(*) FROM staff WHERE since <= ? AND (until IS NULL OR until >= ?)`,
		[]any{to, from}, &inc.StaffServing); err != nil {
		return Report{}, 0, err
	}
	var actual, market sql.NullInt64
	if err := one("services", `SELECT
		coalesce(sum(CASE WHEN kind = 'equipment' THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN kind = 'finance_tax' THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN kind = 'legal' THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN kind = 'venue' THEN 1 ELSE 0 END), 0),
		sum(CASE WHEN kind = 'equipment' AND market_cost_fen > 0 THEN coalesce(actual_cost_fen, 0) END),
		sum(CASE WHEN kind = 'equipment' AND market_cost_fen > 0 THEN market_cost_fen END)
		FROM services WHERE effective = 1 AND date BETWEEN ? AND ?`, []any{from, to},
		&inc.Services.Equipment, &inc.Services.FinanceTax, &inc.Services.Legal, &inc.Services.Venue, &actual, &market); err != nil {
		return Report{}, 0, err
	}
	if market.Valid && market.Int64 > 0 {
		ratio := math.Round(float64(market.Int64-actual.Int64)*100/float64(market.Int64)) / 100
		inc.EquipmentSavingRatio = &ratio
	}
	if err := one("members", `SELECT count(*), coalesce(sum(management), 0) FROM members WHERE probationary BETWEEN ? AND ?`,
		[]any{from, to}, &up.MembersDeveloped, &up.MembersDevelopedManagement); err != nil {
		return Report{}, 0, err
	}
	if err := one("platforms and designations", `SELECT
		(SELECT count(*) FROM platforms WHERE kind = 'university_line' AND established <= ?),
		(SELECT count(*) FROM designations WHERE kind = 'zjtx_provincial' AND year = ?),
		(SELECT count(*) FROM brands WHERE status = 'published' AND launched <= ?),
		(SELECT count(DISTINCT organization_id) FROM awards WHERE kind = 'benchmark_org' AND level = 'city' AND year = ?),
		(SELECT count(DISTINCT organization_id) FROM awards WHERE kind = 'benchmark_org' AND level IN ('city', 'province', 'national') AND year <= ?)`,
		[]any{to, year, to, year, year},
		&up.UniversityLines, &up.ZjtxProvincialNew, &br.BrandsPublished, &br.BenchmarksCityNew, &br.BenchmarksCityOrAbove); err != nil {
		return Report{}, 0, err
	}
	if err := one("activities", `SELECT
		coalesce(sum(CASE WHEN program = 'incubation' THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN program = 'uplift' THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN program = 'brand' THEN 1 ELSE 0 END), 0)
		FROM activities WHERE status = 'published' AND date BETWEEN ? AND ?`, []any{from, to},
		&r.Activities.Incubation, &r.Activities.Uplift, &r.Activities.Brand); err != nil {
		return Report{}, 0, err
	}
	if err := countResponsibilityTotals(ctx, tx, from, to, br); err != nil {
		return Report{}, 0, fmt.Errorf("store: unable to compute responsibility for %d: %w", year, err)
	}
	return r, rev, nil
}

// countResponsibilityTotals sums beneficiaries per kind, in Y and by Y, for every
// kind present in the data and the two the report always shows.
func countResponsibilityTotals(ctx context.Context, tx *readTx, from, to string, br *BrandFigures) error {
	rows, err := tx.QueryContext(ctx, `SELECT kind,
		coalesce(sum(CASE WHEN date BETWEEN ? AND ? THEN beneficiaries ELSE 0 END), 0),
		coalesce(sum(CASE WHEN date <= ? THEN beneficiaries ELSE 0 END), 0)
		FROM responsibility WHERE status = 'published' GROUP BY kind ORDER BY kind`, from, to, to)
	if err != nil {
		return err
	}
	defer rows.Close()
	for _, k := range reportedResponsibility {
		br.ResponsibilityYear = append(br.ResponsibilityYear, KindTotal{Kind: k})
		br.ResponsibilityTotal = append(br.ResponsibilityTotal, KindTotal{Kind: k})
	}
	for rows.Next() {
		var kind string
		var inYear, byYear int
		if err := rows.Scan(&kind, &inYear, &byYear); err != nil {
			return err
		}
		if i := slices.Index(reportedResponsibility, kind); i >= 0 {
			br.ResponsibilityYear[i].Total, br.ResponsibilityTotal[i].Total = inYear, byYear
			continue
		}
		br.ResponsibilityYear = append(br.ResponsibilityYear, KindTotal{kind, inYear})
		br.ResponsibilityTotal = append(br.ResponsibilityTotal, KindTotal{kind, byYear})
	}
	return rows.Err()
}
