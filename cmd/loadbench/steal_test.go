package main

import "testing"

func TestParseCPULine(t *testing.T) {
	for _, c := range []struct {
		line string
		want cpuTimes
		ok   bool
	}{
		{"cpu  100 5 50 800 10 1 4 30 7 0", cpuTimes{total: 1000, steal: 30}, true}, // guest (7) is in user already
		{"cpu  100 5 50 800 10 1 4", cpuTimes{}, false},                             // a kernel without steal
		{"cpu0 100 5 50 800 10 1 4 30 0 0", cpuTimes{}, false},
		{"cpu  100 5 x 800 10 1 4 30 0 0", cpuTimes{}, false},
	} {
		got, ok := parseCPULine(c.line)
		if got != c.want || ok != c.ok {
			t.Errorf("parseCPULine(%q) = %+v, %v; want %+v, %v", c.line, got, ok, c.want, c.ok)
		}
	}
}
