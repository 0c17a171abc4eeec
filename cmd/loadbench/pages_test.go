package main

import (
	"slices"
	"testing"
	"time"
)

// Each target is checked where it applies, and only on what was measured.
func TestMisses(t *testing.T) {
	good := row{page: page{route: "/workbench/activities", role: staff}, warm: true, cold: true, scaled: true,
		warmRatio: 0.4, coldRate: 1000, coldRatio: 0.05, p99: 10 * time.Millisecond, pacedRate: 500, smallRatio: 0.06}
	for _, c := range []struct {
		name   string
		change func(*row)
		want   []string
	}{
		{"every target met", func(*row) {}, nil},
		{"warm below 0.3", func(r *row) { r.warmRatio = 0.29 }, []string{"warm"}},
		{"an administrator's page has no warm target", func(r *row) { r.role, r.warmRatio = admin, 0.01 }, nil},
		{"a public page has the warm target", func(r *row) { r.role, r.warmRatio = public, 0.2 }, []string{"warm"}},
		{"cold below 0.03", func(r *row) { r.coldRatio, r.smallRatio = 0.02, 0.02 }, []string{"cold"}},
		{"p99 over 50 ms", func(r *row) { r.p99 = 51 * time.Millisecond }, []string{"p99"}},
		{"half rate not kept", func(r *row) { r.pacedRate = 400 }, []string{"half rate not sustained"}},
		{"cost grew 1.6 times", func(r *row) { r.smallRatio = 0.08 }, []string{"scaling"}},
		{"cost grew 1.5 times", func(r *row) { r.smallRatio = 0.075 }, nil},
		{"errors", func(r *row) { r.nonSuccess = 1 }, []string{"errors"}},
		{"cold not measured", func(r *row) { r.cold, r.scaled, r.coldRatio, r.p99, r.pacedRate = false, false, 0, time.Second, 0 }, nil},
		{"the floor has none but errors", func(r *row) { r.kind, r.warmRatio, r.coldRatio = floorPage, 0, 0 }, nil},
		{"an export: its time only", func(r *row) {
			r.kind, r.warmRatio, r.coldRatio, r.exported, r.exportTimes = export, 0, 0, true, []time.Duration{2 * time.Second, 3 * time.Second, 4 * time.Second}
		}, []string{"export time"}},
		{"an export under 3 s (median)", func(r *row) {
			r.kind, r.exported, r.exportTimes = export, true, []time.Duration{time.Second, 2 * time.Second, 9 * time.Second}
		}, nil},
	} {
		r := good
		c.change(&r)
		if got := r.misses(); !slices.Equal(got, c.want) {
			t.Errorf("%s: misses %v, want %v", c.name, got, c.want)
		}
	}
}

func TestParseParts(t *testing.T) {
	if p, err := parseParts(""); err != nil || p != (parts{true, true, true, true, true, true, true}) {
		t.Errorf("all: %+v, %v", p, err)
	}
	if p, err := parseParts("pages"); err != nil || p != (parts{warm: true, cold: true, scaling: true}) {
		t.Errorf("pages: %+v, %v", p, err)
	}
	if p, err := parseParts("scaling,exports"); err != nil || p != (parts{cold: true, scaling: true, exports: true}) {
		t.Errorf("scaling measures cold too: %+v, %v", p, err)
	}
	if p, err := parseParts("postgres"); err != nil || p != (parts{warm: true, cold: true, exports: true, writes: true, postgres: true}) {
		t.Errorf("postgres alone: %+v, %v", p, err)
	}
	if p, err := parseParts("warm,postgres"); err != nil || p != (parts{warm: true, postgres: true}) {
		t.Errorf("postgres with warm: %+v, %v", p, err)
	}
	if _, err := parseParts("pages,nothing"); err == nil {
		t.Error("an unknown part is refused")
	}
}
