package web

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
	"golang.org/x/sync/singleflight"

	"parkportal/store"
	"parkportal/views"
)

// The public pages are cached in memory after rendering. What is cached is
// a page's content (the component inside the layout, as bytes) or a data
// file's body, keyed by path and the page's parsed, normalised query (so
// junk parameters never make entries of their own). For signed-out visitors
// the whole page is cached too, with its gzip, since it is the same for all
// of them (rendered without a nonce: its scripts are files of this site); a
// signed-in viewer's layout is rendered per request. Concurrent first
// requests for one page render it once. The cache holds at most
// pageCacheMaxBytes, counted over every byte an entry keeps, and evicts the
// least recently used entries to stay under it; an entry larger than the
// whole cap is served but not kept. It is dropped whenever the revision
// stamp moves: every import and every save bumps it, in this process or
// another, and it is read at most once per revisionCheckEvery (on
// PostgreSQL, which several portals share, at every request: no portal
// answers with a page older than a save another has acknowledged). It is
// dropped too when the day changes in the park (China time, on the
// server's clock): pages name the year in progress with its day
// ("2026年（截至12月6日）") and headline the last complete year, which both
// move at midnight without any change to the records. Anonymous requests
// get an ETag and a Last-Modified from the revision and the day and are
// answered 304 when they already hold the page.

const (
	revisionCheckEvery = 250 * time.Millisecond
	pageCacheMaxBytes  = 64 << 20
	// entryOverhead approximates what an entry costs beyond its bytes: the
	// struct, the map slot and the list element.
	entryOverhead = 512
)

// publicPage is what a public page handler produces.
type publicPage struct {
	Title       string
	Description string
	Content     templ.Component
	// NoStore: serve this rendering but do not keep it (a page for a query
	// that names nothing known, which would otherwise fill the cache).
	NoStore bool
	// NoIndex keeps the page out of search engines (a search's results,
	// whose title repeats what anyone typed into a link).
	NoIndex bool
}

// publicData is what a public data handler (JSON, CSV, XML) produces.
type publicData struct {
	ContentType string
	Filename    string      // for Content-Disposition: attachment, when set
	Header      http.Header // more headers to send with it (a partial year's Report-Through)
	Body        []byte
}

type cachedEntry struct {
	html        bool
	noStore     bool // served once, never kept
	noIndex     bool
	title       string
	description string
	contentType string
	filename    string
	header      http.Header // a data file's own headers
	body        []byte      // the page's content, or the data file
	bodyGz      []byte      // a data file, gzipped
	// A staff page's content cut at its forms' CSRF tokens, compressed
	// (staff_cache.go).
	content []layoutPart

	// The whole page for signed-out visitors, and its gzip.
	anonymousPage []byte
	anonymousGz   []byte
}

// size is what the entry holds in memory, as the cache counts it.
func (e *cachedEntry) size(key string) int {
	n := entryOverhead + len(key) + len(e.title) + len(e.description) + len(e.contentType) + len(e.filename) +
		len(e.body) + len(e.bodyGz) + len(e.anonymousPage) + len(e.anonymousGz)
	for _, p := range e.content {
		n += len(p.deflated) // raw shares body's bytes
	}
	for k, vs := range e.header {
		n += len(k)
		for _, v := range vs {
			n += len(v)
		}
	}
	return n
}

// cacheSlot is an entry in the recency list, most recent first.
type cacheSlot struct {
	key   string
	entry *cachedEntry
	size  int
}

// pageCache holds rendered public pages for the current revision.
type pageCache struct {
	store    *store.Store
	now      func() time.Time
	boot     string    // distinguishes this process's renderings in ETags
	start    time.Time // Last-Modified is never earlier than this
	maxBytes int

	fill singleflight.Group // one rendering per page at a time

	// renderAlways: keep nothing and share nothing, every request renders
	// (RenderEveryRequest, the load benchmark's cold run only).
	renderAlways atomic.Bool

	mu      sync.Mutex
	checked time.Time
	every   time.Duration // how often the revision is read (checkEvery)
	rev     store.Revision
	day     time.Time                // the park's day the entries were rendered on (midnight, China time)
	entries map[string]*list.Element // of *cacheSlot
	recent  *list.List               // most recently used first
	size    int
}

func newPageCache(st *store.Store, now func() time.Time) *pageCache {
	start := now().UTC().Truncate(time.Second)
	return &pageCache{
		store:    st,
		now:      now,
		boot:     strconv.FormatUint(rand.Uint64(), 36),
		start:    start,
		maxBytes: pageCacheMaxBytes,
		every:    checkEvery(st),
		rev:      store.Revision{Value: -1},
		entries:  map[string]*list.Element{},
		recent:   list.New(),
	}
}

// checkEvery is how often a portal reads the revision: once per
// revisionCheckEvery on a SQLite file of its own, where its own changes
// expire the cache at once (OnChange), and at every request on a
// PostgreSQL server other portals write to as well.
func checkEvery(st *store.Store) time.Duration {
	if st != nil && st.OnServer() {
		return 0
	}
	return revisionCheckEvery
}

// revisionMemo is the revision one request read, when the revision is
// read at every request (on PostgreSQL): the session, the site and the page
// cache ask for it, and one reading answers them all.
type revisionMemo struct {
	rev  store.Revision
	read bool
}

type revisionMemoKey struct{}

func withRevisionMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, revisionMemoKey{}, &revisionMemo{})
}

// revision returns the current revision, reading it from the database at
// most once per pc.every and dropping every entry when it moved
// or the day changed. The database is read without holding the lock.
func (pc *pageCache) revision(ctx context.Context) (store.Revision, error) {
	memo, _ := ctx.Value(revisionMemoKey{}).(*revisionMemo)
	if memo != nil && memo.read {
		return memo.rev, nil
	}
	pc.mu.Lock()
	now := pc.now()
	if day := store.DayOf(now); !day.Equal(pc.day) {
		pc.day = day
		pc.dropLocked()
	}
	if pc.rev.Value >= 0 && !pc.checked.IsZero() && now.Sub(pc.checked) < pc.every && !now.Before(pc.checked) {
		r := pc.rev
		pc.mu.Unlock()
		return r, nil
	}
	pc.mu.Unlock()
	r, err := pc.store.Revision(ctx)
	if err != nil {
		return store.Revision{}, err
	}
	if memo != nil {
		memo.rev, memo.read = r, true
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	pc.checked = now
	if r != pc.rev {
		pc.rev = r
		pc.dropLocked()
	}
	return r, nil
}

// drop empties the cache (tests that measure a page's own cost).
func (pc *pageCache) drop() {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	pc.dropLocked()
}

// dropLocked empties the cache; callers hold mu.
func (pc *pageCache) dropLocked() {
	clear(pc.entries)
	pc.recent.Init()
	pc.size = 0
}

// expire makes the next request read the revision again: a change
// committed in this process shows at once (store's OnChange).
func (pc *pageCache) expire() {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	pc.checked = time.Time{}
}

func (pc *pageCache) get(key string) (*cachedEntry, bool) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	el, ok := pc.entries[key]
	if !ok {
		return nil, false
	}
	pc.recent.MoveToFront(el)
	return el.Value.(*cacheSlot).entry, true
}

// put keeps an entry built at revision rev on day, unless the revision or
// the day has moved on meanwhile (the entry would be stale) or the entry
// alone is larger than the cache; least recently used entries make room for
// it.
func (pc *pageCache) put(key string, rev int64, day time.Time, e *cachedEntry) {
	n := e.size(key)
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.rev.Value != rev || !pc.day.Equal(day) || n > pc.maxBytes {
		return
	}
	if el, ok := pc.entries[key]; ok {
		pc.remove(el)
	}
	for pc.size+n > pc.maxBytes {
		pc.remove(pc.recent.Back())
	}
	pc.entries[key] = pc.recent.PushFront(&cacheSlot{key: key, entry: e, size: n})
	pc.size += n
}

// remove drops one entry; callers hold mu.
func (pc *pageCache) remove(el *list.Element) {
	slot := pc.recent.Remove(el).(*cacheSlot)
	delete(pc.entries, slot.key)
	pc.size -= slot.size
}

// stats tells how many entries the cache holds and their size (tests and
// the memory checks read it).
func (pc *pageCache) stats() (entries, bytes int) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	return len(pc.entries), pc.size
}

// entry returns the cached entry for key, building it with build when it
// is missing; concurrent requests for a missing key wait for one build.
func (pc *pageCache) entry(key string, rev int64, build func() (*cachedEntry, error)) (*cachedEntry, error) {
	if pc.renderAlways.Load() {
		return build()
	}
	if e, ok := pc.get(key); ok {
		return e, nil
	}
	pc.mu.Lock()
	day := pc.day // the day the caller's revision was read on
	pc.mu.Unlock()
	v, err, _ := pc.fill.Do(strconv.FormatInt(rev, 10)+" "+day.Format(time.DateOnly)+" "+key, func() (any, error) {
		if e, ok := pc.get(key); ok {
			return e, nil
		}
		e, err := build()
		if err != nil {
			return nil, err
		}
		if !e.noStore {
			pc.put(key, rev, day, e)
		}
		return e, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*cachedEntry), nil
}

// pathKey is the cache key of a page that reads no query parameters.
func pathKey(c echo.Context) string { return c.Request().URL.Path }

// validators sets ETag and Last-Modified for an anonymous request and
// reports whether the client already holds this revision of the page, as
// rendered today: a page from yesterday names yesterday's day and may
// headline last year, so its ETag differs and it is never modified before
// the day began.
func (pc *pageCache) validators(c echo.Context, rev store.Revision) (notModified bool) {
	pc.mu.Lock()
	day := pc.day
	pc.mu.Unlock()
	etag := fmt.Sprintf(`"r%d-%s-%s"`, rev.Value, day.Format("20060102"), pc.boot)
	modified := rev.At
	if modified.Before(pc.start) {
		modified = pc.start
	}
	if modified.Before(day) {
		modified = day
	}
	h := c.Response().Header()
	h.Set("ETag", etag)
	h.Set("Last-Modified", modified.Format(http.TimeFormat))
	h.Set("Cache-Control", "no-cache")
	h.Add("Vary", "Cookie")
	req := c.Request()
	if inm := req.Header.Get("If-None-Match"); inm != "" {
		return etagMatches(inm, etag)
	}
	if ims := req.Header.Get("If-Modified-Since"); ims != "" {
		if t, err := http.ParseTime(ims); err == nil && !modified.After(t) {
			return true
		}
	}
	return false
}

func etagMatches(header, etag string) bool {
	for _, part := range bytes.Split([]byte(header), []byte(",")) {
		p := string(bytes.TrimSpace(part))
		if p == "*" || p == etag || p == "W/"+etag {
			return true
		}
	}
	return false
}

// notModified answers 304. The Content-Security-Policy header is left out:
// a cache that merges a 304's headers into the stored page would otherwise
// pair the stored page's nonce with a new one and block its script.
func notModified(c echo.Context) error {
	c.Response().Header().Del("Content-Security-Policy")
	return c.NoContent(http.StatusNotModified)
}

// cachedPage wraps a public page handler with the cache. keyOf names the
// page for the cache from the parsed request (pathKey when the page reads
// no query); requests that parse alike share an entry.
func (s *Server) cachedPage(pc *pageCache, build func(echo.Context) (publicPage, error), keyOf func(echo.Context) string) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		rev, err := pc.revision(ctx)
		if err != nil {
			return err
		}
		anonymous := viewerOf(c) == nil
		if anonymous && pc.validators(c, rev) {
			return notModified(c)
		}
		e, err := pc.entry(parkCacheKey(c)+keyOf(c), rev.Value, func() (*cachedEntry, error) {
			pp, err := build(c)
			if err != nil {
				return nil, err
			}
			var buf bytes.Buffer
			if err := pp.Content.Render(ctx, &buf); err != nil {
				return nil, err
			}
			e := &cachedEntry{html: true, noStore: pp.NoStore, noIndex: pp.NoIndex, title: pp.Title, description: pp.Description, body: buf.Bytes()}
			// The whole page for signed-out visitors, built now so that the
			// cache counts it: no nonce, as every such visitor shares it,
			// and no viewer. It renders on a context of its own: templ keeps
			// the nonce in a value shared by contexts derived from the
			// request's, which WithNonce would overwrite; it keeps the
			// site's prefix for the layout's links.
			p := s.page(c, e.title)
			p.Description, p.Viewer, p.NoIndex, p.CSRF = e.description, nil, e.noIndex, ""
			var page bytes.Buffer
			if err := views.Layout(p, rawHTML(e.body)).Render(views.WithSitePrefix(templ.WithNonce(context.Background(), ""), views.SitePrefix(ctx)), &page); err != nil {
				return nil, err
			}
			e.anonymousPage = page.Bytes()
			e.anonymousGz = gzipBytes(e.anonymousPage)
			return e, nil
		})
		if err != nil {
			return err
		}
		if !anonymous {
			p := s.page(c, e.title)
			p.Description = e.description
			return s.render(c, http.StatusOK, p, rawHTML(e.body))
		}
		return writeMaybeGzipped(c, echo.MIMETextHTMLCharsetUTF8, e.anonymousPage, e.anonymousGz)
	}
}

// gzippers are reused gzip writers at keptLevel (as deflaters).
var gzippers = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, keptLevel) // the level is in range
	return w
}}

// gzipBytes compresses b once, at keptLevel, for serving many times.
func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzippers.Get().(*gzip.Writer)
	defer gzippers.Put(zw)
	zw.Reset(&buf)
	_, _ = zw.Write(b)
	_ = zw.Close()
	return buf.Bytes()
}

// writeMaybeGzipped sends the precompressed body when the client takes gzip
// and the gzip middleware stood aside for this request (see skipGzip).
func writeMaybeGzipped(c echo.Context, contentType string, plain, gz []byte) error {
	h := c.Response().Header()
	h.Add("Vary", "Accept-Encoding")
	if gz != nil && skipGzip(c) && acceptsGzip(c.Request()) {
		h.Set("Content-Encoding", "gzip")
		return c.Blob(http.StatusOK, contentType, gz)
	}
	return c.Blob(http.StatusOK, contentType, plain)
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") {
			return strings.TrimSpace(q) != "q=0"
		}
	}
	return false
}

// cachedData wraps a public data handler (JSON, CSV, XML) with the cache;
// keyOf as for cachedPage.
func (s *Server) cachedData(pc *pageCache, build func(echo.Context) (publicData, error), keyOf func(echo.Context) string) echo.HandlerFunc {
	return func(c echo.Context) error {
		rev, err := pc.revision(c.Request().Context())
		if err != nil {
			return err
		}
		if pc.validators(c, rev) {
			return notModified(c)
		}
		e, err := pc.entry(parkCacheKey(c)+keyOf(c), rev.Value, func() (*cachedEntry, error) {
			d, err := build(c)
			if err != nil {
				return nil, err
			}
			return &cachedEntry{contentType: d.ContentType, filename: d.Filename, header: d.Header, body: d.Body, bodyGz: gzipBytes(d.Body)}, nil
		})
		if err != nil {
			return err
		}
		for k, vs := range e.header {
			c.Response().Header()[k] = vs
		}
		if e.filename != "" {
			c.Response().Header().Set("Content-Disposition", `attachment; filename="`+e.filename+`"`)
		}
		return writeMaybeGzipped(c, e.contentType, e.body, e.bodyGz)
	}
}
