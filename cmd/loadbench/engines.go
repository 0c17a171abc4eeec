package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
)

// Issue 22's targets for the park on PostgreSQL, two portals behind
// nginx, against the same park on SQLite in the same run.

// minEngineRatio is the least a page's ratio to its floor on PostgreSQL
// may be, as a share of its ratio on SQLite.
const minEngineRatio = 0.8

// engineMisses names the targets the page missed on PostgreSQL, of what
// was measured on both engines.
func (r row) engineMisses() []string {
	p := r.postgres
	if p == nil {
		return nil
	}
	var out []string
	if p.nonSuccess > 0 {
		out = append(out, "errors")
	}
	switch r.kind {
	case floorPage:
	case export:
		if p.exported && p.exportTime() >= maxExport {
			out = append(out, "export time")
		}
	default:
		if r.warm && p.warm && p.warmRatio < minEngineRatio*r.warmRatio {
			out = append(out, "warm")
		}
		if r.cold && p.cold && p.coldRatio < minEngineRatio*r.coldRatio {
			out = append(out, "cold")
		}
	}
	return out
}

// engineVerdict is engineMisses as the tables say it.
func (r row) engineVerdict() string {
	if m := r.engineMisses(); len(m) > 0 {
		return "NO (" + strings.Join(m, ", ") + ")"
	}
	if r.kind == floorPage {
		return "—"
	}
	return "yes"
}

// shareText is the page's ratio on PostgreSQL as a share of SQLite's.
func shareText(measured bool, sqlite, postgres float64) string {
	if !measured || sqlite <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f", postgres/sqlite)
}

// attachPostgres keeps each page's PostgreSQL row beside its SQLite row,
// matched by name (both plans follow the same links in the same records).
func attachPostgres(rows, pg []row) error {
	for i := range rows {
		j := slices.IndexFunc(pg, func(p row) bool { return p.name() == rows[i].name() })
		if j < 0 {
			return fmt.Errorf("%s was measured on SQLite but not found on PostgreSQL", rows[i].name())
		}
		rows[i].postgres = &pg[j]
	}
	return nil
}

// postgresWrites are the write paths on PostgreSQL: the rows, the
// acknowledged writes missing afterwards, and how many saves each portal
// answered (nginx's log).
type postgresWrites struct {
	rows   []writeRow
	lost   int
	served map[string]int
	steal  float64 // the CPU time the host took meanwhile
}

func (w postgresWrites) met() bool { return w.lost == 0 && writesMet(w.rows) && len(w.served) == 2 }

// spreadText is how the saves spread over the portals, as "a + b".
func (w postgresWrites) spreadText() string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(w.served)) {
		parts = append(parts, fmt.Sprintf("%d (%s)", w.served[k], k))
	}
	if len(parts) == 0 {
		return "none recorded"
	}
	return strings.Join(parts, " + ")
}

// engineSummary counts the pages that miss a target on PostgreSQL.
func engineSummary(rows []row) string {
	pages, missed := 0, 0
	for _, r := range rows {
		if r.postgres == nil || r.kind == floorPage {
			continue
		}
		pages++
		if len(r.engineMisses()) > 0 {
			missed++
		}
	}
	if missed == 0 {
		return fmt.Sprintf("On PostgreSQL every one of %d pages and exports meets its targets.", pages)
	}
	return fmt.Sprintf("On PostgreSQL %d of %d pages and exports miss a target.", missed, pages)
}

func printEngines(w io.Writer, res results) {
	if res.pages != nil && res.pages[0].postgres != nil {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "page\tas\tSQLite warm\tPostgreSQL warm\tshare\tSQLite cold\tPostgreSQL cold\tshare\texport SQLite\texport PostgreSQL\tnon-2xx\ttarget met\t")
		for _, r := range res.pages {
			p := r.postgres
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t\n", r.name(), r.role, r.warmText(), p.warmText(), shareText(r.warm && p.warm, r.warmRatio, p.warmRatio),
				r.coldText(), p.coldText(), shareText(r.cold && p.cold, r.coldRatio, p.coldRatio), exportText(r), exportText(*p), p.nonSuccess, r.engineVerdict())
		}
		tw.Flush()
		fmt.Fprintf(w, "%s\n\n", engineSummary(res.pages))
	}
	if res.pgWrites.rows != nil {
		printWrites(w, res.pgWrites.rows)
		fmt.Fprintf(w, "staff saves answered by each portal: %s; acknowledged writes missing after a crash of the database: %d (SQLite, read afterwards: %d)\n\n", res.pgWrites.spreadText(), res.pgWrites.lost, res.lost)
	}
}

// exportText is an export's median time, a dash for a page.
func exportText(r row) string {
	if r.kind != export || !r.exported {
		return "—"
	}
	return ms(r.exportTime())
}
