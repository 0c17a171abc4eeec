package web

import (
	"context"
	"database/sql"
	"fmt"
	"parkportal/store/pgcluster"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"parkportal/store"
)

// What the query-plan test reads in SQLite's EXPLAIN QUERY PLAN: which
// lines of a statement's plan cost time that grows with the park.

// parkSmallTables are the tables that do not grow with the park: the
// district's parks (a dozen, not thousands), the schema's, the revision counter, the photos waiting
// for a filing (swept after hours), JSON's table functions (they read a
// statement's argument), and the kept figures whose rows are years,
// months, kinds or ledgers rather than records (migrations 00013 and
// 00015: a row per ledger; per year and figure; per month and service
// kind; per year and responsibility kind; per programme, year and
// status; per coverage; per showcase
// filter; the few records the change in progress touched; the outbox's
// three states, migration 00024). Every other
// table grows with it, so that a table added later is checked by default.
var parkSmallTables = map[string]bool{
	"parks": true, "revision": true, "goose_db_version": true, "sqlite_sequence": true, "sqlite_schema": true,
	"sqlite_master": true, "photo_holds": true, "json_each": true, "json_tree": true,
	"ledger_totals": true, "ledger_counts": true, "report_figures": true, "service_months": true,
	"responsibility_years": true, "activity_counts": true, "coverage_counts": true, "brand_facet_counts": true, "figures_stale": true,
	"outbox_counts": true, "annual_returns": true, // a row per park, year and filed version
}

// planLine is one line of a statement's plan.
type planLine struct {
	id, parent int
	detail     string
}

// queryPlan asks SQLite how it runs query with args.
func queryPlan(ctx context.Context, db *sql.DB, query string, args []any) ([]planLine, error) {
	rows, err := db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []planLine
	for rows.Next() {
		var l planLine
		var notUsed int
		if err := rows.Scan(&l.id, &l.parent, &notUsed, &l.detail); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// planText prints a plan as SQLite's shell does, indented by depth.
func planText(plan []planLine) string {
	depth := map[int]int{0: 0}
	var b strings.Builder
	for _, l := range plan {
		depth[l.id] = depth[l.parent] + 1
		fmt.Fprintf(&b, "%s%s\n", strings.Repeat("   ", depth[l.id]), l.detail)
	}
	return b.String()
}

var (
	// tableNames finds the tables a statement names and the aliases it
	// gives them: FROM activities a, JOIN organizations AS o.
	tableNames = regexp.MustCompile(`(?i)\b(?:FROM|JOIN|UPDATE|INTO)\s+([a-z_][a-z0-9_]*)(?:\s+(?:AS\s+)?([a-z_][a-z0-9_]*))?`)
	notAlias   = map[string]bool{"where": true, "join": true, "left": true, "inner": true, "cross": true, "natural": true,
		"on": true, "order": true, "group": true, "limit": true, "using": true, "union": true, "set": true, "values": true,
		"select": true, "having": true, "window": true, "returning": true, "default": true, "except": true, "intersect": true}
	scanLine   = regexp.MustCompile(`^SCAN (\S+)(?: USING (?:COVERING )?INDEX (\S+))?`)
	searchLine = regexp.MustCompile(`^SEARCH (\S+) USING (AUTOMATIC (?:PARTIAL )?(?:COVERING )?INDEX|(?:COVERING )?INDEX \S+|INTEGER PRIMARY KEY|PRIMARY KEY)(?: \((.*)\))?`)
	bloomLine  = regexp.MustCompile(`^BLOOM FILTER ON (\S+)`)
	// constrainedVirtual is a virtual table read through a constraint
	// its module indexes (FTS5's MATCH is "M"): a search, not a scan.
	constrainedVirtual = regexp.MustCompile(`^SCAN \S+ VIRTUAL TABLE INDEX \d+:\S`)
	// A search bounded by one record: an equality on a key (id, rowid,
	// record_key, enterprise_id …) finds that record's rows, which do not
	// grow with the park.
	keyEquality = regexp.MustCompile(`(?:^|[ (])(?:rowid|id|[a-z_]+_id|[a-z_]+_key|username)=`)
	// commonTables finds the names a WITH clause gives its tables.
	commonTables = regexp.MustCompile(`(?i)(?:\bWITH(?:\s+RECURSIVE)?|,)\s*([a-z_][a-z0-9_]*)\s*(?:\([^()]*\))?\s+AS\s*\(`)
	limitClause  = regexp.MustCompile(`(?i)\bLIMIT\b`)
	// minMax is a statement that takes a column's least or greatest value,
	// which SQLite seeks in an index led by the park instead of walking it.
	minMax = regexp.MustCompile(`(?i)\b(?:min|max)\([a-z_.]+\)`)
	// rowidLimit is a walk of a table in its own (rowid) order that a
	// LIMIT ends, as an index's would be: ORDER BY e.id LIMIT.
	rowidLimit = regexp.MustCompile(`(?i)\bORDER\s+BY\s+(?:[a-z_]+\.)?(?:id|rowid)(?:\s+(?:ASC|DESC))?\s+LIMIT\b`)
)

// outerQuery is query without its parenthesised parts (subqueries).
func outerQuery(query string) string {
	var b strings.Builder
	depth := 0
	for _, r := range query {
		switch {
		case r == '(':
			depth++
		case r == ')':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// tablesOf maps each name a statement's plan may use (a table's or its
// alias) to the tables it can stand for (none for a WITH clause's).
func tablesOf(query string) map[string][]string {
	out := map[string][]string{}
	add := func(name, table string) {
		name, table = strings.ToLower(name), strings.ToLower(table)
		if !slices.Contains(out[name], table) {
			out[name] = append(out[name], table)
		}
	}
	// A WITH clause's table stands for no table: the lines of its own
	// statement read them.
	for _, m := range commonTables.FindAllStringSubmatch(query, -1) {
		out[strings.ToLower(m[1])] = []string{}
	}
	for _, m := range tableNames.FindAllStringSubmatch(query, -1) {
		if t, ok := out[strings.ToLower(m[1])]; ok && len(t) == 0 {
			continue
		}
		add(m[1], m[1])
		if m[2] != "" && !notAlias[strings.ToLower(m[2])] {
			add(m[2], m[1])
		}
	}
	return out
}

// planProblems lists the lines of a statement's plan that read a table
// growing with the park in full: a SCAN of it (unless a LIMIT bounds the
// walk, where an index serves the ORDER BY or the table's own rowid
// order does),
// an automatic index or a Bloom filter built from it, and a sort (temp
// B-tree) of a query level that reads its rows other than by a key.
// indexTable names each index's table.
func planProblems(query string, plan []planLine, indexTable map[string]string) []string {
	tables := tablesOf(query)
	// The names of subqueries' results (CO-ROUTINE m, MATERIALIZE m):
	// a SCAN of one outside it reads the subquery's rows, not a table.
	subquery := map[string]int{}
	parent := map[int]int{}
	for _, l := range plan {
		parent[l.id] = l.parent
		for _, prefix := range []string{"CO-ROUTINE ", "MATERIALIZE "} {
			if name, ok := strings.CutPrefix(l.detail, prefix); ok {
				subquery[strings.ToLower(name)] = l.id
			}
		}
	}
	within := func(id, ancestor int) bool {
		for ; id != 0; id = parent[id] {
			if id == ancestor {
				return true
			}
		}
		return false
	}
	growing := func(l planLine, name, index string) (string, bool) {
		name = strings.ToLower(name)
		if node, ok := subquery[name]; ok && !within(l.id, node) {
			return "", false
		}
		candidates := tables[name]
		if t, ok := indexTable[strings.ToLower(index)]; ok {
			candidates = []string{t}
		}
		if _, named := tables[name]; !named && len(candidates) == 0 && !strings.HasPrefix(name, "(") && name != "constant" {
			candidates = []string{name}
		}
		for _, t := range candidates {
			if !parkSmallTables[t] {
				return t, true
			}
		}
		return "", false
	}
	// A LIMIT bounds the walk of its own query: the statement's outer
	// query for a line at the top of the plan (a LIMIT inside a subquery
	// does not bound the walk outside it); any LIMIT for a line within a
	// subquery, which the plan does not tie to its text.
	outer := outerQuery(query)
	limitedAt := func(l planLine, limit *regexp.Regexp) bool {
		if l.parent == 0 {
			return limit.MatchString(outer)
		}
		return limit.MatchString(query)
	}
	var problems []string
	// unbounded reads of growing tables, by query level (parent line)
	unboundedAt := map[int]bool{}
	for _, l := range plan {
		if constrainedVirtual.MatchString(l.detail) {
			continue // a virtual table's own index: full-text MATCH
		}
		if m := scanLine.FindStringSubmatch(l.detail); m != nil {
			t, ok := growing(l, m[1], m[2])
			if !ok {
				continue
			}
			unboundedAt[l.parent] = true
			switch {
			case m[2] == "" && !limitedAt(l, rowidLimit):
				problems = append(problems, fmt.Sprintf("%s: full scan of %s", l.detail, t))
			case m[2] != "" && !limitedAt(l, limitClause):
				problems = append(problems, fmt.Sprintf("%s: every row of %s through an index, with no LIMIT", l.detail, t))
			}
			continue
		}
		if m := searchLine.FindStringSubmatch(l.detail); m != nil {
			t, ok := growing(l, m[1], "")
			if !ok {
				continue
			}
			if strings.HasPrefix(m[2], "AUTOMATIC") {
				problems = append(problems, fmt.Sprintf("%s: an index of %s built for the statement", l.detail, t))
			}
			// A park is no key: constrained on its park alone, a search walks
			// every row of the park's, as a scan through an index does.
			constraint := strings.TrimPrefix(m[3], "park_id=? AND ")
			// A range of parks is a walk even for min or max: SQLite seeks
			// an end of an index only under equalities.
			if constraint == "park_id>? AND park_id<?" || constraint == "park_id=?" && !minMax.MatchString(query) {
				unboundedAt[l.parent] = true
				if !limitedAt(l, limitClause) {
					problems = append(problems, fmt.Sprintf("%s: every row of the park's %s through an index, with no LIMIT", l.detail, t))
				}
				continue
			}
			if !keyEquality.MatchString(constraint) {
				unboundedAt[l.parent] = true
			}
			continue
		}
		if m := bloomLine.FindStringSubmatch(l.detail); m != nil {
			if t, ok := growing(l, m[1], ""); ok {
				problems = append(problems, fmt.Sprintf("%s: a filter of %s built for the statement", l.detail, t))
			}
		}
	}
	for _, l := range plan {
		if strings.HasPrefix(l.detail, "USE TEMP B-TREE") && unboundedAt[l.parent] {
			problems = append(problems, fmt.Sprintf("%s: sorts rows of a table that grows with the park", l.detail))
		}
	}
	return problems
}

// The checker itself: it finds what it names, and passes what is cheap.
func TestPlanProblems(t *testing.T) {
	pgcluster.SQLiteOnly(t, "it reads SQLite's query plans")
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "portal.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	indexTable := map[string]string{}
	if err := eachIndex(ctx, db, func(index, table string) { indexTable[index] = table }); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		query string
		args  []any
		fails bool
	}{
		{`SELECT count(*) FROM activities`, nil, true},
		{`SELECT min(date), max(date) FROM activities`, nil, true},
		{`SELECT m.name FROM members m WHERE m.birth = ?`, []any{"1990-01-01"}, true},
		{`SELECT a.id FROM activities a WHERE a.status = ? ORDER BY a.summary LIMIT 5`, []any{"published"}, true},
		{`SELECT o.name, m.birth FROM organizations o JOIN members m ON m.organization_id = o.id WHERE m.park_id = 1 AND m.name = ? AND o.secretary = ?`, []any{"x", "y"}, false},
		{`SELECT a.id FROM activities a WHERE a.park_id = 1 ORDER BY a.date DESC, a.id DESC LIMIT 50 OFFSET 100`, nil, false},
		// A park is no key: every record of the park's, with no LIMIT,
		// is a walk of the park's, unless it is one end of an index.
		{`SELECT a.id FROM activities a WHERE a.park_id = 1`, nil, true},
		{`SELECT max(date) FROM activities WHERE park_id = 1`, nil, false},
		{`SELECT max(date) FROM activities WHERE park_id BETWEEN 1 AND 9`, nil, true},
		{`SELECT rowid FROM organization_search WHERE organization_search MATCH ? LIMIT 20`, []any{"党 支"}, false},
		{`SELECT rowid FROM organization_search LIMIT 20`, nil, true},
		{`SELECT a.id FROM activities a WHERE a.title > (SELECT min(title) FROM activities LIMIT 1) ORDER BY a.date`, nil, true},
		{`SELECT e.id FROM enterprises e ORDER BY e.id LIMIT 50 OFFSET 100`, nil, false},
		{`SELECT count(*) FROM activities WHERE park_id = 1 AND program = ?`, []any{"uplift"}, false},
		{`SELECT name FROM members WHERE organization_id = ? ORDER BY birth`, []any{1}, false},
		{`SELECT value FROM ledger_totals WHERE name = ?`, []any{"activities"}, false},
		{`SELECT (SELECT min(date) FROM activities), (SELECT max(date) FROM activities)`, nil, false},
		{`WITH RECURSIVE v(value) AS (SELECT min(kind) FROM awards WHERE kind > ''
			UNION ALL SELECT (SELECT min(kind) FROM awards WHERE kind > v.value) FROM v WHERE v.value IS NOT NULL)
			SELECT value FROM v WHERE value IS NOT NULL`, nil, false},
		{`SELECT m.name, o.name FROM (SELECT m.* FROM members m WHERE m.park_id = 1 ORDER BY m.organization_id, m.name LIMIT 5) m JOIN organizations o ON o.id = m.organization_id`, nil, false},
	} {
		plan, err := queryPlan(ctx, db, c.query, c.args)
		if err != nil {
			t.Fatalf("%s: %v", c.query, err)
		}
		problems := planProblems(c.query, plan, indexTable)
		if got := len(problems) > 0; got != c.fails {
			t.Errorf("%s\n%sproblems %q, want failure %v", oneLine(c.query), planText(plan), problems, c.fails)
		}
	}
}

// eachIndex calls fn with each index of the database and its table.
func eachIndex(ctx context.Context, db *sql.DB, fn func(index, table string)) error {
	rows, err := db.QueryContext(ctx, `SELECT lower(name), lower(tbl_name) FROM sqlite_schema WHERE type = 'index'`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var index, table string
		if err := rows.Scan(&index, &table); err != nil {
			return err
		}
		fn(index, table)
	}
	return rows.Err()
}
