package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"parkportal/store"
)

// Who may use a route.
type routeAccess int

const (
	forAll       routeAccess = iota // the public site, sign-in
	forSignedIn                     // any signed-in user
	forStaff                        // staff and admins
	forSecretary                    // secretaries, each their own organisation only
	forAdmin                        // admins
	forDistrict                     // the district's users and admins
	forReaders                      // staff, admins and the district's users (read-only)
)

// permissions is every route's entry; a route the router has and the
// table lacks fails TestEveryRouteChecksWhoMayUseIt, so a new route
// cannot be added without saying who may use it.
var permissions = map[string]routeAccess{
	"GET /":                                         forAll,
	"GET /admin/audit":                              forAdmin,
	"GET /admin/outbox":                             forAdmin,
	"GET /admin/users/:id/email":                    forAdmin,
	"GET /account/email":                            forSignedIn,
	"GET /admin/users":                              forAdmin,
	"GET /admin/users/:id/name":                     forAdmin,
	"GET /admin/users/:id/password":                 forAdmin,
	"GET /admin/users/new":                          forAdmin,
	"GET /district":                                 forDistrict,
	"GET /district/returns/:park/:year/:file":       forDistrict,
	"POST /district/park":                           forDistrict,
	"GET /workbench/returns":                        forStaff,
	"GET /workbench/returns/:year":                  forStaff,
	"POST /workbench/returns/:year":                 forStaff,
	"GET /workbench/returns/:year/:file":            forStaff,
	"GET /benchmarks":                               forAll,
	"GET /brands":                                   forAll,
	"GET /brands/:id":                               forAll,
	"GET /enterprises/:id":                          forAll,
	"GET /activities/:id":                           forAll,
	"GET /search":                                   forAll,
	"GET /healthz":                                  forAll,
	"GET /login":                                    forAll,
	"GET /org":                                      forSecretary,
	"GET /org/activities/new":                       forSecretary,
	"GET /org/brand":                                forSecretary,
	"GET /org/filings":                              forSecretary,
	"GET /org/filings/:id":                          forSecretary,
	"GET /org/filings/:id/edit":                     forSecretary,
	"GET /org/filings/:id/check":                    forSecretary,
	"GET /org/members/:key/next":                    forSecretary,
	"GET /org/members/new":                          forSecretary,
	"GET /org/notifications":                        forSecretary,
	"GET /org/responsibility/new":                   forSecretary,
	"GET /org/services/new":                         forSecretary,
	"GET /photos/:id":                               forAll,
	"GET /photos/:id/thumb":                         forAll,
	"GET /programs/:slug":                           forAll,
	"GET /reports":                                  forAll,
	"GET /reports/:year":                            forAll,
	"GET /reports/definitions":                      forAll,
	"GET /responsibility":                           forAll,
	"GET /robots.txt":                               forAll,
	"GET /sitemap.xml":                              forAll,
	"GET /static/*":                                 forAll,
	"GET /workbench":                                forStaff,
	"GET /workbench/activities":                     forReaders,
	"GET /workbench/activities.xlsx":                forStaff,
	"GET /workbench/activities/:key":                forReaders,
	"GET /workbench/activities/:key/delete":         forStaff,
	"GET /workbench/activities/:key/edit":           forStaff,
	"GET /workbench/activities/new":                 forStaff,
	"GET /workbench/activities/upload":              forStaff,
	"GET /workbench/awards":                         forReaders,
	"GET /workbench/awards.xlsx":                    forStaff,
	"GET /workbench/awards/:key":                    forReaders,
	"GET /workbench/awards/:key/delete":             forStaff,
	"GET /workbench/awards/:key/edit":               forStaff,
	"GET /workbench/awards/new":                     forStaff,
	"GET /workbench/awards/upload":                  forStaff,
	"GET /workbench/brands":                         forReaders,
	"GET /workbench/brands.xlsx":                    forStaff,
	"GET /workbench/brands/:key":                    forReaders,
	"GET /workbench/brands/:key/delete":             forStaff,
	"GET /workbench/brands/:key/edit":               forStaff,
	"GET /workbench/brands/new":                     forStaff,
	"GET /workbench/brands/upload":                  forStaff,
	"GET /workbench/designations":                   forReaders,
	"GET /workbench/designations.xlsx":              forStaff,
	"GET /workbench/designations/:key":              forReaders,
	"GET /workbench/designations/:key/delete":       forStaff,
	"GET /workbench/designations/:key/edit":         forStaff,
	"GET /workbench/designations/new":               forStaff,
	"GET /workbench/designations/upload":            forStaff,
	"GET /workbench/enterprises":                    forReaders,
	"GET /workbench/enterprises.xlsx":               forStaff,
	"GET /workbench/enterprises/:id":                forReaders,
	"GET /workbench/enterprises/:id/delete":         forStaff,
	"GET /workbench/enterprises/:id/edit":           forStaff,
	"GET /workbench/enterprises/new":                forStaff,
	"GET /workbench/enterprises/upload":             forStaff,
	"GET /workbench/members":                        forStaff,
	"GET /workbench/members.xlsx":                   forStaff,
	"GET /workbench/members/:id":                    forStaff,
	"GET /workbench/members/:id/delete":             forStaff,
	"GET /workbench/members/:id/edit":               forStaff,
	"GET /workbench/members/:id/next":               forStaff,
	"GET /workbench/members/new":                    forStaff,
	"GET /workbench/members/upload":                 forStaff,
	"GET /workbench/notifications":                  forStaff,
	"GET /workbench/organizations":                  forReaders,
	"GET /workbench/organizations.xlsx":             forStaff,
	"GET /workbench/organizations/:id":              forReaders,
	"GET /workbench/organizations/:id/delete":       forStaff,
	"GET /workbench/organizations/:id/edit":         forStaff,
	"GET /workbench/organizations/:id/members":      forStaff,
	"GET /workbench/organizations/new":              forStaff,
	"GET /workbench/organizations/upload":           forStaff,
	"GET /workbench/pipeline":                       forStaff,
	"GET /workbench/platforms":                      forReaders,
	"GET /workbench/platforms.xlsx":                 forStaff,
	"GET /workbench/platforms/:key":                 forReaders,
	"GET /workbench/platforms/:key/delete":          forStaff,
	"GET /workbench/platforms/:key/edit":            forStaff,
	"GET /workbench/platforms/new":                  forStaff,
	"GET /workbench/platforms/upload":               forStaff,
	"GET /workbench/responsibility":                 forReaders,
	"GET /workbench/responsibility.xlsx":            forStaff,
	"GET /workbench/responsibility/:key":            forReaders,
	"GET /workbench/responsibility/:key/delete":     forStaff,
	"GET /workbench/responsibility/:key/edit":       forStaff,
	"GET /workbench/responsibility/new":             forStaff,
	"GET /workbench/responsibility/upload":          forStaff,
	"GET /workbench/review":                         forStaff,
	"GET /workbench/review/:id":                     forStaff,
	"GET /workbench/services":                       forReaders,
	"GET /workbench/services.xlsx":                  forStaff,
	"GET /workbench/services/:key":                  forReaders,
	"GET /workbench/services/:key/delete":           forStaff,
	"GET /workbench/services/:key/edit":             forStaff,
	"GET /workbench/services/new":                   forStaff,
	"GET /workbench/services/upload":                forStaff,
	"GET /workbench/services/savings":               forStaff,
	"GET /workbench/staff":                          forStaff,
	"GET /workbench/staff.xlsx":                     forStaff,
	"GET /workbench/staff/:id":                      forStaff,
	"GET /workbench/staff/:id/delete":               forStaff,
	"GET /workbench/staff/:id/edit":                 forStaff,
	"GET /workbench/staff/new":                      forStaff,
	"GET /workbench/staff/upload":                   forStaff,
	"GET /workbench/suggest/enterprises":            forStaff,
	"GET /workbench/suggest/organizations":          forStaff,
	"GET /workbench/surveys":                        forReaders,
	"GET /workbench/surveys.xlsx":                   forStaff,
	"GET /workbench/surveys/:key":                   forReaders,
	"GET /workbench/surveys/:key/delete":            forStaff,
	"GET /workbench/surveys/:key/edit":              forStaff,
	"GET /workbench/surveys/new":                    forStaff,
	"GET /workbench/surveys/upload":                 forStaff,
	"POST /admin/users":                             forAdmin,
	"POST /admin/users/:id/disable":                 forAdmin,
	"POST /admin/users/:id/enable":                  forAdmin,
	"POST /admin/users/:id/name":                    forAdmin,
	"POST /admin/users/:id/email":                   forAdmin,
	"POST /account/email":                           forSignedIn,
	"POST /admin/users/:id/password":                forAdmin,
	"POST /login":                                   forAll,
	"POST /logout":                                  forSignedIn,
	"POST /org/activities":                          forSecretary,
	"POST /org/brands":                              forSecretary,
	"POST /org/brands/:key":                         forSecretary,
	"POST /org/filings/:id":                         forSecretary,
	"POST /org/filings/:id/submit":                  forSecretary,
	"POST /org/members":                             forSecretary,
	"POST /org/members/:key":                        forSecretary,
	"POST /org/notifications/read":                  forSecretary,
	"POST /org/responsibility":                      forSecretary,
	"POST /org/services":                            forSecretary,
	"POST /workbench/activities":                    forStaff,
	"POST /workbench/activities/:key":               forStaff,
	"POST /workbench/activities/:key/delete":        forStaff,
	"POST /workbench/activities/upload":             forStaff,
	"POST /workbench/activities/upload/confirm":     forStaff,
	"POST /workbench/awards":                        forStaff,
	"POST /workbench/awards/:key":                   forStaff,
	"POST /workbench/awards/:key/delete":            forStaff,
	"POST /workbench/awards/upload":                 forStaff,
	"POST /workbench/awards/upload/confirm":         forStaff,
	"POST /workbench/brands":                        forStaff,
	"POST /workbench/brands/:key":                   forStaff,
	"POST /workbench/brands/:key/delete":            forStaff,
	"POST /workbench/brands/upload":                 forStaff,
	"POST /workbench/brands/upload/confirm":         forStaff,
	"POST /workbench/designations":                  forStaff,
	"POST /workbench/designations/:key":             forStaff,
	"POST /workbench/designations/:key/delete":      forStaff,
	"POST /workbench/designations/upload":           forStaff,
	"POST /workbench/designations/upload/confirm":   forStaff,
	"POST /workbench/enterprises":                   forStaff,
	"POST /workbench/enterprises/:id":               forStaff,
	"POST /workbench/enterprises/:id/delete":        forStaff,
	"POST /workbench/enterprises/upload":            forStaff,
	"POST /workbench/enterprises/upload/confirm":    forStaff,
	"POST /workbench/members":                       forStaff,
	"POST /workbench/members/:id":                   forStaff,
	"POST /workbench/members/:id/delete":            forStaff,
	"POST /workbench/members/:id/next":              forStaff,
	"POST /workbench/members/upload":                forStaff,
	"POST /workbench/members/upload/confirm":        forStaff,
	"POST /workbench/notifications/read":            forStaff,
	"POST /workbench/park":                          forAdmin,
	"POST /workbench/organizations":                 forStaff,
	"POST /workbench/organizations/:id":             forStaff,
	"POST /workbench/organizations/:id/delete":      forStaff,
	"POST /workbench/organizations/upload":          forStaff,
	"POST /workbench/organizations/upload/confirm":  forStaff,
	"POST /workbench/platforms":                     forStaff,
	"POST /workbench/platforms/:key":                forStaff,
	"POST /workbench/platforms/:key/delete":         forStaff,
	"POST /workbench/platforms/upload":              forStaff,
	"POST /workbench/platforms/upload/confirm":      forStaff,
	"POST /workbench/responsibility":                forStaff,
	"POST /workbench/responsibility/:key":           forStaff,
	"POST /workbench/responsibility/:key/delete":    forStaff,
	"POST /workbench/responsibility/upload":         forStaff,
	"POST /workbench/responsibility/upload/confirm": forStaff,
	"POST /workbench/review/:id/publish":            forStaff,
	"POST /workbench/review/:id/return":             forStaff,
	"POST /workbench/review/publish":                forStaff,
	"POST /workbench/services":                      forStaff,
	"POST /workbench/services/:key":                 forStaff,
	"POST /workbench/services/:key/delete":          forStaff,
	"POST /workbench/services/upload":               forStaff,
	"POST /workbench/services/upload/confirm":       forStaff,
	"POST /workbench/staff":                         forStaff,
	"POST /workbench/staff/:id":                     forStaff,
	"POST /workbench/staff/:id/delete":              forStaff,
	"POST /workbench/staff/upload":                  forStaff,
	"POST /workbench/staff/upload/confirm":          forStaff,
	"POST /workbench/surveys":                       forStaff,
	"POST /workbench/surveys/:key":                  forStaff,
	"POST /workbench/surveys/:key/delete":           forStaff,
	"POST /workbench/surveys/upload":                forStaff,
	"POST /workbench/surveys/upload/confirm":        forStaff,
}

func (a routeAccess) allows(role string) bool {
	switch a {
	case forAll:
		return true
	case forSignedIn: // an account's own settings: not the district's, which has none
		return role != "anonymous" && role != "district"
	case forStaff:
		return role == "staff" || role == "admin"
	case forSecretary:
		return role == "secA" || role == "secB"
	case forAdmin:
		return role == "admin"
	case forDistrict:
		return role == "admin" || role == "district"
	case forReaders:
		return role == "staff" || role == "admin" || role == "district"
	}
	return false
}

var routeParam = regexp.MustCompile(`:[a-z]+|\*`)

// For every route and each of anonymous, secretary A, secretary B, staff
// and admin: a role the table refuses is refused (a sign-in redirect or
// 403) and a POST changes nothing; a role it allows reaches the page (or
// 404 for a record that is not there, or not theirs). Secretary B's
// filing stands in for every record id: A gets 404 where B gets the page.
func TestEveryRouteChecksWhoMayUseIt(t *testing.T) {
	ts, staff, secA, secB := secretaryServer(t)
	admin, _ := ts.login("boss", "boss-password")
	if _, err := ts.Store.CreateUser(context.Background(), testActor, store.NewUser{Username: "county", Role: store.RoleDistrict, Password: "county-password"}); err != nil {
		t.Fatal(err)
	}
	district, _ := ts.login("county", "county-password")
	tokenB := ts.csrf(secB, "/org/services/new")
	res, _ := ts.post(secB, "/org/services", url.Values{"_csrf": {tokenB}, "enterprise": {"ent-013"}, "kind": {"legal"},
		"date": {"2026-02-01"}, "need": {"合同审查"}, "action": {"submit"}})
	m := filingLocation.FindStringSubmatch(res.Header.Get("Location"))
	if m == nil {
		t.Fatalf("B's filing: %d", res.StatusCode)
	}
	bFiling := m[1]
	clients := []struct {
		role  string
		c     *http.Client
		token string
	}{
		{"anonymous", ts.client(), ""},
		{"secA", secA, ts.csrf(secA, "/org")},
		{"secB", secB, tokenB},
		{"staff", staff, ts.csrf(staff, "/workbench/review")},
		{"admin", admin, ts.csrf(admin, "/admin/users")},
		{"district", district, ts.csrf(district, "/district")},
	}
	clients[0].token = ts.csrf(clients[0].c, "/login")
	revision := func() int64 {
		r, err := ts.Store.Revision(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return r.Value
	}
	seen := map[string]bool{}
	for _, r := range ts.Server.echo.Routes() {
		if r.Method == "echo_route_not_found" {
			continue
		}
		key := r.Method + " " + r.Path
		seen[key] = true
		access, ok := permissions[key]
		if !ok {
			t.Errorf("route %s has no entry in the permission table", key)
			continue
		}
		path := routeParam.ReplaceAllStringFunc(r.Path, func(p string) string {
			switch {
			case p == "*":
				return "css/site.css"
			case p == ":slug":
				return "incubation"
			case p == ":year":
				return "2023"
			case strings.HasPrefix(r.Path, "/org/filings/") || strings.HasPrefix(r.Path, "/workbench/review/"):
				return bFiling
			}
			return "999999"
		})
		for _, cl := range clients {
			if r.Method == http.MethodPost && (key == "POST /logout" || key == "POST /login") {
				continue // changes the session the rest of the walk uses
			}
			var status int
			before := revision()
			if r.Method == http.MethodGet {
				res, _ := ts.get(cl.c, path)
				status = res.StatusCode
				if status == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/login") {
					status = http.StatusUnauthorized
				}
			} else {
				if access.allows(cl.role) {
					continue // allowed writes are the journeys' to test
				}
				res, _ := ts.post(cl.c, path, url.Values{"_csrf": {cl.token}, "action": {"submit"}, "version": {"1"}, "comment": {"x"}})
				status = res.StatusCode
			}
			allowed := access.allows(cl.role)
			switch {
			case allowed && (status == http.StatusForbidden || status == http.StatusUnauthorized || status >= 500):
				t.Errorf("%s as %s: %d, want it allowed", key, cl.role, status)
			case !allowed && status != http.StatusForbidden && status != http.StatusUnauthorized:
				t.Errorf("%s as %s: %d, want refused", key, cl.role, status)
			}
			if r.Method == http.MethodPost && revision() != before {
				t.Errorf("%s as %s changed the records", key, cl.role)
			}
			// Another organisation's filing is not there for A.
			if cl.role == "secA" && access == forSecretary && r.Method == http.MethodGet && strings.Contains(r.Path, ":id") && status != http.StatusNotFound {
				t.Errorf("%s as secretary A on B's filing: %d, want 404", key, status)
			}
			if cl.role == "secB" && access == forSecretary && r.Method == http.MethodGet && strings.Contains(r.Path, ":id") && status != http.StatusOK {
				t.Errorf("%s as secretary B on their own filing: %d, want 200", key, status)
			}
		}
	}
	for key := range permissions {
		if !seen[key] {
			t.Errorf("the permission table names %s, which the router does not have", key)
		}
	}
}

// For every state-changing route, signed in with a role that may use it: no
// token, a wrong token, another session's token and a cross-site request
// (with the right token) are each refused with 403, and nothing changes.
func TestEveryStateChangingRouteNeedsItsSessionsToken(t *testing.T) {
	ts, staff, secA, _ := secretaryServer(t)
	admin, _ := ts.login("boss", "boss-password")
	staff2, _ := ts.login("clerk", "clerk-password") // a second session of the same account
	secA2, _ := ts.login("seca", "seca-password")
	admin2, _ := ts.login("boss", "boss-password")
	anon, anon2 := ts.client(), ts.client()
	type session struct {
		c, other *http.Client
		token    string
		page     string
	}
	sessions := map[routeAccess]session{
		forAll:       {anon, anon2, "", "/login"},
		forSignedIn:  {staff, staff2, "", "/workbench"},
		forStaff:     {staff, staff2, "", "/workbench"},
		forSecretary: {secA, secA2, "", "/org"},
		forAdmin:     {admin, admin2, "", "/admin/users"},
		forDistrict:  {admin, admin2, "", "/district"}, // the district's pages: admins use them too
	}
	for k, s := range sessions {
		s.token = ts.csrf(s.c, s.page)
		sessions[k] = s
	}
	counts := func() string {
		rev, err := ts.Store.Revision(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		n := ts.tally()
		return fmt.Sprint(rev.Value, n.AuditEntries, n.Filings, n.Sessions)
	}
	posts := 0
	for _, r := range ts.Server.echo.Routes() {
		if r.Method != http.MethodPost {
			continue
		}
		key := r.Method + " " + r.Path
		s, ok := sessions[permissions[key]]
		if !ok {
			t.Errorf("%s has no session to try", key)
			continue
		}
		path := routeParam.ReplaceAllString(r.Path, "1")
		otherToken := ts.csrf(s.other, s.page)
		for _, c := range []struct {
			name   string
			token  string
			header map[string]string
		}{
			{"no token", "", nil},
			{"a wrong token", s.token[:len(s.token)-4] + "AAAA", nil},
			{"another session's token", otherToken, nil},
			{"a cross-site request", s.token, map[string]string{"Sec-Fetch-Site": "cross-site"}},
		} {
			before := counts()
			form := url.Values{"action": {"submit"}, "version": {"1"}, "comment": {"x"}, "username": {"clerk"}, "password": {"clerk-password"}}
			if c.token != "" {
				form.Set("_csrf", c.token)
			}
			req, _ := http.NewRequest(http.MethodPost, ts.HTTP.URL+path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for k, v := range c.header {
				req.Header.Set(k, v)
			}
			res, err := s.c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusForbidden {
				t.Errorf("%s with %s: %d, want 403", key, c.name, res.StatusCode)
			}
			if after := counts(); after != before {
				t.Errorf("%s with %s changed something (%s → %s)", key, c.name, before, after)
			}
		}
		posts++
	}
	if posts < 50 {
		t.Fatalf("only %d state-changing routes tried", posts)
	}
	// Each session is still signed in: no refused post signed anyone out.
	if res, _ := ts.get(staff, "/workbench"); res.StatusCode != http.StatusOK {
		t.Errorf("the staff session after the walk: %d", res.StatusCode)
	}
}
