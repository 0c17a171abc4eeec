//go:build unix

package sheet

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// setLimits caps the child's address space and CPU time, so that a crafted
// file that defeats excelize's own limits ends the child, not the machine.
// The address-space cap is childAddressSpace above what the child has
// reserved when it starts (a Go program reserves over a gigabyte it never
// uses); where that cannot be read, fallbackAddressSpace.
func setLimits() {
	limit := uint64(fallbackAddressSpace)
	if used, ok := addressSpace(); ok {
		limit = used + childAddressSpace
	}
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: limit, Max: limit})
	_ = syscall.Setrlimit(syscall.RLIMIT_CPU, &syscall.Rlimit{Cur: 30, Max: 30})
}

// fallbackAddressSpace is the cap where /proc does not say what the
// process has reserved.
const fallbackAddressSpace = 4 << 30

// addressSpace is the process's address space now, in bytes (VmSize in
// /proc/self/status, Linux).
func addressSpace() (uint64, bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmSize:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
}
