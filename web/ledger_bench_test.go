package web

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"parkportal/store"
	"parkportal/store/demo"
)

// BenchmarkLedgerFirstRequest is a staff ledger's page as a clerk sees it
// right after a change: the page cache emptied before every request,
// through the whole router, signed in. Parks of 900 and 9,000 enterprises
// with 5 activities and 3 members each (the 4,500 and 45,000
// activities); a page's cost should not grow with the park.
func BenchmarkLedgerFirstRequest(b *testing.B) {
	pages := []struct{ name, path string }{
		{"activities", "/workbench/activities"},
		{"activities-far", "/workbench/activities?page={far}"},
		{"activities-programme", "/workbench/activities?program=uplift"},
		{"activities-programme-far", "/workbench/activities?program=uplift&page={far}"},
		{"members", "/workbench/members"},
		{"members-far", "/workbench/members?page={far}"},
		{"members-stage", "/workbench/members?stage=full"},
		{"awards", "/workbench/awards"},
		{"awards-far", "/workbench/awards?page={far}"},
		{"awards-kind", "/workbench/awards?kind=advanced_org"},
		{"responsibility", "/workbench/responsibility"},
		{"responsibility-far", "/workbench/responsibility?page={far}"},
		{"responsibility-kind", "/workbench/responsibility?kind=volunteering"},
		{"brands", "/workbench/brands"},
		{"brands-far", "/workbench/brands?page={far}"},
		{"brands-published", "/workbench/brands?status=published"},
	}
	for _, n := range []int{900, 9000} {
		b.Run(fmt.Sprintf("park=%d", n), func(b *testing.B) {
			ts := newTestServer(b)
			var doc bytes.Buffer
			if err := demo.GenerateSized(&doc, n, 1, demo.Sizes{MembersPerEnterprise: 3, ActivitiesPerEnterprise: 5}); err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			if _, err := ts.Store.Import(ctx, &doc, store.ImportOptions{}); err != nil {
				b.Fatal(err)
			}
			if _, err := ts.Store.CreateUser(ctx, testActor, store.NewUser{Username: "clerk", Role: store.RoleStaff, Password: "clerk-password"}); err != nil {
				b.Fatal(err)
			}
			c, _ := ts.login("clerk", "clerk-password")
			settle(b, ts.Store.Path())
			h := ts.Server.Handler()
			// The ledgers' reads alone: the pages of the activity, member
			// and award ledgers also list every organisation for their
			// organiser filter, which issue 19's search picker replaces.
			far := 49 * ledgerPageSize
			for _, r := range []struct {
				name string
				read func() error
			}{
				{"store-activities", func() error {
					_, _, err := ts.Store.ActivityLedger(ctx, store.ActivityFilter{Limit: ledgerPageSize})
					return err
				}},
				{"store-activities-page50", func() error {
					_, _, err := ts.Store.ActivityLedger(ctx, store.ActivityFilter{Limit: ledgerPageSize, Offset: far})
					return err
				}},
				{"store-activities-programme", func() error {
					_, _, err := ts.Store.ActivityLedger(ctx, store.ActivityFilter{Program: "uplift", Limit: ledgerPageSize})
					return err
				}},
				{"store-members", func() error {
					_, _, err := ts.Store.MemberLedger(ctx, store.MemberFilter{Limit: ledgerPageSize})
					return err
				}},
				{"store-members-page50", func() error {
					_, _, err := ts.Store.MemberLedger(ctx, store.MemberFilter{Limit: ledgerPageSize, Offset: far})
					return err
				}},
				{"store-awards", func() error {
					_, _, err := ts.Store.AwardLedger(ctx, store.AwardFilter{Limit: ledgerPageSize})
					return err
				}},
			} {
				b.Run(r.name, func(b *testing.B) {
					for b.Loop() {
						if err := r.read(); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
			for _, p := range pages {
				path := p.path
				if strings.Contains(path, "{far}") {
					// The 50th page, or the last of a shorter ledger.
					path = strings.ReplaceAll(path, "{far}", "1")
					last := lastPage(b, ts, c, path)
					path = strings.Replace(path, "page=1", fmt.Sprint("page=", min(50, last)), 1)
				}
				b.Run(p.name, func(b *testing.B) {
					req, _ := http.NewRequest(http.MethodGet, path, nil)
					for _, ck := range c.Jar.Cookies(mustURL(ts.HTTP.URL)) {
						req.AddCookie(ck)
					}
					for b.Loop() {
						ts.Server.pages.drop()
						w := httptest.NewRecorder()
						h.ServeHTTP(w, req)
						if w.Code != http.StatusOK {
							b.Fatalf("%s: %d", path, w.Code)
						}
					}
				})
			}
		})
	}
}

// lastPage is the highest page number that the ledger page at path links
// to.
func lastPage(b *testing.B, ts *testServer, c *http.Client, path string) int {
	res, body := ts.get(c, path)
	if res.StatusCode != http.StatusOK {
		b.Fatalf("%s: %d", path, res.StatusCode)
	}
	last := 1
	for _, m := range pageLink.FindAllStringSubmatch(body, -1) {
		n, _ := strconv.Atoi(m[1])
		last = max(last, n)
	}
	return last
}

// settle copies the import's log into the database before anything is
// measured (the store's checkpointer would do it while the first pages
// are timed).
func settle(b *testing.B, path string) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(60000)")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		b.Fatal(err)
	}
}
