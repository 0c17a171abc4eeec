package store

import (
	"bytes"
	"context"
	"testing"
)

// exportString exports the whole store as a string.
func exportString(t testing.TB, s *Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.Export(context.Background(), &b); err != nil {
		t.Fatalf("Export: %v", err)
	}
	return b.String()
}

func TestRoundTripGeneratedDocument(t *testing.T) {
	ctx := context.Background()
	doc := generateDocument(3000)
	first := openTest(t)
	res, err := first.Import(ctx, bytes.NewReader(mustJSON(t, doc)), ImportOptions{})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if got, want := res.Total, doc.records(); got != want {
		t.Errorf("imported %d records, want %d", got, want)
	}
	export1 := exportString(t, first)
	second := openTest(t)
	if _, err := second.Import(ctx, bytes.NewReader([]byte(export1)), ImportOptions{}); err != nil {
		t.Fatalf("Import of export: %v", err)
	}
	export2 := exportString(t, second)
	if export1 != export2 {
		t.Errorf("export → import → export differs")
	}
}
