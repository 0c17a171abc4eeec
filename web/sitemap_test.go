package web

import (
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// getWithHost fetches path from the test server with the given Host header.
func (ts *testServer) getWithHost(path, host string) (*http.Response, string) {
	ts.t.Helper()
	return ts.anon(path, "Host", host)
}

// Without a configured public address, the sitemap names the request's
// host, but no host makes a cache entry of its own or empties the cache,
// and nothing it writes may be cached by others.
func TestSitemapKeepsNoEntryPerHost(t *testing.T) {
	ts := newPublicServer(t)
	ts.mustGet("/")
	ts.mustGet("/brands")
	res, body := ts.getWithHost("/sitemap.xml", "portal.example:8080")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "<loc>http://portal.example:8080/brands</loc>") {
		t.Fatalf("sitemap for portal.example = %d\n%.300s", res.StatusCode, body)
	}
	if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("a sitemap built from the Host header has Cache-Control %q, want no-store", cc)
	}
	entries, _ := ts.Server.pages.stats()
	for i := range 50 {
		host := fmt.Sprintf("h%d.example", i)
		res, body := ts.getWithHost("/sitemap.xml", host)
		if res.StatusCode != http.StatusOK || !strings.Contains(body, "http://"+host+"/") || strings.Contains(body, "portal.example") {
			t.Fatalf("sitemap for %s = %d, or names another host", host, res.StatusCode)
		}
	}
	if got, _ := ts.Server.pages.stats(); got != entries {
		t.Errorf("cache entries after 50 hosts = %d, want %d (none per host)", got, entries)
	}
	if _, ok := ts.Server.pages.get("/brands"); !ok {
		t.Error("new hosts emptied the page cache")
	}
	// A long or malformed Host is refused, never echoed.
	for _, host := range []string{strings.Repeat("a", 300) + ".example", "evil.example/<x>", "a..b", "-a.example", "a.example:99999", "[::1"} {
		res, body := ts.getWithHost("/sitemap.xml", host)
		if res.StatusCode != http.StatusBadRequest || strings.Contains(body, host) {
			t.Errorf("Host %.40q: status %d, want 400 without the host in the body", host, res.StatusCode)
		}
	}
	if res, _ := ts.getWithHost("/sitemap.xml", "[::1]:8080"); res.StatusCode != http.StatusOK {
		t.Errorf("an IPv6 Host is refused: %d", res.StatusCode)
	}
}

// robots.txt names the sitemap by the configured address, publicly
// cacheable; by the request's host only uncached; by no unusable host.
func TestRobotsNamesNoArbitraryHostUnderPublicCaching(t *testing.T) {
	ts := newPublicServer(t)
	res, body := ts.getWithHost("/robots.txt", "portal.example")
	if !strings.Contains(body, "Sitemap: http://portal.example/sitemap.xml") || res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("robots.txt from the Host: Cache-Control %q\n%s", res.Header.Get("Cache-Control"), body)
	}
	long := strings.Repeat("x", 400) + ".example"
	res, body = ts.getWithHost("/robots.txt", long)
	if res.StatusCode != http.StatusOK || strings.Contains(body, "Sitemap:") || strings.Contains(body, "xxxx") {
		t.Errorf("robots.txt for a long Host: %d\n%.200s", res.StatusCode, body)
	}

	configured := newPublicServer(t, func(c *Config) { c.Site.BaseURL = "https://dj.example.gov.cn" })
	res, body = configured.getWithHost("/robots.txt", "evil.example")
	if !strings.Contains(body, "Sitemap: https://dj.example.gov.cn/sitemap.xml") || strings.Contains(body, "evil") {
		t.Errorf("robots.txt with a base address:\n%s", body)
	}
	if cc := res.Header.Get("Cache-Control"); !strings.HasPrefix(cc, "public") {
		t.Errorf("robots.txt with a base address: Cache-Control %q, want public", cc)
	}
	res, body = configured.getWithHost("/sitemap.xml", "evil.example")
	if res.StatusCode != http.StatusOK || strings.Contains(body, "evil") || !strings.Contains(body, "<loc>https://dj.example.gov.cn/brands</loc>") {
		t.Errorf("sitemap with a base address names the request's host, or not the base:\n%.300s", body)
	}
}

// The probe's attack: 100 concurrent anonymous requests with distinct long
// Host values. The heap stays far below 400 MB (it passed 1.5 GB when the
// sitemap was cached per host, each repeating its host in every address).
func TestDistinctLongHostsDoNotExhaustMemory(t *testing.T) {
	ts := newPublicServer(t)
	var peak atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	var wg sync.WaitGroup
	for i := range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			label := strings.Repeat(string(rune('a'+i%26)), 60)
			host := strings.Repeat(label+".", 4) + fmt.Sprintf("n%d.example", i) // 253 bytes at most
			for _, p := range []string{"/sitemap.xml", "/robots.txt", "/"} {
				req, _ := http.NewRequest(http.MethodGet, ts.HTTP.URL+p, nil)
				req.Host = host + strings.Repeat("z", 20000) // long: refused where it would be echoed
				if i%2 == 0 {
					req.Host = host
				}
				res, err := http.DefaultTransport.RoundTrip(req)
				if err != nil {
					t.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
		}()
	}
	wg.Wait()
	close(stop)
	<-sampled
	if p := peak.Load(); p > 400<<20 {
		t.Errorf("heap peaked at %d MB, want under 400 MB", p>>20)
	}
	if n, size := ts.Server.pages.stats(); n > 10 || size > pageCacheMaxBytes {
		t.Errorf("page cache holds %d entries, %d bytes after the flood", n, size)
	}
}
