package web_test

import (
	"context"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"parkportal/store"
	"parkportal/web/mail"
	"parkportal/web/mail/mailtest"
)

// The secretary's journey, with mail: they give their address, save a
// draft, submit it from its page through the check page; staff return it
// with a comment; the notice reaches the test's SMTP server with the
// comment and a link, and the link, opened on a 375 px phone, shows the
// comment first.
func TestBrowserReturnNoticeByMail(t *testing.T) {
	browser(t)
	site := startSiteWith(t, loadDemoParkAndSecretary, store.WithOutbox())
	srv := mailtest.Start(t)
	cfg, err := mail.ConfigFromEnv(env{
		mail.EnvServer: "smtp://" + srv.Addr, mail.EnvFrom: "园区党建平台 <dangjian@example.gov.cn>", mail.EnvBaseURL: site.URL,
	}.get)
	if err != nil {
		t.Fatal(err)
	}
	sender := mail.NewSender(site.Store, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	sec, staff := newTab(t), newTab(t)
	signIn(t, sec, site, "sec04", testPassword)
	signIn(t, staff, site, "staff1", testPassword)

	do(t, sec,
		chromedp.Navigate(site.URL+"/org/notifications"),
		chromedp.Click(chromedp.CSS(`[data-testid="email-settings"]`)),
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), "sec04@example.gov.cn"),
		chromedp.Click(chromedp.CSS(`form.form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="saved"]`)),
	)
	do(t, sec, activityFormFilled(site, "党课进车间")...)
	do(t, sec,
		chromedp.Click(chromedp.CSS(`[data-testid="draft"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="submit-from-page"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="submit-from-page"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="check-answers"]`)),
	)
	if answers := run(t, sec, chromedp.Text(chromedp.CSS(`[data-testid="check-answers"]`))); !strings.Contains(answers, "党课进车间") {
		t.Fatalf("the check page shows %q", answers)
	}
	do(t, sec,
		chromedp.Click(chromedp.CSS(`[data-testid="confirm-submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice"]`)),
	)
	if status := run(t, sec, chromedp.Text(chromedp.CSS(`[data-testid="status"]`))); status != "待审核" {
		t.Fatalf("status after confirming %q", status)
	}

	do(t, staff,
		chromedp.Navigate(site.URL+"/workbench/review"),
		chromedp.Click(chromedp.CSS(`[data-testid="review-queue"] a`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="return-form"]`)),
		chromedp.SendKeys(chromedp.ID("comment"), "请写明第几期"),
		chromedp.Click(chromedp.CSS(`[data-testid="return"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice"]`)),
	)

	if _, _, err := sender.SendDue(context.Background()); err != nil {
		t.Fatal(err)
	}
	var link string
	for _, m := range srv.Messages() {
		if m.To[0] != "sec04@example.gov.cn" {
			continue
		}
		text := mailtest.Text(t, m.Data)
		if !strings.Contains(text, "请写明第几期") {
			t.Fatalf("the notice lacks the comment:\n%s", text)
		}
		link = regexp.MustCompile(regexp.QuoteMeta(site.URL) + `/org/filings/\d+`).FindString(text)
	}
	if link == "" {
		t.Fatalf("no notice with a link to the filing reached sec04 (%d mails)", len(srv.Messages()))
	}
	do(t, sec,
		chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile, chromedp.EmulateTouch),
		chromedp.Navigate(link),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="return-comment"]`)),
	)
	shoot(t, sec, "mail-link")
	bottom := run(t, sec, chromedp.Evaluate[float64](`document.querySelector('[data-testid="return-comment"]').getBoundingClientRect().bottom`))
	if comment := run(t, sec, chromedp.Text(chromedp.CSS(`[data-testid="return-comment"]`))); !strings.Contains(comment, "请写明第几期") || bottom > 812 {
		t.Errorf("the mail's link shows %q ending at %.0f px", comment, bottom)
	}
}

type env map[string]string

func (e env) get(k string) string { return e[k] }
