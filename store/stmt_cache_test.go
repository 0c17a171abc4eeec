package store

import (
	"context"
	"fmt"
	"testing"
)

// The annual report and the list of report years are computed again after
// every publish; once the read pool's connections have met their queries,
// computing them again prepares no statement.
func TestReportQueriesArePreparedOnce(t *testing.T) {
	EnableStatementCounting()
	ctx := context.Background()
	s := openDemo(t)
	run := func() {
		t.Helper()
		if _, _, err := s.computeReport(ctx, 2023); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.computeFirstReportYear(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for range 4 { // each connection of the pool the runs use meets every text
		run()
	}
	before := s.Prepared()
	for range 4 {
		run()
	}
	if n := s.Prepared() - before; n != 0 {
		t.Errorf("four more reports prepared %d statements, want 0", n)
	}
}

// A save's statements are prepared once on the writer's connection: after
// a first save has met every text, saving again prepares none.
func TestSaveStatementsArePreparedOnce(t *testing.T) {
	EnableStatementCounting()
	ctx := context.Background()
	s := openTest(t)
	save := func(n int) {
		t.Helper()
		e := Enterprise{ID: fmt.Sprintf("e%03d", n), Name: fmt.Sprintf("预编译企业%03d", n), Stage: "startup"}
		if _, err := s.SaveEnterprise(ctx, tester, "", e); err != nil {
			t.Fatal(err)
		}
	}
	save(0)
	save(1)
	before := s.Prepared()
	for n := 2; n < 6; n++ {
		save(n)
	}
	if n := s.Prepared() - before; n != 0 {
		t.Errorf("four more saves prepared %d statements, want 0", n)
	}
}
