package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"parkportal/store"
)

// runCLI runs the portal command in-process with its own database.
func runCLI(t *testing.T, db, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runCLIAt(t, time.Now, db, stdin, args...)
}

// runCLIAt runs the portal command on the clock now.
func runCLIAt(t *testing.T, now func() time.Time, db, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := func(k string) string {
		if k == "PORTAL_DB" {
			return db
		}
		return ""
	}
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errOut, env, now)
	return code, out.String(), errOut.String()
}

func TestHelpListsEverySubcommand(t *testing.T) {
	code, out, _ := runCLI(t, "", "", "--help")
	if code != 0 {
		t.Errorf("--help exit = %d, want 0", code)
	}
	for _, cmd := range []string{"serve", "user add", "import", "export", "report", "demo", "backup", "migrate"} {
		if !strings.Contains(out, cmd) {
			t.Errorf("help does not mention %q", cmd)
		}
	}
	if code, out, _ := runCLI(t, "", ""); code == 0 || !strings.Contains(out, "Commands:") {
		t.Errorf("no subcommand: exit %d, want non-zero with usage", code)
	}
	if code, _, errOut := runCLI(t, "", "", "frobnicate"); code == 0 || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d, %q", code, errOut)
	}
}

func TestUserAddReadsThePasswordFromStdin(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sub", "portal.db")
	code, out, errOut := runCLI(t, db, "a-long-password\n", "user", "add", "--username", "clerk", "--role", "staff", "--password-stdin")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "clerk") {
		t.Errorf("output %q does not confirm", out)
	}
	// The audit log says the account came from the command line.
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := s.AuditEntries(context.Background(), store.AuditFilter{Collection: "users"})
	s.Close()
	if err != nil || len(entries) != 1 || entries[0].Username != "命令行" || entries[0].Title != "clerk" || entries[0].Action != store.ActionCreate {
		t.Errorf("audit entries after user add: %+v, %v", entries, err)
	}
	// A display name (姓名) is optional, and kept.
	code, out, errOut = runCLI(t, db, "a-long-password\n", "user", "add", "--username", "zhoumin", "--name", "周敏", "--role", "staff", "--password-stdin")
	if code != 0 || !strings.Contains(out, "周敏") {
		t.Errorf("user add --name: exit %d, %q %q", code, out, errOut)
	}
	// So is an e-mail address, which must be one.
	code, _, errOut = runCLI(t, db, "a-long-password\n", "user", "add", "--username", "limei", "--email", "limei@example.gov.cn", "--role", "staff", "--password-stdin")
	if code != 0 {
		t.Errorf("user add --email: exit %d, %q", code, errOut)
	}
	code, _, errOut = runCLI(t, db, "a-long-password\n", "user", "add", "--username", "wangwu", "--email", "wangwu at example", "--role", "staff", "--password-stdin")
	if code == 0 || !strings.Contains(errOut, "电子邮箱格式不对") {
		t.Errorf("user add with a bad address: exit %d, %q", code, errOut)
	}
	s, err = store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	u, err := s.UserByUsername(context.Background(), "limei")
	s.Close()
	if err != nil || u.Email != "limei@example.gov.cn" {
		t.Errorf("the address kept: %q, %v", u.Email, err)
	}
	code, _, errOut = runCLI(t, db, "a-long-password\n", "user", "add", "--username", "clerk", "--role", "staff", "--password-stdin")
	if code == 0 || !strings.Contains(errOut, "already exists") {
		t.Errorf("duplicate: exit %d, %q", code, errOut)
	}
	code, _, errOut = runCLI(t, db, "a-long-password\n", "user", "add", "--username", "sec", "--role", "secretary", "--organization", "nope", "--password-stdin")
	if code == 0 || !strings.Contains(errOut, "unknown organisation") {
		t.Errorf("unknown organisation: exit %d, %q", code, errOut)
	}
	code, _, errOut = runCLI(t, db, "", "user", "add", "--username", "x", "--role", "staff")
	if code == 0 || !strings.Contains(errOut, "--password-stdin") {
		t.Errorf("no --password-stdin: exit %d, %q", code, errOut)
	}
	code, _, errOut = runCLI(t, db, "short\n", "user", "add", "--username", "y", "--role", "staff", "--password-stdin")
	if code == 0 || !strings.Contains(errOut, "at least 10") {
		t.Errorf("short password: exit %d, %q", code, errOut)
	}
	// A password typed where an argument or a flag's value goes is never
	// repeated in the error.
	for _, args := range [][]string{
		{"--username", "w", "--role", "staff", "--password-stdin", "s3cret-Passw0rd"},
		{"--username", "w", "--role", "staff", "s3cret-Passw0rd", "--password-stdin"},
		{"--username", "w", "--role", "staff", "--password-stdin=s3cret-Passw0rd"},
		{"--username", "w", "--role", "staff", "-s3cret-Passw0rd"},
	} {
		code, out, errOut := runCLI(t, db, "a-long-password\n", append([]string{"user", "add"}, args...)...)
		if code == 0 || strings.Contains(out+errOut, "s3cret") {
			t.Errorf("user add %q: exit %d, output repeats the stray value:\n%s%s", args, code, out, errOut)
		}
	}
	code, _, errOut = runCLI(t, db, "a-long-password\n", "user", "add", "--username", "z", "--role", "king", "--password-stdin")
	if code == 0 || !strings.Contains(errOut, "--role") {
		t.Errorf("bad role: exit %d, %q", code, errOut)
	}
}

func TestBackupAndMigrate(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "portal.db")
	if code, _, errOut := runCLI(t, db, "", "migrate"); code != 0 {
		t.Fatalf("migrate: %s", errOut)
	}
	runCLI(t, db, "a-long-password\n", "user", "add", "--username", "clerk", "--role", "staff", "--password-stdin")
	dest := filepath.Join(dir, "copy.db")
	if code, _, errOut := runCLI(t, db, "", "backup", dest); code != 0 {
		t.Fatalf("backup: %s", errOut)
	}
	if _, err := os.Stat(dest); err != nil {
		t.Fatal(err)
	}
	// The copy holds the user.
	if code, _, errOut := runCLI(t, dest, "a-long-password\n", "user", "add", "--username", "clerk", "--role", "staff", "--password-stdin"); code == 0 || !strings.Contains(errOut, "already exists") {
		t.Errorf("backup lacks the user: %d %q", code, errOut)
	}
	if code, _, _ := runCLI(t, db, "", "backup"); code == 0 {
		t.Error("backup without destination succeeded")
	}
	if code, _, _ := runCLI(t, db, "", "backup", dest); code == 0 {
		t.Error("backup over an existing file succeeded")
	}
}

func TestSessionKeyIsGeneratedOnceAndKeptPrivate(t *testing.T) {
	dir := t.TempDir()
	env := &cliEnv{dbPath: filepath.Join(dir, "portal.db"), getenv: func(string) string { return "" }}
	k1, err := sessionKey(env)
	if err != nil {
		t.Fatal(err)
	}
	k2, err := sessionKey(env)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(k1, k2) || len(k1) < 32 {
		t.Error("session key not kept between starts")
	}
	fi, err := os.Stat(filepath.Join(dir, "session.key"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode = %v, want 0600", fi.Mode().Perm())
	}
	env.getenv = func(k string) string {
		if k == "PORTAL_SESSION_KEY" {
			return strings.Repeat("ab", 32)
		}
		return ""
	}
	k3, err := sessionKey(env)
	if err != nil || bytes.Equal(k3, k1) {
		t.Errorf("PORTAL_SESSION_KEY not used: %v", err)
	}
}

// PORTAL_PHOTO_QUOTA takes a size as an operator writes it; nonsense is
// refused rather than read as no quota.
func TestPhotoQuotaFromEnv(t *testing.T) {
	for v, want := range map[string]int64{"": 0, "2GB": 2 << 30, "500mb": 500 << 20, "1.5 G": 3 << 29, "800K": 800 << 10, "1048576": 1 << 20} {
		if got, err := photoQuota(v); err != nil || got != want {
			t.Errorf("%q: %d %v, want %d", v, got, err, want)
		}
	}
	for _, v := range []string{"lots", "-1GB", "0", "NaN", "Inf", "2TB"} {
		if got, err := photoQuota(v); err == nil {
			t.Errorf("%q read as %d", v, got)
		}
	}
}
