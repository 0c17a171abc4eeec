package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"parkportal/store"
)

// The administrator sees the outbox: what waits, what went and what the
// mail server refused, with its answer; staff may not look.
func TestOutboxForAdmins(t *testing.T) {
	ts := newTestServerWith(t, demoCopy(t), []store.Option{store.WithOutbox()})
	ctx := context.Background()
	ts.addUser("clerk", store.RoleStaff, "")
	ts.addUser("boss", store.RoleAdmin, "")
	sec := ts.addUser("sec4", store.RoleSecretary, "org-04")
	if err := ts.Store.SetEmail(ctx, store.Actor{Username: "tester"}, sec.ID, "sec4@example.gov.cn"); err != nil {
		t.Fatal(err)
	}
	f, err := ts.Store.SaveFiling(ctx, store.Actor{UserID: sec.ID, Username: "sec4"}, "org-04", store.FilingSave{Kind: store.FilingServiceRequest, Submit: true,
		Body: &store.ServiceRequest{Enterprise: "ent-003", Kind: "legal", Date: "2023-06-01", Need: "合同审查"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := ts.Store.ReturnFiling(ctx, store.Actor{Username: "clerk"}, f.ID, 1, "请写明<合同>份数"); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	claimed, err := ts.Store.ClaimMail(ctx, now, now.Add(time.Minute), 10)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claimed %v, %v", claimed, err)
	}
	if err := ts.Store.MailNotSent(ctx, claimed[0].ID, now, time.Time{}, "550 5.1.1 <sec4@example.gov.cn>: 用户不存在"); err != nil {
		t.Fatal(err)
	}

	clerk, _ := ts.login("clerk", "clerk-password")
	if res, _ := ts.get(clerk, "/admin/outbox"); res.StatusCode != http.StatusForbidden {
		t.Errorf("staff on /admin/outbox: %d, want 403", res.StatusCode)
	}
	admin, _ := ts.login("boss", "boss-password")
	_, body := ts.get(admin, "/admin/outbox")
	d := doc(t, body)
	counts := d.Find(`[data-testid="outbox-counts"]`).Text()
	if strings.Join(strings.Fields(counts), "") != "0待发送0已发送1未能发送" {
		t.Errorf("counts read %q", counts)
	}
	row := d.Find(`[data-testid="outbox-table"] tbody tr`)
	if row.Length() != 1 {
		t.Fatalf("%d rows, want 1", row.Length())
	}
	text := row.Text()
	for _, want := range []string{"sec4@example.gov.cn", "未能发送", "用户不存在", "请写明<合同>份数"} {
		if !strings.Contains(text, want) {
			t.Errorf("the row lacks %q: %q", want, text)
		}
	}
	if strings.Contains(body, "请写明<合同>") {
		t.Error("the subject is not escaped")
	}
}
