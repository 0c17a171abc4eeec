package store

import (
	"database/sql/driver"
	"slices"
	"testing"
)

func TestRebind(t *testing.T) {
	for in, want := range map[string]string{
		`SELECT 1`:                           `SELECT 1`,
		`a = ? AND b = ?`:                    `a = $1 AND b = $2`,
		`a = '?' AND b = ? -- c = ?` + "\n?": `a = '?' AND b = $1 -- c = ?` + "\n$2",
		`"x?" = ?`:                           `"x?" = $1`,
		`'unterminated ?`:                    `'unterminated ?`,
		`(?, ?, ?, ?, ?, ?, ?, ?6, ?7, ?8)`:  `($1, $2, $3, $4, $5, $6, $7, $6, $7, $8)`,
		`WHERE a = 1 AND +o.kind = ?`:        `WHERE a = 1 AND o.kind = $1`,
		`WHERE +a.kind = 'x'`:                `WHERE a.kind = 'x'`,
		`SET v = t.v + excluded.v, w = w +1`: `SET v = t.v + excluded.v, w = w +1`,
		`SELECT a +b FROM t`:                 `SELECT a +b FROM t`,
		`JOIN b ON+b.x = a.x`:                `JOIN b ON b.x = a.x`,
		`ORDER BY +a.kind`:                   `ORDER BY a.kind`,
		`FROM a CROSS JOIN b ON b.x = a.x`:   `FROM a JOIN b ON b.x = a.x`,
		`WHERE n LIKE ? AND x NOT LIKE 'a'`:  `WHERE n ILIKE $1 AND x NOT ILIKE 'a'`,
		`WHERE UNLIKELY(x) AND y = 'LIKE '`:  `WHERE UNLIKELY(x) AND y = 'LIKE '`,
	} {
		if got, _ := rebind(in); got != want {
			t.Errorf("rebind(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRebindNumbersTheUsedParametersAgain(t *testing.T) {
	q, keep := rebind(`SELECT ?3 FROM t WHERE a = ?5 AND b = ?3`)
	if q != `SELECT $1 FROM t WHERE a = $2 AND b = $1` || !slices.Equal(keep, []int{3, 5}) {
		t.Fatalf("rebind = %q, %v", q, keep)
	}
	args := keepArgs([]driver.NamedValue{{Ordinal: 1, Value: "a"}, {Ordinal: 2}, {Ordinal: 3, Value: "c"}, {Ordinal: 4}, {Ordinal: 5, Value: "e"}}, keep)
	if len(args) != 2 || args[0].Value != "c" || args[0].Ordinal != 1 || args[1].Value != "e" || args[1].Ordinal != 2 {
		t.Fatalf("keepArgs = %+v", args)
	}
}

func TestLikeRuns(t *testing.T) {
	for in, want := range map[string]string{"中共 株洲": "%中共%株洲%", "Alpha科技": "%Alpha%科技%", "·": "", "a_b%": "%a%b%"} {
		if got := likeRuns(in); got != want {
			t.Errorf("likeRuns(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestKeepArgsCutsWhatAStatementDoesNotUse(t *testing.T) {
	_, keep := rebind(`SELECT ? FROM t`)
	args := keepArgs([]driver.NamedValue{{Ordinal: 1, Value: "a"}, {Ordinal: 2, Value: "b"}}, keep)
	if len(args) != 1 || args[0].Value != "a" {
		t.Fatalf("keepArgs = %+v", args)
	}
	_, keep = rebind(`SELECT ?1, ?2`)
	in := []driver.NamedValue{{Ordinal: 1, Value: "a"}, {Ordinal: 2, Value: "b"}}
	if args := keepArgs(in, keep); len(args) != 2 || &args[0] != &in[0] {
		t.Fatalf("keepArgs copied arguments in their places: %+v", args)
	}
}
