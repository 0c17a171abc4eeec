package web

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"parkportal/store"
	"parkportal/store/demo"
)

// BenchmarkEnterpriseExport10k is the .xlsx export of a 10,000-enterprise
// ledger (issue target: under 2 s).
func BenchmarkEnterpriseExport10k(b *testing.B) {
	ts := newBenchServer(b, 10_000)
	c, _ := ts.login("clerk", "clerk-password")
	b.ResetTimer()
	for b.Loop() {
		res, body := ts.get(c, "/workbench/enterprises.xlsx")
		if res.StatusCode != http.StatusOK || len(body) < 100_000 {
			b.Fatalf("export: %d, %d bytes", res.StatusCode, len(body))
		}
	}
}

// newBenchServer is a test server over a generated park of n enterprises,
// with a staff account clerk.
func newBenchServer(b *testing.B, n int) *testServer {
	b.Helper()
	ts := newTestServer(b)
	var doc bytes.Buffer
	if err := demo.Generate(&doc, n, 1); err != nil {
		b.Fatal(err)
	}
	if _, err := ts.Store.Import(context.Background(), &doc, store.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	if _, err := ts.Store.CreateUser(context.Background(), store.NewUser{Username: "clerk", Role: store.RoleStaff, Password: "clerk-password"}); err != nil {
		b.Fatal(err)
	}
	return ts
}

// BenchmarkCachedStaffLedger is one signed-in request for a cached page of
// the enterprise ledger, through the whole router, asking for gzip.
func BenchmarkCachedStaffLedger(b *testing.B) {
	ts := newBenchServer(b, 2000)
	c, _ := ts.login("clerk", "clerk-password")
	ts.get(c, "/workbench/enterprises")
	req, _ := http.NewRequest(http.MethodGet, "/workbench/enterprises", nil)
	for _, ck := range c.Jar.Cookies(mustURL(ts.HTTP.URL)) {
		req.AddCookie(ck)
	}
	req.Header.Set("Accept-Encoding", "gzip")
	h := ts.Server.Handler()
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatal(w.Code)
		}
	}
}
