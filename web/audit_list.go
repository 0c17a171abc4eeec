package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// auditPageSize is how many entries the audit log shows at a time.
const auditPageSize = 50

// showAuditLog is /admin/audit: the whole audit log, newest first,
// filtered by user, collection and date, paged by "older than".
func (s *Server) showAuditLog(c echo.Context) error {
	q := c.QueryParams()
	f := store.AuditFilter{Username: strings.TrimSpace(q.Get("user")), Collection: store.Collection(q.Get("collection")), Limit: auditPageSize + 1}
	if len(f.Username) > 64 {
		f.Username = ""
	}
	known := f.Collection == "document"
	for _, col := range auditCollections {
		known = known || col == f.Collection
	}
	if !known {
		f.Collection = ""
	}
	from, to := q.Get("from"), q.Get("to")
	if t, ok := store.ParseDate(from); ok {
		f.From = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, chinaTime)
	} else {
		from = ""
	}
	if t, ok := store.ParseDate(to); ok {
		f.To = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, chinaTime).AddDate(0, 0, 1)
	} else {
		to = ""
	}
	if n, err := strconv.ParseInt(q.Get("before"), 10, 64); err == nil && n > 0 {
		f.Before = n
	}
	entries, err := s.store.AuditEntries(c.Request().Context(), f)
	if err != nil {
		return err
	}
	v := views.AuditLog{Username: f.Username, Collection: string(f.Collection), From: from, To: to}
	v.Collections = append(v.Collections, views.Option{Value: "document", Label: "整份导入", Selected: f.Collection == "document"})
	for _, col := range auditCollections {
		v.Collections = append(v.Collections, views.Option{Value: string(col), Label: store.CollectionLabel(col), Selected: col == f.Collection})
	}
	base := url.Values{}
	for _, kv := range [][2]string{{"user", f.Username}, {"collection", string(f.Collection)}, {"from", from}, {"to", to}} {
		if kv[1] != "" {
			base.Set(kv[0], kv[1])
		}
	}
	without := func(key string) string {
		w := url.Values{}
		for k, vs := range base {
			if k != key {
				w[k] = vs
			}
		}
		if len(w) == 0 {
			return "/admin/audit"
		}
		return "/admin/audit?" + w.Encode()
	}
	for _, t := range []struct{ key, label string }{
		{"user", "用户名：" + f.Username}, {"collection", "台账：" + auditCollectionLabel(f.Collection)}, {"from", "自 " + views.Date(from)}, {"to", "至 " + views.Date(to)},
	} {
		if base.Get(t.key) != "" {
			v.Tags = append(v.Tags, views.FilterTag{Label: t.label, RemoveURL: without(t.key)})
		}
	}
	if len(entries) > auditPageSize {
		entries = entries[:auditPageSize]
		next := url.Values{}
		for k, vs := range base {
			next[k] = vs
		}
		next.Set("before", strconv.FormatInt(entries[len(entries)-1].ID, 10))
		v.NextURL = "/admin/audit?" + next.Encode()
	}
	for _, e := range entries {
		r := views.AuditRow{
			When: views.Timestamp(e.At), Who: e.Author(), Action: actionNames[e.Action],
			Collection: auditCollectionLabel(e.Collection), Title: e.Title,
		}
		if r.Who != e.Username {
			r.Login = e.Username // what the filter by user name takes
		}
		switch e.Collection {
		case "document":
			r.Note = strings.SplitN(e.Note, " {", 2)[0]
		case "users": // what was done to the account: 新建账号, 停用账号, 重置密码 …
			r.Note = e.Note
		}
		if e.Action != store.ActionDelete && e.RecordID != "" {
			switch e.Collection {
			case "enterprises":
				r.Href = staffEnterpriseHref(e.RecordID)
			case "organizations":
				r.Href = staffOrganizationHref(e.RecordID)
			case "members":
				r.Href = staffMemberHref(e.RecordID)
			}
		}
		if e.Collection == "filings" {
			r.Href = reviewHref(e.RecordKey)
		}
		v.Rows = append(v.Rows, r)
	}
	return s.render(c, http.StatusOK, s.page(c, "修改记录"), views.AuditLogPage(v))
}

// auditCollections are what the log can be filtered by: the ledgers, the
// secretaries' filings and their photos, and the accounts.
var auditCollections = append(append([]store.Collection{}, store.Collections...), "filings", "photos", "users")

func auditCollectionLabel(c store.Collection) string {
	if c == "document" {
		return "整份导入"
	}
	return store.CollectionLabel(c)
}
