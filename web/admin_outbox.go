package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// outboxPageSize is how many mails /admin/outbox lists at once.
const outboxPageSize = 50

var mailStates = map[string]string{store.MailPending: "待发送", store.MailSent: "已发送", store.MailFailed: "未能发送"}

// showOutbox is /admin/outbox: the mail the portal sends, newest first,
// with how many wait, went and could not go, and the mail server's answer
// to each that failed. ?before=ID pages back.
func (s *Server) showOutbox(c echo.Context) error {
	before, _ := strconv.ParseInt(c.QueryParam("before"), 10, 64)
	mails, counts, err := s.store.Outbox(c.Request().Context(), before, outboxPageSize+1)
	if err != nil {
		return err
	}
	v := views.Outbox{Configured: s.store.SendsMail(), Pending: counts[store.MailPending], Sent: counts[store.MailSent], GivenUp: counts[store.MailFailed]}
	if len(mails) > outboxPageSize {
		mails = mails[:outboxPageSize]
		v.NextURL = "/admin/outbox?before=" + strconv.FormatInt(mails[len(mails)-1].ID, 10)
	}
	for _, m := range mails {
		r := views.OutboxRow{Queued: views.Timestamp(m.CreatedAt), To: m.Username + " <" + m.Address + ">", Subject: m.Subject,
			State: mailStates[m.MailState()], Attempts: m.Attempts, Answer: m.LastError}
		switch m.MailState() {
		case store.MailSent:
			r.When = views.Timestamp(m.SentAt)
		case store.MailFailed:
			r.Failed, r.When = true, views.Timestamp(m.FailedAt)
		default:
			r.When = "下次尝试 " + views.Timestamp(m.NextAt)
		}
		v.Rows = append(v.Rows, r)
	}
	return s.render(c, http.StatusOK, s.page(c, "邮件发送"), views.OutboxPage(v))
}
