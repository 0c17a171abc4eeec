package mail

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"parkportal/store"
	"parkportal/store/demo"
	"parkportal/web/mail/mailtest"
)

// The daily digest, run twice for one day (and by a second sender, as a
// second portal process would), mails each account with an address once:
// staff the park's list, a secretary only their own organisation's; before
// its hour nothing is made.
func TestDigestIsMailedOncePerPersonPerDay(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "portal.db"), store.WithOutbox())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Import(ctx, bytes.NewReader(demo.Park()), store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	submitted := time.Date(2026, 3, 2, 9, 0, 0, 0, china)
	s.SetClock(func() time.Time { return submitted })
	tester := store.Actor{Username: "tester"}
	users := map[string]store.NewUser{
		"clerk1": {Role: store.RoleStaff, Email: "clerk1@example.gov.cn"},
		"sec4":   {Role: store.RoleSecretary, Organization: "org-04", Email: "sec4@example.gov.cn"},
		"sec5":   {Role: store.RoleSecretary, Organization: "org-05"}, // no address: no mail
	}
	ids := map[string]int64{}
	for name, u := range users {
		u.Username, u.Password = name, "correct-horse-battery"
		created, err := s.CreateUser(ctx, tester, u)
		if err != nil {
			t.Fatal(err)
		}
		ids[name] = created.ID
	}
	if _, err := s.SaveFiling(ctx, store.Actor{UserID: ids["sec4"], Username: "sec4"}, "org-04", store.FilingSave{Kind: store.FilingServiceRequest, Submit: true,
		Body: &store.ServiceRequest{Enterprise: "ent-003", Kind: "legal", Date: "2026-03-01", Need: "合同审查"}}); err != nil {
		t.Fatal(err)
	}
	// A member filing's title is the member's name: the secretary's own,
	// for no one else's mailbox.
	if _, err := s.SaveFiling(ctx, store.Actor{UserID: ids["sec4"], Username: "sec4"}, "org-04", store.FilingSave{Kind: store.FilingMember, Submit: true,
		Body: &store.Member{Name: "王测试", Birth: "1990-01-01", Enterprise: "ent-003", Applied: "2026-02-01"}}); err != nil {
		t.Fatal(err)
	}

	srv := mailtest.Start(t)
	now := submitted.AddDate(0, 0, 8).Add(-3 * time.Hour) // 06:00 on the eighth day: before the digest's hour
	a, b := sender(t, s, srv, &now), sender(t, s, srv, &now)
	if err := a.maybeDigest(ctx); err != nil {
		t.Fatal(err)
	}
	if n := digests(t, s); n != 0 {
		t.Fatalf("%d digests queued before the digest's hour", n)
	}
	now = now.Add(4 * time.Hour) // 10:00
	first, err := a.RunDigest(ctx)
	if err != nil || first != 2 {
		t.Fatalf("the day's digest queued %d mails (%v), want 2: the clerk's and sec4's", first, err)
	}
	for _, run := range []func(context.Context) (int, error){a.RunDigest, b.RunDigest} {
		if n, err := run(ctx); err != nil || n != 0 {
			t.Fatalf("the day's digest made again: %d mails, %v", n, err)
		}
	}
	if err := b.maybeDigest(ctx); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, _, err := a.SendDue(ctx); err != nil {
			t.Fatal(err)
		}
	}
	bodies := map[string]string{}
	for _, m := range srv.Messages() {
		body := mailtest.Text(t, m.Data)
		if !strings.Contains(body, "以下事项需要关注") { // the submissions' notices to the clerk
			if strings.Contains(body, "王测试") || strings.Contains(string(m.Data), "=E7=8E=8B") {
				t.Errorf("the clerk's notice of a member filing names the member:\n%s", body)
			}
			continue
		}
		if _, twice := bodies[m.To[0]]; twice {
			t.Errorf("%s received the digest twice", m.To[0])
		}
		bodies[m.To[0]] = body
	}
	if len(bodies) != 2 {
		t.Fatalf("digests went to %v, want the clerk and sec4", bodies)
	}
	// sec4 reads their own filings by title; the clerk, outside the
	// organisation, by number.
	if body := bodies["sec4@example.gov.cn"]; !strings.Contains(body, "等待审核超过 7 天") || !strings.Contains(body, "法律服务申请") || !strings.Contains(body, "王测试") {
		t.Errorf("sec4's digest does not name their filings waiting for review:\n%s", body)
	}
	if body := bodies["clerk1@example.gov.cn"]; !strings.Contains(body, "等待审核超过 7 天的报送，共 2 项") || !strings.Contains(body, "号报送") {
		t.Errorf("the clerk's digest does not give the filings waiting for review:\n%s", body)
	}
	// A secretary's digest names nothing of another organisation, and
	// staff's names no member of any: it counts them per organisation.
	due, err := s.DueOn(ctx, time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	members := 0
	for _, it := range due {
		if it.Kind == store.DueTerm {
			continue // named by its organisation
		}
		if it.Organization != "org-04" && strings.Contains(bodies["sec4@example.gov.cn"], it.Title) {
			t.Errorf("sec4's digest names %s of %s", it.Title, it.OrganizationName)
		}
		if strings.Contains(bodies["clerk1@example.gov.cn"], it.Title) {
			t.Errorf("the clerk's digest names %s of %s", it.Title, it.OrganizationName)
		}
		if it.Kind == store.DueProbation || it.Kind == store.DueActivist {
			members++
		}
	}
	if members == 0 || !strings.Contains(bodies["clerk1@example.gov.cn"], " 人（最早 ") {
		t.Fatalf("no member falls due (%d), or the clerk's digest does not count them: the checks above check nothing", members)
	}
	if !strings.Contains(bodies["sec4@example.gov.cn"], "https://dangjian.example.gov.cn/org") {
		t.Error("sec4's digest does not link to their organisation's page")
	}
}

// digests counts the digest mails in the outbox.
func digests(t *testing.T, s *store.Store) int {
	t.Helper()
	ms, _ := outbox(t, s)
	n := 0
	for _, m := range ms {
		if strings.HasPrefix(m.Key, "digest:") {
			n++
		}
	}
	return n
}
