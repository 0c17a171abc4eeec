//go:build unix

package sheet

import "syscall"

// setLimits caps the child's address space and CPU time, so that a crafted
// file that defeats excelize's own limits still ends the child, not the
// machine.
func setLimits() {
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: 4 << 30, Max: 4 << 30})
	_ = syscall.Setrlimit(syscall.RLIMIT_CPU, &syscall.Rlimit{Cur: 30, Max: 30})
}
