package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Coverage is where an enterprise stands on the way from survey to party
// organisation (三有 → 组建).
type Coverage string

// The coverage statuses, in the order of the way.
const (
	CoverageNone     Coverage = "none"     // not surveyed
	CoverageSurveyed Coverage = "surveyed" // surveyed, latest survey does not meet 三有
	CoverageSanyou   Coverage = "sanyou"   // latest survey meets 三有, not yet covered
	CoverageOwn      Coverage = "own"      // covered by an organisation of its own
	CoverageJoint    Coverage = "joint"    // covered by a joint branch
)

// Coverages lists the statuses with their labels, for filters.
var Coverages = []Choice{
	{string(CoverageNone), "未摸排"}, {string(CoverageSurveyed), "已摸排"}, {string(CoverageSanyou), "符合“三有”待组建"},
	{string(CoverageOwn), "已单独组建"}, {string(CoverageJoint), "已联合组建"},
}

// coverageSQL computes an enterprise's coverage (its row is e). The latest
// survey is the one with the latest date (then the latest recorded). The
// unary + keeps SQLite from reading every joint branch for the one
// enterprise instead of its few links.
const coverageSQL = `CASE
	WHEN EXISTS (SELECT 1 FROM organization_enterprises l JOIN organizations o ON o.id = l.organization_id
		WHERE l.enterprise_id = e.id AND o.kind != 'joint_branch') THEN 'own'
	WHEN EXISTS (SELECT 1 FROM organization_enterprises l JOIN organizations o ON o.id = l.organization_id
		WHERE l.enterprise_id = e.id AND +o.kind = 'joint_branch') THEN 'joint'
	WHEN (SELECT s.fixed_premises = 1 AND s.employees >= 10 AND s.operating = 1 FROM surveys s
		WHERE s.enterprise_id = e.id ORDER BY s.date DESC, s.id DESC LIMIT 1) THEN 'sanyou'
	WHEN EXISTS (SELECT 1 FROM surveys s WHERE s.enterprise_id = e.id) THEN 'surveyed'
	ELSE 'none' END`

// keptCoverageSQL is an enterprise's coverage (its row is e) as the write
// path keeps it in enterprise_figures (coverageSQL computes it there).
const keptCoverageSQL = `coalesce((SELECT f.coverage FROM enterprise_figures f WHERE f.enterprise_id = e.id), 'none')`

// zjtxSQL tells whether an enterprise holds a 专精特新 designation.
// (The unary + keeps SQLite on the enterprise's own designations.)
const zjtxSQL = `EXISTS (SELECT 1 FROM designations d WHERE d.enterprise_id = e.id AND +d.kind LIKE 'zjtx%')`

// EnterpriseFilter selects and orders the enterprise ledger.
type EnterpriseFilter struct {
	Query       string   // in the name, the credit code or the id
	Stage       string   // startup | growth | mature
	Sector      string   // exactly
	Zjtx        string   // "yes" | "no" | ""
	Coverage    Coverage // "" for any
	Surveyed    int      // surveyed in this year, when not 0
	Sort        string   // "" (ledger order), "name", "employees", "founded"; "-" before for descending
	Offset      int
	Limit       int  // 0: no limit (an export)
	WithHistory bool // fill in each row's stage history (an export)
}

// EnterpriseRow is one line of the enterprise ledger.
type EnterpriseRow struct {
	Enterprise
	Key      int64
	Coverage Coverage
	Zjtx     bool
}

// enterpriseSorts maps a sort key to its ORDER BY, each served by an index
// (migration 00013); ties keep ledger order (names do not tie).
var enterpriseSorts = map[string]string{
	"name":       "e.name, e.id",
	"-name":      "e.name DESC, e.id DESC",
	"employees":  "e.employees IS NULL, e.employees, e.id",
	"-employees": "e.employees IS NULL, e.employees DESC, e.id",
	"founded":    "e.founded IS NULL, e.founded, e.id",
	"-founded":   "e.founded IS NULL, e.founded DESC, e.id",
}

// keptOrder is an enterprise ledger order (enterpriseSorts) on the kept
// figures' copy of the sort keys (enterprise_figures f).
var keptOrder = strings.NewReplacer("e.id", "f.enterprise_id", "e.", "f.")

// EnterpriseSortValid tells whether sort is a sort the ledger knows.
func EnterpriseSortValid(sort string) bool {
	_, ok := enterpriseSorts[sort]
	return ok || sort == ""
}

// EnterpriseLedger lists the enterprises the filter selects, one page of
// them, and how many it selects in all, in one read transaction. Queries:
// one for the count (the kept total when nothing is filtered), one for the
// page (its ids on an index that serves the order; each row's coverage and
// 专精特新 are looked up by index, the coverage as the write path keeps
// it). The coverage filter reads the kept coverages' index, which also
// holds the sort keys; the 专精特新 and survey-year filters are computed
// per enterprise: their counts read every enterprise.
func (s *Store) EnterpriseLedger(ctx context.Context, f EnterpriseFilter) ([]EnterpriseRow, int, error) {
	where, args := inPark(ctx, "e")
	if q := strings.TrimSpace(f.Query); q != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(q) + "%"
		where = append(where, `(e.name LIKE ? ESCAPE '\' OR e.credit_code LIKE ? ESCAPE '\' OR e.source_id LIKE ? ESCAPE '\')`)
		args = append(args, like, like, like)
	}
	// The coverage filter reads the kept coverages (with the stage: one
	// range of their index). Alone, it also finds the page there, in the
	// copy of the sort keys that index holds.
	kept := ""
	switch {
	case f.Coverage != "" && f.Stage != "":
		kept = "f.park_id = ? AND f.coverage = ? AND f.stage = ?"
		where, args = append(where, "e.id IN (SELECT enterprise_id FROM enterprise_figures f WHERE "+kept+")"),
			append(args, ParkOf(ctx), string(f.Coverage), f.Stage)
	case f.Coverage != "":
		kept = "f.park_id = ? AND f.coverage = ?"
		where, args = append(where, "e.id IN (SELECT enterprise_id FROM enterprise_figures f WHERE "+kept+")"), append(args, ParkOf(ctx), string(f.Coverage))
	case f.Stage != "":
		where, args = append(where, "e.stage = ?"), append(args, f.Stage)
	}
	if f.Sector != "" {
		where, args = append(where, "e.sector = ?"), append(args, f.Sector)
	}
	switch f.Zjtx {
	case "yes":
		where = append(where, zjtxSQL)
	case "no":
		where = append(where, "NOT "+zjtxSQL)
	}
	if f.Surveyed != 0 {
		where = append(where, "EXISTS (SELECT 1 FROM surveys s WHERE s.enterprise_id = e.id AND s.date BETWEEN ? AND ?)")
		args = append(args, fmt.Sprintf("%04d-01-01", f.Surveyed), fmt.Sprintf("%04d-12-31", f.Surveyed))
	}
	cond := whereOf(where)
	tx, err := s.beginRead(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to list enterprises: %w", err)
	}
	defer tx.end(ctx)
	var total int
	switch {
	case unfiltered(where):
		total, err = ledgerTotal(ctx, tx, "enterprises")
	case len(where) == 2 && kept != "":
		// only the coverage (and the stage): the kept figures' index
		// counts them, every enterprise having its row there
		err = tx.QueryRowContext(ctx, `SELECT count(*) FROM enterprise_figures f WHERE `+kept, args[1:]...).Scan(&total) // kept's own: not e's park
	default:
		err = tx.QueryRowContext(ctx, `SELECT count(*) FROM enterprises e`+cond, args...).Scan(&total)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to count enterprises: %w", err)
	}
	order, ok := enterpriseSorts[f.Sort]
	if !ok {
		order = "e.id"
	}
	q := `SELECT e.id, e.source_id, e.name, e.credit_code, e.stage, e.employees, e.sector, e.founded, ` + keptCoverageSQL + `, ` + zjtxSQL +
		` FROM enterprises e`
	switch page, pageArgs := pageOf("e.id", ` FROM enterprises e`+cond, order, args, f.Limit, f.Offset); {
	case page != "" && len(where) == 2 && kept != "":
		// a page of one coverage (and stage): sorted in the kept
		// figures' index, which holds the sort keys, without reading
		// each match's row
		q += ` WHERE e.id IN (SELECT f.enterprise_id FROM enterprise_figures f WHERE ` + kept +
			` ORDER BY ` + keptOrder.Replace(order) + ` LIMIT ? OFFSET ?)`
		args = append(args[1:], f.Limit, f.Offset) // kept's own: not e's park
	case page != "":
		q, args = q+` WHERE `+page, pageArgs
	default:
		q += cond
	}
	rows, err := tx.QueryContext(ctx, q+` ORDER BY `+order, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to list enterprises: %w", err)
	}
	defer rows.Close()
	var out []EnterpriseRow
	for rows.Next() {
		var r EnterpriseRow
		var code, sector, founded sql.NullString
		var employees sql.NullInt64
		if err := rows.Scan(&r.Key, &r.ID, &r.Name, &code, &r.Stage, &employees, &sector, &founded, &r.Coverage, &r.Zjtx); err != nil {
			return nil, 0, fmt.Errorf("store: unable to list enterprises: %w", err)
		}
		r.CreditCode, r.Sector, r.Founded, r.Employees = textOf(code), textOf(sector), textOf(founded), intOrNil(employees)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if f.WithHistory && len(out) > 0 {
		if err := s.attachStageHistory(ctx, out); err != nil {
			return nil, 0, err
		}
	}
	return out, total, nil
}

// attachStageHistory fills in the rows' stage histories. Queries: one,
// over the whole stage table (an export lists most of the ledger).
func (s *Store) attachStageHistory(ctx context.Context, rows []EnterpriseRow) error {
	at := make(map[int64]int, len(rows))
	for i, r := range rows {
		at[r.Key] = i
	}
	err := eachRow(ctx, s.read, `SELECT enterprise_id, stage, since FROM enterprise_stages ORDER BY enterprise_id, position`, nil,
		func(r *sql.Rows) error {
			var key int64
			var h StageEntry
			if err := r.Scan(&key, &h.Stage, &h.Since); err != nil {
				return err
			}
			if i, ok := at[key]; ok {
				rows[i].StageHistory = append(rows[i].StageHistory, h)
			}
			return nil
		})
	if err != nil {
		return fmt.Errorf("store: unable to read stage histories: %w", err)
	}
	return nil
}

// EnterpriseSectors lists the sectors the ledger's enterprises are in.
func (s *Store) EnterpriseSectors(ctx context.Context) ([]string, error) {
	out, err := distinctValues(ctx, s.read, "enterprises", "sector")
	if err != nil {
		return nil, fmt.Errorf("store: unable to list sectors: %w", err)
	}
	return out, nil
}
