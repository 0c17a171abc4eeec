package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The board shows an organisation's members by stage; recording the next
// stage too early is refused naming the rule and the earliest date; on
// time it moves the member on.
func TestMemberBoardAndNextStage(t *testing.T) {
	ts, c, _ := staffClient(t)
	_, body := ts.get(c, "/workbench/organizations/org-15/members")
	d := doc(t, body)
	if n := d.Find(`[data-testid="board"] .board-column`).Length(); n != 5 {
		t.Fatalf("%d stage columns, want 5", n)
	}
	next, ok := d.Find(`a[href="/workbench/members/mem-218/next"]`).Attr("href")
	if !ok {
		t.Fatal("no quick action for mem-218, an activist")
	}
	_, body = ts.get(c, next)
	if label := doc(t, body).Find(`label[for="candidate"]`).Text(); label != "确定为发展对象日期" {
		t.Errorf("the next stage is asked as %q", label)
	}
	res, body := ts.post(c, next, ts.opened(c, next, url.Values{"stage": {"candidate"}, "date": {"2023-12-01"}}))
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a candidate within a year: %d, want 422", res.StatusCode)
	}
	d = doc(t, body)
	msg := d.Find("#candidate-error").Text()
	if !strings.Contains(msg, "满一年") || !strings.Contains(msg, "2024-07-24") {
		t.Errorf("the refusal says %q; want the rule and the earliest date 2024-07-24", msg)
	}
	if got, _ := d.Find("#candidate").Attr("value"); got != "2023-12-01" {
		t.Errorf("the typed date was kept as %q", got)
	}
	if m := ts.member("mem-218"); m.Candidate != "" {
		t.Error("the refused stage was written")
	}
	// Only the next stage's date is taken: earlier dates sent with it
	// (a crafted form) change nothing; a correction is the member form's.
	res, _ = ts.post(c, next, ts.opened(c, next, url.Values{"stage": {"candidate"}, "date": {"2024-08-01"},
		"applied": {"2022-04-20"}, "activist": {"2022-07-24"}}))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a candidate after a year: %d", res.StatusCode)
	}
	if m := ts.member("mem-218"); m.Candidate != "2024-08-01" || m.Applied != "2023-04-20" || m.Activist != "2023-07-24" {
		t.Errorf("applied, activist, candidate = %q, %q, %q; want 2023-04-20, 2023-07-24, 2024-08-01", m.Applied, m.Activist, m.Candidate)
	}
	_, body = ts.get(c, "/workbench/members/mem-218")
	if h := doc(t, body).Find(`[data-testid="history"]`).Text(); !strings.Contains(h, "确定为发展对象日期") || !strings.Contains(h, "2024年8月1日") {
		t.Errorf("the member's history: %s", h)
	}
}

// A clerk entering an existing member types all five dates at once; the
// rules are checked on all of them.
func TestMemberFormTakesAllFiveDates(t *testing.T) {
	ts, c, token := staffClient(t)
	_, body := ts.get(c, "/workbench/members/new?organization=org-15")
	d := doc(t, body)
	for _, f := range []string{"applied", "activist", "candidate", "probationary", "full"} {
		if d.Find(`input[type="date"]#`+f).Length() != 1 {
			t.Errorf("no date field for %s", f)
		}
	}
	id, _ := d.Find("#id").Attr("value")
	form := url.Values{"_csrf": {token}, "id": {id}, "name": {"李<新>"}, "organization": {"org-15"}, "management": {"true"},
		"applied": {"2020-01-10"}, "activist": {"2020-03-01"}, "candidate": {"2021-03-01"}, "probationary": {"2021-06-01"}, "full": {"2022-01-01"}}
	res, body := ts.post(c, "/workbench/members", form)
	d = doc(t, body)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(d.Find("#full-error").Text(), "2022-06-01") {
		t.Fatalf("full within a year of probationary: %d %q", res.StatusCode, d.Find("#full-error").Text())
	}
	// The birth date is required: without it the age rule could not be
	// checked.
	if msg := d.Find("#birth-error").Text(); !strings.Contains(msg, "出生日期") || !strings.Contains(msg, "缺少必填内容") {
		t.Errorf("a member without a birth date: the birth field says %q", msg)
	}
	if got, _ := d.Find("#applied").Attr("value"); got != "2020-01-10" {
		t.Errorf("the typed applied date was kept as %q", got)
	}
	form.Set("birth", "1990-05-01")
	form.Set("full", "2022-06-01")
	if res, _ := ts.post(c, "/workbench/members", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	if m, _, err := ts.Store.MemberByID(context.Background(), id); err != nil || m.Full != "2022-06-01" || !m.Management {
		t.Errorf("saved member = %+v, %v", m, err)
	}
}

// A member recorded before the birth date was required has none: the
// next-stage form asks for it (a save without it would be refused with no
// field to put it in), and saves it with the stage.
func TestNextStageAsksTheBirthDateARecordLacks(t *testing.T) {
	ts, c, _ := staffClient(t)
	db := rawDB(t, ts.Store.Path())
	if _, err := db.Exec(`UPDATE members SET birth = NULL WHERE source_id = 'mem-218'`); err != nil {
		t.Fatal(err)
	}
	const next = "/workbench/members/mem-218/next"
	_, body := ts.get(c, next)
	if doc(t, body).Find(`input[name="birth"]`).Length() != 1 {
		t.Fatal("the next-stage form does not ask the missing birth date")
	}
	res, body := ts.post(c, next, ts.opened(c, next, url.Values{"stage": {"candidate"}, "date": {"2024-08-01"}}))
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc(t, body).Find("#birth-error").Text(), "出生日期") {
		t.Fatalf("a next stage without the missing birth date: %d", res.StatusCode)
	}
	res, _ = ts.post(c, next, ts.opened(c, next, url.Values{"stage": {"candidate"}, "date": {"2024-08-01"}, "birth": {"1990-05-06"}}))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the next stage with the birth date: %d", res.StatusCode)
	}
	if m := ts.member("mem-218"); m.Birth != "1990-05-06" || m.Candidate != "2024-08-01" {
		t.Errorf("saved: birth %q, candidate %q", m.Birth, m.Candidate)
	}
}
