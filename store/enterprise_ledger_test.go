package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"
)

// The coverage filter's pages come from the kept figures' copy of the sort
// keys; each, in every order and at every offset, is the page that the
// records give: coverage as computed from them, sorted on the
// enterprises' own columns. An enterprise changed since the import moves
// in the kept order too.
func TestEnterpriseCoveragePagesFollowTheRecords(t *testing.T) {
	ctx := context.Background()
	s := importDocument(t, generateDocument(4000))
	e, _, err := s.EnterpriseByID(ctx, "e7")
	if err != nil {
		t.Fatal(err)
	}
	n := 100000
	e.Employees, e.Founded, e.Name = &n, "1999-01-01", "阿尔法最先排序企业"
	if _, err := s.SaveEnterprise(ctx, tester, "e7", e); err != nil {
		t.Fatal(err)
	}
	const limit = 7
	checked := 0
	for _, cov := range Coverages {
		for _, stage := range append([]string{""}, choiceValues(Stages)...) {
			for sort, order := range enterpriseSorts {
				var total int
				if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM enterprises e WHERE (`+coverageSQL+`) = ?1 AND (?2 = '' OR e.stage = ?2)`,
					cov.Value, stage).Scan(&total); err != nil {
					t.Fatal(err)
				}
				for _, offset := range []int{0, limit, max(0, total-limit+2)} {
					f := EnterpriseFilter{Coverage: Coverage(cov.Value), Stage: stage, Sort: sort, Limit: limit, Offset: offset}
					rows, got, err := s.EnterpriseLedger(ctx, f)
					if err != nil {
						t.Fatal(err)
					}
					var want []string
					err = eachRow(ctx, s.read, `SELECT e.source_id FROM enterprises e WHERE (`+coverageSQL+`) = ?1 AND (?2 = '' OR e.stage = ?2)
						ORDER BY `+order+` LIMIT ?3 OFFSET ?4`, []any{cov.Value, stage, limit, offset}, func(r *sql.Rows) error {
						var id string
						want = append(want, id)
						return r.Scan(&want[len(want)-1])
					})
					if err != nil {
						t.Fatal(err)
					}
					var ids []string
					for _, r := range rows {
						ids = append(ids, r.ID)
					}
					if got != total || !slices.Equal(ids, want) {
						t.Errorf("%+v: %d enterprises %v, want %d %v", f, got, ids, total, want)
					}
					checked += len(want)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no enterprise was listed")
	}
	rows, _, err := s.EnterpriseLedger(ctx, EnterpriseFilter{Coverage: Coverage(mustCoverage(t, s, "e7")), Sort: "-employees", Limit: 1})
	if err != nil || len(rows) != 1 || rows[0].ID != "e7" {
		t.Errorf("the enterprise given the most employees is not first of its coverage: %v %v", rows, err)
	}
}

func choiceValues(cs []Choice) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Value)
	}
	return out
}

func mustCoverage(t *testing.T, s *Store, id string) string {
	t.Helper()
	var c string
	if err := s.read.QueryRow(`SELECT `+coverageSQL+` FROM enterprises e WHERE e.source_id = ?`, id).Scan(&c); err != nil {
		t.Fatal(fmt.Errorf("coverage of %s: %w", id, err))
	}
	return c
}
