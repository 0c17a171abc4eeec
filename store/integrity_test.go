package store

import (
	"context"
	"parkportal/store/pgcluster"
	"strings"
	"testing"
)

// A whole database passes; a reference to a row that is not there (written
// with SQLite's enforcement off, as a faulty import could) is named.
func TestIntegrityCheckNamesADanglingReference(t *testing.T) {
	pgcluster.SQLiteOnly(t, "it writes a dangling reference with SQLite's checks off; PostgreSQL refuses one")
	ctx := context.Background()
	s := openValid(t)
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatalf("a freshly imported database: %v", err)
	}
	for _, q := range []string{
		`PRAGMA foreign_keys = OFF`,
		`INSERT INTO organization_enterprises (organization_id, enterprise_id, position) VALUES ((SELECT min(id) FROM organizations), 999999, 99)`,
		`PRAGMA foreign_keys = ON`,
	} {
		if _, err := s.write.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.IntegrityCheck(ctx); err == nil || !strings.Contains(err.Error(), "organization_enterprises") {
		t.Errorf("a dangling enterprise: %v, want the table named", err)
	}
}
