package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
	"parkportal/web/photo"
)

// A secretary's filings. The organisation always comes from the account,
// never from the URL or the form: a filing id of another organisation is
// not found, and the store checks every enterprise, member, brand and photo
// a filing names against the organisation again inside its transaction.

func orgFilingHref(id int64) string { return "/org/filings/" + strconv.FormatInt(id, 10) }

// photoRef is the URLs of a photo.
func photoRef(id int64) views.PhotoRef {
	s := strconv.FormatInt(id, 10)
	return views.PhotoRef{ID: s, Thumb: "/photos/" + s + "/thumb", Full: "/photos/" + s}
}

func (s *Server) orgChoices(ctx context.Context, org string) (orgChoices, error) {
	es, err := s.store.OrganizationEnterpriseChoices(ctx, org)
	return orgChoices{enterprises: es}, err
}

// recordedMember is the ledger record that a filing of kind with record
// key changes when it is a member's; nil for a new member or one that is
// not the organisation's (the store refuses that filing; its dates are not
// shown).
func (s *Server) recordedMember(ctx context.Context, kind string, key int64, org string) (*store.Member, error) {
	if kind != store.FilingMember || key == 0 {
		return nil, nil
	}
	m, err := s.store.MemberByKey(ctx, key)
	if errors.Is(err, store.ErrNotFound) || (err == nil && m.Organization != org) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// renderFilingForm shows the form of body for filing f (f.ID 0 for a new
// one); action is where it posts.
func (s *Server) renderFilingForm(c echo.Context, status int, ff filingForm, f store.Filing, body any, action string, errs views.Errors) error {
	return s.renderFilingFormTyped(c, status, ff, f, body, action, errs, nil, nil, nil)
}

// filingOpened is the versions a form is made on, when the caller read
// them: a filing's stamp read before the filing itself (so that a save in
// between makes the next save a conflict, never an overwrite of what the
// form did not show), or, with preview, a form posted with 预览, which
// comes back as typed, its stories rendered, on the versions it was opened
// at (not the filing's or the record's now, which a later save must still
// check).
type filingOpened struct {
	stamp, recordVersion int64
	preview              bool
}

// renderFilingFormTyped is renderFilingForm with the fields of typed
// showing the text typed there (fields the body could not hold), and,
// when moved is set, with what staff changed in the ledger record since
// the form was opened.
func (s *Server) renderFilingFormTyped(c echo.Context, status int, ff filingForm, f store.Filing, body any, action string, errs views.Errors,
	typed map[string]string, moved *store.ConflictError, opened *filingOpened) error {
	preview := opened != nil && opened.preview
	u := viewerOf(c)
	o, err := s.orgChoices(c.Request().Context(), u.Organization)
	if err != nil {
		return err
	}
	if o.recorded, err = s.recordedMember(c.Request().Context(), ff.kind, f.RecordKey, u.Organization); err != nil {
		return err
	}
	v := views.FilingForm{
		Heading: ff.newTitle, Section: ff.section, Action: action, CancelURL: "/org",
		Fields: ff.fields(o, body, photoRef), Multipart: ff.photos != nil || ff.kind == store.FilingBrand,
		Errors: errs, CSRF: s.csrfToken(c),
	}
	v.Destination, v.Public = publishedTo(ff.kind)
	if o.recorded != nil {
		v.Lead = "已登记的阶段日期以台账为准，报送时不能修改；如有错误，请联系园区工作人员更正。"
	}
	for i, fl := range v.Fields {
		if t, ok := typed[fl.Name]; ok {
			v.Fields[i].Value = t
		}
		if fl.Story {
			v.Fields[i].PreviewAction = action + "#" + fl.Name + "-preview"
			if preview {
				v.Fields[i].Preview = storyPreview(v.Fields[i].Value)
			}
		}
	}
	if len(errs) > 0 || preview {
		if err := s.markHeldPhotos(c, v.Fields); err != nil {
			return err
		}
	}
	if f.ID != 0 {
		if opened != nil {
			v.Stamp = opened.stamp
		} else if v.Stamp, err = s.store.FilingStamp(c.Request().Context(), f.ID); err != nil {
			return err
		}
		v.Heading, v.CancelURL = ff.editTitle, orgFilingHref(f.ID)
		v.Comment = f.OpenComment()
		v.Published = f.PublishedVersion > 0
	}
	if f.RecordKey != 0 && f.ID == 0 {
		v.Heading, v.Published = ff.editTitle, true
	}
	if f.RecordKey != 0 && (f.RecordVersion != 0 || moved != nil) {
		var now int64
		if v.LedgerChanged, now, err = s.ledgerChangedSince(c.Request().Context(), ff, o, u.Organization, f, moved); err != nil {
			return err
		}
		if f.ID == 0 { // a new filing is made against the record as it is now
			v.RecordVersion = now
		}
	}
	if preview {
		if v.RecordVersion != 0 || f.ID == 0 && f.RecordKey != 0 {
			v.RecordVersion = opened.recordVersion
		}
	}
	title := v.Heading
	if len(errs) > 0 {
		title = "错误：" + title
	}
	return s.formPage(c, status, title, views.FilingFormPage(v))
}

// ledgerChangedSince is what staff changed in the ledger record filing f
// changes after the version f's copy is based on, field by field as the
// form shows it, and the record's version now; no change when nothing
// changed, the record is gone, or (a member's personal data) it is no
// longer the organisation's. The secretary, like every author, sees both
// before deciding.
func (s *Server) ledgerChangedSince(ctx context.Context, ff filingForm, o orgChoices, org string, f store.Filing, moved *store.ConflictError) (*views.LedgerChange, int64, error) {
	f.Kind = ff.kind // a new filing's is not set yet
	record, err := s.store.FilingRecordOf(ctx, f)
	if errors.Is(err, store.ErrNotFound) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	if moved != nil { // what changed since the form was opened, as the refusal found it
		record.Since, record.Base = moved.Since, moved.Base
	}
	then, now := ff.empty(), ff.empty()
	if json.Unmarshal(record.Body, now) != nil {
		return nil, record.Version, nil
	}
	// Another organisation's record is none of this form's business.
	if m, ok := now.(*store.Member); ok && m.Organization != org {
		return nil, 0, nil
	}
	if b, ok := now.(*store.BrandFiling); ok && b.Organization != org {
		return nil, 0, nil
	}
	if len(record.Since) == 0 {
		return nil, record.Version, nil
	}
	change := &views.LedgerChange{Who: changedBy(record.Since)}
	if record.Base == nil || json.Unmarshal(record.Base, then) != nil {
		return change, record.Version, nil
	}
	before, after := describe(ff, o, then), describe(ff, o, now)
	for i := range min(len(before), len(after)) {
		if before[i].value != after[i].value {
			change.Rows = append(change.Rows, views.FieldChange{Label: after[i].label, Before: before[i].value, After: after[i].value})
		}
	}
	return change, record.Version, nil
}

// markHeldPhotos marks the photos of a refused form's fields that wait
// for a saved filing, so that the form says they are not kept yet.
func (s *Server) markHeldPhotos(c echo.Context, fields []views.FormField) error {
	var ids []int64
	for _, fl := range fields {
		for _, p := range fl.Photos {
			if id, err := strconv.ParseInt(p.ID, 10, 64); err == nil {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	held, err := s.store.HeldPhotos(c.Request().Context(), viewerOf(c).Organization, ids)
	if err != nil {
		return err
	}
	for i := range fields {
		for j, p := range fields[i].Photos {
			id, _ := strconv.ParseInt(p.ID, 10, 64)
			if held[id] {
				fields[i].Photos[j].Held = true
				fields[i].HeldNote = fmt.Sprintf("已上传的照片暂存 %d 小时：保存草稿或提交审核后才会长期保留。", int(store.PhotoHold.Hours()))
			}
		}
	}
	return nil
}

// newFiling shows the empty form of a kind.
func (s *Server) newFiling(kind string) echo.HandlerFunc {
	ff := filingForms[kind]
	return func(c echo.Context) error {
		body := ff.empty()
		if a, ok := body.(*store.ActivityFiling); ok {
			a.Date = s.now().Format("2006-01-02")
		}
		return s.renderFilingForm(c, http.StatusOK, ff, store.Filing{}, body, "/org/"+kindPath(kind), nil)
	}
}

// kindPath is the collection URL segment of a kind.
func kindPath(kind string) string {
	switch kind {
	case store.FilingServiceRequest:
		return "services"
	case store.FilingBrand:
		return "brands"
	}
	return kind
}

// createFiling saves a new filing of a kind.
func (s *Server) createFiling(kind string) echo.HandlerFunc {
	ff := filingForms[kind]
	return func(c echo.Context) error {
		return s.saveFilingForm(c, ff, store.Filing{Kind: kind}, "/org/"+kindPath(kind))
	}
}

// filingOf is the filing of the URL, if it is the viewer's organisation's.
func (s *Server) filingOf(c echo.Context) (store.Filing, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return store.Filing{}, echo.ErrNotFound
	}
	f, err := s.store.FilingOf(c.Request().Context(), id, viewerOf(c).Organization)
	if errors.Is(err, store.ErrNotFound) {
		return f, echo.ErrNotFound
	}
	return f, err
}

func decodeBody(ff filingForm, f store.Filing) (any, error) {
	body := ff.empty()
	if err := json.Unmarshal(f.Body, body); err != nil {
		return nil, fmt.Errorf("filing %d: %w", f.ID, err)
	}
	return body, nil
}

// editFiling shows a filing's form filled in with its working copy, made
// on the stamp read before the copy.
func (s *Server) editFiling(c echo.Context) error {
	stamp, err := s.filingStampFirst(c)
	if err != nil {
		return err
	}
	f, err := s.filingOf(c)
	if err != nil {
		return err
	}
	ff := filingForms[f.Kind]
	body, err := decodeBody(ff, f)
	if err != nil {
		return err
	}
	return s.renderFilingFormTyped(c, http.StatusOK, ff, f, body, orgFilingHref(f.ID), nil, nil, nil, &filingOpened{stamp: stamp})
}

// filingStampFirst is the stamp of the filing of the URL, read before the
// filing (filingOf, which checks it is the viewer's): a page made on it
// shows the filing as it was at that stamp or later, so a save from it
// that the stamp lets through never overwrites what the page did not show.
func (s *Server) filingStampFirst(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, echo.ErrNotFound
	}
	return s.store.FilingStamp(c.Request().Context(), id)
}

// updateFiling saves a filing's form.
func (s *Server) updateFiling(c echo.Context) error {
	f, err := s.filingOf(c)
	if err != nil {
		return err
	}
	return s.saveFilingForm(c, filingForms[f.Kind], f, orgFilingHref(f.ID))
}

// saveFilingForm is every filing form's flow: read the fields, hold the
// photos uploaded (so that a refused form's retry still carries them),
// then save as a draft or submit through the store, which checks the
// record with its ledger's rules and keeps the photos of a saved filing.
func (s *Server) saveFilingForm(c echo.Context, ff filingForm, f store.Filing, action string) error {
	ctx := c.Request().Context()
	u := viewerOf(c)
	values, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "filing form").SetInternal(err)
	}
	body, unread := ff.parse(values)
	refused, wait := s.keepUploads(c, ff, body)
	unread = append(unread, refused...)
	recorded, err := s.recordedMember(ctx, ff.kind, f.RecordKey, u.Organization)
	if err != nil {
		return err
	}
	if m, ok := body.(*store.Member); ok && recorded != nil {
		keepRecordedDates(m, *recorded)
	}
	// What could not be read goes to the store with the rest, whose check
	// then names every problem at once, not the unread ones first and the
	// rules' on the next try.
	recordVersion, _ := strconv.ParseInt(values.Get("record_version"), 10, 64)
	stamp, _ := strconv.ParseInt(values.Get("filing_stamp"), 10, 64)
	if f.ID == 0 { // shown again, the form says what changed since it was opened
		f.RecordVersion = recordVersion
	}
	if c.FormValue("action") == "preview" { // a photo it refused is said, as a save would say it
		return s.renderFilingFormTyped(c, http.StatusOK, ff, f, body, action, filingErrors(ff, refused), typedValues(values, unread), nil,
			&filingOpened{stamp: stamp, recordVersion: recordVersion, preview: true})
	}
	saved, err := s.store.SaveFiling(ctx, actorOf(c), u.Organization, store.FilingSave{
		ID: f.ID, Kind: ff.kind, RecordKey: f.RecordKey, RecordVersion: recordVersion, Stamp: stamp, Body: body,
		Submit: c.FormValue("action") == "submit", Unread: unread,
	})
	var refusal *store.RecordError
	var moved *store.ConflictError
	if errors.As(err, &moved) && moved.Collection == "filings" {
		// The filing changed since its form was opened (another tab, a
		// review): the form comes back as typed, made on the filing now.
		if f, err = s.store.FilingOf(ctx, f.ID, u.Organization); err != nil {
			return err
		}
		return s.renderFilingForm(c, http.StatusConflict, ff, f, body, action, views.Errors{{Field: "filing_stamp",
			Message: "未保存：这份报送在您打开后已由 " + changedBy(moved.Since) + " 改动（如另一个窗口的保存、审核退回或发布）。下面保留了您填写的内容，请核对后再保存或提交。"}})
	}
	if errors.As(err, &moved) {
		// Staff changed the record since the form was opened: the form
		// comes back as typed, with what they changed, made against the
		// record as it is now.
		return s.renderFilingFormTyped(c, http.StatusConflict, ff, f, body, action, views.Errors{{Field: "record_version",
			Message: "未保存：园区工作人员在您打开表单后修改了台账中的这条记录。请核对上面列出的修改，再保存或提交。"}}, nil, moved, nil)
	}
	switch {
	case err == nil:
		done := "saved"
		if saved.Status == store.FilingSubmitted {
			done = "submitted"
		}
		return c.Redirect(http.StatusSeeOther, orgFilingHref(saved.ID)+"?done="+done)
	case errors.Is(err, store.ErrNotFound):
		return echo.ErrNotFound
	case !errors.As(err, &refusal):
		return err
	}
	typed := typedValues(values, unread)
	status := http.StatusUnprocessableEntity
	if wait > 0 { // photos refused by the write limit
		status = http.StatusTooManyRequests
		c.Response().Header().Set("Retry-After", strconv.Itoa(retryAfter(wait)))
	}
	return s.renderFilingFormTyped(c, status, ff, f, body, action, filingErrors(ff, refusal.Problems), typed, nil, nil)
}

// typedValues are the fields that could not be read, as typed: a form
// shown again shows them so, not the blank the body holds for them.
func typedValues(values url.Values, unread []store.Problem) map[string]string {
	typed := map[string]string{}
	for _, p := range unread {
		if v := values.Get(p.Field); v != "" {
			typed[p.Field] = v
		}
	}
	return typed
}

// keepUploads checks, re-encodes and holds the photos of the form's
// upload field, adding each to the body: a saved filing keeps them, and a
// refused form's retry still carries them (store.HoldPhoto). What it
// refuses comes back as problems; wait, when not 0, is how long until the
// write limit lets the account send photos again.
func (s *Server) keepUploads(c echo.Context, ff filingForm, body any) (ps []store.Problem, wait time.Duration) {
	form, err := c.MultipartForm()
	if err != nil || form == nil {
		return nil, 0
	}
	name, limit := "photos", store.MaxActivityPhotos
	var ids *[]int64
	var logo []int64
	switch body.(type) {
	case *store.BrandFiling:
		name, limit, ids = "logo", 1, &logo
	default:
		if ff.photos == nil {
			return nil, 0
		}
		ids = ff.photos(body)
	}
	var files []*multipart.FileHeader
	for _, fh := range form.File[name+"_upload"] {
		if fh.Size == 0 && fh.Filename == "" {
			continue // the empty file input of a browser
		}
		files = append(files, fh)
	}
	if room := max(0, limit-len(*ids)); len(files) > room {
		ps = append(ps, store.Problem{Field: name, Code: store.CodeTooLarge, Message: fmt.Sprintf("最多 %d 张，“%s”及之后的照片未保存", limit, clip(files[room].Filename, 40))})
		files = files[:room]
	}
	if len(files) == 0 {
		return ps, 0
	}
	u := viewerOf(c)
	// Each photo is one of the account's writes, taken before any is
	// decoded.
	w, ok, err := s.writes.Take(c.Request().Context(), u.ID, len(files), s.now())
	if err != nil {
		s.log.Error("write allowance", slog.Any("err", err))
		ok, w = false, time.Second
	}
	if !ok {
		// The retry sends the form again, which takes one more.
		w += time.Minute / time.Duration(s.writeLimit)
		ps = append(ps, store.Problem{Field: name, Code: codeTooFrequent, Message: fmt.Sprintf(
			"上传过于频繁：每个账号每分钟最多提交 %d 次报送或照片，这次选择的照片未保存，请在 %d 秒后重新选择", s.writeLimit, retryAfter(w))})
		return ps, w
	}
	// A full quota refuses before anything is decoded; the store checks
	// again, with the photo's size, as it keeps it.
	used, err := s.store.PhotoUsage(c.Request().Context(), u.Organization)
	if err != nil {
		c.Logger().Error(err)
	} else if used >= s.photoQuota {
		return append(ps, quotaProblem(name, &store.PhotoQuotaError{Used: used, Quota: s.photoQuota}, files[0].Filename)), 0
	}
	for _, fh := range files {
		id, err := s.keepUpload(c, fh)
		var full *store.PhotoQuotaError
		if errors.As(err, &full) {
			return append(ps, quotaProblem(name, full, fh.Filename)), 0
		}
		if err != nil {
			ps = append(ps, store.Problem{Field: name, Code: store.CodeType, Message: fmt.Sprintf("“%s”：%v", clip(fh.Filename, 40), err)})
			continue
		}
		*ids = append(*ids, id)
	}
	if b, ok := body.(*store.BrandFiling); ok && len(logo) > 0 {
		b.Logo = logo[len(logo)-1]
	}
	return ps, 0
}

// quotaProblem says at field that the organisation's photos are at their
// quota and photo name (and those after it) was not kept.
func quotaProblem(field string, e *store.PhotoQuotaError, name string) store.Problem {
	return store.Problem{Field: field, Code: store.CodePhotoQuota, Message: fmt.Sprintf(
		"照片存储空间已满：本组织的照片最多占用 %s，现已占用 %s，“%s”及之后的照片未保存。请联系园区工作人员。", sizeText(e.Quota), sizeText(e.Used), clip(name, 40))}
}

// sizeText is a number of bytes as people say it: 2 GB, 1.5 GB, 300 MB,
// 20 KB.
func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", float64(n)/(1<<30)), ".0") + " GB"
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", max(1, n>>10))
}

// errUploadFailed hides the cause of a failed read from the page.
var errUploadFailed = errors.New("上传未完成，请重试")

func (s *Server) keepUpload(c echo.Context, fh *multipart.FileHeader) (int64, error) {
	if fh.Size > photo.MaxBytes {
		return 0, photo.ErrTooLarge
	}
	f, err := fh.Open()
	if err != nil {
		return 0, errUploadFailed
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, photo.MaxBytes+1))
	if err != nil {
		return 0, errUploadFailed
	}
	p, err := photo.Process(c.Request().Context(), data)
	if err != nil {
		return 0, err
	}
	id, err := s.store.HoldPhoto(c.Request().Context(), actorOf(c), viewerOf(c).Organization, p, s.photoQuota)
	var full *store.PhotoQuotaError
	if errors.As(err, &full) {
		return 0, err
	}
	if err != nil {
		c.Logger().Error(err)
		return 0, errUploadFailed
	}
	return id, nil
}

// filingWithBody is the filing the path names, its form and its body as
// saved.
func (s *Server) filingWithBody(c echo.Context) (store.Filing, filingForm, any, error) {
	f, err := s.filingOf(c)
	if err != nil {
		return store.Filing{}, filingForm{}, nil, err
	}
	ff := filingForms[f.Kind]
	body, err := decodeBody(ff, f)
	return f, ff, body, err
}

// showFiling is a secretary's view of one filing: what it says, where it
// stands, the return's comment and its versions.
func (s *Server) showFiling(c echo.Context) error {
	ctx := c.Request().Context()
	f, ff, body, err := s.filingWithBody(c)
	if err != nil {
		return err
	}
	o, err := s.orgChoices(ctx, f.Organization)
	if err != nil {
		return err
	}
	versions, err := s.store.FilingVersions(ctx, f.ID)
	if err != nil {
		return err
	}
	v := views.FilingView{
		Title: f.Title, Kind: store.FilingKindLabel(f.Kind), Status: f.Status, StatusLabel: store.FilingStatusLabel(f.Status),
		EditURL: orgFilingHref(f.ID) + "/edit", Versions: versionRows(versions, ""),
		Notice: map[string]string{"saved": "已保存草稿。", "submitted": "已提交审核，园区审核后会通知您。"}[c.QueryParam("done")],
	}
	v.Comment = f.OpenComment()
	if f.Status == store.FilingDraft || f.Status == store.FilingReturned {
		v.CheckURL = orgFilingHref(f.ID) + "/check"
	}
	v.Destination, _ = publishedTo(f.Kind)
	for _, r := range describe(ff, o, body) {
		v.Fields = append(v.Fields, views.DiffRow{Label: r.label, New: r.value})
	}
	if ff.photos != nil {
		v.Photos = photoRefs(*ff.photos(body), photoRef)
	}
	return s.staffPage(c, f.Title, views.FilingPage(v))
}

func versionRows(versions []store.FilingVersion, href string) []views.VersionRow {
	out := make([]views.VersionRow, 0, len(versions))
	for i := len(versions) - 1; i >= 0; i-- {
		v := versions[i]
		r := views.VersionRow{Version: strconv.Itoa(v.Version), Submitted: views.DateTime(v.SubmittedAt) + " " + v.SubmittedByName, Comment: v.Comment}
		switch v.Decision {
		case "published":
			r.Decision = "已发布（" + v.DecidedByName + "）"
		case "returned":
			r.Decision = "已退回（" + v.DecidedByName + "）"
		}
		if href != "" {
			r.Href = fmt.Sprintf("%s?a=%d&b=%d", href, max(1, v.Version-1), v.Version)
		}
		out = append(out, r)
	}
	return out
}

// fieldText is one field of a filing in words, for its page and the diff.
type fieldText struct {
	name         string // the form field's name (its id on the form)
	label, value string
	long         bool
	photos       []string // a photo field's photo ids, which its words leave out
	logo         bool
}

// describe is a filing's fields in words, as its form labels them.
func describe(ff filingForm, o orgChoices, body any) []fieldText {
	var out []fieldText
	for _, fd := range ff.fields(o, body, photoRef) {
		t := fieldText{name: fd.Name, label: fd.Label, value: fd.Value, long: fd.Type == "textarea"}
		switch fd.Type {
		case "select", "checks":
			t.value = ""
			for _, op := range fd.Options {
				if op.Selected {
					if t.value != "" {
						t.value += "、"
					}
					t.value += op.Label
				}
			}
		case "yesno":
			t.value = map[string]string{"true": "是", "false": "否"}[fd.Value]
		case "photos", "logo":
			t.photos = make([]string, len(fd.Photos))
			for i, p := range fd.Photos {
				t.photos[i] = p.ID
			}
			t.logo = fd.Type == "logo"
			t.value = photoWords(t.logo, nil, t.photos)
		case "date":
			t.value = views.Date(fd.Value)
		}
		out = append(out, t)
	}
	return out
}

// photoWords says what a photo field holds, and, given the photos of the
// version it is compared with (nil for none), what changed: "共 3 张（新增
// 1 张，去掉 1 张）", or for a logo "已上传" and "已更换". A photo's number
// means nothing to a reader; the photos themselves are shown beside.
func photoWords(logo bool, old, photos []string) string {
	switch {
	case len(photos) == 0 && len(old) == 0:
		return ""
	case len(photos) == 0 && logo:
		return "已去掉"
	case len(photos) == 0:
		return fmt.Sprintf("无（去掉 %d 张）", len(old))
	}
	var added, removed int
	for _, p := range photos {
		if !slices.Contains(old, p) {
			added++
		}
	}
	for _, p := range old {
		if !slices.Contains(photos, p) {
			removed++
		}
	}
	if logo {
		if len(old) > 0 && added > 0 {
			return "已更换"
		}
		return "已上传"
	}
	words := fmt.Sprintf("共 %d 张", len(photos))
	if len(old) == 0 {
		return words
	}
	var changes []string
	if added > 0 {
		changes = append(changes, fmt.Sprintf("新增 %d 张", added))
	}
	if removed > 0 {
		changes = append(changes, fmt.Sprintf("去掉 %d 张", removed))
	}
	if len(changes) > 0 {
		words += "（" + strings.Join(changes, "，") + "）"
	}
	return words
}
