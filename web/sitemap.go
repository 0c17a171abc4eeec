package web

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/http"
	"net/netip"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/views"
)

// maxHostLength caps the Host a request may bring into an address: a DNS
// name is at most 253 bytes, plus a port.
const maxHostLength = 253 + len(":65535")

// requestBase is the public address the request's site's paths follow,
// to build absolute addresses from: the configured one (PORTAL_BASE_URL,
// trusted, with the park's prefix or its own host: siteBase), else the
// request's own scheme and Host when the Host is a plain, short host
// name or address (not trusted: it is the client's word, so such output
// is never cached or shared). ok is false when neither is usable.
func (s *Server) requestBase(c echo.Context) (base string, trusted, ok bool) {
	if base := s.siteBase(c); base != "" {
		return base, true, true
	}
	host := strings.ToLower(c.Request().Host)
	if !validHost(host) {
		return "", false, false
	}
	return s.requestScheme(c) + "://" + host + siteScopeOf(c.Request().Context()).prefix, false, true
}

// validHost accepts a DNS name or IPv4 address, or a bracketed IPv6
// address, with an optional port: nothing that needs escaping in XML or a
// URL, and no longer than maxHostLength.
func validHost(h string) bool {
	if h == "" || len(h) > maxHostLength {
		return false
	}
	name, port := h, ""
	if strings.HasPrefix(h, "[") {
		end := strings.IndexByte(h, ']')
		if end < 0 {
			return false
		}
		if _, err := netip.ParseAddr(h[1:end]); err != nil {
			return false
		}
		name, port = "", strings.TrimPrefix(h[end+1:], ":")
		if port == "" && len(h) > end+1 {
			return false
		}
	} else if i := strings.LastIndexByte(h, ':'); i >= 0 {
		name, port = h[:i], h[i+1:]
		if port == "" {
			return false
		}
	}
	if port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 || port[0] == '0' {
			return false
		}
	}
	for _, label := range strings.Split(name, ".") {
		if name == "" {
			break
		}
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

// sitemapMaxURLs is the most addresses one sitemap may list (sitemaps.org).
const sitemapMaxURLs = 50000

// publicPaths lists every public page: the fixed pages, each programme,
// brand, enterprise with published material and report year, and the
// published activities, newest first, as many as one sitemap holds.
// Queries: brand ids, public enterprises, report years, activity ids.
func (s *Server) publicPaths(c echo.Context) ([]string, error) {
	ctx := c.Request().Context()
	paths := []string{"/"}
	if siteScopeOf(ctx).district {
		return s.districtPaths(c)
	}
	for _, p := range views.Programs {
		paths = append(paths, p.Href())
	}
	paths = append(paths, "/brands", "/benchmarks", "/responsibility", "/reports", "/reports/definitions")
	brands, err := s.store.PublishedBrandIDs(ctx)
	if err != nil {
		return nil, err
	}
	for _, id := range brands {
		paths = append(paths, brandHref(id))
	}
	ents, err := s.store.PublicEnterprises(ctx)
	if err != nil {
		return nil, err
	}
	for _, e := range ents {
		paths = append(paths, enterpriseHref(e.ID))
	}
	cal, err := s.store.ReportCalendar(ctx)
	if err != nil {
		return nil, err
	}
	for _, y := range cal.Years {
		paths = append(paths, "/reports/"+strconv.Itoa(y))
	}
	// The newest activities fill what the protocol's 50,000 addresses of
	// one sitemap leave.
	acts, err := s.store.PublishedActivityIDs(ctx, max(sitemapMaxURLs-len(paths), 0))
	if err != nil {
		return nil, err
	}
	for _, id := range acts {
		paths = append(paths, activityHref(id))
	}
	return paths, nil
}

// districtPaths are the district's own pages: its page, and each park's
// site's home page on the district's address (a park on its own host
// has its sitemap there). Each park's sitemap lists its site (robots.txt
// names them all).
func (s *Server) districtPaths(c echo.Context) ([]string, error) {
	set, err := s.parks(c.Request().Context())
	if err != nil {
		return nil, err
	}
	paths := []string{"/"}
	for _, p := range set.all {
		if p.Host == "" {
			paths = append(paths, parkPrefix(p)+"/")
		}
	}
	return paths, nil
}

type sitemapURL struct {
	Loc string `xml:"loc"`
}

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"urlset"`
	XMLNS   string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

// sitemapPlaceholder stands for the public address in a cached sitemap
// built without a configured one; escaped paths never contain it.
const sitemapPlaceholder = "{{base}}"

// sitemapHandler serves /sitemap.xml from the cache. With a configured
// public address the whole file is cached. Without one, one copy is cached
// with a placeholder for the address and the request's validated Host is
// written into it as it streams out, uncached and unshared: a client's Host
// header never enters the cache, nor another client's sitemap.
func (s *Server) sitemapHandler(pc *pageCache) echo.HandlerFunc {
	if s.site.BaseURL != "" {
		return s.cachedData(pc, func(c echo.Context) (publicData, error) { return s.buildSitemap(c, s.siteBase(c)) }, pathKey)
	}
	return func(c echo.Context) error {
		base, _, ok := s.requestBase(c)
		if !ok {
			return echo.NewHTTPError(http.StatusBadRequest, "sitemap: unusable Host")
		}
		rev, err := pc.revision(c.Request().Context())
		if err != nil {
			return err
		}
		e, err := pc.entry(parkCacheKey(c)+c.Request().URL.Path, rev.Value, func() (*cachedEntry, error) {
			d, err := s.buildSitemap(c, sitemapPlaceholder)
			if err != nil {
				return nil, err
			}
			return &cachedEntry{contentType: d.ContentType, body: d.Body}, nil
		})
		if err != nil {
			return err
		}
		res := c.Response()
		res.Header().Set(echo.HeaderContentType, e.contentType)
		res.Header().Set("Cache-Control", "no-store")
		res.WriteHeader(http.StatusOK)
		body := e.body
		for {
			i := bytes.Index(body, []byte(sitemapPlaceholder))
			if i < 0 {
				_, err := res.Write(body)
				return err
			}
			if _, err := res.Write(body[:i]); err != nil {
				return err
			}
			if _, err := io.WriteString(res, base); err != nil {
				return err
			}
			body = body[i+len(sitemapPlaceholder):]
		}
	}
}

// buildSitemap is /sitemap.xml with base before every path.
func (s *Server) buildSitemap(c echo.Context, base string) (publicData, error) {
	paths, err := s.publicPaths(c)
	if err != nil {
		return publicData{}, err
	}
	set := sitemapURLSet{XMLNS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, p := range paths {
		set.URLs = append(set.URLs, sitemapURL{Loc: base + p})
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(set); err != nil {
		return publicData{}, err
	}
	buf.WriteByte('\n')
	return publicData{ContentType: "application/xml; charset=utf-8", Body: buf.Bytes()}, nil
}

// showRobots is /robots.txt: everything public may be indexed; the signed-in
// areas may not. It names the sitemap by the configured public address, and
// then may be cached by anyone; a sitemap address made from the request's
// Host is never cached, and an unusable Host names no sitemap.
func (s *Server) showRobots(c echo.Context) error {
	body := "User-agent: *\n" +
		"Disallow: /login\nDisallow: /admin/\nDisallow: /workbench\nDisallow: /org\nDisallow: /app/\nDisallow: /search\n" +
		"Allow: /\n"
	cache := "public, max-age=3600"
	sc := siteScopeOf(c.Request().Context())
	if sc.district {
		body = strings.Replace(body, "Disallow: /search\n", "Disallow: /search\nDisallow: /parks/*/search\n", 1)
	}
	if base, trusted, ok := s.requestBase(c); ok {
		body += "\nSitemap: " + base + "/sitemap.xml\n"
		if sc.district { // and each park's on this address
			set, err := s.parks(c.Request().Context())
			if err != nil {
				return err
			}
			for _, p := range set.all {
				if p.Host == "" {
					body += "Sitemap: " + base + parkPrefix(p) + "/sitemap.xml\n"
				}
			}
		}
		if !trusted {
			cache = "no-store"
		}
	}
	c.Response().Header().Set("Cache-Control", cache)
	return c.Blob(http.StatusOK, "text/plain; charset=utf-8", []byte(body))
}
