package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"parkportal/store"
	"parkportal/store/pgcluster"
)

// Two portal processes serve one PostgreSQL database, as two machines
// behind a load balancer would:
//   - a save through one is on the other's next page;
//   - a session begun on one works on the other;
//   - two clerks publishing one version, through each, publish it once;
//   - five wrong passwords through one and one through the other are
//     counted together;
//   - SIGKILL of one in a stream of saves through both loses no
//     acknowledged save.
func TestTwoPortalsShareOnePostgreSQLDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("short: a process test, two portals on one PostgreSQL database")
	}
	ctx := context.Background()
	db := pgcluster.Database(t)
	if code, _, errOut := runCLI(t, db, "", "demo"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	for _, u := range []string{"staff1", "staff2", "guessed"} {
		if code, _, errOut := runCLI(t, db, "correct-horse-battery\n", "user", "add", "--username", u, "--role", "staff", "--password-stdin"); code != 0 {
			t.Fatalf("user add %s: %s", u, errOut)
		}
	}
	// A secretary's activity, submitted: version 1 awaits review.
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sec := store.Actor{UserID: 99, Username: "sec4"}
	activity := &store.ActivityFiling{Activity: store.Activity{Program: "incubation", Kind: "lecture", Title: "两个门户同时发布", Date: "2023-05-06", Enterprises: []string{"ent-003"}}}
	f, err := s.SaveFiling(ctx, sec, "org-04", store.FilingSave{Kind: store.FilingActivity, Body: activity, Submit: true})
	if err != nil {
		t.Fatal(err)
	}

	a, b := startPortal(t, db), startPortal(t, db)

	// A session begun on a works on b (cookies name a host, not a port).
	c, token := signedIn(t, a.url)
	if res, _ := get(t, c, b.url+"/workbench"); res.StatusCode != http.StatusOK {
		t.Fatalf("a's session on b: %d", res.StatusCode)
	}

	// b's page, read (and cached), then a save through a: b's next
	// answer has it.
	list := "/workbench/enterprises?q=" + url.QueryEscape("跨门户")
	if _, body := get(t, c, b.url+list); strings.Contains(body, "跨门户保存的企业") {
		t.Fatal("the enterprise is listed before it is saved")
	}
	if res := post(t, c, a.url+"/workbench/enterprises", url.Values{"_csrf": {token}, "id": {"ent-across"}, "name": {"跨门户保存的企业"}, "stage": {"startup"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the save through a: %d", res.StatusCode)
	}
	if _, body := get(t, c, b.url+list); !strings.Contains(body, "跨门户保存的企业") {
		t.Error("b's next page does not show the save made through a")
	}
	if _, body := get(t, c, b.url+"/"); !strings.Contains(body, "<html") {
		t.Error("b's home page")
	}

	// Two clerks publish version 1 at once, one through each portal.
	c2, _ := signedIn2(t, b.url, "staff2")
	review := fmt.Sprintf("/workbench/review/%d", f.ID)
	tokenOf := func(c *http.Client, base string) string {
		_, body := get(t, c, base+review)
		m := csrfField.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no form on %s", review)
		}
		return m[1]
	}
	t1, t2 := tokenOf(c, a.url), tokenOf(c2, b.url)
	var codes [2]int
	var wg sync.WaitGroup
	for i, p := range []struct {
		c           *http.Client
		base, token string
	}{{c, a.url, t1}, {c2, b.url, t2}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := post(t, p.c, p.base+review+"/publish", url.Values{"_csrf": {p.token}, "version": {"1"}, "record_version": {"0"}})
			codes[i] = res.StatusCode
		}()
	}
	wg.Wait()
	if published := strings.Count(fmt.Sprint(codes), "303"); published != 1 || !strings.Contains(fmt.Sprint(codes), "409") {
		t.Errorf("two publishes of one version answered %v, want one 303 and one 409", codes)
	}
	var n int
	if err := rawDB(t, db).QueryRowContext(ctx, `SELECT count(*) FROM activities WHERE title = '两个门户同时发布'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("the activity is in the ledger %d times (%v), want once", n, err)
	}

	// SIGKILL of a while both take saves: every acknowledged save is kept.
	var mu sync.Mutex
	var acknowledged []string
	var next atomic.Int64
	stop := make(chan struct{})
	for i := range 8 {
		base := []string{a.url, b.url}[i%2]
		cl, tok := signedIn(t, base)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				id := fmt.Sprintf("ent-two-%05d", next.Add(1))
				res, err := cl.PostForm(base+"/workbench/enterprises", url.Values{"_csrf": {tok}, "id": {id}, "name": {"两门户企业" + id}, "stage": {"startup"}})
				if err != nil {
					return // a is gone
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusSeeOther {
					t.Errorf("save %s through %s: %d", id, base, res.StatusCode)
					return
				}
				mu.Lock()
				acknowledged = append(acknowledged, id)
				mu.Unlock()
			}
		}()
	}
	time.Sleep(1500 * time.Millisecond)
	if err := a.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-a.done
	time.Sleep(500 * time.Millisecond)
	close(stop)
	wg.Wait()
	if len(acknowledged) < 20 {
		t.Fatalf("only %d saves acknowledged", len(acknowledged))
	}
	missing := 0
	for _, id := range acknowledged {
		if _, _, err := s.EnterpriseByID(ctx, id); err != nil {
			missing++
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d acknowledged saves are missing after SIGKILL of one portal", missing, len(acknowledged))
	}
	t.Logf("%d saves acknowledged through two portals, one killed; all present", len(acknowledged))

	// Five wrong passwords through one portal and one through the other:
	// the sixth is refused.
	c3, _ := signedIn2(t, b.url, "")
	third := startPortal(t, db)
	for i := range 5 {
		if res := login(t, c3, third.url, "guessed", "wrong-password"); res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("wrong password %d through one portal: %d", i+1, res.StatusCode)
		}
	}
	if res := login(t, c3, b.url, "guessed", "correct-horse-battery"); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("the sixth attempt, through the other portal: %d, want 429", res.StatusCode)
	}
}

// signedIn2 is a client of base signed in as user ("": not signed in).
func signedIn2(t *testing.T, base, user string) (*http.Client, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }, Timeout: 20 * time.Second}
	if user == "" {
		return c, ""
	}
	if res := login(t, c, base, user, "correct-horse-battery"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in of %s: %d", user, res.StatusCode)
	}
	return c, ""
}

// login posts the sign-in form of base.
func login(t *testing.T, c *http.Client, base, user, password string) *http.Response {
	t.Helper()
	_, body := get(t, c, base+"/login")
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no sign-in form")
	}
	return post(t, c, base+"/login", url.Values{"_csrf": {m[1]}, "username": {user}, "password": {password}})
}

func get(t *testing.T, c *http.Client, u string) (*http.Response, string) {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func post(t *testing.T, c *http.Client, u string, form url.Values) *http.Response {
	t.Helper()
	res, err := c.PostForm(u, form)
	if err != nil {
		t.Error(err)
		return &http.Response{}
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res
}
