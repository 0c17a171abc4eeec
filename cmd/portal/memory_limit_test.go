package main

import (
	"errors"
	"math"
	"runtime/debug"
	"testing"
)

func TestParseMemoryLimit(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
	}{
		{"400MiB", 400 << 20}, {"1GiB", 1 << 30}, {"2TiB", 2 << 40}, {"65536KiB", 64 << 20},
		{"104857600B", 100 << 20}, {"104857600", 100 << 20}, {"off", math.MaxInt64},
	} {
		if got, err := parseMemoryLimit(c.in); err != nil || got != c.want {
			t.Errorf("%q: %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	for _, in := range []string{"400MB", "400", "-1GiB", "lots", "MiB", "1.5GiB", "9999999TiB"} {
		if _, err := parseMemoryLimit(in); !errors.Is(err, errUsage) {
			t.Errorf("%q: %v, want a usage error", in, err)
		}
	}
}

// Serving sets a memory limit by default; GOMEMLIMIT, which the runtime
// has read, is left as it is; --memory-limit wins over both.
func TestServeSetsAMemoryLimit(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "GOMEMLIMIT" {
				return v
			}
			return ""
		}
	}

	debug.SetMemoryLimit(math.MaxInt64)
	if n, from, err := applyMemoryLimit("", env("")); err != nil || n != defaultMemoryLimit || from != "default" || debug.SetMemoryLimit(-1) != defaultMemoryLimit {
		t.Errorf("no setting: %d from %s (%v), in force %d; want %d", n, from, err, debug.SetMemoryLimit(-1), defaultMemoryLimit)
	}

	debug.SetMemoryLimit(900 << 20) // as the runtime would from GOMEMLIMIT=900MiB
	if n, from, err := applyMemoryLimit("", env("900MiB")); err != nil || n != 900<<20 || from != "GOMEMLIMIT" || debug.SetMemoryLimit(-1) != 900<<20 {
		t.Errorf("GOMEMLIMIT: %d from %s (%v), in force %d", n, from, err, debug.SetMemoryLimit(-1))
	}

	if n, from, err := applyMemoryLimit("300MiB", env("900MiB")); err != nil || n != 300<<20 || from != "--memory-limit" || debug.SetMemoryLimit(-1) != 300<<20 {
		t.Errorf("--memory-limit: %d from %s (%v), in force %d", n, from, err, debug.SetMemoryLimit(-1))
	}
	if _, _, err := applyMemoryLimit("lots", env("")); !errors.Is(err, errUsage) {
		t.Errorf("--memory-limit lots: %v, want a usage error", err)
	}
}
