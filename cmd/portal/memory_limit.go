package main

import (
	"fmt"
	"math"
	"runtime/debug"
	"strconv"
	"strings"
)

// defaultMemoryLimit is the server's soft memory limit unless one is
// given: room for the pages, the database's caches and two photos being
// decoded (web/photo), and a garbage collector that gives memory back
// after a burst rather than keeping it.
const defaultMemoryLimit = 400 << 20

// minMemoryLimit keeps a slip ("400" for 400 bytes) from leaving the
// collector running without pause.
const minMemoryLimit = 64 << 20

// applyMemoryLimit sets the Go runtime's soft memory limit for serving:
// flag (--memory-limit), else the one the runtime read from $GOMEMLIMIT,
// else defaultMemoryLimit. It returns the limit in force and where it came
// from. Sizes are written as GOMEMLIMIT's are: 400MiB, 1GiB, bytes, or off.
func applyMemoryLimit(flag string, getenv func(string) string) (int64, string, error) {
	switch {
	case flag != "":
		n, err := parseMemoryLimit(flag)
		if err != nil {
			return 0, "", err
		}
		debug.SetMemoryLimit(n)
		return n, "--memory-limit", nil
	case getenv("GOMEMLIMIT") != "":
		return debug.SetMemoryLimit(-1), "GOMEMLIMIT", nil
	}
	debug.SetMemoryLimit(defaultMemoryLimit)
	return defaultMemoryLimit, "default", nil
}

// parseMemoryLimit reads a size as GOMEMLIMIT does.
func parseMemoryLimit(s string) (int64, error) {
	if s == "off" {
		return math.MaxInt64, nil
	}
	for _, u := range []struct {
		suffix string
		shift  uint
	}{{"TiB", 40}, {"GiB", 30}, {"MiB", 20}, {"KiB", 10}, {"B", 0}, {"", 0}} {
		digits, ok := strings.CutSuffix(s, u.suffix)
		if !ok {
			continue
		}
		n, err := strconv.ParseInt(digits, 10, 64)
		if err != nil || n <= 0 || n > math.MaxInt64>>u.shift || n<<u.shift < minMemoryLimit {
			break
		}
		return n << u.shift, nil
	}
	return 0, fmt.Errorf("%w: --memory-limit %q: a size of at least 64MiB, such as 400MiB or 1GiB, or off", errUsage, s)
}

// mebibytes writes a limit for the log.
func mebibytes(n int64) string {
	if n == math.MaxInt64 {
		return "off"
	}
	return strconv.FormatInt(n>>20, 10) + "MiB"
}
