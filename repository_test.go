package parkportal_test

import (
	"bytes"
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// The repository holds sources, not what is built from them: twice a
// 30 MB executable was committed by mistake (web.test, then loadbench).
// This test fails naming any tracked file that is an executable (ELF,
// Mach-O or PE) or is larger than maxTrackedBytes without being in
// largeFilesAllowed.

// maxTrackedBytes is the largest file the repository takes without a
// reason; the demo park and the screenshots are well under it.
const maxTrackedBytes = 2 << 20

// largeFilesAllowed are the files allowed past maxTrackedBytes, each with
// its reason (a font that PDFs embed, say).
var largeFilesAllowed = map[string]string{}

func TestTrackedFilesAreNoBinariesOrHugeFiles(t *testing.T) {
	out, err := exec.Command("git", "ls-files", "-z").Output()
	if err != nil {
		t.Skipf("not in a git work tree (%v): nothing to check", err)
	}
	for _, path := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		if path == "" {
			continue
		}
		info, err := os.Lstat(path)
		if err != nil || !info.Mode().IsRegular() {
			continue // removed from the work tree but not yet from the index, or a link
		}
		if kind := executableKind(t, path); kind != "" {
			t.Errorf("%s is a tracked %s executable: remove it (git rm --cached %s) and build it instead; .gitignore lists the built binaries", path, kind, path)
		}
		if info.Size() > maxTrackedBytes && largeFilesAllowed[path] == "" {
			t.Errorf("%s is tracked and %.1f MB, over the %d MB limit: remove it, or add it to largeFilesAllowed (repository_test.go) with its reason", path, float64(info.Size())/(1<<20), maxTrackedBytes>>20)
		}
	}
}

// executableKind names the executable format of the file at path, "" for
// none. The magic number picks the candidate; the format's own parser
// confirms it, so a text file that happens to start with "MZ" passes.
func executableKind(t *testing.T, path string) string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	magic := make([]byte, 4)
	if _, err := io.ReadFull(f, magic); err != nil {
		return "" // shorter than any executable
	}
	switch {
	case bytes.Equal(magic, []byte(elf.ELFMAG)):
		if _, err := elf.NewFile(f); err == nil {
			return "ELF"
		}
	case bytes.HasPrefix(magic, []byte("MZ")):
		if _, err := pe.NewFile(f); err == nil {
			return "PE"
		}
	default:
		if _, err := macho.NewFile(f); err == nil {
			return "Mach-O"
		}
		if _, err := macho.NewFatFile(f); err == nil {
			return "Mach-O"
		}
	}
	return ""
}
