package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"parkportal/store"
)

// The district's table: a column per park and the total, counts added
// up and ratios from the summed parts; the district's users land on it and
// reach neither a park's workspace nor a secretary's.
func TestDistrictTableAddsUpTheParks(t *testing.T) {
	p := newTwoParks(t)
	ts := p.ts
	if _, err := ts.Store.CreateUser(context.Background(), testActor, store.NewUser{Username: "qu", Role: store.RoleDistrict, Password: "qu-password-1"}); err != nil {
		t.Fatal(err)
	}
	district, res := ts.login("qu", "qu-password-1")
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/district" {
		t.Fatalf("the district's sign-in: %d → %s", res.StatusCode, res.Header.Get("Location"))
	}
	res, body := ts.get(district, "/district?year=2023")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("/district: %d", res.StatusCode)
	}
	d := doc(t, body)
	heads := d.Find(`[data-testid="district-incubation"] thead th`).Map(func(_ int, s *goquery.Selection) string { return s.Text() })
	if len(heads) != 4 || !strings.Contains(heads[1], "株洲") || !strings.Contains(heads[2], "湘潭") || heads[3] != "全区合计" {
		t.Errorf("columns %q, want the figure, each park and the total", heads)
	}
	cells := func(key string) []string {
		return d.Find(`tr[data-key="` + key + `"] td`).Map(func(_ int, s *goquery.Selection) string { return strings.TrimSpace(s.Text()) })
	}
	number := func(s string) int {
		n, _ := strconv.Atoi(strings.TrimRight(s, "次家个名人条%"))
		return n
	}
	act := cells("activities.incubation")
	if len(act) != 3 || number(act[0]) == 0 || number(act[0])+number(act[1]) != number(act[2]) {
		t.Errorf("incubation activities %q: the total is not the parks' sum", act)
	}
	ratio := cells("incubation.equipment_saving_ratio")
	if len(ratio) != 3 || ratio[0] != ratio[2] || ratio[0] == "—" {
		t.Errorf("the saving ratio %q: two parks of equal parts have the total's ratio", ratio)
	}
	for _, path := range []string{"/workbench", "/workbench/enterprises", "/org", "/admin/users"} {
		if res, _ := ts.get(district, path); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s as the district: %d, want 403", path, res.StatusCode)
		}
	}
	if res, _ := ts.get(p.parks[0].staff, "/district"); res.StatusCode != http.StatusForbidden {
		t.Errorf("/district as a park's staff: %d, want 403", res.StatusCode)
	}
	if res, _ := ts.get(district, "/district?year=1999"); res.StatusCode != http.StatusNotFound {
		t.Errorf("/district of a year without records: %d, want 404", res.StatusCode)
	}
}

// A crawl as the district's user, from its table through every link it
// can follow on the site, finds none of the members' names (of either
// park): the district reads figures and public pages, never a member's
// personal data.
func TestDistrictSeesNoMembersName(t *testing.T) {
	p := newTwoParks(t)
	ts := p.ts
	if _, err := ts.Store.CreateUser(context.Background(), testActor, store.NewUser{Username: "qu", Role: store.RoleDistrict, Password: "qu-password-1"}); err != nil {
		t.Fatal(err)
	}
	district, _ := ts.login("qu", "qu-password-1")
	var names []string
	for _, side := range p.parks {
		members, _, err := ts.Store.MemberLedger(side.ctx, store.MemberFilter{Limit: 300})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range members {
			if len([]rune(m.Name)) >= 2 {
				names = append(names, m.Name)
			}
		}
	}
	if len(names) < 100 {
		t.Fatalf("only %d members' names to look for", len(names))
	}
	seen := map[string]bool{}
	queue := []string{"/district", "/district?year=2022", "/"}
	pages := 0
	for len(queue) > 0 && pages < 400 {
		path := queue[0]
		queue = queue[1:]
		if seen[path] {
			continue
		}
		seen[path] = true
		res, body := ts.get(district, path)
		if res.StatusCode != http.StatusOK {
			continue
		}
		pages++
		for _, n := range names {
			if strings.Contains(body, n) {
				t.Errorf("%s shows the member %q to the district", path, n)
				break
			}
		}
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			continue
		}
		doc(t, body).Find("a[href]").Each(func(_ int, a *goquery.Selection) {
			href, _ := a.Attr("href")
			if strings.HasPrefix(href, "/") && !strings.HasPrefix(href, "//") && !strings.HasPrefix(href, "/static/") &&
				!strings.HasPrefix(href, "/photos/") && !seen[href] {
				queue = append(queue, href)
			}
		})
	}
	if pages < 100 {
		t.Errorf("the crawl reached %d pages", pages)
	}
	t.Logf("crawled %d pages as the district", pages)
}
