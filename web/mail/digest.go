package mail

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"parkportal/store"
)

// The daily digest: once a day, at the configured hour (China time),
// every account with an address is mailed what falls due (store.DueOn):
// staff the whole park's, a secretary their own organisation's. A day's
// digest is taken by one process (store.QueueDigest's lock row), so that
// several portal processes send it once; an account with nothing due gets
// no mail.

// china is the park's clock for the digest's day and hour.
var china = time.FixedZone("CST", 8*3600)

// maxListed is how many items of a kind a staff digest names; the rest
// are counted.
const maxListed = 10

var dueHeadings = map[string]string{
	store.DueProbation: "预备期将满一年或已满一年、尚未转正的党员",
	store.DueActivist:  "列为入党积极分子已满一年、可确定为发展对象的",
	store.DueTerm:      "六个月内到期、需要换届的党组织",
	store.DueWaiting:   "提交后等待审核超过 7 天的报送",
	store.DueReturned:  "退回修改后 7 天仍未重新提交的报送",
}

// digestDue tells whether now is past the digest's hour on its day.
func (s *Sender) digestDue(now time.Time) (day string, due bool) {
	local := now.In(china)
	return local.Format(time.DateOnly), local.Hour() >= s.cfg.DigestHour
}

// maybeDigest makes the day's digest once its hour has come, unless this
// sender already saw the day's digest made.
func (s *Sender) maybeDigest(ctx context.Context) error {
	day, due := s.digestDue(s.now())
	if !due || day == s.digestDay {
		return nil
	}
	if _, err := s.RunDigest(ctx); err != nil {
		return err
	}
	s.digestDay = day
	return nil
}

// RunDigest makes today's digest: it reads what falls due, composes each
// recipient's mail and queues them all with the day's lock; it tells how
// many it queued (0 when the day's digest was made before).
func (s *Sender) RunDigest(ctx context.Context) (int, error) {
	now := s.now()
	day, _ := s.digestDue(now)
	date, _ := time.Parse(time.DateOnly, day)
	items, err := s.store.DueOn(ctx, date)
	if err != nil {
		return 0, err
	}
	users, err := s.store.MailRecipients(ctx)
	if err != nil {
		return 0, err
	}
	var mails []store.Mail
	for _, u := range users {
		// A park's staff and secretaries are told of their own park's
		// (a secretary of their own organisation's); admin of every park's.
		mine, path := items, "/workbench"
		if u.Role.InPark() {
			mine = nil
			for _, it := range items {
				if it.Park == u.Park && (u.Role != store.RoleSecretary || it.Organization == u.Organization) {
					mine = append(mine, it)
				}
			}
		}
		if u.Role == store.RoleSecretary {
			path = "/org"
		}
		if u.Role == store.RoleDistrict {
			continue // the district's users follow the parks' figures, not their members
		}
		if len(mine) == 0 {
			continue
		}
		subject := fmt.Sprintf("%s 待办提醒：%d 项", day, len(mine))
		mails = append(mails, store.Mail{Key: "digest:" + day + ":" + strconv.FormatInt(u.ID, 10), UserID: u.ID, Address: u.Email,
			Subject: subject, Body: digestBody(mine, u.Role != store.RoleSecretary), Path: path})
	}
	queued, err := s.store.QueueDigest(ctx, day, mails, now)
	if err != nil || !queued {
		return 0, err
	}
	s.Wake()
	return len(mails), nil
}

// digestBody is the text of a digest: a paragraph per kind, each item with
// its date; staff's list the first maxListed lines of a kind and count the
// rest.
func digestBody(items []store.DueItem, staff bool) string {
	var b strings.Builder
	b.WriteString("以下事项需要关注：")
	for _, kind := range store.DueKinds {
		lines, n := digestLines(items, kind, staff)
		if n == 0 {
			continue
		}
		listed := lines
		if staff && len(lines) > maxListed {
			listed = lines[:maxListed]
		}
		b.WriteString("\n\n" + dueHeadings[kind] + "，共 " + strconv.Itoa(n) + " 项：\n" + strings.Join(listed, "\n"))
		if len(listed) < len(lines) {
			b.WriteString("\n……等 " + strconv.Itoa(n) + " 项，详见平台。")
		}
	}
	return b.String()
}

// digestLines are a kind's lines and how many items they tell of. A
// secretary's name their own members and filings. Staff's go outside the
// portal to people of none of these organisations, so they name no one:
// members are counted per organisation, filings given by number (a member
// filing's title is the member's name).
func digestLines(items []store.DueItem, kind string, staff bool) (lines []string, n int) {
	var orgs []string
	members, earliest := map[string]int{}, map[string]string{}
	for _, it := range items {
		if it.Kind != kind {
			continue
		}
		n++
		switch {
		case staff && (kind == store.DueProbation || kind == store.DueActivist):
			if members[it.OrganizationName] == 0 {
				orgs, earliest[it.OrganizationName] = append(orgs, it.OrganizationName), it.Date
			}
			members[it.OrganizationName]++
		case staff && (kind == store.DueWaiting || kind == store.DueReturned):
			lines = append(lines, "· "+it.OrganizationName+"：第 "+strconv.FormatInt(it.FilingID, 10)+" 号报送（"+it.Date+"）")
		default: // a secretary's own, or a term (named by its organisation)
			lines = append(lines, "· "+it.Title+"（"+it.Date+"）")
		}
	}
	for _, o := range orgs {
		lines = append(lines, "· "+o+"："+strconv.Itoa(members[o])+" 人（最早 "+earliest[o]+"）")
	}
	return lines, n
}
