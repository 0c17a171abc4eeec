package web

import (
	"strconv"

	"github.com/labstack/echo/v4"

	"parkportal/store"
)

// scopePark puts the park a request works in into its context, once, for
// every store call of the request (store.WithPark): a staff member's or a
// secretary's own park in the signed-in areas, whatever the URL, id or
// form field names; the first park elsewhere. A record of another park is
// then not found on any path.
func scopePark(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		park := store.FirstPark
		if u := viewerOf(c); u != nil && u.Role.InPark() && signedInAreas[areaOf(c.Request().URL.Path)] {
			park = u.Park
		}
		r := c.Request()
		c.SetRequest(r.WithContext(store.WithPark(r.Context(), park)))
		return next(c)
	}
}

// signedInAreas are the areas whose pages are a signed-in user's own
// park's; the public site is the park its address names.
var signedInAreas = map[string]bool{"/workbench": true, "/org": true, "/account": true, "/admin": true}

// parkCacheKey is what every cached page's key begins with, so that no
// page is shared between parks: nothing for the first park (whose keys
// are as they were before there were parks), "park=N " for park N, a
// beginning no other key has.
func parkCacheKey(c echo.Context) string {
	if park := store.ParkOf(c.Request().Context()); park != store.FirstPark {
		return "park=" + strconv.FormatInt(park, 10) + " "
	}
	return ""
}
