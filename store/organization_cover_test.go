package store

import (
	"context"
	"slices"
	"testing"
)

// Each organisation covering an enterprise, in the order recorded, with
// the first enterprise it covers; n caps them.
func TestCoveringOrganizations(t *testing.T) {
	s := openValid(t)
	ctx := context.Background()
	got, err := s.CoveringOrganizations(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := []CoveringOrganization{{"o1", "e1"}, {"o2", "e2"}}; !slices.Equal(got, want) {
		t.Errorf("covering organisations = %v, want %v", got, want)
	}
	if got, err := s.CoveringOrganizations(ctx, 1); err != nil || len(got) != 1 {
		t.Errorf("the first one: %v, %v", got, err)
	}
}
