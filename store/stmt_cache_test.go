package store

import (
	"context"
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
		if _, _, err := s.computeReportYears(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for range 4 { // each connection of the pool the runs use meets every text
		run()
	}
	before := s.Statements()
	for range 4 {
		run()
	}
	if n := s.Statements() - before; n != 0 {
		t.Errorf("four more reports prepared %d statements, want 0", n)
	}
}
