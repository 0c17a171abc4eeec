package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// scopePark puts the park a request works in into its context, once, for
// every store call of the request (store.WithPark): a staff member's or a
// secretary's own park in the signed-in areas, whatever the URL, id or
// form field names; the park an admin or a district's user chose
// (choosePark, or a link's ?park=); elsewhere the park whose site the
// address names (routeSite), the first park by default. A record of
// another park is then not found on any path. A district's user reads the
// workspace's pages read-only (views.WithReadOnly).
func (s *Server) scopePark(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		u := viewerOf(c)
		if u != nil && signedInAreas[areaOf(c.Request().URL.Path)] {
			park := store.FirstPark
			switch {
			case u.Role.InPark() && u.Park == 0:
				return echo.ErrForbidden // no park of their own: none of the district's
			case u.Role.InPark():
				park = u.Park
			case u.Role == store.RoleAdmin || u.Role == store.RoleDistrict:
				var err error
				if park, err = s.chosenPark(c); err != nil {
					return err
				}
			}
			// Whatever park the address named (a park's own host): the
			// user's. A context without one is the first park's, which is
			// all a one-park portal has: no copy of the request there.
			if r := c.Request(); store.ParkOf(r.Context()) != park {
				c.SetRequest(r.WithContext(store.WithPark(r.Context(), park)))
			}
			s.workInPark(c, park)
		}
		if u != nil && u.Role == store.RoleDistrict {
			r := c.Request()
			c.SetRequest(r.WithContext(views.WithReadOnly(r.Context())))
		}
		return next(c)
	}
}

// chosenPark is the park an admin or a district's user works in: the one
// a link names (?park=tianyuan on a page of the workspace, from the
// district's table), or the one they chose before. A link followed within
// the portal (its request says so: Sec-Fetch-Site same-origin) keeps the
// park as their choice; any other shows it and changes no choice, so that
// no page elsewhere can move an admin's next save into another park.
func (s *Server) chosenPark(c echo.Context) (int64, error) {
	slug := c.QueryParam("park")
	if slug == "" || c.Request().Method != http.MethodGet {
		return adminParkOf(c), nil
	}
	p, err := s.store.ParkBySlug(c.Request().Context(), slug)
	if errors.Is(err, store.ErrNotFound) {
		return 0, echo.ErrNotFound
	}
	if err != nil {
		return 0, err
	}
	if site := c.Request().Header.Get("Sec-Fetch-Site"); site == "same-origin" || site == "none" {
		keepPark(c, p.ID)
	}
	return p.ID, nil
}

// keepPark keeps park as the viewer's choice (adminParkCookie).
func keepPark(c echo.Context, park int64) {
	c.SetCookie(&http.Cookie{Name: adminParkCookie, Value: strconv.FormatInt(park, 10), Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: c.Scheme() == "https"})
}

// adminParkCookie holds the park an admin works in, or a district's
// user reads. It needs no signature: only their requests read it, and
// they may work in (or read) any park; another account's is ignored.
const adminParkCookie = "park"

// adminParkOf is the park an admin chose (chooseAdminPark); the first
// park when they chose none.
func adminParkOf(c echo.Context) int64 {
	if ck, err := c.Cookie(adminParkCookie); err == nil {
		if id, err := strconv.ParseInt(ck.Value, 10, 64); err == nil && id > 0 {
			return id
		}
	}
	return store.FirstPark
}

// choosePark makes the park the form names (its id, such as tianyuan)
// the one the admin works in, in the workspace and its forms, or the one
// a district's user reads, until they choose another; back to the
// workspace, or to the district's table.
func (s *Server) choosePark(c echo.Context) error {
	p, err := s.store.ParkBySlug(c.Request().Context(), c.FormValue("park"))
	if errors.Is(err, store.ErrNotFound) {
		return echo.NewHTTPError(http.StatusUnprocessableEntity, "没有这个园区")
	}
	if err != nil {
		return err
	}
	keepPark(c, p.ID)
	if u := viewerOf(c); u != nil && u.Role == store.RoleDistrict {
		return c.Redirect(http.StatusSeeOther, "/workbench/enterprises")
	}
	return c.Redirect(http.StatusSeeOther, "/workbench")
}

// signedInAreas are the areas whose pages are a signed-in user's own
// park's; the public site is the park its address names.
var signedInAreas = map[string]bool{"/workbench": true, "/org": true, "/account": true, "/admin": true}

// parkCacheKey is what every cached page's key begins with, so that no
// page is shared between parks or between the addresses of one park's
// site (its links differ): nothing for the first park at the root (whose
// keys are as they were before there were parks), "park=N " for park N,
// then the site's prefix, "host " on the park's own host or "district "
// for the district's pages; a beginning no other key has.
func parkCacheKey(c echo.Context) string {
	ctx := c.Request().Context()
	key := ""
	if park := store.ParkOf(ctx); park != store.FirstPark {
		key = "park=" + strconv.FormatInt(park, 10) + " "
	}
	switch sc := siteScopeOf(ctx); {
	case sc.district:
		key += "district "
	case sc.prefix != "":
		key += "at=" + sc.prefix + " "
	case sc.ownHost:
		key += "host "
	}
	return key
}

// adminParks gives an admin's (or a district user's) header the
// district's parks to choose the one they work in from, when there are
// several.
func (s *Server) adminParks(c echo.Context, v *views.Viewer) {
	set, err := s.parks(c.Request().Context())
	if err != nil || !set.several() {
		return
	}
	current := store.ParkOf(c.Request().Context())
	for _, p := range set.all {
		v.Parks = append(v.Parks, views.Option{Value: p.Slug, Label: p.Name, Selected: p.ID == current})
		if p.ID == current {
			v.Park = p.Slug
		}
	}
}
