package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"parkportal/store"
	"parkportal/store/pgcluster"
	"parkportal/web/sheet"
)

// These tests run the portal as its own process (this test binary started
// again with portalMainEnv set, which runs main), so that it can be sent
// SIGTERM and SIGKILL as a service manager or a crash would.

const portalMainEnv = "PORTAL_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	switch {
	case os.Getenv(portalMainEnv) == "1":
		os.Args = append([]string{"portal"}, strings.Fields(os.Getenv("PORTAL_TEST_ARGS"))...)
		main()
	case os.Getenv(sheet.ChildEnv) == "1":
		sheet.ChildMain()
	}
	os.Exit(pgcluster.RunTests(m, nil))
}

// portalProcess is a running portal.
type portalProcess struct {
	cmd  *exec.Cmd
	url  string
	done chan error
}

// startPortal serves the database at db in a process of its own and waits
// until it listens.
func startPortal(t *testing.T, db string) *portalProcess {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), portalMainEnv+"=1", "PORTAL_TEST_ARGS=serve -addr 127.0.0.1:0", "PORTAL_DB="+db,
		"PORTAL_SESSION_KEY="+strings.Repeat("ab", 32))
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &portalProcess{cmd: cmd, done: make(chan error, 1)}
	listening := regexp.MustCompile(`listening on (http://\S+)`)
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(func() { cmd.Process.Kill() })
	select {
	case p.url = <-found:
	case err := <-p.done:
		t.Fatalf("the portal exited before listening: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("the portal did not start listening")
	}
	return p
}

// preparedDatabase is a database with the demonstration park and a staff
// account staff1.
func preparedDatabase(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "portal.db")
	if code, _, errOut := runCLI(t, db, "", "demo"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	if code, _, errOut := runCLI(t, db, "correct-horse-battery\n", "user", "add", "--username", "staff1", "--role", "staff", "--password-stdin"); code != 0 {
		t.Fatalf("user add: %s", errOut)
	}
	return db
}

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// signedIn is a client signed in as staff1, and its form token.
func signedIn(t *testing.T, base string) (*http.Client, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }, Timeout: 20 * time.Second}
	token := func(path string) string {
		res, err := c.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		m := csrfField.FindSubmatch(b)
		if m == nil {
			t.Fatalf("no token on %s (%d)", path, res.StatusCode)
		}
		return string(m[1])
	}
	res, err := c.PostForm(base+"/login", url.Values{"_csrf": {token("/login")}, "username": {"staff1"}, "password": {"correct-horse-battery"}})
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %v %v", res, err)
	}
	res.Body.Close()
	return c, token("/workbench/enterprises/new")
}

// SIGTERM under load: every request the portal accepted is answered, and
// the process exits, cleanly, within 10 s. Each request comes on its own
// connection, so that "accepted" is plain: a connection refused (the
// listener closed) or reset while still in the kernel's queue was never
// accepted; anything else must be a 200.
func TestSIGTERMFinishesRequestsInFlight(t *testing.T) {
	if testing.Short() {
		t.Skip("short: a process test, the portal in a process of its own under load")
	}
	p := startPortal(t, preparedDatabase(t))
	var answered, refused atomic.Int64
	var failures sync.Map
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
			paths := []string{"/", "/reports/2023", "/brands", "/healthz"}
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				res, err := c.Get(p.url + paths[(i+n)%len(paths)])
				if err != nil {
					if errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) {
						refused.Add(1)
						time.Sleep(10 * time.Millisecond)
						continue
					}
					failures.Store(err.Error(), true)
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					failures.Store(fmt.Sprintf("status %d", res.StatusCode), true)
				}
				answered.Add(1)
			}
		}()
	}
	time.Sleep(time.Second)
	before := answered.Load()
	sent := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-p.done:
		if err != nil {
			t.Errorf("the portal exited with %v after SIGTERM", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the portal did not exit within 10 s of SIGTERM")
	}
	took := time.Since(sent)
	close(stop)
	wg.Wait()
	failures.Range(func(k, _ any) bool {
		t.Errorf("a request failed: %v", k)
		return true
	})
	if before < 50 {
		t.Errorf("only %d requests answered before SIGTERM: no load", before)
	}
	t.Logf("%d requests answered (%d before SIGTERM), %d refused after the listener closed; exit %v after SIGTERM", answered.Load(), before, refused.Load(), took)
}

// SIGKILL in the middle of a stream of saves through the forms: after a
// restart every acknowledged save is there and the database is intact.
func TestSIGKILLLosesNoAcknowledgedWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("short: a process test, the portal in a process of its own killed mid-write")
	}
	db := preparedDatabase(t)
	p := startPortal(t, db)
	var mu sync.Mutex
	var acknowledged []string
	var next atomic.Int64
	var wg sync.WaitGroup
	for range 8 {
		c, token := signedIn(t, p.url)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				id := fmt.Sprintf("ent-kill-%05d", next.Add(1))
				res, err := c.PostForm(p.url+"/workbench/enterprises", url.Values{"_csrf": {token}, "id": {id}, "name": {"崩溃测试企业" + id}, "stage": {"startup"}})
				if err != nil {
					return // the portal is gone
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode == http.StatusSeeOther {
					mu.Lock()
					acknowledged = append(acknowledged, id)
					mu.Unlock()
				} else {
					t.Errorf("save %s: %d", id, res.StatusCode)
					return
				}
			}
		}()
	}
	time.Sleep(1500 * time.Millisecond)
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-p.done
	wg.Wait()
	if len(acknowledged) < 20 {
		t.Fatalf("only %d saves acknowledged before the kill", len(acknowledged))
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatalf("reopening after SIGKILL: %v", err)
	}
	defer s.Close()
	if err := s.IntegrityCheck(context.Background()); err != nil {
		t.Error(err)
	}
	missing := 0
	for _, id := range acknowledged {
		if _, _, err := s.EnterpriseByID(context.Background(), id); err != nil {
			missing++
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d acknowledged saves are missing after SIGKILL", missing, len(acknowledged))
	}
	t.Logf("%d saves acknowledged before SIGKILL, all present; integrity_check ok", len(acknowledged))
	// The portal starts again on it.
	q := startPortal(t, db)
	if res, err := http.Get(q.url + "/healthz"); err != nil || res.StatusCode != http.StatusOK {
		t.Errorf("restart: %v %v", res, err)
	}
}

// `portal restore` refuses while a portal serves the database, and swaps
// a backup in once it is stopped.
func TestRestoreRefusesARunningPortal(t *testing.T) {
	if testing.Short() {
		t.Skip("short: a process test, the portal in a process of its own")
	}
	db := preparedDatabase(t)
	backup := filepath.Join(t.TempDir(), "backup.db")
	if code, _, errOut := runCLI(t, db, "", "backup", backup); code != 0 {
		t.Fatalf("backup: %s", errOut)
	}
	p := startPortal(t, db)
	if code, _, errOut := runCLI(t, db, "", "restore", backup); code == 0 || !strings.Contains(errOut, "stop it first") {
		t.Errorf("restore beside a running portal: %d %q", code, errOut)
	}
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	<-p.done
	code, out, errOut := runCLI(t, db, "", "restore", backup)
	if code != 0 || !strings.Contains(out, "kept as") {
		t.Fatalf("restore: %d %q %q", code, out, errOut)
	}
	q := startPortal(t, db)
	if res, err := http.Get(q.url + "/reports/2023"); err != nil || res.StatusCode != http.StatusOK {
		t.Errorf("the restored portal: %v %v", res, err)
	}
}
