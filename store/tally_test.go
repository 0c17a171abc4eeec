package store

import (
	"context"
	"testing"
)

// The tally counts the audit log, filings, sessions and photos, the held
// ones among them.
func TestTallyCountsWhatTheDatabaseHolds(t *testing.T) {
	s := openValid(t)
	ctx := context.Background()
	before, err := s.Tally(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if before.AuditEntries != 1 || before.Filings != 0 || before.Sessions != 0 || before.Photos != 0 {
		t.Errorf("after an import: %+v, want one audit entry", before)
	}
	if _, err := s.HoldPhoto(ctx, Actor{Username: "sec"}, "o1", testPhoto(100), DefaultPhotoQuota); err != nil {
		t.Fatal(err)
	}
	after, err := s.Tally(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.Photos != 1 || after.HeldPhotos != 1 || after.KeptPhotos() != 0 {
		t.Errorf("after a photo held for a form: %+v", after)
	}
}
