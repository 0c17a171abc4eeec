package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"parkportal/store"
)

// addFullMembers records n full members (of org-01) working at enterprise.
func addFullMembers(t *testing.T, ts *testServer, enterprise string, n int) {
	t.Helper()
	for i := range n {
		m := store.Member{ID: fmt.Sprintf("full-%s-%d", enterprise, i), Name: "党员" + enterprise, Birth: "1985-01-01", Organization: "org-01",
			Enterprise: enterprise, Applied: "2015-01-01", Activist: "2015-06-01", Candidate: "2016-07-01", Probationary: "2016-09-01", Full: "2017-09-01"}
		if _, err := ts.Store.SaveMember(context.Background(), testActor, "", m); err != nil {
			t.Fatal(err)
		}
	}
}

// The demonstration park's four enterprises waiting for coverage have no
// full members: no branch can form, and each card says what is missing
// instead of suggesting one.
func TestPipelineSaysWhatIsMissing(t *testing.T) {
	ts, c, _ := staffClient(t)
	_, body := ts.get(c, "/workbench/pipeline")
	d := doc(t, body)
	if n := d.Find(`[data-testid="pipeline"] > li`).Length(); n != 4 {
		t.Fatalf("%d cards, want 4", n)
	}
	d.Find(`[data-testid="pipeline"] > li`).Each(func(_ int, card *goqueryS) {
		if got := card.Find(`[data-testid="missing"]`).Text(); !strings.Contains(got, "还差3名正式党员") {
			t.Errorf("a card says %q", got)
		}
		if card.Find(`a.button`).Length() != 0 || card.Find(`[data-testid="suggestion"]`).Length() != 0 {
			t.Errorf("a card suggests a branch that cannot form: %q", card.Text())
		}
	})
}

// The pipeline lists enterprises that meet 三有 and wait; its action opens
// the organisation form filled in with a joint branch that can form (three
// full members across its units); a joint branch of one is refused at its
// field, one of three is saved and leaves the pipeline.
func TestPipelineToJointBranch(t *testing.T) {
	ts, c, token := staffClient(t)
	addFullMembers(t, ts, "ent-196", 2) // surveyed first of the four
	addFullMembers(t, ts, "ent-224", 1)
	_, body := ts.get(c, "/workbench/pipeline")
	d := doc(t, body)
	if !strings.Contains(d.Find(`[data-testid="result-count"]`).Text(), "4 家") {
		t.Fatalf("pipeline: %q", d.Find(`[data-testid="result-count"]`).Text())
	}
	if n := d.Find(`[data-testid="pipeline"] a.button`).Length(); n != 4 {
		t.Errorf("%d cards with an action, want all 4 in one joint branch", n)
	}
	if got := d.Find(`[data-testid="suggestion"]`).First().Text(); !strings.Contains(got, "4家企业共3名正式党员") {
		t.Errorf("the suggestion says %q", got)
	}
	action, _ := d.Find(`[data-testid="pipeline"] a.button`).First().Attr("href")
	u, _ := url.Parse(action)
	chosen := u.Query()["enterprises"]
	if u.Path != "/workbench/organizations/new" || u.Query().Get("kind") != "joint_branch" || len(chosen) != 4 || chosen[0] != "ent-196" || chosen[1] != "ent-224" {
		t.Fatalf("the pipeline's action is %q", action)
	}
	_, body = ts.get(c, action)
	d = doc(t, body)
	var picked []string
	d.Find(`input[name="enterprises"]`).Each(func(_ int, in *goquery.Selection) {
		if v, _ := in.Attr("value"); v != "" {
			picked = append(picked, v)
		}
	})
	if !slices.Equal(picked, chosen) {
		t.Errorf("the form's enterprise pickers hold %v, want %v", picked, chosen)
	}
	if n := d.Find(`input[name="enterprises"][data-suggest="/workbench/suggest/enterprises"]`).Length(); n != store.JointBranchMaxUnits {
		t.Errorf("the form offers %d enterprise pickers, want %d", n, store.JointBranchMaxUnits)
	}
	if n := d.Find(`select[name="enterprises"] option`).Length(); n != 0 {
		t.Errorf("the form lists %d enterprises to choose from; a park's thousands are searched", n)
	}
	if d.Find(`[data-testid="few-members"]`).Length() != 0 {
		t.Error("a joint branch of three full members is warned of")
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
	// A picker takes an enterprise's full name as well as its id.
	third, _, err := ts.Store.EnterpriseByID(context.Background(), chosen[2])
	if err != nil {
		t.Fatal(err)
	}
	form["enterprises"] = []string{chosen[0], chosen[1], third.Name, "", ""}
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

// A branch whose enterprises have fewer than three full members is saved
// (a clerk may be recording a past fact), with a warning on the form and a
// flag on the organisation's page; one with three is not flagged.
func TestOrganizationWithFewFullMembersIsFlagged(t *testing.T) {
	ts, c, token := staffClient(t)
	addFullMembers(t, ts, "ent-196", 2)
	_, body := ts.get(c, "/workbench/organizations/new?kind=joint_branch&enterprises=ent-196&enterprises=ent-237")
	if got := doc(t, body).Find(`[data-testid="few-members"]`).Text(); !strings.Contains(got, "共有2名正式党员") || !strings.Contains(got, "仍可保存") {
		t.Errorf("the form's warning says %q", got)
	}
	form := url.Values{"_csrf": {token}, "id": {"org-new"}, "name": {"新材料企业联合党支部"}, "kind": {"joint_branch"}, "formed": {"2019-06-01"},
		"enterprises": {"ent-196", "ent-237"}}
	res, _ := ts.post(c, "/workbench/organizations", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a joint branch of two full members: %d, want it saved", res.StatusCode)
	}
	_, body = ts.get(c, res.Header.Get("Location"))
	if got := doc(t, body).Find(`[data-testid="few-members"]`).Text(); !strings.Contains(got, "共有2名正式党员") || !strings.Contains(got, "还差1名") {
		t.Errorf("the organisation page flags %q", got)
	}
	addFullMembers(t, ts, "ent-237", 1)
	if _, body = ts.get(c, "/workbench/organizations/org-new"); doc(t, body).Find(`[data-testid="few-members"]`).Length() != 0 {
		t.Error("a joint branch of three full members is flagged")
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
	kinds := d.Find(`[data-testid="ledger"] tbody tr td:nth-child(2)`)
	if kinds.Length() == 0 {
		t.Fatal("the committee-only list shows no organisation (the demonstration park has committees)")
	}
	kinds.Each(func(_ int, s *goqueryS) {
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
		due, soon, ok := store.TermEnd(tc.formed, tc.kind, today)
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
