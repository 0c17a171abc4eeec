package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"parkportal/store"
)

// The activity ledger filters by programme and year and says so in tags.
func TestActivityLedgerFilters(t *testing.T) {
	ts, c, _ := staffClient(t)
	_, body := ts.get(c, "/workbench/activities")
	all := atoiOr(strings.Fields(strings.NewReplacer("共", " ", "场", " ").Replace(doc(t, body).Find(`[data-testid="result-count"]`).Text()))[0])
	if all < 80 {
		t.Fatalf("the ledger counts %d activities", all)
	}
	_, body = ts.get(c, "/workbench/activities?program=brand&year=2023&program=nope")
	d := doc(t, body)
	got := atoiOr(strings.Fields(strings.NewReplacer("共", " ", "场", " ").Replace(d.Find(`[data-testid="result-count"]`).Text()))[0])
	if got == 0 || got >= all {
		t.Errorf("brand activities in 2023: %d of %d", got, all)
	}
	rows := d.Find(`[data-testid="ledger"] tbody tr`)
	if rows.Length() == 0 {
		t.Fatalf("the ledger counts %d brand activities in 2023 but lists none", got)
	}
	rows.Each(func(_ int, row *goqueryS) {
		if cells := row.Find("td"); !strings.Contains(cells.Eq(0).Text(), "品牌工程") || !strings.Contains(cells.Eq(2).Text(), "2023年") {
			t.Errorf("a row outside the filter: %q", row.Text())
		}
	})
	tags := d.Find(`[data-testid="filter-tags"]`).Text()
	if !strings.Contains(tags, "所属工程：品牌工程·成林计划") || !strings.Contains(tags, "年份：2023年") {
		t.Errorf("tags: %q", tags)
	}
	if res, _ := ts.get(c, "/workbench/activities?page=999"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a page past the last: %d", res.StatusCode)
	}
}

// An activity saved in the form: a bad one comes back as typed with each
// problem at its field; a good one is saved with its enterprise found by
// name, shows in the workspace and on the public programme page at once,
// and its change is in its history; its deletion is confirmed first.
func TestActivityFormSavesThroughTheWritePath(t *testing.T) {
	ts, c, token := staffClient(t)
	if res, _ := ts.get(c, "/workbench/activities/new"); res.StatusCode != http.StatusOK {
		t.Fatalf("new form: %d", res.StatusCode)
	}
	form := url.Values{"_csrf": {token}, "title": {""}, "program": {"brand"}, "kind": {"讲堂"}, "date": {"2024-13-01"},
		"participants": {"四十"}, "enterprises": {"湖南立方新能源科技有限责任公司", "没有这家<企业>", ""}, "summary": {"<b>讲党课</b>"}}
	res, body := ts.post(c, "/workbench/activities", form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a bad activity: %d, want 422", res.StatusCode)
	}
	d := doc(t, body)
	for field, want := range map[string]string{"title": "活动名称", "date": "活动日期", "participants": "整数"} {
		if msg := d.Find("#" + field + "-error").Text(); !strings.Contains(msg, want) {
			t.Errorf("message at %s: %q, want %q in it", field, msg, want)
		}
	}
	if got := d.Find("#summary").Text(); got != "<b>讲党课</b>" {
		t.Errorf("the summary was kept as %q", got)
	}
	if !strings.Contains(body, "&lt;b&gt;讲党课") {
		t.Error("the summary is not escaped")
	}
	form.Set("title", "品牌讲堂<第1期>")
	form.Set("date", "2026-02-20") // among the newest, so that the programme page lists it
	form.Set("participants", "40")
	res, body = ts.post(c, "/workbench/activities", form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("an unknown enterprise: %d, want 422", res.StatusCode)
	}
	if msg := doc(t, body).Find("#enterprises-2-error").Text(); !strings.Contains(msg, "不存在") || !strings.Contains(msg, "参与企业第 2 项") {
		t.Errorf("message at the second enterprise: %q", msg)
	}
	form["enterprises"] = []string{"湖南立方新能源科技有限责任公司", "ent-002", ""}
	res, _ = ts.post(c, "/workbench/activities", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a good activity: %d", res.StatusCode)
	}
	where := strings.TrimSuffix(res.Header.Get("Location"), "?done=saved")
	_, body = ts.get(c, res.Header.Get("Location"))
	d = doc(t, body)
	if got := d.Find(`[data-testid="record-title"]`).Text(); got != "品牌讲堂<第1期>" {
		t.Errorf("record title %q", got)
	}
	if n := d.Find(`.related-list li`).Length(); n != 2 {
		t.Errorf("%d enterprises took part, want 2", n)
	}
	if !strings.Contains(d.Find(`[data-testid="history"]`).Text(), "新建") {
		t.Error("no history entry")
	}
	if _, body := ts.anon("/programs/brand"); !strings.Contains(body, "品牌讲堂&lt;第1期&gt;") {
		t.Error("the public programme page does not list the new activity")
	}
	// Edit: a change of title shows field by field.
	form.Set("title", "品牌讲堂第1期")
	if res, _ := ts.post(c, where, ts.opened(c, where+"/edit", form)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", res.StatusCode)
	}
	_, body = ts.get(c, where)
	if h := doc(t, body).Find(`[data-testid="history"]`).Text(); !strings.Contains(h, "品牌讲堂<第1期>") || !strings.Contains(h, "品牌讲堂第1期") {
		t.Errorf("history does not show the title change: %q", h)
	}
	entries := ts.audit(store.AuditFilter{Collection: "activities"})
	if len(entries) != 2 {
		t.Fatalf("%d audit entries, want 2", len(entries))
	}
	var after store.Activity
	if err := json.Unmarshal(entries[0].After, &after); err != nil || after.Enterprises[0] != "ent-001" || *after.Participants != 40 {
		t.Errorf("the audit entry holds %+v (%v)", after, err)
	}
	// Delete, after a confirmation.
	if _, body := ts.get(c, where+"/delete"); !strings.Contains(body, "确认删除") {
		t.Error("no confirmation page")
	}
	if res, _ := ts.post(c, where+"/delete", ts.opened(c, where+"/delete", nil)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.StatusCode)
	}
	if res, _ := ts.get(c, where); res.StatusCode != http.StatusNotFound {
		t.Errorf("the deleted activity: %d", res.StatusCode)
	}
	if _, body := ts.anon("/programs/brand"); strings.Contains(body, "品牌讲堂第1期") {
		t.Error("the public page still lists the deleted activity")
	}
}

// Editing a secretary's draft in the workspace keeps it a draft: the form
// does not publish.
func TestActivityEditKeepsItsStatus(t *testing.T) {
	ts, c, token := staffClient(t)
	_, body := ts.get(c, "/workbench/activities?q="+url.QueryEscape("未发布活动甲乙丙"))
	href, ok := doc(t, body).Find(`[data-testid="ledger"] tbody tr th a`).First().Attr("href")
	if !ok {
		t.Fatal("the draft is not in the ledger")
	}
	_, body = ts.get(c, href+"/edit")
	d := doc(t, body)
	form := url.Values{"_csrf": {token}}
	d.Find("form[data-testid=activity-form] input, form[data-testid=activity-form] select, form[data-testid=activity-form] textarea").Each(func(_ int, s *goqueryS) {
		name, _ := s.Attr("name")
		switch {
		case s.Is("select"):
			v, _ := s.Find("option[selected]").Attr("value")
			form.Add(name, v)
		case s.Is("textarea"):
			form.Add(name, s.Text())
		case name != "_csrf":
			v, _ := s.Attr("value")
			form.Add(name, v)
		}
	})
	if res, _ := ts.post(c, href, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	if _, body := ts.anon("/programs/brand"); strings.Contains(body, "未发布活动甲乙丙") {
		t.Error("saving the draft in the workspace published it")
	}
}

// The pickers' suggestions find enterprises by part of the name, for staff.
func TestEnterpriseSuggestions(t *testing.T) {
	ts, c, _ := staffClient(t)
	res, body := ts.get(c, "/workbench/suggest/enterprises?q="+url.QueryEscape("立方"))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("suggest: %d", res.StatusCode)
	}
	var got []struct{ ID, Name string }
	if err := json.Unmarshal([]byte(body), &got); err != nil || len(got) == 0 || got[0].ID != "ent-001" {
		t.Errorf("suggestions %s (%v)", body, err)
	}
	if res, _ := ts.get(ts.client(), "/workbench/suggest/enterprises?q=a"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("a visitor asked for suggestions: %d", res.StatusCode)
	}
}
