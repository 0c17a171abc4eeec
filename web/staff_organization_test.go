package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The pipeline lists enterprises that meet 三有 and wait; its action opens
// the organisation form filled in; a joint branch of one is refused at its
// field, one of three is saved and leaves the pipeline.
func TestPipelineToJointBranch(t *testing.T) {
	ts, c, token := staffClient(t)
	_, body := ts.get(c, "/workbench/pipeline")
	d := doc(t, body)
	if !strings.Contains(d.Find(`[data-testid="result-count"]`).Text(), "4 家") {
		t.Fatalf("pipeline: %q", d.Find(`[data-testid="result-count"]`).Text())
	}
	action, _ := d.Find(`[data-testid="pipeline"] a.button`).First().Attr("href")
	u, _ := url.Parse(action)
	chosen := u.Query()["enterprises"]
	if u.Path != "/workbench/organizations/new" || u.Query().Get("kind") != "joint_branch" || len(chosen) < 3 {
		t.Fatalf("the pipeline's action is %q", action)
	}
	_, body = ts.get(c, action)
	d = doc(t, body)
	if got := d.Find(`select[name="enterprises"] option[selected]`).Length(); got != len(chosen) {
		t.Errorf("the form has %d enterprises chosen, want %d", got, len(chosen))
	}
	id, _ := d.Find("#id").Attr("value")
	form := url.Values{"_csrf": {token}, "id": {id}, "name": {"株洲轨道交通<联合>党支部"}, "kind": {"joint_branch"}, "formed": {"2024-06-01"},
		"enterprises": {chosen[0], "", "", "", ""}}
	res, body := ts.post(c, "/workbench/organizations", form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a joint branch of one: %d, want 422", res.StatusCode)
	}
	d = doc(t, body)
	if msg := d.Find("#enterprises-error").Text(); !strings.Contains(msg, "两家或以上") || !strings.Contains(msg, "覆盖企业") {
		t.Errorf("the message at the enterprises is %q", msg)
	}
	if got, _ := d.Find("#name").Attr("value"); got != "株洲轨道交通<联合>党支部" {
		t.Errorf("the name was kept as %q", got)
	}
	form["enterprises"] = append(chosen[:3:3], "", "")
	res, _ = ts.post(c, "/workbench/organizations", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a joint branch of three: %d", res.StatusCode)
	}
	_, body = ts.get(c, res.Header.Get("Location"))
	d = doc(t, body)
	if n := d.Find(`[data-testid="covered"] li`).Length(); n != 3 {
		t.Errorf("the new branch covers %d enterprises, want 3", n)
	}
	if !strings.Contains(d.Find(`[data-testid="summary"]`).Text(), "换届时间") {
		t.Error("no term date")
	}
	_, body = ts.get(c, "/workbench/pipeline")
	if got := doc(t, body).Find(`[data-testid="result-count"]`).Text(); !strings.Contains(got, "1 家") {
		t.Errorf("after the branch the pipeline says %q", got)
	}
	_, body = ts.get(c, staffEnterpriseHref(chosen[0]))
	if !strings.Contains(doc(t, body).Find(`[data-testid="summary"]`).Text(), "已联合组建") {
		t.Error("the enterprise does not show as covered by a joint branch")
	}
}

// The organisation ledger lists every organisation with its term date,
// filtered by kind.
func TestOrganizationLedger(t *testing.T) {
	ts, c, _ := staffClient(t)
	_, body := ts.get(c, "/workbench/organizations")
	d := doc(t, body)
	if n := d.Find(`[data-testid="ledger"] tbody tr`).Length(); n == 0 {
		t.Fatal("no organisations listed")
	}
	if !strings.Contains(d.Find(`[data-testid="ledger"]`).Text(), "年") {
		t.Error("no term dates")
	}
	_, body = ts.get(c, "/workbench/organizations?kind=committee")
	d = doc(t, body)
	d.Find(`[data-testid="ledger"] tbody tr td:nth-child(2)`).Each(func(_ int, s *goqueryS) {
		if s.Text() != "党委" {
			t.Errorf("a committee-only list shows %q", s.Text())
		}
	})
	if d.Find(`[data-testid="filter-tags"] a.tag`).Length() != 1 {
		t.Error("no tag for the kind filter")
	}
}

// A term ends three years after formation for a branch (five for a
// committee), and is flagged from six months before.
func TestNextTermDue(t *testing.T) {
	today := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		formed, kind, due string
		soon              bool
	}{
		{"2023-05-04", "branch", "2026-05-04", true},
		{"2023-09-02", "joint_branch", "2026-09-02", false},
		{"2016-07-01", "committee", "2026-07-01", true},
		{"2020-01-01", "general_branch", "2029-01-01", false}, // terms end 2023 and 2026-01-01, both past
	} {
		due, soon, ok := nextTermDue(tc.formed, tc.kind, today)
		want := tc.due
		if !ok || due.Format("2006-01-02") != want || soon != tc.soon {
			t.Errorf("%s %s: due %s soon %v, want %s %v", tc.formed, tc.kind, due.Format("2006-01-02"), soon, want, tc.soon)
		}
	}
}

// 两员: each staff member's enterprises, and the enterprises lacking a
// specialist or an instructor, which a new assignment would fill.
func TestStaffLedger(t *testing.T) {
	ts, c, _ := staffClient(t)
	_, body := ts.get(c, "/workbench/staff")
	d := doc(t, body)
	if n := d.Find(`[data-testid="ledger"] tbody tr`).Length(); n == 0 {
		t.Fatal("no staff listed")
	}
	if d.Find(`[data-testid="ledger"] tbody a[href^="/workbench/enterprises/"]`).Length() == 0 {
		t.Error("no staff member's enterprises are linked")
	}
	for _, id := range []string{"lacking-0", "lacking-1"} {
		if !strings.Contains(d.Find(`[data-testid="`+id+`"] h2`).Text(), "没有") {
			t.Errorf("no %s list", id)
		}
	}
	// ent-001 has no staff at all: it is in both lists.
	if d.Find(`[data-testid="lacking-0"] a[href="/workbench/enterprises/ent-001"]`).Length() != 1 {
		t.Error("ent-001 is not listed as lacking a specialist")
	}
}
