package store

import (
	"context"
	"database/sql"
	"fmt"
)

// CoveringOrganization is an organisation and an enterprise it covers, by
// their interchange ids.
type CoveringOrganization struct {
	Organization, Enterprise string
}

// CoveringOrganizations are the park's first n organisations, in the order they
// were recorded, that cover an enterprise, each with the first enterprise
// it covers by id. The load benchmarks sign a secretary in for each, to
// file for that enterprise.
func (s *Store) CoveringOrganizations(ctx context.Context, n int) ([]CoveringOrganization, error) {
	var out []CoveringOrganization
	err := eachRow(ctx, s.read, `SELECT o.source_id, min(e.source_id) FROM organizations o
		JOIN organization_enterprises oe ON oe.organization_id = o.id JOIN enterprises e ON e.id = oe.enterprise_id
		WHERE o.park_id = ? GROUP BY o.id ORDER BY o.id LIMIT ?`, []any{ParkOf(ctx), n}, func(rows *sql.Rows) error {
		var c CoveringOrganization
		err := rows.Scan(&c.Organization, &c.Enterprise)
		out = append(out, c)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to list organisations covering an enterprise: %w", err)
	}
	return out, nil
}
