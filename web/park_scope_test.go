package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"parkportal/store"
)

// A staff member of a second park, by any URL that names a record of the
// first park (its rowid or its interchange id), finds nothing there and
// changes nothing; the first park's staff reach the same URLs.
func TestStaffOfAnotherParkFindNoRecord(t *testing.T) {
	ctx := context.Background()
	ts, first, _ := staffClient(t)
	p2, err := ts.Store.AddPark(ctx, testActor, store.ParkInfo{Slug: "tianyuan", Name: "天元园区"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.Store.CreateUser(ctx, testActor, store.NewUser{Username: "ty", Role: store.RoleStaff, Park: p2.ID, Password: "ty-password-1"}); err != nil {
		t.Fatal(err)
	}
	second, res := ts.login("ty", "ty-password-1")
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", res.StatusCode)
	}
	rows, _, err := ts.Store.ServiceLedger(ctx, store.ServiceFilter{Limit: 1})
	if err != nil || len(rows) == 0 {
		t.Fatalf("services: %v", err)
	}
	key := strconv.FormatInt(rows[0].Key, 10)
	orgName, err := ts.Store.OrganizationName(ctx, "org-04")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{
		"/workbench/services/" + key, "/workbench/services/" + key + "/edit", "/workbench/services/" + key + "/delete",
		"/workbench/enterprises/ent-001", "/workbench/enterprises/ent-001/edit", "/workbench/organizations/org-04",
		"/workbench/organizations/org-04/members", "/workbench/members/new?organization=org-04",
	} {
		if res, _ := ts.get(first, path); res.StatusCode != http.StatusOK {
			t.Errorf("%s as the first park's staff: %d", path, res.StatusCode)
		}
		if res, body := ts.get(second, path); res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusOK ||
			res.StatusCode == http.StatusOK && containsAny(body, orgName, rows[0].EnterpriseName) {
			t.Errorf("%s as the second park's staff: %d\n%s", path, res.StatusCode, body)
		}
	}
	before, err := ts.Store.ServiceByKey(ctx, rows[0].Key)
	if err != nil {
		t.Fatal(err)
	}
	token := ts.csrf(second, "/workbench/services/new")
	res, _ = ts.post(second, "/workbench/services/"+key+"/delete", url.Values{"_csrf": {token}, "version": {strconv.FormatInt(before.Version, 10)}})
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("delete as the second park's staff: %d, want 404", res.StatusCode)
	}
	if after, err := ts.Store.ServiceByKey(ctx, rows[0].Key); err != nil || after.Version != before.Version {
		t.Errorf("the first park's service after the second's delete: %+v, %v", after, err)
	}
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if sub != "" && strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// An admin works in the park they choose in the header: its ledgers, not
// the first park's, until they choose again.
func TestAdminChoosesTheParkToWorkIn(t *testing.T) {
	p := newTwoParks(t)
	ts := p.ts
	ts.addUser("boss", store.RoleAdmin, "")
	admin, _ := ts.login("boss", "boss-password")
	res, body := ts.get(admin, "/workbench/enterprises")
	if res.StatusCode != http.StatusOK || !containsAny(body, p.parks[0].needles...) || containsAny(body, p.parks[1].needles...) {
		t.Fatalf("the admin's first park: %d", res.StatusCode)
	}
	choice := doc(t, body).Find(`[data-testid="park-choice"] option`)
	if choice.Length() != 2 {
		t.Fatalf("the header offers %d parks, want 2", choice.Length())
	}
	token := ts.csrf(admin, "/workbench")
	if res, _ := ts.post(admin, "/workbench/park", url.Values{"_csrf": {token}, "park": {"nowhere"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("choosing an unknown park: %d, want 422", res.StatusCode)
	}
	res, _ = ts.post(admin, "/workbench/park", url.Values{"_csrf": {token}, "park": {"xiangtan"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("choosing park B: %d", res.StatusCode)
	}
	res, body = ts.get(admin, "/workbench/enterprises")
	if res.StatusCode != http.StatusOK || !containsAny(body, p.parks[1].needles...) || containsAny(body, p.parks[0].needles...) {
		t.Errorf("after choosing park B, the admin's ledger is not park B's: %d", res.StatusCode)
	}
	if res, _ := ts.post(p.parks[0].staff, "/workbench/park", url.Values{"_csrf": {ts.csrf(p.parks[0].staff, "/workbench")}, "park": {"xiangtan"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("a park's staff choosing another park: %d, want 403", res.StatusCode)
	}
	if res, body := ts.get(p.parks[0].staff, "/workbench/enterprises"); res.StatusCode != http.StatusOK || containsAny(body, p.parks[1].needles...) {
		t.Errorf("the first park's staff after the attempt: %d", res.StatusCode)
	}
}

// A link that names a park (?park=, from the district's table) shows an
// admin that park and keeps it as their choice; one from another site (or
// of unknown origin) shows it without changing the choice, so that no page elsewhere can move
// an admin's next save into another park. A park's staff are not moved.
func TestAParkLinkKeepsTheChoiceOnlyFromThePortal(t *testing.T) {
	p := newTwoParks(t)
	ts := p.ts
	ts.addUser("boss", store.RoleAdmin, "")
	admin, _ := ts.login("boss", "boss-password")
	get := func(c *http.Client, path, site string) string {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, ts.HTTP.URL+path, nil)
		if site != "" {
			req.Header.Set("Sec-Fetch-Site", site)
		}
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, res.StatusCode)
		}
		return string(b)
	}
	a, b := p.parks[0].needles, p.parks[1].needles
	if body := get(admin, "/workbench/enterprises?park=xiangtan", "cross-site"); !containsAny(body, b...) || containsAny(body, a...) {
		t.Error("a link to park B shows the admin another park")
	}
	if body := get(admin, "/workbench/enterprises", ""); !containsAny(body, a...) || containsAny(body, b...) {
		t.Error("a link from another site changed the admin's park")
	}
	get(admin, "/workbench/enterprises?park=xiangtan", "") // a request that does not say where it comes from
	if body := get(admin, "/workbench/enterprises", ""); !containsAny(body, a...) || containsAny(body, b...) {
		t.Error("a link of unknown origin changed the admin's park")
	}
	get(admin, "/workbench/enterprises?park=xiangtan", "same-origin")
	if body := get(admin, "/workbench/enterprises", ""); !containsAny(body, b...) || containsAny(body, a...) {
		t.Error("a link from the portal did not keep park B as the admin's choice")
	}
	if body := get(p.parks[0].staff, "/workbench/enterprises?park=xiangtan", "same-origin"); !containsAny(body, a...) || containsAny(body, b...) {
		t.Error("a link moved a park's staff into another park")
	}
	if res, _ := ts.get(admin, "/workbench/enterprises?park=nowhere"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a link to no park: %d, want 404", res.StatusCode)
	}
}

// A photo of a filing not yet published is its organisation's and its
// park's: the other park's staff and secretary of an organisation of the
// same id, and the district's users, find nothing there.
func TestAnotherParksPhotoIsNotFound(t *testing.T) {
	p := newTwoParks(t)
	ts := p.ts
	a, b := p.parks[0], p.parks[1]
	token := ts.csrf(a.sec, "/org/activities/new")
	form := activityFiling(token, "党课进车间")
	form.Set("action", "submit")
	res, body := ts.postMultipart(a.sec, "/org/activities", form, map[string][][2]string{"photos_upload": {{"IMG_0001.jpg", testJPEG(t)}}})
	m := filingLocation.FindStringSubmatch(res.Header.Get("Location"))
	if res.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("submit: %d\n%s", res.StatusCode, body)
	}
	var filed store.ActivityFiling
	if err := json.Unmarshal(filingOf(t, ts, m[1]).Body, &filed); err != nil || len(filed.Photos) != 1 {
		t.Fatalf("the filing's photos: %v (%v)", filed.Photos, err)
	}
	photo := fmt.Sprintf("/photos/%d", filed.Photos[0])
	for name, c := range map[string]*http.Client{"its secretary": a.sec, "its park's staff": a.staff} {
		if res, _ := ts.get(c, photo); res.StatusCode != http.StatusOK {
			t.Errorf("the photo as %s: %d, want 200", name, res.StatusCode)
		}
	}
	if _, err := ts.Store.CreateUser(context.Background(), testActor, store.NewUser{Username: "qu", Role: store.RoleDistrict, Password: "qu-password-1"}); err != nil {
		t.Fatal(err)
	}
	district, _ := ts.login("qu", "qu-password-1")
	for name, c := range map[string]*http.Client{"the other park's secretary of org-04": b.sec, "the other park's staff": b.staff, "the district": district} {
		if res, _ := ts.get(c, photo); res.StatusCode != http.StatusNotFound {
			t.Errorf("the photo as %s: %d, want 404", name, res.StatusCode)
		}
	}
}

// An admin's new-user form offers the district's role and says which park
// a new staff member or secretary belongs to: the one the admin works in.
func TestAdminCreatesDistrictAndParkAccounts(t *testing.T) {
	p := newTwoParks(t)
	ts := p.ts
	ts.addUser("boss", store.RoleAdmin, "")
	admin, _ := ts.login("boss", "boss-password")
	token := ts.csrf(admin, "/workbench")
	if res, _ := ts.post(admin, "/workbench/park", url.Values{"_csrf": {token}, "park": {"xiangtan"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("choosing park B: %d", res.StatusCode)
	}
	_, body := ts.get(admin, "/admin/users/new")
	d := doc(t, body)
	if d.Find(`#role option[value="district"]`).Length() != 1 || !strings.Contains(d.Find(`[data-testid="role-park"]`).Text(), "湘潭") {
		t.Fatalf("the form offers no district role, or names no park: %q", d.Find(`[data-testid="role-park"]`).Text())
	}
	token = ts.csrf(admin, "/admin/users/new")
	for _, u := range []struct{ name, role string }{{"county2", "district"}, {"bclerk2", "staff"}} {
		res, _ := ts.post(admin, "/admin/users", url.Values{"_csrf": {token}, "username": {u.name}, "role": {u.role}, "password": {"a-long-password"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("creating %s: %d", u.name, res.StatusCode)
		}
	}
	county, err := ts.Store.UserByUsername(context.Background(), "county2")
	if err != nil || county.Role != store.RoleDistrict || county.Park != 0 {
		t.Errorf("the district account: %+v, %v", county, err)
	}
	clerk, err := ts.Store.UserByUsername(context.Background(), "bclerk2")
	if err != nil || clerk.Park == store.FirstPark || clerk.Park == 0 {
		t.Errorf("the staff account created in park B: %+v, %v", clerk, err)
	}
	c, _ := ts.login("county2", "a-long-password")
	if res, _ := ts.get(c, "/district"); res.StatusCode != http.StatusOK {
		t.Errorf("the new district account's table: %d", res.StatusCode)
	}
}
