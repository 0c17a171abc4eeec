package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// No silent overwrite, on the web side: every edit form and delete
// confirmation carries the version of the record it was opened on (a
// hidden field, views.VersionField); the store refuses a change against a
// version that is no longer the record's with a *store.ConflictError, and
// the form comes back (409) with everything typed, what the other person
// changed beside it (views.ConflictPanel), and the record's new version,
// so that saving again is the clerk's decision.

// ledgerField is how a ledger shows its records field by field: its fields
// in its pages' order and how a value shows. History and conflicts use it.
type ledgerField struct {
	fields []string
	show   func(field string, v any) string
}

// ledgerFields is how the ledger of collection c shows its records field
// by field, as it registered with the engine (staffLedgers); ok is false
// for a collection on no ledger.
func ledgerFields(c store.Collection) (ledgerField, bool) {
	for _, l := range staffLedgers {
		if l.kind() == c {
			return l.shown(), true
		}
	}
	return ledgerField{}, false
}

// formVersion is the version of the record a posted form was opened on;
// 0 (which no stored record has) when the form names none.
func formVersion(values url.Values) int64 {
	v, err := strconv.ParseInt(values.Get("version"), 10, 64)
	if err != nil || v < 0 {
		return 0
	}
	return v
}

// postedVersion is formVersion of the posted form of c.
func postedVersion(c echo.Context) int64 {
	values, err := c.FormParams()
	if err != nil {
		return 0
	}
	return formVersion(values)
}

// conflictEdit is the form's state after a change refused by err because
// the record moved: the record's new version and the panel that shows
// what changed, beside yours (the record as typed; nil for a delete).
// ok is false when err is no conflict. The records referred to are named,
// as in a record's history.
func (s *Server) conflictEdit(ctx context.Context, err error, yours any, viewURL string) (views.Edit, bool) {
	var conflict *store.ConflictError
	if !errors.As(err, &conflict) {
		return views.Edit{}, false
	}
	lf, known := ledgerFields(conflict.Collection)
	if !known {
		lf = ledgerField{show: func(_ string, v any) string { return plainValue(v) }}
	}
	base, theirs := decodeRecord(conflict.Base), decodeRecord(conflict.Theirs)
	var mine map[string]any
	if yours != nil {
		b, _ := json.Marshal(yours)
		mine = decodeRecord(b)
	}
	if err := s.nameReferences(ctx, []map[string]any{base, theirs, mine}); err != nil {
		s.log.Warn("naming a conflict's references", "err", err) // the ids stay: the panel still says what changed
	}
	panel := &views.Conflict{
		Title: conflict.Title, Who: changedBy(conflict.Since), ViewURL: viewURL,
		Deleting: yours == nil, HasSeen: conflict.Base != nil,
	}
	for _, field := range lf.fields {
		t := lf.show(field, theirs[field])
		row := views.ConflictRow{Label: store.FieldLabel(conflict.Collection, field), Theirs: t}
		if panel.HasSeen {
			row.Seen = lf.show(field, base[field])
			row.Moved = row.Seen != t
		}
		if mine != nil {
			row.Yours = lf.show(field, mine[field])
		}
		if row.Moved || (mine != nil && row.Yours != t) {
			panel.Rows = append(panel.Rows, row)
		}
	}
	return views.Edit{Version: conflict.Current, Conflict: panel}, true
}

// changedBy names who made changes, and when the last was made:
// 张三、李四（2026年3月1日 14:05）.
func changedBy(entries []store.AuditEntry) string {
	if len(entries) == 0 {
		return "他人"
	}
	var names []string
	for _, e := range entries {
		if !slices.Contains(names, e.Author()) {
			names = append(names, e.Author())
		}
	}
	last := views.Timestamp(entries[len(entries)-1].At)
	return strings.Join(names, "、") + "（" + last + "）"
}
