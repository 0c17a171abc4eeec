package views

import (
	"context"
	"strings"

	"github.com/a-h/templ"
)

// A district's portal serves each park's public site under its own
// prefix (/parks/tianyuan/…), or at / on the park's own host; a portal of
// one park serves it at /. Pages are written with root-relative links
// ("/brands") and every link to a page of the site goes through SiteURL,
// which puts the request's prefix before it: one place, as a mounted
// application's URL helper does, and no template knows where it is
// mounted.

type sitePrefixKey struct{}

// WithSitePrefix returns ctx whose links to the public site's pages begin
// with prefix ("/parks/tianyuan"); "" leaves them at the root.
func WithSitePrefix(ctx context.Context, prefix string) context.Context {
	return context.WithValue(ctx, sitePrefixKey{}, prefix)
}

// SitePrefix is the prefix of ctx's public site; "" at the root.
func SitePrefix(ctx context.Context) string {
	p, _ := ctx.Value(sitePrefixKey{}).(string)
	return p
}

// SiteURL is href as a link from a page of ctx: a page of the public site
// gains the site's prefix; anything else (the workspace, photos, assets,
// other sites) is left as it is.
func SiteURL(ctx context.Context, href string) templ.SafeURL {
	return templ.SafeURL(SiteHref(ctx, href))
}

// SiteHref is SiteURL as a string, for the places that are not an
// attribute (a redirect, a sitemap).
func SiteHref(ctx context.Context, href string) string {
	if prefix := SitePrefix(ctx); prefix != "" && SitePage(href) {
		return prefix + href
	}
	return href
}

// sitePages are the first segments of the paths a park's public site
// serves (besides its home page, /).
var sitePages = map[string]bool{
	"programs": true, "brands": true, "benchmarks": true, "responsibility": true, "enterprises": true,
	"activities": true, "search": true, "reports": true, "sitemap.xml": true,
}

// SitePage reports whether href (a path, with or without its query) is a
// page of a park's public site: what /parks/{park}/ serves.
func SitePage(href string) bool {
	if !strings.HasPrefix(href, "/") || strings.HasPrefix(href, "//") {
		return false
	}
	path, _, _ := strings.Cut(href[1:], "?")
	path, _, _ = strings.Cut(path, "#")
	if path == "" {
		return true
	}
	first, _, _ := strings.Cut(path, "/")
	return sitePages[first]
}
