package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"parkportal/store"
	"parkportal/views"
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
	for _, path := range []string{"/workbench", "/workbench/members", "/workbench/staff", "/workbench/enterprises/new", "/workbench/enterprises.xlsx",
		"/workbench/returns", "/org", "/admin/users"} {
		if res, _ := ts.get(district, path); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s as the district: %d, want 403", path, res.StatusCode)
		}
	}
	// It reads a park's ledger of enterprises, with nothing to change.
	res, body = ts.get(district, "/workbench/enterprises?park=xiangtan")
	rows := doc(t, body).Find(`[data-testid="ledger"] tbody`).Text()
	if res.StatusCode != http.StatusOK || strings.Contains(body, "新增企业") || strings.Contains(rows, "株洲") || !strings.Contains(rows, "湘潭") {
		t.Errorf("/workbench/enterprises?park=xiangtan as the district: %d, or not park B's, or with its buttons", res.StatusCode)
	}
	form := url.Values{"_csrf": {ts.csrf(district, "/workbench/enterprises")}, "name": {"区级新增"}}
	if res, _ := ts.post(district, "/workbench/enterprises", form); res.StatusCode != http.StatusForbidden {
		t.Errorf("a district's post to a ledger: %d, want 403", res.StatusCode)
	}
	if res, _ := ts.get(p.parks[0].staff, "/district"); res.StatusCode != http.StatusForbidden {
		t.Errorf("/district as a park's staff: %d, want 403", res.StatusCode)
	}
	if res, _ := ts.get(district, "/district?year=1999"); res.StatusCode != http.StatusNotFound {
		t.Errorf("/district of a year without records: %d, want 404", res.StatusCode)
	}
}

// A crawl as the district's user, from its table through every link it
// can follow (into each park's ledgers, read-only), finds none of the
// members' names (of either park), nor of the 两员 or the organisations'
// secretaries: the district reads figures, the parks' non-personal
// ledgers and public pages, never a person's data. No page it reads
// offers a change, or a link it may not follow.
func TestDistrictSeesNoMembersName(t *testing.T) {
	p := newTwoParks(t)
	ts := p.ts
	if _, err := ts.Store.CreateUser(context.Background(), testActor, store.NewUser{Username: "qu", Role: store.RoleDistrict, Password: "qu-password-1"}); err != nil {
		t.Fatal(err)
	}
	district, _ := ts.login("qu", "qu-password-1")
	var names []string
	add := func(name string) {
		if len([]rune(name)) >= 2 {
			names = append(names, name)
		}
	}
	for _, side := range p.parks {
		members, _, err := ts.Store.MemberLedger(side.ctx, store.MemberFilter{Limit: 300})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range members {
			add(m.Name)
		}
		staff, _, err := ts.Store.StaffLedger(side.ctx, store.StaffFilter{Limit: 300})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range staff {
			add(m.Name)
		}
		orgs, _, err := ts.Store.OrganizationLedger(side.ctx, store.OrganizationFilter{Limit: 300})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range orgs {
			add(o.Secretary)
		}
	}
	if len(names) < 100 {
		t.Fatalf("only %d people's names to look for", len(names))
	}
	seen := map[string]bool{}
	from := map[string]string{}
	queue := []string{"/district", "/district?year=2022"}
	for path := range views.ReaderLedgers { // each ledger's records early in the walk, in both parks
		queue = append(queue, path+"?park=park", path+"?park=xiangtan")
	}
	queue = append(queue, "/")
	pages, ledgers, records := 0, map[string]int{}, map[string]int{}
	for len(queue) > 0 && pages < 1500 {
		path := queue[0]
		queue = queue[1:]
		if seen[path] {
			continue
		}
		seen[path] = true
		res, body := ts.get(district, path)
		if res.StatusCode == http.StatusForbidden || res.StatusCode >= 500 {
			t.Errorf("%s, linked from %s: %d", path, from[path], res.StatusCode)
		}
		if res.StatusCode != http.StatusOK {
			continue
		}
		pages++
		if parts := strings.Split(strings.SplitN(path, "?", 2)[0], "/"); len(parts) == 4 && parts[1] == "workbench" {
			records[parts[2]]++ // a record's page
		}
		if strings.HasPrefix(path, "/workbench/") {
			if i := strings.Index(path, "park="); i >= 0 {
				ledgers[strings.SplitN(path[i+5:], "&", 2)[0]]++
			}
		}
		for _, n := range names {
			if strings.Contains(body, n) {
				t.Errorf("%s shows the person %q to the district", path, n)
				break
			}
		}
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			continue
		}
		d := doc(t, body)
		if strings.HasPrefix(path, "/workbench") && d.Find(`form[method="post"]:not([action="/logout"]):not([action="/district/park"])`).Length() > 0 {
			t.Errorf("%s offers the district a form that changes something", path)
		}
		d.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
			href, _ := a.Attr("href")
			if strings.HasPrefix(href, "/") && !strings.HasPrefix(href, "//") && !strings.HasPrefix(href, "/static/") &&
				!strings.HasPrefix(href, "/photos/") && !seen[href] {
				if _, ok := from[href]; !ok {
					from[href] = path
				}
				queue = append(queue, href)
			}
		})
	}
	// Nor does a search find an organisation by its secretary's name.
	var secretary string
	if orgs, _, err := ts.Store.OrganizationLedger(p.parks[0].ctx, store.OrganizationFilter{Limit: 1}); err != nil || len(orgs) == 0 || orgs[0].Secretary == "" {
		t.Fatalf("the first park's first organisation: %v, %v", orgs, err)
	} else {
		secretary = orgs[0].Secretary
	}
	search := "/workbench/organizations?park=park&q=" + url.QueryEscape(secretary)
	if _, body := ts.get(district, search); !strings.Contains(body, "共 0 个党组织") {
		t.Errorf("the district finds an organisation by its secretary %q", secretary)
	}
	if _, body := ts.get(p.parks[0].staff, search); strings.Contains(body, "共 0 个党组织") {
		t.Errorf("the park's staff do not find an organisation by its secretary %q: the check above proves nothing", secretary)
	}
	for path := range views.ReaderLedgers {
		if records[strings.TrimPrefix(path, "/workbench/")] == 0 {
			t.Errorf("the crawl read no record of %s", path)
		}
	}
	if pages < 300 || ledgers["park"] < 10 || ledgers["xiangtan"] < 10 {
		t.Errorf("the crawl reached %d pages, %d of the first park's ledgers and %d of the second's", pages, ledgers["park"], ledgers["xiangtan"])
	}
	t.Logf("crawled %d pages as the district (ledger pages by park: %v; records by ledger: %v)", pages, ledgers, records)
}
