package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"parkportal/store"
)

// Each smaller ledger lists its records, refuses a bad form with the
// problem at its field and everything typed kept, saves a good one
// through the write path (an audit entry, the record's page, its history),
// edits it and deletes it after a confirmation.
func TestSmallerLedgersSaveThroughTheWritePath(t *testing.T) {
	cases := []struct {
		collection store.Collection
		good       url.Values
		badField   string // set to badValue, the form comes back 422 with a message there
		badValue   string
		want       string // on the record's page
		editField  string
		editValue  string
	}{
		{"responsibility", url.Values{"enterprise": {"湖南立方新能源科技有限责任公司"}, "kind": {"volunteering"}, "date": {"2024-03-05"}, "beneficiaries": {"25"}, "note": {"学雷锋<志愿>服务"}},
			"beneficiaries", "二十五", "学雷锋<志愿>服务", "beneficiaries", "30"},
		{"designations", url.Values{"enterprise": {"ent-002"}, "kind": {"zjtx_provincial"}, "year": {"2024"}},
			"year", "24年", "省级专精特新企业", "kind", "zjtx_national"},
		{"awards", url.Values{"organization": {"org-01"}, "kind": {"benchmark_org"}, "level": {"city"}, "year": {"2024"}, "title": {"株洲市“标杆党组织”<2024>"}},
			"level", "galaxy", "株洲市“标杆党组织”<2024>", "level", "province"},
		{"platforms", url.Values{"name": {"湖南工业大学<直通车>"}, "kind": {"university_line"}, "established": {"2024-04-01"}},
			"established", "2024-02-30", "高校直通车", "name", "湖南工业大学直通车"},
		{"services", url.Values{"enterprise": {"ent-001"}, "kind": {"equipment"}, "date": {"2024-04-02"}, "effective": {"true"}, "market_cost": {"1,200.50"}, "actual_cost": {"600"}},
			"market_cost", "一千", "600.5 元", "actual_cost", "700"},
		{"brands", url.Values{"organization": {"org-15"}, "name": {"红色引擎<测试>"}, "launched": {"2024-01-01"}, "status": {"draft"}, "slogan": {"跟党走"}, "practices": {"党员先锋岗", ""}}, // org-15 has no brand yet: an organisation has one
			"launched", "去年", "党员先锋岗", "status", "published"},
	}
	ts, c, token := staffClient(t)
	for _, tc := range cases {
		t.Run(string(tc.collection), func(t *testing.T) {
			ledger := "/workbench/" + string(tc.collection)
			if res, body := ts.get(c, ledger); res.StatusCode != http.StatusOK || doc(t, body).Find(`[data-testid="result-count"]`).Length() != 1 {
				t.Fatalf("ledger: %d", res.StatusCode)
			}
			if res, _ := ts.get(c, ledger+"/new"); res.StatusCode != http.StatusOK {
				t.Fatalf("new form: %d", res.StatusCode)
			}
			form := url.Values{"_csrf": {token}}
			for k, v := range tc.good {
				form[k] = v
			}
			form.Set(tc.badField, tc.badValue)
			res, body := ts.post(c, ledger, form)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("a bad %s: %d, want 422", tc.badField, res.StatusCode)
			}
			d := doc(t, body)
			if msg := d.Find("#" + tc.badField + "-error").Text(); !strings.Contains(msg, store.FieldLabel(tc.collection, tc.badField)) {
				t.Errorf("the message at %s is %q", tc.badField, msg)
			}
			if d.Find(".error-summary a").Length() == 0 {
				t.Error("no error summary")
			}
			if got, _ := d.Find("#" + tc.badField).Attr("value"); d.Find("#"+tc.badField).Is("input") && d.Find("#"+tc.badField).AttrOr("type", "") != "radio" && got != tc.badValue {
				t.Errorf("%s kept as %q, want %q", tc.badField, got, tc.badValue)
			}
			before := ts.audit(store.AuditFilter{Collection: tc.collection})
			form[tc.badField] = tc.good[tc.badField]
			res, _ = ts.post(c, ledger, form)
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("a good record: %d", res.StatusCode)
			}
			where := strings.TrimSuffix(res.Header.Get("Location"), "?done=saved")
			_, body = ts.get(c, res.Header.Get("Location"))
			d = doc(t, body)
			if !strings.Contains(d.Text(), tc.want) || d.Find(`[data-testid="notice"]`).Length() != 1 {
				t.Errorf("the record's page lacks %q or the notice", tc.want)
			}
			if strings.Contains(body, "<测试>") || strings.Contains(body, "<2024>") || strings.Contains(body, "<直通车>") || strings.Contains(body, "<志愿>") {
				t.Error("a value is not escaped")
			}
			after := ts.audit(store.AuditFilter{Collection: tc.collection})
			if len(after) != len(before)+1 || after[0].Action != store.ActionCreate || after[0].Title == "" {
				t.Fatalf("audit entries %d → %d", len(before), len(after))
			}
			// Edit one field: the history shows the change.
			_, body = ts.get(c, where+"/edit")
			if doc(t, body).Find("form").Length() == 0 {
				t.Fatal("no edit form")
			}
			form.Set(tc.editField, tc.editValue)
			if res, _ := ts.post(c, where, ts.opened(c, where+"/edit", form)); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("edit: %d", res.StatusCode)
			}
			_, body = ts.get(c, where)
			if h := doc(t, body).Find(`[data-testid="history"] .changes`).Text(); !strings.Contains(h, store.FieldLabel(tc.collection, tc.editField)) {
				t.Errorf("the history does not show the change of %s: %q", tc.editField, h)
			}
			// Delete after confirming.
			if _, body := ts.get(c, where+"/delete"); !strings.Contains(body, "确认删除") {
				t.Error("no confirmation")
			}
			if res, _ := ts.post(c, where+"/delete", ts.opened(c, where+"/delete", nil)); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("delete: %d", res.StatusCode)
			}
			if res, _ := ts.get(c, where); res.StatusCode != http.StatusNotFound {
				t.Errorf("after delete: %d", res.StatusCode)
			}
			if res, _ := ts.get(c, ledger+"/999999"); res.StatusCode != http.StatusNotFound {
				t.Errorf("an unknown record: %d", res.StatusCode)
			}
			if res, _ := ts.get(c, ledger+"/abc/edit"); res.StatusCode != http.StatusNotFound {
				t.Errorf("a key that is no number: %d", res.StatusCode)
			}
		})
	}
}

// The member ledger filters by organisation and stage; ?developed=2023 is
// the report's 68 members developed in 2023.
func TestMemberLedger(t *testing.T) {
	ts, c, _ := staffClient(t)
	_, body := ts.get(c, "/workbench/members?developed=2023")
	if got := doc(t, body).Find(`[data-testid="result-count"]`).Text(); !strings.Contains(got, "共 68 人") {
		t.Errorf("members developed in 2023: %q", got)
	}
	_, body = ts.get(c, "/workbench/members?developed=2023&management=yes")
	got := doc(t, body).Find(`[data-testid="result-count"]`).Text()
	if !strings.Contains(got, "共 45 人") && !strings.Contains(got, "共 46 人") {
		t.Errorf("management among them: %q", got)
	}
	_, body = ts.get(c, "/workbench/members?stage=full&organization=org-01")
	d := doc(t, body)
	rows := d.Find(`[data-testid="ledger"] tbody tr`)
	if rows.Length() == 0 {
		t.Fatal("org-01's full members: none listed")
	}
	rows.Each(func(_ int, row *goqueryS) {
		if !strings.Contains(row.Find("td").Eq(2).Text(), "正式党员") {
			t.Errorf("a row outside the stage filter: %q", row.Text())
		}
	})
	if tags := d.Find(`[data-testid="filter-tags"]`).Text(); !strings.Contains(tags, "发展阶段：正式党员") {
		t.Errorf("tags %q", tags)
	}
}

// A staff member is recorded with both roles and an enterprise found by
// name; without a role the form says so at the roles; they are deleted
// after a confirmation.
func TestStaffForm(t *testing.T) {
	ts, c, token := staffClient(t)
	_, body := ts.get(c, "/workbench/staff/new")
	id, _ := doc(t, body).Find("#id").Attr("value")
	if id == "" {
		t.Fatal("no id proposed")
	}
	form := url.Values{"_csrf": {token}, "id": {id}, "name": {"李<专员>"}, "since": {"2024-01-02"}, "enterprises": {"株洲启峰复合材料科技股份有限公司", ""}}
	res, body := ts.post(c, "/workbench/staff", form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("no role: %d", res.StatusCode)
	}
	if msg := doc(t, body).Find("#roles-error").Text(); !strings.Contains(msg, "角色") {
		t.Errorf("message at the roles: %q", msg)
	}
	form["roles"] = []string{"specialist", "instructor"}
	res, _ = ts.post(c, "/workbench/staff", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	_, body = ts.get(c, res.Header.Get("Location"))
	d := doc(t, body)
	if !strings.Contains(d.Find(`[data-testid="summary"]`).Text(), "企业服务专员、党建指导员") || d.Find(".related-list li").Length() != 1 {
		t.Errorf("the staff page: %q", d.Find("main").Text())
	}
	_, body = ts.get(c, "/workbench/staff?q="+url.QueryEscape("专员>"))
	if !strings.Contains(body, "李&lt;专员&gt;") || !strings.Contains(doc(t, body).Find(`[data-testid="result-count"]`).Text(), "共 1 名") {
		t.Error("the staff ledger does not list the new staff member")
	}
	if res, _ := ts.post(c, "/workbench/staff/"+id+"/delete", ts.opened(c, "/workbench/staff/"+id+"/delete", nil)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.StatusCode)
	}
	if res, _ := ts.get(c, "/workbench/staff/"+id); res.StatusCode != http.StatusNotFound {
		t.Errorf("after delete: %d", res.StatusCode)
	}
}

// A survey is found in its ledger, edited (a count that is no number is
// refused at its field) and deleted.
func TestSurveyLedgerEditAndDelete(t *testing.T) {
	ts, c, _ := staffClient(t)
	_, body := ts.get(c, "/workbench/surveys?year=2023&meets=yes")
	d := doc(t, body)
	if got := d.Find(`[data-testid="result-count"]`).Text(); !strings.Contains(got, "共 ") {
		t.Fatalf("count %q", got)
	}
	href, ok := d.Find(`[data-testid="ledger"] tbody tr th a`).First().Attr("href")
	if !ok {
		t.Fatal("no survey listed")
	}
	_, body = ts.get(c, href+"/edit")
	d = doc(t, body)
	enterprise, _ := d.Find(`input[name="enterprise"]`).Attr("value")
	date, _ := d.Find("#date").Attr("value")
	form := ts.opened(c, href+"/edit", url.Values{"enterprise": {enterprise}, "date": {date}, "fixed_premises": {"true"}, "employees": {"很多"}, "operating": {"true"}})
	res, body := ts.post(c, href, form)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc(t, body).Find("#employees-error").Text(), "整数") {
		t.Fatalf("a count that is no number: %d", res.StatusCode)
	}
	form.Set("employees", "3")
	if res, _ := ts.post(c, href, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", res.StatusCode)
	}
	_, body = ts.get(c, href)
	if !strings.Contains(doc(t, body).Find(`[data-testid="summary"]`).Text(), "3 人") {
		t.Error("the edit did not show")
	}
	if res, _ := ts.post(c, href+"/delete", ts.opened(c, href+"/delete", nil)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.StatusCode)
	}
}

// An organisation that members refer to is not deleted: the page names
// them and nothing changes; a new one nothing refers to is deleted. A
// member's record is deleted after a confirmation.
func TestOrganizationAndMemberDelete(t *testing.T) {
	ts, c, token := staffClient(t)
	_, body := ts.get(c, "/workbench/organizations/org-01/delete")
	// Members by name (the page is staff's), never by id.
	if refused := doc(t, body).Find(`[data-testid="delete-refused"]`).Text(); !strings.Contains(refused, "党员发展 19 条（杨超嘉、") || strings.Contains(refused, "mem-") {
		t.Errorf("the refusal does not name the members: %q", refused)
	}
	if res, _ := ts.post(c, "/workbench/organizations/org-01/delete", url.Values{"_csrf": {token}}); res.StatusCode != http.StatusConflict {
		t.Errorf("deleting a referred organisation: %d, want 409", res.StatusCode)
	}
	if res, _ := ts.get(c, "/workbench/organizations/org-01"); res.StatusCode != http.StatusOK {
		t.Fatal("the organisation is gone")
	}
	form := url.Values{"_csrf": {token}, "id": {"org-new"}, "name": {"新支部"}, "kind": {"branch"}, "formed": {"2024-06-01"}, "enterprises": {"ent-003"}}
	if res, _ := ts.post(c, "/workbench/organizations", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", res.StatusCode)
	}
	if res, _ := ts.post(c, "/workbench/organizations/org-new/delete", ts.opened(c, "/workbench/organizations/org-new/delete", nil)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.StatusCode)
	}
	_, body = ts.get(c, "/workbench/members?organization=org-01")
	member, _ := doc(t, body).Find(`[data-testid="ledger"] tbody tr th a`).First().Attr("href")
	if _, body := ts.get(c, member+"/delete"); !strings.Contains(body, "确认删除") {
		t.Fatal("no confirmation")
	}
	if res, _ := ts.post(c, member+"/delete", ts.opened(c, member+"/delete", nil)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("member delete: %d", res.StatusCode)
	}
	if res, _ := ts.get(c, member); res.StatusCode != http.StatusNotFound {
		t.Errorf("after delete: %d", res.StatusCode)
	}
}

// Every ledger's export link gives a workbook of what the ledger shows:
// as many rows as the ledger counts, under the filter in force, with a
// frozen header row of Chinese labels.
func TestEveryLedgerExportsWhatItShows(t *testing.T) {
	ts, c, _ := staffClient(t)
	for _, path := range []string{
		"/workbench/enterprises?stage=startup", "/workbench/surveys?year=2023", "/workbench/organizations?kind=branch",
		"/workbench/members?developed=2023", "/workbench/services?kind=equipment&year=2023", "/workbench/activities?program=brand",
		"/workbench/platforms?kind=university_line", "/workbench/designations?kind=zjtx_provincial", "/workbench/brands?status=published",
		"/workbench/awards?level=city", "/workbench/responsibility?kind=employment_aid", "/workbench/staff?role=instructor",
	} {
		_, body := ts.get(c, path)
		d := doc(t, body)
		count := d.Find(`[data-testid="result-count"]`).Text()
		digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, strings.SplitN(strings.SplitN(count, "，", 2)[0], "共", 2)[1])
		want := atoiOr(digits)
		href, ok := d.Find(`[data-testid="export"]`).Attr("href")
		if !ok || want == 0 {
			t.Errorf("%s: no export link or nothing listed (%q)", path, count)
			continue
		}
		res, data := ts.get(c, href)
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), ".xlsx") {
			t.Errorf("%s: export %d", path, res.StatusCode)
			continue
		}
		book, err := excelize.OpenReader(strings.NewReader(data))
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		rows, _ := book.GetRows(book.GetSheetList()[0])
		if len(rows)-2 != want {
			t.Errorf("%s: the export has %d rows, the ledger counts %d", path, len(rows)-2, want)
		}
		collection := path[len("/workbench/"):strings.IndexAny(path, "?")]
		ledger := exportNames[collection]
		if len(rows) < 2 || rows[0][0] != ledger+" 导出于2026年3月1日" {
			t.Errorf("%s: title %q, want the ledger %q and the day", path, rows[0], ledger)
			continue
		}
		checkPrintLayout(t, book, ledger, nameColumns[collection], len(rows))
		if strings.ContainsAny(strings.Join(rows[1], ""), "abcdefghijklmnopqrstuvwxyz_") {
			t.Errorf("%s: headers %q", path, rows[1])
		}
	}
}

// exportNames are the ledgers' names, as their exports' sheets and titles
// have them.
var exportNames = map[string]string{
	"enterprises": "企业台账", "surveys": "三有摸排台账", "organizations": "党组织台账", "members": "党员发展台账", "services": "共享服务台账",
	"activities": "活动台账", "platforms": "平台台账", "designations": "企业认定台账", "brands": "党建品牌台账", "awards": "荣誉台账",
	"responsibility": "社会责任台账", "staff": "两员台账",
}

// nameColumns are the last of the columns that each ledger's export
// repeats on every printed page: up to the one that names a row.
var nameColumns = map[string]string{
	"enterprises": "B", "surveys": "B", "organizations": "B", "members": "B", "services": "B", "activities": "B",
	"platforms": "B", "designations": "B", "brands": "B", "awards": "B", "responsibility": "B", "staff": "B",
}

// Cached ledger pages are kept per query: a filtered page is never the
// unfiltered one from the cache, nor the other way round.
func TestCachedLedgersKeepEachQueryApart(t *testing.T) {
	ts, c, _ := staffClient(t)
	for _, tc := range []struct{ all, filtered string }{
		{"/workbench/staff", "/workbench/staff?role=instructor"},
		{"/workbench/enterprises", "/workbench/enterprises?stage=startup"},
		{"/workbench/organizations", "/workbench/organizations?kind=branch"},
	} {
		count := func(path string) string {
			_, body := ts.get(c, path)
			return doc(t, body).Find(`[data-testid="result-count"]`).Text()
		}
		all := count(tc.all)
		if filtered := count(tc.filtered); filtered == all {
			t.Errorf("%s counts as %s: %q", tc.filtered, tc.all, filtered)
		}
		if again := count(tc.all); again != all {
			t.Errorf("%s changed after the filtered page: %q → %q", tc.all, all, again)
		}
	}
}

// The member and survey ledgers sort by their columns, both ways.
func TestLedgersSortByTheirColumns(t *testing.T) {
	ts, c, _ := staffClient(t)
	for _, tc := range []struct {
		path   string
		column int
	}{
		{"/workbench/members?sort=since", 4}, {"/workbench/members?sort=-since", 4},
		{"/workbench/surveys?sort=employees", 3}, {"/workbench/surveys?sort=-employees", 3},
	} {
		_, body := ts.get(c, tc.path)
		var got []string
		doc(t, body).Find(`[data-testid="ledger"] tbody tr`).Each(func(_ int, row *goqueryS) {
			got = append(got, strings.TrimSpace(row.Find("th, td").Eq(tc.column).Text()))
		})
		key := func(s string) string { // dates as 2023年1月2日 and counts, comparable
			parts := strings.FieldsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
			for i, p := range parts {
				parts[i] = strings.Repeat("0", 6-len(p)) + p
			}
			return strings.Join(parts, "-")
		}
		for i := 1; i < len(got); i++ {
			a, b := key(got[i-1]), key(got[i])
			if (strings.Contains(tc.path, "=-") && a < b) || (!strings.Contains(tc.path, "=-") && a > b) {
				t.Errorf("%s: %q before %q", tc.path, got[i-1], got[i])
				break
			}
		}
		if len(got) < 10 {
			t.Errorf("%s: %d rows", tc.path, len(got))
		}
	}
}

// Each form's error summary lists its problems in the order of its fields,
// as the clerk meets them.
func TestErrorSummariesFollowTheFormsOrder(t *testing.T) {
	ts, c, token := staffClient(t)
	res, body := ts.post(c, "/workbench/services", url.Values{"_csrf": {token}, "market_cost": {"一千"}, "effective": {"true"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a bad service: %d", res.StatusCode)
	}
	var fields []string
	doc(t, body).Find(".error-summary a").Each(func(_ int, a *goqueryS) {
		href, _ := a.Attr("href")
		fields = append(fields, strings.TrimPrefix(href, "#"))
	})
	if strings.Join(fields, " ") != "enterprise kind date market_cost" {
		t.Errorf("the summary's order: %v", fields)
	}
}
