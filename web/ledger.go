package web

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
	"parkportal/web/sheet"
)

// The ledger engine. Every staff ledger has the same pages: its list (with
// an Excel export), a record's page, the form that makes or changes a
// record, and the confirmation of a delete. Their flow (find the record,
// read the form, check it, save it against the version the form was
// opened on, come back with the problems or the conflict, go to the
// record) is written once here. A collection gives only what differs, as
// a ledger value: its names, its form (reading, checking, drawing), its
// list's filters and columns, and its record page's summary.

// record is what the engine asks of a ledger's record: the import's rules.
type record interface {
	Validate() []store.Problem
}

// ledger is one staff ledger of records R, edited through forms F.
type ledger[R record, F any] struct {
	collection store.Collection
	path       string // the ledger's URL: /workbench/designations
	names      ledgerNames
	access     recordAccess[R]
	form       ledgerForm[R, F]
	// fields are the record's fields in its pages' order, and show how a
	// value reads: the history and a conflict show the record with them.
	fields []string
	show   func(field string, v any) string
	// title names a record: its page's heading, its delete confirmation.
	title func(ctx context.Context, s *Server, r R) (string, error)
	// list is the ledger's page: its filters, columns and rows.
	list func(s *Server, c echo.Context) (ledgerList, error)
	// record fills in a record's page: its summary, text and related
	// records (the engine gives the heading, links and history).
	record func(ctx context.Context, s *Server, r R, page *views.StaffRecord) error
	// export is the ledger's spreadsheet, as filtered on its page.
	export func(s *Server, c echo.Context) ([]sheet.Column, [][]any, error)
	// saved, when given, is where a saved form goes instead of the
	// record's page (a survey goes back to its enterprise).
	saved func(r R) string
	// The list's and the records' pages are kept per revision in the page
	// cache (staff_cache.go): the same for every staff member until the
	// records change. listKey, when given, names a list request by its
	// parsed query; else its query as sent names it (queryKey).
	listKey func(s *Server, c echo.Context) string
	// sheet, when given, are the export's columns, and what an Excel
	// upload in the export's layout reads back (ledger_upload.go).
	sheet []sheetField
}

// ledgerNames are the words a ledger's pages use.
type ledgerNames struct {
	ledger string // 企业认定台账
	record string // 认定: "认定已保存。"
	create string // the new form's heading: 登记企业认定
	edit   string // the edit form's heading: 修改企业认定
	remove string // the delete confirmation's heading: 删除企业认定
	// newText is the ledger's button to the new form (登记认定), none when
	// records are made elsewhere; editText and deleteText say, to a screen
	// reader, what a record page's 修改 and 删除 change (认定信息,
	// 删除这项认定).
	newText, editText, deleteText string
	// sheet, when given, names the export instead of ledger (a file name
	// without quotes).
	sheet string
	// page, when given, ends a record page's title instead of ledger
	// (张三 - 党员发展).
	page string
	// notices, when given, are the notices by ?done= instead of
	// record+"已保存。" on a record's page and record+"已删除。" on the
	// list ("" for none).
	notices map[string]string
}

// recordAccess is how the engine reads and writes a ledger's records,
// each named in its URLs by ref: its rowid, or its interchange id for the
// ledgers whose URLs carry one.
type recordAccess[R any] struct {
	// find is the record of ref and its rowid; store.ErrNotFound when
	// there is none.
	find func(ctx context.Context, st *store.Store, ref string) (R, int64, error)
	// save writes r as a new record (ref "") or over ref's.
	save func(ctx context.Context, st *store.Store, actor store.Actor, ref string, r R) (store.AuditEntry, error)
	// remove deletes ref's record at version.
	remove func(ctx context.Context, st *store.Store, actor store.Actor, ref string, version int64) (store.AuditEntry, error)
	// ref is the saved record's ref, from its audit entry.
	ref func(e store.AuditEntry) string
	// param is the ref's name in the route: "key" or "id".
	param string
}

// keyed is the access of a ledger whose records are named by rowid.
func keyed[R record](find func(*store.Store, context.Context, int64) (R, error),
	save func(*store.Store, context.Context, store.Actor, int64, R) (store.AuditEntry, error),
	remove func(*store.Store, context.Context, store.Actor, int64, int64) (store.AuditEntry, error)) recordAccess[R] {
	return recordAccess[R]{
		find: func(ctx context.Context, st *store.Store, ref string) (R, int64, error) {
			key, err := parseKey(ref)
			if err != nil {
				var none R
				return none, 0, err
			}
			r, err := find(st, ctx, key)
			return r, key, err
		},
		save: func(ctx context.Context, st *store.Store, actor store.Actor, ref string, r R) (store.AuditEntry, error) {
			var key int64
			if ref != "" {
				var err error
				if key, err = parseKey(ref); err != nil {
					return store.AuditEntry{}, err
				}
			}
			return save(st, ctx, actor, key, r)
		},
		remove: func(ctx context.Context, st *store.Store, actor store.Actor, ref string, version int64) (store.AuditEntry, error) {
			key, err := parseKey(ref)
			if err != nil {
				return store.AuditEntry{}, err
			}
			return remove(st, ctx, actor, key, version)
		},
		ref:   func(e store.AuditEntry) string { return strconv.FormatInt(e.RecordKey, 10) },
		param: "key",
	}
}

// byID is the access of a ledger whose records are named by their
// interchange id: staff, enterprises, organisations and members.
func byID[R record](find func(*store.Store, context.Context, string) (R, int64, error),
	save func(*store.Store, context.Context, store.Actor, string, R) (store.AuditEntry, error),
	remove func(*store.Store, context.Context, store.Actor, string, int64) (store.AuditEntry, error)) recordAccess[R] {
	return recordAccess[R]{
		find: func(ctx context.Context, st *store.Store, ref string) (R, int64, error) {
			if ref == "" {
				var none R
				return none, 0, store.ErrNotFound
			}
			return find(st, ctx, ref)
		},
		save: func(ctx context.Context, st *store.Store, actor store.Actor, ref string, r R) (store.AuditEntry, error) {
			return save(st, ctx, actor, ref, r)
		},
		remove: func(ctx context.Context, st *store.Store, actor store.Actor, ref string, version int64) (store.AuditEntry, error) {
			return remove(st, ctx, actor, ref, version)
		},
		ref:   func(e store.AuditEntry) string { return e.RecordID },
		param: "id",
	}
}

// parseKey reads a rowid from a URL; store.ErrNotFound when it is none.
func parseKey(ref string) (int64, error) {
	key, err := strconv.ParseInt(ref, 10, 64)
	if err != nil || key <= 0 {
		return 0, store.ErrNotFound
	}
	return key, nil
}

// ledgerForm is a ledger's form: the record as typed (F), read from and
// into the record, and drawn.
type ledgerForm[R, F any] struct {
	// blank is the new form, filled in from the page it was opened on
	// (?enterprise=, ?organizer=).
	blank func(c echo.Context) F
	// propose, when given, fills in what a new form proposes from the
	// database: an unused id.
	propose func(ctx context.Context, s *Server, f *F) error
	// of is the form filled in with a record.
	of func(r R) F
	// read is the form as posted.
	read func(values url.Values) F
	// resolve, when given, turns what the form's pickers hold (a name or
	// an id) into ids before the record is read.
	resolve func(ctx context.Context, s *Server, f *F) error
	// record is the record the form describes, and the problems of what
	// could not be read as its field's type.
	record func(f F) (R, []store.Problem)
	// keep, when given, carries into the record an update describes what
	// the form does not change, from the record as stored (the review
	// status a secretary's filing gave it).
	keep func(stored R, r *R)
	// order, when given, is the form's fields from top to bottom where
	// they are not in the ledger's fields' order.
	order []string
	// draw is the form's page around frame.
	draw func(ctx context.Context, s *Server, f F, frame views.FormFrame) (templ.Component, error)
}

// ledgerList is a ledger's page as its collection fills it; the engine
// adds the ledger's name, its buttons and notices.
type ledgerList struct {
	view  views.RecordLedger
	title string // the page's title: the ledger's name and its page
	// page, when given, is the ledger's own page instead of view (the
	// enterprises' sorted columns, the staff's lists of enterprises
	// without them), given the engine's notice.
	page func(notice string) templ.Component
}

// ledgerPages is a ledger whatever its record: what routes() and the
// tests that run every ledger's form need.
type ledgerPages interface {
	routes(s *Server, e *echo.Echo, staff echo.MiddlewareFunc)
	// cachedPaths are the routes of its pages kept in the page cache.
	cachedPaths() []string
	// listURL is its list's URL.
	listURL() string
	// kind is its collection; shown how its pages show a record field by
	// field (history, conflicts); formOrder its form's fields from top to
	// bottom (the error summary's order).
	kind() store.Collection
	shown() ledgerField
	formOrder() []string
	// readRecord is the record a posted form describes, without the
	// database (its pickers' values taken as ids).
	readRecord(values url.Values) (record, []store.Problem)
}

// staffLedgers are the ledgers on the engine, in the workspace's order.
var staffLedgers = []ledgerPages{
	enterprises,
	surveys,
	organizations,
	staffLedger,
	members,
	services,
	activities,
	platforms,
	designations,
	brands,
	awards,
	responsibilityRecords,
}

func (l *ledger[R, F]) listURL() string { return l.path }

func (l *ledger[R, F]) kind() store.Collection { return l.collection }

func (l *ledger[R, F]) shown() ledgerField { return ledgerField{l.fields, l.show} }

func (l *ledger[R, F]) formOrder() []string {
	if l.form.order != nil {
		return l.form.order
	}
	return l.fields
}

// readRecord is the record a posted form describes (ledgerPages).
func (l *ledger[R, F]) readRecord(values url.Values) (record, []store.Problem) {
	return l.form.record(l.form.read(values))
}

// href is the URL of the record named ref.
func (l *ledger[R, F]) href(ref string) string { return l.path + "/" + url.PathEscape(ref) }

// one is the route of a record's page.
func (l *ledger[R, F]) one() string { return l.path + "/:" + l.access.param }

// cachedPaths are the routes of the ledger's pages kept in the page cache.
func (l *ledger[R, F]) cachedPaths() []string {
	out := []string{l.path, l.one(), l.path + "/new", l.one() + "/edit", l.one() + "/delete"}
	if l.sheet != nil {
		out = append(out, l.path+"/upload")
	}
	return out
}

// routes registers the ledger's pages, for staff.
func (l *ledger[R, F]) routes(s *Server, e *echo.Echo, staff echo.MiddlewareFunc) {
	one := l.one()
	listKey := func(c echo.Context) string { return queryKey(c) }
	if l.listKey != nil {
		listKey = func(c echo.Context) string { return l.listKey(s, c) }
	}
	// A district's user reads the ledgers not of people: their lists and
	// records, read-only (views.ReadOnly).
	readers := staff
	if views.ReaderLedgers[l.path] {
		readers = s.staffOnly(store.RoleDistrict)
	}
	e.GET(l.path, s.cachedStaff(func(c echo.Context) error { return l.showList(s, c) }, listKey), readers)
	e.GET(l.path+".xlsx", l.exportSheet(s), staff)
	// Pages and forms as they open are kept per revision (staff_cache.go);
	// a form's token is put in per request.
	cached := func(h echo.HandlerFunc) echo.HandlerFunc { return s.cachedStaff(h, queryKey) }
	e.GET(l.path+"/new", cached(func(c echo.Context) error { return l.newForm(s, c) }), staff)
	e.POST(l.path, func(c echo.Context) error { return l.save(s, c, "", nil) }, staff)
	e.GET(one, s.cachedStaff(func(c echo.Context) error { return l.showRecord(s, c) }, staffKey), readers)
	e.GET(one+"/edit", cached(func(c echo.Context) error { return l.editForm(s, c) }), staff)
	e.POST(one, func(c echo.Context) error { return l.update(s, c) }, staff)
	e.GET(one+"/delete", cached(func(c echo.Context) error {
		v, err := l.deleteView(s, c)
		if err != nil {
			return err
		}
		return s.showKeyedDelete(c, v)
	}), staff)
	e.POST(one+"/delete", func(c echo.Context) error { return l.delete(s, c) }, staff)
	l.uploadRoutes(s, e, staff, cached)
}

// refOf is the ref of the URL's record; "" (which names none) when it is
// no path segment.
func (l *ledger[R, F]) refOf(c echo.Context) string {
	ref, err := url.PathUnescape(c.Param(l.access.param))
	if err != nil {
		return ""
	}
	return ref
}

// find is the record of the URL and its ref; 404 when there is none.
func (l *ledger[R, F]) find(s *Server, c echo.Context) (R, int64, string, error) {
	ref := l.refOf(c)
	r, key, err := l.access.find(c.Request().Context(), s.store, ref)
	if err != nil {
		return r, 0, "", notFoundOr(err)
	}
	return r, key, ref, nil
}

// notFoundOr is 404 for a record that is not there, else err.
func notFoundOr(err error) error {
	if err == store.ErrNotFound {
		return echo.ErrNotFound
	}
	return err
}

// showList is the ledger's page.
func (l *ledger[R, F]) showList(s *Server, c echo.Context) error {
	list, err := l.list(s, c)
	if err != nil {
		return err
	}
	notice := uploadNotice(c)
	if done := c.QueryParam("done"); done == "deleted" {
		notice = l.notice(done)
	}
	if list.page != nil {
		return s.staffPage(c, list.title, list.page(notice))
	}
	v := list.view
	v.Section, v.Heading, v.Notice = l.path, l.names.ledger, notice
	if l.names.newText != "" {
		v.NewURL, v.NewText = l.path+"/new", l.names.newText
	}
	if l.sheet != nil {
		v.UploadURL = l.path + "/upload"
	}
	if views.ReadOnly(c.Request().Context()) {
		v.NewURL, v.UploadURL, v.ExportURL = "", "", ""
	}
	return s.staffPage(c, list.title, views.RecordLedgerPage(v))
}

// notice is what a page says after done (saved, deleted …).
func (l *ledger[R, F]) notice(done string) string {
	if n, ok := l.names.notices[done]; ok {
		return n
	}
	return map[string]string{"saved": l.names.record + "已保存。", "deleted": l.names.record + "已删除。"}[done]
}

// exportSheet is the ledger's spreadsheet, as filtered on its page.
func (l *ledger[R, F]) exportSheet(s *Server) echo.HandlerFunc {
	return func(c echo.Context) error {
		columns, rows, err := l.export(s, c)
		if err != nil {
			return err
		}
		name := l.names.ledger
		if l.names.sheet != "" {
			name = l.names.sheet
		}
		return s.sendSheet(c, name, string(l.collection), columns, rows)
	}
}

// showRecord is a record's page.
func (l *ledger[R, F]) showRecord(s *Server, c echo.Context) error {
	ctx := c.Request().Context()
	r, key, ref, err := l.find(s, c)
	if err != nil {
		return err
	}
	title, err := l.title(ctx, s, r)
	if err != nil {
		return err
	}
	href := l.href(ref)
	v := views.StaffRecord{
		Section: l.path, Trail: []views.Link{{Href: l.path, Label: l.names.ledger}},
		Title:   title,
		EditURL: href + "/edit", EditText: l.names.editText,
		DeleteURL: href + "/delete", DeleteText: l.names.deleteText,
	}
	if done := c.QueryParam("done"); done != "deleted" {
		v.Notice = l.notice(done)
	}
	if err := l.record(ctx, s, r, &v); err != nil {
		return err
	}
	if views.ReadOnly(ctx) {
		readerRecord(l.collection, &v)
	} else if v.History, err = s.recordHistory(ctx, l.collection, key, l.fields, l.show); err != nil {
		return err
	}
	return s.staffPage(c, title+" - "+cmp.Or(l.names.page, l.names.ledger), views.StaffRecordPage(v))
}

// newForm is the form of a new record: blank, with what it proposes.
func (l *ledger[R, F]) newForm(s *Server, c echo.Context) error {
	f := l.form.blank(c)
	if l.form.propose != nil {
		if err := l.form.propose(c.Request().Context(), s, &f); err != nil {
			return err
		}
	}
	return l.drawForm(s, c, http.StatusOK, f, "", views.Edit{}, nil)
}

// editForm is the form filled in with the record of the URL, at its
// version.
func (l *ledger[R, F]) editForm(s *Server, c echo.Context) error {
	r, _, ref, err := l.find(s, c)
	if err != nil {
		return err
	}
	return l.drawForm(s, c, http.StatusOK, l.form.of(r), ref, views.Edit{Version: store.VersionOf(r)}, nil)
}

// drawForm writes the form page: new (ref "") or the record's.
func (l *ledger[R, F]) drawForm(s *Server, c echo.Context, status int, f F, ref string, edit views.Edit, errs views.Errors) error {
	frame := views.FormFrame{Action: l.path, Heading: l.names.create, CancelURL: l.path, Errors: errs, CSRF: s.csrfToken(c), Edit: edit,
		Label: labelsOf(l.collection), Preview: c.Request().Method == http.MethodPost && c.FormValue("action") == "preview"}
	if ref != "" {
		frame.Action, frame.Heading, frame.CancelURL = l.href(ref), l.names.edit, l.href(ref)
	}
	content, err := l.form.draw(c.Request().Context(), s, f, frame)
	if err != nil {
		return err
	}
	return s.formPage(c, status, formTitle(frame.Heading, errs, edit), content)
}

// update saves the form over the record of the URL.
func (l *ledger[R, F]) update(s *Server, c echo.Context) error {
	stored, _, ref, err := l.find(s, c)
	if err != nil {
		return err
	}
	return l.save(s, c, ref, &stored)
}

// save is the form's flow: read it, check it, save it against the
// version it was opened on (over stored, the record of ref, on an
// update). The form comes back with everything typed: with the problems
// at their fields (422), or with what changed since it was opened (409);
// a saved record's page follows (303).
func (l *ledger[R, F]) save(s *Server, c echo.Context, ref string, stored *R) error {
	ctx := c.Request().Context()
	values, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, string(l.collection)+" form").SetInternal(err)
	}
	f := l.form.read(values)
	edit := views.Edit{Version: formVersion(values)}
	if l.form.resolve != nil {
		if err := l.form.resolve(ctx, s, &f); err != nil {
			return err
		}
	}
	r, problems := l.form.record(f)
	if stored != nil && l.form.keep != nil {
		l.form.keep(*stored, &r)
	}
	r = store.WithVersion(r, edit.Version)
	if values.Get("action") == "preview" { // back as typed, on the version it was opened at, nothing saved
		return l.drawForm(s, c, http.StatusOK, f, ref, edit, nil)
	}
	if len(problems) > 0 {
		// What could not be read is said once; the rules speak for the rest.
		problems = append(problems, otherProblems(r.Validate(), problemFields(problems)...)...)
	} else {
		entry, err := l.access.save(ctx, s.store, actorOf(c), ref, r)
		if conflict, ok := s.conflictEdit(ctx, err, r, l.href(ref)); ok {
			return l.drawForm(s, c, http.StatusConflict, f, ref, conflict, nil)
		}
		if err == nil && l.saved != nil {
			return c.Redirect(http.StatusSeeOther, l.saved(r))
		}
		var done bool
		if problems, done, err = saveOutcome(c, err, l.path+"/"+url.PathEscape(l.access.ref(entry))); done {
			return err
		}
	}
	return l.drawForm(s, c, http.StatusUnprocessableEntity, f, ref, edit, formErrors(l.collection, problems))
}

// problemFields are the fields the problems are at.
func problemFields(ps []store.Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Field
	}
	return out
}

// deleteView is the confirmation of deleting the record of the URL, at
// the version it shows; while others refer to the record, it says so at
// once (MOJ "confirm an action").
func (l *ledger[R, F]) deleteView(s *Server, c echo.Context) (views.DeleteConfirm, error) {
	r, key, ref, err := l.find(s, c)
	if err != nil {
		return views.DeleteConfirm{}, err
	}
	ctx := c.Request().Context()
	title, err := l.title(ctx, s, r)
	if err != nil {
		return views.DeleteConfirm{}, err
	}
	v := s.keyedDeleteView(c, l.path, l.names.ledger, l.names.remove, l.href(ref), title, store.VersionOf(r))
	var refused *store.ReferencedError
	if err := s.store.ReferencedBy(ctx, l.collection, key, title); errors.As(err, &refused) {
		v.Refusal = refused.Error()
	} else if err != nil {
		return v, err
	}
	return v, nil
}

// delete deletes the record of the URL at the version its confirmation
// was opened on (deleteConfirmed).
func (l *ledger[R, F]) delete(s *Server, c echo.Context) error {
	ref := l.refOf(c)
	return s.deleteConfirmed(c, l.path, func(version int64) error {
		_, err := l.access.remove(c.Request().Context(), s.store, actorOf(c), ref, version)
		return err
	}, func(c echo.Context) (views.DeleteConfirm, error) { return l.deleteView(s, c) })
}
