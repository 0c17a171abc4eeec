package web

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"parkportal/store"
)

// Signed-out visitors get the whole page from the cache, precompressed,
// without a nonce (it is shared), and the same bytes as uncompressed.
func TestAnonymousPagesAreServedPrecompressed(t *testing.T) {
	ts := newPublicServer(t)
	_, plain := ts.anon("/brands")
	res, body := ts.anon("/brands", "Accept-Encoding", "gzip")
	if got := res.Header.Get("Content-Encoding"); got != "gzip" {
		t.Fatalf("Content-Encoding = %q, want gzip", got)
	}
	if !strings.Contains(strings.Join(res.Header.Values("Vary"), ","), "Accept-Encoding") {
		t.Error("no Vary: Accept-Encoding")
	}
	zr, err := gzip.NewReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	unzipped, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if string(unzipped) != plain {
		t.Error("the gzipped page differs from the plain one")
	}
	if strings.Contains(plain, "nonce=") {
		t.Error("a page shared by every visitor carries a nonce")
	}
	if res.Header.Get("Content-Security-Policy") == "" {
		t.Error("the cached page is served without a CSP")
	}
	// Data files too.
	if res, _ := ts.anon("/reports/2023.json", "Accept-Encoding", "gzip"); res.Header.Get("Content-Encoding") != "gzip" {
		t.Error("report JSON is not served compressed")
	}
	// A client that does not take gzip gets plain bytes.
	if res, _ := ts.anon("/brands", "Accept-Encoding", "gzip;q=0"); res.Header.Get("Content-Encoding") != "" {
		t.Error("gzip sent to a client that refused it")
	}
}

// A signed-in viewer's page is rendered per request, with the request's
// nonce, and compressed once (not twice).
func TestSignedInPagesCarryTheNonceAndAreCompressedOnce(t *testing.T) {
	ts := newPublicServer(t)
	ts.addUser("staff9", store.RoleStaff, "")
	c, _ := ts.login("staff9", "staff9-password")
	req, _ := http.NewRequest(http.MethodGet, ts.HTTP.URL+"/brands", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	for _, ck := range c.Jar.Cookies(mustURL(ts.HTTP.URL)) {
		req.AddCookie(ck)
	}
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(zr)
	if !bytes.Contains(page, []byte("<!doctype html>")) {
		t.Fatal("the response is not one gzip layer around the page")
	}
	csp := res.Header.Get("Content-Security-Policy")
	nonce := strings.SplitN(strings.SplitN(csp, "'nonce-", 2)[1], "'", 2)[0]
	if !bytes.Contains(page, []byte(`nonce="`+nonce+`"`)) {
		t.Error("the signed-in page's script lacks the request's nonce")
	}
}

// Static assets are served precompressed as well.
func TestStaticAssetsArePrecompressed(t *testing.T) {
	ts := newTestServer(t)
	_, body := ts.get(ts.client(), "/")
	href := doc(t, body).Find(`link[rel="stylesheet"]`).AttrOr("href", "")
	res, gz := ts.anon(href, "Accept-Encoding", "gzip")
	if res.Header.Get("Content-Encoding") != "gzip" || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("%s: encoding %q, type %q", href, res.Header.Get("Content-Encoding"), res.Header.Get("Content-Type"))
	}
	zr, err := gzip.NewReader(strings.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	css, _ := io.ReadAll(zr)
	if _, plain := ts.anon(href); string(css) != plain {
		t.Error("the gzipped stylesheet differs from the plain one")
	}
}

// Many first requests for one page after a change render it once.
func TestConcurrentFirstRequestsRenderOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("short: a concurrency test, many first requests at once")
	}
	ts := newPublicServer(t)
	var mu sync.Mutex
	builds := 0
	h := ts.Server.cachedPage(ts.Server.pages, func(c echo.Context) (publicPage, error) {
		mu.Lock()
		builds++
		mu.Unlock()
		return ts.Server.showBenchmarkPage(c)
	}, pathKey)
	ts.Server.echo.GET("/test-render-once", h)
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if res, _ := ts.anon("/test-render-once"); res.StatusCode != http.StatusOK {
				t.Errorf("status %d", res.StatusCode)
			}
		}()
	}
	wg.Wait()
	if builds != 1 {
		t.Errorf("20 concurrent first requests built the page %d times, want 1", builds)
	}
}

// Junk query values parse to what the page understands and share its
// entry: they make no entries of their own.
func TestPageCacheKeysOnTheParsedQuery(t *testing.T) {
	ts := newPublicServer(t)
	_, want := ts.anon("/brands")
	entries, _ := ts.Server.pages.stats()
	for _, q := range []string{"?page=abc", "?page=-3", "?page=1", "?stage=nonsense", "?utm_source=x", "?stage=&sector=",
		"?page=1&stage=bogus&x=" + strings.Repeat("y", 500), "?sector=" + strings.Repeat("长", 300)} {
		res, body := ts.anon("/brands" + q)
		if res.StatusCode != http.StatusOK {
			t.Errorf("/brands%.40s = %d", q, res.StatusCode)
		}
		if !strings.Contains(q, "sector=长") && body != want {
			t.Errorf("/brands%.40s differs from /brands", q)
		}
	}
	// A sector that no brand has renders (it shows none) but is not kept.
	for i := range 20 {
		if res, _ := ts.anon(fmt.Sprintf("/brands?sector=junk%d", i)); res.StatusCode != http.StatusOK {
			t.Fatalf("unknown sector = %d", res.StatusCode)
		}
	}
	if got, _ := ts.Server.pages.stats(); got != entries {
		t.Errorf("entries after junk queries = %d, want %d", got, entries)
	}
	// A real filter is an entry of its own.
	ts.anon("/brands?stage=mature")
	if got, _ := ts.Server.pages.stats(); got != entries+1 {
		t.Errorf("entries after a real filter = %d, want %d", got, entries+1)
	}
}

// The cache counts every byte an entry keeps, each part once: the
// content, the whole page for signed-out visitors and its gzip.
func TestPageCacheCountsWholeEntries(t *testing.T) {
	ts := newPublicServer(t)
	_, page := ts.anon("/")
	res, gz := ts.anon("/", "Accept-Encoding", "gzip")
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatal("no gzip")
	}
	e, ok := ts.Server.pages.get("/")
	if !ok {
		t.Fatal("/ is not cached")
	}
	if string(e.anonymousPage) != page || string(e.anonymousGz) != gz {
		t.Fatal("the cached page is not the one served")
	}
	want := entryOverhead + len("/") + len(e.title) + len(e.description) + len(e.body) + len(page) + len(gz)
	if n, size := ts.Server.pages.stats(); n != 1 || size != want {
		t.Errorf("cache: %d entries, %d bytes; want 1 entry of %d bytes (content %d, page %d, gzip %d)", n, size, want, len(e.body), len(page), len(gz))
	}
}

// Past its cap the cache evicts the least recently used entries, one by
// one, and never keeps an entry larger than the cap.
func TestPageCacheEvictsLeastRecentlyUsed(t *testing.T) {
	pc := newPageCache(nil, time.Now)
	day := store.DayOf(time.Now())
	pc.rev, pc.day = store.Revision{Value: 7}, day
	entry := func(n int) *cachedEntry { return &cachedEntry{body: make([]byte, n)} }
	one := entry(1000).size("/a")
	pc.maxBytes = 3 * one
	pc.put("/a", 7, day, entry(1000))
	pc.put("/b", 7, day, entry(1000))
	pc.put("/c", 7, day, entry(1000))
	if _, ok := pc.get("/a"); !ok { // /a is now the most recent; /b the least
		t.Fatal("/a missing")
	}
	pc.put("/d", 7, day, entry(1000))
	if _, ok := pc.get("/b"); ok {
		t.Error("the least recently used entry was kept")
	}
	for _, k := range []string{"/a", "/c", "/d"} {
		if _, ok := pc.get(k); !ok {
			t.Errorf("%s was evicted with room for it", k)
		}
	}
	if n, size := pc.stats(); n != 3 || size != 3*one {
		t.Errorf("cache holds %d entries, %d bytes; want 3, %d", n, size, 3*one)
	}
	pc.put("/huge", 7, day, entry(4*one))
	if _, ok := pc.get("/huge"); ok {
		t.Error("an entry larger than the cache was kept")
	}
	if n, _ := pc.stats(); n != 3 {
		t.Errorf("an entry too large to keep evicted others: %d left", n)
	}
	pc.put("/stale", 6, day, entry(10))
	if _, ok := pc.get("/stale"); ok {
		t.Error("an entry of an old revision was kept")
	}
	pc.put("/yesterday", 7, day.AddDate(0, 0, -1), entry(10))
	if _, ok := pc.get("/yesterday"); ok {
		t.Error("an entry rendered on another day was kept")
	}
}
