package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// LedgerCount is how many records one ledger holds.
type LedgerCount struct {
	Collection Collection // interchange collection name
	Count      int
}

// ledgerTables maps the interchange collections to their tables, in the
// order the staff workbench lists them.
var ledgerTables = []struct {
	collection Collection
	table      string
}{
	{"enterprises", "enterprises"},
	{"surveys", "surveys"},
	{"organizations", "organizations"},
	{"staff", "staff"},
	{"services", "services"},
	{"members", "members"},
	{"activities", "activities"},
	{"platforms", "platforms"},
	{"designations", "designations"},
	{"brands", "brands"},
	{"awards", "awards"},
	{"responsibility", "responsibility"},
}

// LedgerCounts is how many records every ledger of the park holds, as the
// write path keeps it (figures.go): one query over twelve rows.
func (s *Store) LedgerCounts(ctx context.Context) ([]LedgerCount, error) {
	kept := map[Collection]int{}
	err := eachRow(ctx, s.read, `SELECT collection, records FROM ledger_counts WHERE park_id = ?`, []any{ParkOf(ctx)}, func(rows *sql.Rows) error {
		var c Collection
		var n int
		err := rows.Scan(&c, &n)
		kept[c] = n
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to count ledgers: %w", err)
	}
	counts := make([]LedgerCount, len(ledgerTables))
	for i, lt := range ledgerTables {
		counts[i] = LedgerCount{Collection: lt.collection, Count: kept[lt.collection]}
	}
	return counts, nil
}

// OrganizationSummary is what a secretary sees of their own organisation.
type OrganizationSummary struct {
	ID          string
	Name        string
	Kind        string
	Formed      string
	Secretary   string
	Enterprises []string // names of the enterprises it covers
	Members     int
	Activities  int
	Brands      int
}

// OrganizationSummaryByID returns the summary of the organisation with
// interchange id sourceID, or ErrNotFound.
func (s *Store) OrganizationSummaryByID(ctx context.Context, sourceID string) (OrganizationSummary, error) {
	var o OrganizationSummary
	var rowID int64
	var secretary sql.NullString
	err := s.read.QueryRowContext(ctx, `
		SELECT o.id, o.source_id, o.name, o.kind, o.formed, o.secretary,
		       (SELECT count(*) FROM members m WHERE m.organization_id = o.id),
		       (SELECT count(*) FROM activities a WHERE a.organizer_id = o.id),
		       (SELECT count(*) FROM brands b WHERE b.organization_id = o.id)
		FROM organizations o WHERE o.park_id = ? AND o.source_id = ?`, ParkOf(ctx), sourceID).
		Scan(&rowID, &o.ID, &o.Name, &o.Kind, &o.Formed, &secretary, &o.Members, &o.Activities, &o.Brands)
	if errors.Is(err, sql.ErrNoRows) {
		return OrganizationSummary{}, ErrNotFound
	}
	if err != nil {
		return OrganizationSummary{}, fmt.Errorf("store: unable to fetch organisation %q: %w", sourceID, err)
	}
	o.Secretary = secretary.String
	rows, err := s.read.QueryContext(ctx, `
		SELECT e.name FROM organization_enterprises oe JOIN enterprises e ON e.id = oe.enterprise_id
		WHERE oe.organization_id = ? ORDER BY oe.position`, rowID)
	if err != nil {
		return OrganizationSummary{}, fmt.Errorf("store: unable to list enterprises of %q: %w", sourceID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return OrganizationSummary{}, fmt.Errorf("store: unable to list enterprises of %q: %w", sourceID, err)
		}
		o.Enterprises = append(o.Enterprises, name)
	}
	return o, rows.Err()
}

// OrganizationChoice is an organisation as a select option.
type OrganizationChoice struct {
	ID   string
	Name string
}

// OrganizationChoices lists every organisation by name (serve --demo binds
// its secretary to the first). Pages never list them all: they pick one by
// typing (organization_pick.go).
func (s *Store) OrganizationChoices(ctx context.Context) ([]OrganizationChoice, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT source_id, name FROM organizations WHERE park_id = ? ORDER BY name`, ParkOf(ctx))
	if err != nil {
		return nil, fmt.Errorf("store: unable to list organisations: %w", err)
	}
	defer rows.Close()
	var out []OrganizationChoice
	for rows.Next() {
		var c OrganizationChoice
		if err := rows.Scan(&c.ID, &c.Name); err != nil {
			return nil, fmt.Errorf("store: unable to list organisations: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
