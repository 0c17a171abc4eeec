package demo

import (
	"bytes"
	"io"
	"testing"
	"time"

	"parkportal/store"
	"parkportal/store/demo/internal/interchange"
)

func generate(t testing.TB, n int, seed int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Generate(&buf, n, seed); err != nil {
		t.Fatalf("Generate(%d, %d): %v", n, seed, err)
	}
	return buf.Bytes()
}

func records(d *store.Document) int {
	return len(d.Enterprises) + len(d.Surveys) + len(d.Organizations) + len(d.Staff) +
		len(d.Services) + len(d.Members) + len(d.Activities) + len(d.Platforms) +
		len(d.Designations) + len(d.Brands) + len(d.Awards) + len(d.Responsibility)
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := generate(t, 300, 7), generate(t, 300, 7)
	if !bytes.Equal(a, b) {
		t.Fatal("the same seed gave different documents")
	}
	if c := generate(t, 300, 8); bytes.Equal(a, c) {
		t.Fatal("different seeds gave the same document")
	}
}

func TestGenerateImports(t *testing.T) {
	raw := generate(t, 300, 1)
	s := importInto(t, raw)
	d := decode(t, raw)
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"enterprises", len(d.Enterprises), 300},
		{"organizations", len(d.Organizations), 60},
		{"staff", len(d.Staff), 15},
		{"services", len(d.Services), 1200},
		{"members", len(d.Members), 300},
		{"activities", len(d.Activities), 150},
		{"platforms", len(d.Platforms), 10},
		{"designations", len(d.Designations), 30},
		{"brands", len(d.Brands), 15},
		{"awards", len(d.Awards), 15},
		{"responsibility", len(d.Responsibility), 60},
	} {
		if c.got != c.want {
			t.Errorf("%d %s, want %d", c.got, c.name, c.want)
		}
	}
	if n := len(d.Surveys); n < 450 || n > 900 {
		t.Errorf("%d surveys, want about 2.3 per enterprise", n)
	}
	kinds := map[string]int{}
	for _, o := range d.Organizations {
		kinds[o.Kind]++
	}
	if len(kinds) != 4 {
		t.Errorf("organisation kinds %v, want all four", kinds)
	}
	published := 0
	for _, b := range d.Brands {
		if b.Status == interchange.StatusPublished {
			published++
		}
	}
	if published < len(d.Brands)/2 {
		t.Errorf("%d of %d brands published, want most", published, len(d.Brands))
	}
	codes := map[string]bool{}
	for _, e := range d.Enterprises {
		if codes[e.CreditCode] {
			t.Errorf("credit code %s repeats", e.CreditCode)
		}
		codes[e.CreditCode] = true
	}
	// The report years have something to count.
	for y := 2022; y <= 2024; y++ {
		r := report(t, s, y)
		if r.Incubation.BranchesFormed+r.Incubation.JointBranchesFormed == 0 || r.Uplift.MembersDeveloped == 0 || r.Incubation.Services.Equipment == 0 {
			t.Errorf("%d: nothing to report: %+v", y, r)
		}
	}
}

func TestGenerateSmallParks(t *testing.T) {
	for _, n := range []int{1, 2, 3, 19} {
		importInto(t, generate(t, n, int64(n)))
	}
	if err := Generate(io.Discard, 0, 1); err == nil {
		t.Error("Generate of 0 enterprises succeeded")
	}
}

// TestGenerateLarge writes a park of 10,000 enterprises, as the load
// benchmark does: about 100,000 records, written in well under a few seconds,
// that the store imports.
func TestGenerateLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("short: a park of 10,000 enterprises")
	}
	start := time.Now()
	raw := generate(t, 10_000, 1)
	elapsed := time.Since(start)
	importInto(t, raw)
	d := decode(t, raw)
	n := records(d)
	t.Logf("10,000 enterprises: %d records, %d bytes, written in %v", n, len(raw), elapsed)
	if n < 80_000 || n > 120_000 {
		t.Errorf("%d records, want about 100,000", n)
	}
	if elapsed > 3*time.Second {
		t.Errorf("writing took %v, want well under a few seconds", elapsed)
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		if err := Generate(io.Discard, 10_000, 42); err != nil {
			b.Fatal(err)
		}
	}
}
