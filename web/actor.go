package web

import (
	"github.com/labstack/echo/v4"

	"parkportal/store"
)

// Who makes a change.

// actorOf is the signed-in user as the audit log records them.
func actorOf(c echo.Context) store.Actor {
	u := viewerOf(c)
	return store.Actor{UserID: u.ID, Username: u.Username, Name: u.DisplayName}
}
