package web

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// A portal of one park serves its public site at /, as it always did.
// A district's portal (several parks) serves each park's site under
// /parks/{park}/, or at / on the park's own host (parks.host), and its
// own page, the parks side by side, at /; an address of the one-park
// days (/brands, /reports/2023) leads to the first park's site, whose it
// was. routeSite reads the address before the router
// does: it takes the park's prefix off the path, so that one set of
// routes and handlers serves every park's site, and puts the park (the
// store's scope), the prefix (views.SiteURL writes every link with it)
// and the site into the request's context.

// siteScope is the public site a request is for.
type siteScope struct {
	park     store.ParkInfo
	prefix   string // "/parks/tianyuan"; "" at the root or on the park's own host
	ownHost  bool   // the request came to the park's own host (cache keys tell it from the root)
	district bool   // the district's own pages (several parks, at the root)
	several  bool   // the portal holds several parks
}

type siteScopeKey struct{}

// siteScopeOf is the request's site; the zero scope (one park) when
// routeSite set none.
func siteScopeOf(ctx context.Context) siteScope {
	sc, _ := ctx.Value(siteScopeKey{}).(siteScope)
	return sc
}

// parkSet is the district's parks as read at one revision.
type parkSet struct {
	all    []store.ParkInfo // in the order they were added: the first is the one-park portal's
	byID   map[int64]store.ParkInfo
	bySlug map[string]store.ParkInfo
	byHost map[string]store.ParkInfo
}

// parkDirectory keeps the parkSet of the records' current revision:
// adding a park moves the revision (store.AddPark), in this process or
// another, so a request reads the parks again only after a change.
type parkDirectory struct {
	mu  sync.Mutex
	rev int64
	set *parkSet
}

// parks is the district's parks at the current revision.
func (s *Server) parks(ctx context.Context) (*parkSet, error) {
	rev, err := s.pages.revision(ctx)
	if err != nil {
		return nil, err
	}
	d := &s.parkDir
	d.mu.Lock()
	if d.set != nil && d.rev == rev.Value {
		set := d.set
		d.mu.Unlock()
		return set, nil
	}
	d.mu.Unlock()
	all, err := s.store.Parks(ctx)
	if err != nil {
		return nil, err
	}
	set := &parkSet{all: all, byID: map[int64]store.ParkInfo{}, bySlug: map[string]store.ParkInfo{}, byHost: map[string]store.ParkInfo{}}
	for _, p := range all {
		set.byID[p.ID], set.bySlug[p.Slug] = p, p
		if p.Host != "" {
			set.byHost[p.Host] = p
		}
	}
	d.mu.Lock()
	changed := d.set != nil && !slices.Equal(d.set.all, set.all)
	d.rev, d.set = rev.Value, set
	d.mu.Unlock()
	if changed { // a park's name, id or footer is in the staff's cut layouts
		s.layouts.forget()
	}
	return set, nil
}

func (ps *parkSet) several() bool { return len(ps.all) > 1 }

// first is the park a one-park portal holds.
func (ps *parkSet) first() store.ParkInfo {
	if p, ok := ps.byID[store.FirstPark]; ok {
		return p
	}
	return store.ParkInfo{ID: store.FirstPark}
}

// parkPrefix is where park's site lives on the district's address.
func parkPrefix(p store.ParkInfo) string { return "/parks/" + p.Slug }

// routeSite finds the public site a request is for (see above).
func (s *Server) routeSite(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		path := r.URL.Path
		if path == "/healthz" || strings.HasPrefix(path, "/static/") || strings.HasPrefix(path, "/photos/") {
			return next(c) // the same for every site
		}
		set, err := s.parks(r.Context())
		if err != nil {
			return err
		}
		sc := siteScope{park: set.first(), several: set.several()}
		query := ""
		if r.URL.RawQuery != "" {
			query = "?" + r.URL.RawQuery
		}
		if strings.HasPrefix(path, "/parks/") {
			// Cut on the escaped path too: an id's "%2F" stays in its
			// segment, and the router reads the escaped path.
			escaped := r.URL.EscapedPath()
			slug, rest, ok := strings.Cut(strings.TrimPrefix(path, "/parks/"), "/")
			p, found := set.bySlug[slug]
			prefix := parkPrefix(p)
			switch {
			case !found || escaped != prefix && !strings.HasPrefix(escaped, prefix+"/"):
				if sc.several { // said in the district's words
					sc.district = true
					c.SetRequest(r.WithContext(sc.context(r.Context())))
				}
				return echo.ErrNotFound
			case !ok: // /parks/tianyuan
				return c.Redirect(http.StatusMovedPermanently, prefix+"/"+query)
			case !views.SitePage("/" + rest):
				if sc.several { // not a page of a site: said in the park's site's words
					sc.park, sc.prefix = p, prefix
					c.SetRequest(r.WithContext(sc.context(r.Context())))
				}
				return echo.ErrNotFound
			case !sc.several:
				// One park: its site is at /. Found, not moved for good:
				// a second park would move it back.
				return c.Redirect(http.StatusFound, escaped[len(prefix):]+query)
			}
			r.URL.Path, r.URL.RawPath = path[len(prefix):], escaped[len(prefix):]
			sc.park, sc.prefix = p, prefix
		} else if p, ok := set.byHost[strings.ToLower(r.Host)]; ok {
			sc.park, sc.ownHost = p, true
		} else if sc.several {
			if views.SitePage(path) && path != "/" && path != "/sitemap.xml" {
				// An address of the one-park days: the first park's, for
				// as long as it has that id (found, not moved for good).
				return c.Redirect(http.StatusFound, parkPrefix(sc.park)+r.URL.RequestURI())
			}
			sc.district = true
		}
		if !sc.several {
			return next(c) // one park, at / on any host: as it always was
		}
		c.SetRequest(r.WithContext(sc.context(r.Context())))
		return next(c)
	}
}

// context is ctx for a request to the site: its scope, its park for the
// store (none for the district's pages, which name the parks they add
// up) and its links' prefix.
func (sc siteScope) context(ctx context.Context) context.Context {
	ctx = context.WithValue(ctx, siteScopeKey{}, sc)
	if sc.park.ID != store.FirstPark && !sc.district {
		ctx = store.WithPark(ctx, sc.park.ID)
	}
	if sc.prefix != "" {
		ctx = views.WithSitePrefix(ctx, sc.prefix)
	}
	return ctx
}

// workInPark makes the request's site the one of park, where a signed-in
// user works in it (scopePark): the header names the park and the public
// site's links lead to its site.
func (s *Server) workInPark(c echo.Context, park int64) {
	r := c.Request()
	sc := siteScopeOf(r.Context())
	if !sc.several {
		return
	}
	set, err := s.parks(r.Context())
	if err != nil {
		return
	}
	p, ok := set.byID[park]
	if !ok || sc.ownHost && sc.park.ID == park {
		return // on the park's own host, its site is at /
	}
	sc.park, sc.district, sc.ownHost, sc.prefix = p, false, false, parkPrefix(p)
	ctx := context.WithValue(r.Context(), siteScopeKey{}, sc)
	c.SetRequest(r.WithContext(views.WithSitePrefix(ctx, sc.prefix)))
}

// siteOf is the site's identity as the request's pages show it: the
// operator's configuration, and in a district the park's own name,
// brand and footer lines, or the district's navigation to its parks.
func (s *Server) siteOf(c echo.Context) views.Site {
	site := s.site
	sc := siteScopeOf(c.Request().Context())
	if !sc.several {
		return site
	}
	if sc.district {
		site.District = true
		if set, err := s.parks(c.Request().Context()); err == nil {
			for _, p := range set.all {
				site.Nav = append(site.Nav, views.NavItem{Href: s.parkSiteURL(p), Label: p.Name})
			}
		}
		return site
	}
	site.ParkName, site.ParkBrand = sc.park.Name, sc.park.Brand
	site.Footer = views.Paragraphs(sc.park.Footer)
	site.DistrictHref = "/"
	if sc.ownHost { // the district's page is on the district's address
		site.DistrictHref = s.site.BaseURL + "/"
		if s.site.BaseURL == "" {
			site.DistrictHref = ""
		}
	}
	return site
}

// parkSiteURL is the address of park's site's home page: on its own host
// when it has one (scheme-relative without a configured public address:
// pages that name it are shared by visitors over http and https), else
// under the district's address.
func (s *Server) parkSiteURL(p store.ParkInfo) string {
	switch {
	case p.Host == "":
		return parkPrefix(p) + "/"
	case s.site.BaseURL == "":
		return "//" + p.Host + "/"
	}
	return s.scheme() + "://" + p.Host + "/"
}

// scheme is how the portal is reached by its configured public address
// (siteBase writes nothing absolute without one).
func (s *Server) scheme() string {
	scheme, _, _ := strings.Cut(s.site.BaseURL, "://")
	return scheme
}

// requestScheme is how the request reached the portal.
func (s *Server) requestScheme(c echo.Context) string {
	if c.Request().TLS != nil || (s.behindProxy && c.Request().Header.Get("X-Forwarded-Proto") == "https") {
		return "https"
	}
	return "http"
}

// siteBase is the absolute address the request's site's paths follow,
// for canonical links and the sitemap: the park's own host when it has
// one, else the configured public address and the park's prefix; ""
// when no public address is configured (nothing absolute is written).
func (s *Server) siteBase(c echo.Context) string {
	if s.site.BaseURL == "" {
		return ""
	}
	sc := siteScopeOf(c.Request().Context())
	if sc.several && !sc.district && sc.park.Host != "" {
		return s.scheme() + "://" + sc.park.Host
	}
	return s.site.BaseURL + sc.prefix
}
