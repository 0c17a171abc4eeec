package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"parkportal/store"
	"parkportal/store/demo"
)

// twoParks is the demonstration park (park A) beside a second park (B)
// holding the same document with its place names changed: the same
// interchange ids, other names. Each park's staff and secretary of org-04
// are signed in (clerk and seca in A, bclerk and bsec in B).
type twoParks struct {
	ts    *testServer
	parks [2]*parkSide
	// interchange ids both parks use
	enterpriseID, memberID string
}

// parkSide is one park of twoParks: its signed-in staff and secretary,
// and what only it holds.
type parkSide struct {
	name       string
	ctx        context.Context
	staff, sec *http.Client
	needles    []string         // names only this park holds
	filing     int64            // a submitted filing of its org-04
	keys       map[string]int64 // a record of each keyed ledger, a member and a brand, by rowid
}

func newTwoParks(t *testing.T, options ...func(*Config)) *twoParks {
	t.Helper()
	ctx := context.Background()
	ts := newPublicServer(t, options...)
	p := &twoParks{ts: ts}
	b, err := ts.Store.AddPark(ctx, testActor, store.ParkInfo{Slug: "xiangtan", Name: "湘潭示范园区"})
	if err != nil {
		t.Fatal(err)
	}
	inB := store.WithPark(ctx, b.ID)
	doc := strings.NewReplacer("株洲", "湘潭", "湖南", "江西").Replace(string(demo.Park()))
	if _, err := ts.Store.Import(inB, strings.NewReader(doc), store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ts.addUser("clerk", store.RoleStaff, "")
	ts.addUser("seca", store.RoleSecretary, "org-04")
	for _, u := range []store.NewUser{
		{Username: "bclerk", Role: store.RoleStaff, Park: b.ID, Password: "bclerk-password"},
		{Username: "bsec", Role: store.RoleSecretary, Park: b.ID, Organization: "org-04", Password: "bsec-password"},
	} {
		if _, err := ts.Store.CreateUser(ctx, testActor, u); err != nil {
			t.Fatal(err)
		}
	}
	signed := func(name string) *http.Client {
		c, res := ts.login(name, name+"-password")
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign-in %s: %d", name, res.StatusCode)
		}
		return c
	}
	p.parks[0] = &parkSide{name: "A", ctx: ctx, staff: signed("clerk"), sec: signed("seca")}
	p.parks[1] = &parkSide{name: "B", ctx: inB, staff: signed("bclerk"), sec: signed("bsec")}
	for i, side := range p.parks {
		own, other := []string{"株洲", "湘潭"}[i], []string{"湘潭", "株洲"}[i]
		rows, _, err := ts.Store.EnterpriseLedger(side.ctx, store.EnterpriseFilter{Limit: 400})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if strings.Contains(r.Name, own) && !strings.Contains(r.Name, other) && len(side.needles) < 20 {
				side.needles = append(side.needles, r.Name)
			}
		}
		if len(side.needles) == 0 {
			t.Fatalf("park %s has no name of its own", side.name)
		}
		p.enterpriseID = rows[0].ID
		if side.keys, err = ledgerKeys(side.ctx, ts.Store); err != nil {
			t.Fatalf("park %s: %v", side.name, err)
		}
		members, _, err := ts.Store.MemberLedger(side.ctx, store.MemberFilter{Limit: 1})
		if err != nil || len(members) == 0 {
			t.Fatalf("park %s's members: %v", side.name, err)
		}
		p.memberID = members[0].ID
		if _, side.keys["member"], err = ts.Store.MemberByID(side.ctx, p.memberID); err != nil {
			t.Fatal(err)
		}
		if side.keys["brand"], err = ts.Store.OrganizationBrandKey(side.ctx, "org-04"); err != nil || side.keys["brand"] == 0 {
			t.Fatalf("park %s's org-04 brand: %v", side.name, err)
		}
		choices, err := ts.Store.OrganizationEnterpriseChoices(side.ctx, "org-04")
		if err != nil || len(choices) == 0 {
			t.Fatalf("park %s's org-04 enterprises: %v", side.name, err)
		}
		side.filing = submitService(t, ts, side.sec, choices[0].Value)
	}
	p.parks[1].needles = append(p.parks[1].needles, "湘潭示范园区")
	return p
}

// ledgerKeys are the rowids of a record of each ledger that names its
// records by rowid, in the park of ctx.
func ledgerKeys(ctx context.Context, s *store.Store) (map[string]int64, error) {
	keys := map[string]int64{}
	var err error
	set := func(name string, key int64, e error) {
		if e != nil && err == nil {
			err = e
		}
		keys[name] = key
	}
	if r, _, e := s.SurveyLedger(ctx, store.SurveyFilter{Limit: 1}); len(r) > 0 || e != nil {
		set("surveys", r[0].Key, e)
	}
	if r, _, e := s.ServiceLedger(ctx, store.ServiceFilter{Limit: 1}); len(r) > 0 || e != nil {
		set("services", r[0].Key, e)
	}
	if r, _, e := s.ActivityLedger(ctx, store.ActivityFilter{Limit: 1}); len(r) > 0 || e != nil {
		set("activities", r[0].Key, e)
	}
	if r, e := s.PlatformLedger(ctx, store.PlatformFilter{Limit: 1}); len(r) > 0 || e != nil {
		set("platforms", r[0].Key, e)
	}
	if r, _, e := s.DesignationLedger(ctx, store.DesignationFilter{Limit: 1}); len(r) > 0 || e != nil {
		set("designations", r[0].Key, e)
	}
	if r, e := s.BrandLedger(ctx, store.BrandLedgerFilter{Limit: 1}); len(r) > 0 || e != nil {
		set("brands", r[0].Key, e)
	}
	if r, _, e := s.AwardLedger(ctx, store.AwardFilter{Limit: 1}); len(r) > 0 || e != nil {
		set("awards", r[0].Key, e)
	}
	if r, _, _, e := s.ResponsibilityLedger(ctx, store.ResponsibilityFilter{Limit: 1}); len(r) > 0 || e != nil {
		set("responsibility", r[0].Key, e)
	}
	if len(keys) != 8 && err == nil {
		err = errors.New("a ledger is empty")
	}
	return keys, err
}

// submitService files a shared-service request for the secretary's
// organisation and submits it; its id.
func submitService(t *testing.T, ts *testServer, sec *http.Client, enterprise string) int64 {
	t.Helper()
	token := ts.csrf(sec, "/org/services/new")
	res, _ := ts.post(sec, "/org/services", url.Values{"_csrf": {token}, "enterprise": {enterprise}, "kind": {"legal"},
		"date": {"2026-02-01"}, "need": {"合同审查"}, "action": {"submit"}})
	m := filingLocation.FindStringSubmatch(res.Header.Get("Location"))
	if m == nil {
		t.Fatalf("filing: %d", res.StatusCode)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

func (p *twoParks) export(t *testing.T, side *parkSide) string {
	t.Helper()
	var b strings.Builder
	if err := p.ts.Store.Export(side.ctx, &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// Each park's staff and secretary, by every route of their areas the
// router has, reach nothing of the other park: a URL that names a record
// of the other's by its rowid or number is not found; one that names an
// interchange id both parks use is their own park's record; no page they
// get holds a name only the other park has; and no state change of theirs
// moves anything of the other's. The other park's staff reach its records
// by the same URLs.
func TestParksReachNothingOfEachOther(t *testing.T) {
	p := newTwoParks(t)
	ts := p.ts
	for i, own := range p.parks {
		other := p.parks[1-i]
		exportBefore := p.export(t, other)
		tokenStaff, tokenSec := ts.csrf(own.staff, "/workbench/review"), ts.csrf(own.sec, "/org")
		var pages, foreignPages, posts int
		for _, r := range ts.Server.echo.Routes() {
			key := r.Method + " " + r.Path
			access := permissions[key]
			var client *http.Client
			var token string
			switch access {
			case forStaff, forReaders, forSignedIn:
				client, token = own.staff, tokenStaff
			case forSecretary:
				client, token = own.sec, tokenSec
			default:
				continue // the public site and the admin's: no park's own
			}
			if key == "POST /logout" {
				continue
			}
			ledger := strings.Split(strings.TrimPrefix(r.Path, "/workbench/"), "/")[0]
			foreign := false // the URL names a record of the other park's
			path := routeParam.ReplaceAllStringFunc(r.Path, func(param string) string {
				switch {
				case strings.HasPrefix(r.Path, "/workbench/review/") || strings.HasPrefix(r.Path, "/org/filings/"):
					foreign = true
					return strconv.FormatInt(other.filing, 10)
				case param == ":key" && strings.HasPrefix(r.Path, "/org/members/"):
					foreign = true
					return strconv.FormatInt(other.keys["member"], 10)
				case param == ":key" && strings.HasPrefix(r.Path, "/org/brands/"):
					foreign = true
					return strconv.FormatInt(other.keys["brand"], 10)
				case param == ":key":
					foreign = true
					return strconv.FormatInt(other.keys[ledger], 10)
				case ledger == "enterprises":
					return p.enterpriseID
				case ledger == "members":
					return p.memberID
				case ledger == "organizations":
					return "org-04"
				case ledger == "staff":
					return "staff-01"
				}
				return "1"
			})
			if r.Method == http.MethodGet {
				pages++
				if foreign {
					foreignPages++
				}
				res, body := ts.get(client, path)
				switch {
				case foreign && res.StatusCode != http.StatusNotFound:
					t.Errorf("%s as park %s (%s): %d, want 404", key, own.name, path, res.StatusCode)
				case res.StatusCode >= 500:
					t.Errorf("%s as park %s (%s): %d", key, own.name, path, res.StatusCode)
				}
				for _, n := range other.needles {
					if strings.Contains(body, n) {
						t.Errorf("%s as park %s (%s) shows park %s's %q", key, own.name, path, other.name, n)
						break
					}
				}
				if foreign && access == forStaff {
					if res, _ := ts.get(other.staff, path); res.StatusCode != http.StatusOK {
						t.Errorf("%s as park %s (%s): %d, want 200", key, other.name, path, res.StatusCode)
					}
				}
				continue
			}
			if !foreign {
				continue // a new record is the park's own: the journeys test those
			}
			posts++
			res, _ := ts.post(client, path, url.Values{"_csrf": {token}, "action": {"submit"}, "version": {"1"}, "comment": {"x"},
				"name": {"改名"}, "title": {"改名"}})
			if res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("POST %s as park %s: %d", path, own.name, res.StatusCode)
			}
		}
		if pages < 100 || foreignPages < 25 || posts < 20 {
			t.Errorf("park %s walked %d pages (%d of the other's records) and %d state changes: the route list is not what this test expects",
				own.name, pages, foreignPages, posts)
		}
		if got := p.export(t, other); got != exportBefore {
			t.Errorf("park %s's requests changed park %s's records", own.name, other.name)
		}
	}
}
