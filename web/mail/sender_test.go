package mail

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/mail"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"parkportal/web/mail/mailtest"

	"parkportal/store"
	"parkportal/store/demo"
)

// mailPark is a store of the demonstration park with the outbox on (as
// with a mail server configured), a clerk and a secretary of org-04 with
// addresses, and a service request of org-04 that the clerk returned with
// a comment: one mail queued, to the secretary.
func mailPark(t *testing.T, path string) (s *store.Store, filing int64) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, path, store.WithOutbox())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, bytes.NewReader(demo.Park()), store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	tester := store.Actor{Username: "tester"}
	clerk, err := s.CreateUser(ctx, tester, store.NewUser{Username: "clerk1", Role: store.RoleStaff, Password: "correct-horse-battery"})
	if err != nil {
		t.Fatal(err)
	}
	sec, err := s.CreateUser(ctx, tester, store.NewUser{Username: "sec4", Role: store.RoleSecretary, Organization: "org-04",
		Email: "sec4@example.gov.cn", Password: "correct-horse-battery"})
	if err != nil {
		t.Fatal(err)
	}
	request := store.FilingSave{Kind: store.FilingServiceRequest, Submit: true,
		Body: &store.ServiceRequest{Enterprise: "ent-003", Kind: "legal", Date: "2023-06-01", Need: "合同审查"}}
	f, err := s.SaveFiling(ctx, store.Actor{UserID: sec.ID, Username: sec.Username}, "org-04", request)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ReturnFiling(ctx, store.Actor{UserID: clerk.ID, Username: clerk.Username}, f.ID, 1, "请写明合同份数"); err != nil {
		t.Fatal(err)
	}
	return s, f.ID
}

// sender is a sender of s through srv, on a clock the test moves.
func sender(t *testing.T, s *store.Store, srv *mailtest.Server, clock *time.Time) *Sender {
	t.Helper()
	host, port, _ := net.SplitHostPort(srv.Addr)
	cfg, err := ConfigFromEnv(env{
		EnvServer: "smtp://" + net.JoinHostPort(host, port), EnvFrom: "园区党建平台 <dangjian@example.gov.cn>", EnvBaseURL: "https://dangjian.example.gov.cn/",
	}.get)
	if err != nil {
		t.Fatal(err)
	}
	snd := NewSender(s, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	snd.SetClock(func() time.Time { return *clock })
	return snd
}

type env map[string]string

func (e env) get(k string) string { return e[k] }

func outbox(t *testing.T, s *store.Store) ([]store.Mail, map[string]int) {
	t.Helper()
	ms, counts, err := s.Outbox(context.Background(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	return ms, counts
}

// A returned filing's notice reaches the secretary's address once, in
// Chinese, with the comment and a working link to the filing; the clerk,
// without an address, gets none.
func TestReturnedFilingIsMailedOnce(t *testing.T) {
	ctx := context.Background()
	srv := mailtest.Start(t)
	s, filing := mailPark(t, filepath.Join(t.TempDir(), "portal.db"))
	defer s.Close()
	now := time.Now()
	snd := sender(t, s, srv, &now)
	sent, notSent, err := snd.SendDue(ctx)
	if err != nil || sent != 1 || notSent != 0 {
		t.Fatalf("first pass: sent %d, not sent %d, %v", sent, notSent, err)
	}
	if sent, _, err := snd.SendDue(ctx); err != nil || sent != 0 {
		t.Fatalf("second pass sent %d (%v): each message is sent once", sent, err)
	}
	got := srv.Messages()
	if len(got) != 1 || len(got[0].To) != 1 || got[0].To[0] != "sec4@example.gov.cn" || got[0].From != "dangjian@example.gov.cn" {
		t.Fatalf("received %+v", got)
	}
	m, err := mail.ReadMessage(bytes.NewReader(got[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if !strings.Contains(subject, "被退回修改") {
		t.Errorf("subject %q", subject)
	}
	body := mailtest.Text(t, got[0].Data)
	link := "https://dangjian.example.gov.cn/org/filings/" + itoa(filing)
	for _, want := range []string{"请写明合同份数", link, "您好"} {
		if !strings.Contains(body, want) {
			t.Errorf("the mail lacks %q:\n%s", want, body)
		}
	}
	if !strings.Contains(body, `href="`+link+`"`) {
		t.Errorf("the HTML part has no link to the filing:\n%s", body)
	}
	ms, counts := outbox(t, s)
	if len(ms) != 1 || ms[0].MailState() != store.MailSent || counts[store.MailSent] != 1 || counts[store.MailPending] != 0 {
		t.Errorf("outbox %+v, counts %v", ms, counts)
	}
}

// A server that refuses for now (4xx) is tried again after the back-off
// and then delivers; one that refuses for good (5xx) is given up, with its
// answer kept for /admin/outbox.
func TestRefusedMailIsRetriedThenSent(t *testing.T) {
	ctx := context.Background()
	srv := mailtest.Start(t)
	srv.Refuse(&smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "邮件系统繁忙，请稍后再试"})
	s, _ := mailPark(t, filepath.Join(t.TempDir(), "portal.db"))
	defer s.Close()
	now := time.Now()
	snd := sender(t, s, srv, &now)
	if sent, notSent, err := snd.SendDue(ctx); err != nil || sent != 0 || notSent != 1 {
		t.Fatalf("refused pass: sent %d, not sent %d, %v", sent, notSent, err)
	}
	ms, _ := outbox(t, s)
	if len(ms) != 1 || ms[0].MailState() != store.MailPending || ms[0].Attempts != 1 || !strings.Contains(ms[0].LastError, "451") {
		t.Fatalf("after the refusal: %+v", ms)
	}
	if !ms[0].NextAt.After(now) {
		t.Errorf("retried at %s, not after the refusal at %s", ms[0].NextAt, now)
	}
	if sent, _, _ := snd.SendDue(ctx); sent != 0 {
		t.Fatal("sent again before its back-off")
	}
	now = now.Add(firstRetry + time.Second)
	if sent, notSent, err := snd.SendDue(ctx); err != nil || sent != 1 || notSent != 0 {
		t.Fatalf("after the back-off: sent %d, not sent %d, %v", sent, notSent, err)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("the server received %d mails, want 1", n)
	}

	// Refused for good.
	srv2 := mailtest.Start(t)
	srv2.Refuse(&smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"})
	s2, _ := mailPark(t, filepath.Join(t.TempDir(), "portal2.db"))
	defer s2.Close()
	snd2 := sender(t, s2, srv2, &now)
	snd2.SendDue(ctx)
	ms, counts := outbox(t, s2)
	if len(ms) != 1 || ms[0].MailState() != store.MailFailed || !strings.Contains(ms[0].LastError, "no such mailbox") || counts[store.MailFailed] != 1 {
		t.Fatalf("after a refusal for good: %+v %v", ms, counts)
	}
	now = now.Add(lastRetry)
	if sent, notSent, _ := snd2.SendDue(ctx); sent+notSent != 0 {
		t.Error("a message given up was tried again")
	}
}

// A portal that stops after the change committed and before the mail was
// sent sends it after a restart, once; a server that cannot be reached
// leaves it waiting.
func TestMailQueuedBeforeACrashIsSentAfterRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "portal.db")
	s, _ := mailPark(t, path)
	now := time.Now()
	dead := &mailtest.Server{Addr: closedPort(t)}
	if sent, notSent, err := sender(t, s, dead, &now).SendDue(ctx); err != nil || sent != 0 || notSent != 1 {
		t.Fatalf("with no server: sent %d, not sent %d, %v", sent, notSent, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err := store.Open(ctx, path, store.WithOutbox())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	srv := mailtest.Start(t)
	now = now.Add(lastRetry)
	snd := sender(t, s, srv, &now)
	for range 3 {
		if _, _, err := snd.SendDue(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(srv.Messages()); n != 1 {
		t.Fatalf("after the restart the server received %d mails, want 1", n)
	}
}

// A message claimed by a sender that then stopped falls due again when
// its lease ends, and no other sender takes it before.
func TestClaimedMailWaitsForItsLease(t *testing.T) {
	ctx := context.Background()
	s, _ := mailPark(t, filepath.Join(t.TempDir(), "portal.db"))
	defer s.Close()
	now := time.Now()
	first, err := s.ClaimMail(ctx, now, now.Add(lease), batch)
	if err != nil || len(first) != 1 {
		t.Fatalf("claimed %v, %v", first, err)
	}
	if again, err := s.ClaimMail(ctx, now, now.Add(lease), batch); err != nil || len(again) != 0 {
		t.Fatalf("claimed twice: %v, %v", again, err)
	}
	if later, err := s.ClaimMail(ctx, now.Add(lease+time.Second), now.Add(2*lease), batch); err != nil || len(later) != 1 {
		t.Fatalf("after the lease: %v, %v", later, err)
	}
}

// Unconfigured, nothing is queued: a store without WithOutbox keeps no
// mail even for accounts with an address.
func TestNoOutboxWithoutAMailServer(t *testing.T) {
	if _, err := ConfigFromEnv(env{}.get); !errors.Is(err, ErrNotConfigured) {
		t.Fatalf("no server configured: %v", err)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "portal.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Import(ctx, bytes.NewReader(demo.Park()), store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	tester := store.Actor{Username: "tester"}
	if _, err := s.CreateUser(ctx, tester, store.NewUser{Username: "clerk1", Role: store.RoleStaff, Email: "clerk@example.gov.cn", Password: "correct-horse-battery"}); err != nil {
		t.Fatal(err)
	}
	sec, err := s.CreateUser(ctx, tester, store.NewUser{Username: "sec4", Role: store.RoleSecretary, Organization: "org-04", Password: "correct-horse-battery"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveFiling(ctx, store.Actor{UserID: sec.ID, Username: sec.Username}, "org-04", store.FilingSave{Kind: store.FilingServiceRequest, Submit: true,
		Body: &store.ServiceRequest{Enterprise: "ent-003", Kind: "legal", Date: "2023-06-01", Need: "合同审查"}}); err != nil {
		t.Fatal(err)
	}
	if ms, _ := outbox(t, s); len(ms) != 0 {
		t.Errorf("the outbox holds %d mails with no mail server", len(ms))
	}
}

func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}
