package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"parkportal/store"
)

// Sender delivers the outbox. Each pass claims the messages due (for a
// lease, so that two processes never send one message at once), sends
// them over one connection and records each one's fate: sent; or not, with
// the server's answer, tried again after a back-off that doubles from a
// minute up to six hours, and given up after maxAttempts or at once when
// the server refuses for good (a 5xx answer).
type Sender struct {
	store *store.Store
	cfg   Config
	log   *slog.Logger
	now   func() time.Time
	wake  chan struct{}
	// digestDay is the last day this sender saw the digest made
	// (digest.go); only Run's goroutine reads and writes it.
	digestDay string
}

const (
	batch       = 50               // messages a pass claims
	lease       = 2 * time.Minute  // how long a claimed message is this sender's
	pollEvery   = 10 * time.Second // how often Run looks for due messages unwoken
	firstRetry  = time.Minute
	lastRetry   = 6 * time.Hour
	maxAttempts = 10
	dialTimeout = 15 * time.Second
)

// NewSender is a sender of s's outbox through cfg's server.
func NewSender(s *store.Store, cfg Config, log *slog.Logger) *Sender {
	return &Sender{store: s, cfg: cfg, log: log, now: time.Now, wake: make(chan struct{}, 1)}
}

// SetClock sets the sender's clock (tests).
func (s *Sender) SetClock(now func() time.Time) { s.now = now }

// Wake makes Run look for due messages now (after a change that may have
// queued some).
func (s *Sender) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run sends due messages until ctx ends.
func (s *Sender) Run(ctx context.Context) {
	for {
		if err := s.maybeDigest(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("mail: the daily digest failed", "error", err)
		}
		if _, _, err := s.SendDue(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("mail: a pass of the outbox failed", "error", err)
		}
		wait := pollEvery
		if next, err := s.store.NextMailAt(ctx); err == nil && !next.IsZero() {
			wait = min(wait, max(next.Sub(s.now()), time.Second))
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		case <-s.wake:
			t.Stop()
		}
	}
}

// SendDue is one pass: it sends the messages due now and tells how many
// were sent and how many were not.
func (s *Sender) SendDue(ctx context.Context) (sent, notSent int, err error) {
	now := s.now()
	due, err := s.store.ClaimMail(ctx, now, now.Add(lease), batch)
	if err != nil || len(due) == 0 {
		return 0, 0, err
	}
	client, err := s.client()
	if err == nil {
		dialCtx, cancel := context.WithTimeout(ctx, dialTimeout)
		err = client.DialWithContext(dialCtx)
		cancel()
	}
	if err != nil {
		// The server cannot be reached: every message waits for the next try.
		for _, m := range due {
			if err := s.notSent(ctx, m, err); err != nil {
				return sent, notSent, err
			}
			notSent++
		}
		return sent, notSent, nil
	}
	defer client.Close()
	for _, m := range due {
		if ctx.Err() != nil {
			break // shutting down: the rest stay claimed until the lease ends, unsent
		}
		msg, err := s.message(m)
		if err == nil {
			err = client.Send(msg)
		}
		if err != nil {
			notSent++
			if err := s.notSent(ctx, m, err); err != nil {
				return sent, notSent, err
			}
			// After a refusal the session may be in any state: start the
			// next message afresh.
			client.Reset()
			continue
		}
		sent++
		// Sent is recorded even when shutting down, or it would go again.
		if err := s.store.MailSent(context.WithoutCancel(ctx), m.ID, s.now()); err != nil {
			return sent, notSent, err
		}
	}
	return sent, notSent, nil
}

// notSent records a failed attempt and when to try again.
func (s *Sender) notSent(ctx context.Context, m store.Mail, sendErr error) error {
	at := s.now()
	retry := at.Add(backoff(m.Attempts + 1))
	var se *gomail.SendError
	if m.Attempts+1 >= maxAttempts || (errors.As(sendErr, &se) && !se.IsTemp() && se.ErrorCode() >= 500) {
		retry = time.Time{} // given up
	}
	s.log.Warn("mail: not sent", "mail", m.ID, "attempt", m.Attempts+1, "error", sendErr)
	return s.store.MailNotSent(ctx, m.ID, at, retry, sendErr.Error())
}

// backoff is the wait before attempt n+1 after n failed ones.
func backoff(n int) time.Duration {
	d := firstRetry
	for i := 1; i < n && d < lastRetry; i++ {
		d *= 2
	}
	return min(d, lastRetry)
}

// client is a client of the configured server: STARTTLS whenever the
// server offers it, and required before a password travels, except to a
// server on the loopback address.
func (s *Sender) client() (*gomail.Client, error) {
	opts := []gomail.Option{
		gomail.WithPort(s.cfg.Port), gomail.WithTLSPolicy(s.cfg.tlsPolicy()), gomail.WithTimeout(dialTimeout),
		gomail.WithTLSConfig(&tls.Config{ServerName: s.cfg.Host, MinVersion: tls.VersionTLS12}),
	}
	if s.cfg.ImplicitTLS {
		opts = append(opts, gomail.WithSSL())
	}
	if s.cfg.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	return gomail.NewClient(s.cfg.Host, opts...)
}

// message is the mail for an outbox row: plain text and simple HTML, in
// Chinese, with the link to its page. Its Message-ID is the row's, so that
// a message sent again after a crash is the same message to the reader's
// mail program.
func (s *Sender) message(m store.Mail) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(s.cfg.From); err != nil {
		return nil, fmt.Errorf("the sender's address: %w", err)
	}
	if err := msg.To(m.Address); err != nil {
		return nil, fmt.Errorf("the recipient's address: %w", err)
	}
	msg.Subject("【园区党建】" + clip(m.Subject, 60))
	msg.SetDateWithValue(m.CreatedAt)
	msg.SetMessageIDWithValue(messageID(m, s.cfg.BaseURL))
	text, page := Body(m, s.cfg.BaseURL)
	msg.SetBodyString(gomail.TypeTextPlain, text)
	msg.AddAlternativeString(gomail.TypeTextHTML, page)
	return msg, nil
}

// Body is a message's text and HTML.
func Body(m store.Mail, base string) (text, page string) {
	link := base + m.Path
	paragraphs := strings.Split(strings.TrimSpace(m.Body), "\n\n")
	var t, h strings.Builder
	t.WriteString("您好：\n\n")
	h.WriteString(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"></head><body style="font-family: sans-serif; line-height: 1.6">`)
	h.WriteString("<p>您好：</p>")
	for _, p := range paragraphs {
		t.WriteString(p + "\n\n")
		h.WriteString("<p>" + strings.ReplaceAll(html.EscapeString(p), "\n", "<br>") + "</p>")
	}
	t.WriteString("查看详情：" + link + "\n\n——\n此邮件由园区党建工作平台自动发送，请勿直接回复。\n")
	h.WriteString(`<p><a href="` + html.EscapeString(link) + `">查看详情</a></p>`)
	h.WriteString(`<p style="color: #666; font-size: 0.9em">此邮件由园区党建工作平台自动发送，请勿直接回复。</p></body></html>`)
	return t.String(), h.String()
}

// messageID is the outbox row's Message-ID, on the portal's host.
func messageID(m store.Mail, base string) string {
	host := "portal.invalid"
	if u, err := url.Parse(base); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return "outbox." + strconv.FormatInt(m.ID, 10) + "@" + host
}

// clip shortens s to n characters.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
