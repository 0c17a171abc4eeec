package store

import (
	"context"
	"fmt"
)

// Tally counts what the portal writes beside its ledgers: audit entries,
// filings, sign-in sessions and photos, among them those still held for a
// form that has not been saved. Tests ask it that a refused request wrote
// nothing, and how many photos a form kept; it counts whole tables, so no
// page asks it.
type Tally struct {
	AuditEntries int
	Filings      int
	Sessions     int
	Photos       int
	HeldPhotos   int // photos a form holds for its retry, not yet kept by a save
}

// KeptPhotos are the photos a saved filing or record keeps.
func (t Tally) KeptPhotos() int { return t.Photos - t.HeldPhotos }

// Tally counts the audit log, the filings, the sessions and the photos in
// one read.
func (s *Store) Tally(ctx context.Context) (Tally, error) {
	var t Tally
	err := s.read.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM audit), (SELECT count(*) FROM filings),
		(SELECT count(*) FROM sessions), (SELECT count(*) FROM photos), (SELECT count(*) FROM photo_holds)`).
		Scan(&t.AuditEntries, &t.Filings, &t.Sessions, &t.Photos, &t.HeldPhotos)
	if err != nil {
		return Tally{}, fmt.Errorf("store: unable to count what the database holds: %w", err)
	}
	return t, nil
}
