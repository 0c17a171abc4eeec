package main

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// On a virtual machine the host may run other guests on the same cores:
// the time the kernel counts as stolen is time neither the server nor the
// load generator had, and it shows as latency no code of ours causes. The
// harness reports the share stolen during each part, so that a reader can
// tell a slow run from a busy host.

// cpuTimes is the machine's CPU time so far, in clock ticks: all of it and
// the stolen part.
type cpuTimes struct{ total, steal uint64 }

// readCPUTimes reads the "cpu" line of /proc/stat; ok is false where there
// is none (not Linux).
func readCPUTimes() (cpuTimes, bool) {
	f, err := os.Open("/proc/stat")
	if err != nil {
		return cpuTimes{}, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	if !sc.Scan() {
		return cpuTimes{}, false
	}
	return parseCPULine(sc.Text())
}

// parseCPULine reads "cpu user nice system idle iowait irq softirq steal
// guest guest_nice" (proc(5)); guest time is already in user and nice.
func parseCPULine(line string) (cpuTimes, bool) {
	fields := strings.Fields(line)
	if len(fields) < 9 || fields[0] != "cpu" {
		return cpuTimes{}, false
	}
	var t cpuTimes
	for i, v := range fields[1:9] {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			return cpuTimes{}, false
		}
		t.total += n
		if i == 7 {
			t.steal = n
		}
	}
	return t, true
}

// stealMeter measures the share of CPU time stolen from its start.
type stealMeter struct {
	start cpuTimes
	ok    bool
}

func startSteal() stealMeter {
	t, ok := readCPUTimes()
	return stealMeter{start: t, ok: ok}
}

// share is the stolen fraction since the start, -1 when unknown.
func (m stealMeter) share() float64 {
	now, ok := readCPUTimes()
	if !m.ok || !ok || now.total <= m.start.total {
		return -1
	}
	return float64(now.steal-m.start.steal) / float64(now.total-m.start.total)
}

// stealText is a share for the tables: "3.1 %", or "unknown".
func stealText(share float64) string {
	if share < 0 {
		return "unknown"
	}
	return strconv.FormatFloat(share*100, 'f', 1, 64) + " %"
}
