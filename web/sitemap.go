package web

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"parkportal/views"
)

// baseURL is the configured public address, else the one the request came
// to (sitemaps need absolute addresses).
func (s *Server) baseURL(c echo.Context) string {
	if s.site.BaseURL != "" {
		return s.site.BaseURL
	}
	return c.Scheme() + "://" + c.Request().Host
}

// publicPaths lists every public page: the fixed pages, each programme,
// brand, enterprise with published material and report year. Queries: brand
// ids, public enterprises, report years.
func (s *Server) publicPaths(c echo.Context) ([]string, error) {
	ctx := c.Request().Context()
	paths := []string{"/"}
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
	years, err := s.store.ReportYears(ctx)
	if err != nil {
		return nil, err
	}
	for _, y := range years {
		paths = append(paths, "/reports/"+strconv.Itoa(y))
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

// sitemapHandler serves /sitemap.xml from the cache. Without a configured
// public address the addresses come from the request's Host, so the entry is
// kept per host: one client's Host header never shows in another's sitemap.
func (s *Server) sitemapHandler(pc *pageCache) echo.HandlerFunc {
	if s.site.BaseURL != "" {
		return s.cachedData(pc, s.showSitemap)
	}
	return s.cachedDataBy(pc, s.showSitemap, func(c echo.Context) string {
		return c.Request().URL.Path + "@" + c.Scheme() + "://" + c.Request().Host
	})
}

// showSitemap is /sitemap.xml.
func (s *Server) showSitemap(c echo.Context) (publicData, error) {
	paths, err := s.publicPaths(c)
	if err != nil {
		return publicData{}, err
	}
	base := s.baseURL(c)
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
// areas may not.
func (s *Server) showRobots(c echo.Context) error {
	body := "User-agent: *\n" +
		"Disallow: /login\nDisallow: /admin/\nDisallow: /workbench\nDisallow: /org\nDisallow: /app/\n" +
		"Allow: /\n\n" +
		"Sitemap: " + s.baseURL(c) + "/sitemap.xml\n"
	c.Response().Header().Set("Cache-Control", "public, max-age=3600")
	return c.Blob(http.StatusOK, "text/plain; charset=utf-8", []byte(body))
}
