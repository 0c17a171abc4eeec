package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// A saved draft, or a returned filing, is submitted from its own page:
// 提交审核 leads to a page that shows what will be sent, each answer with a
// link to change it (GOV.UK's check-your-answers pattern), and 确认提交
// submits the filing as saved, without reopening the whole form.

// checkFiling is /org/filings/:id/check.
func (s *Server) checkFiling(c echo.Context) error {
	// The stamp before the filing: a save landing between the two makes
	// 确认提交 a conflict (409), never a submission of what the page did
	// not show.
	ctx := c.Request().Context()
	stamp, err := s.filingStampFirst(c)
	if err != nil {
		return err
	}
	f, err := s.filingOf(c)
	if err != nil {
		return err
	}
	var problems []store.Problem
	if f.Status == store.FilingDraft || f.Status == store.FilingReturned {
		// What the rules would refuse, shown before the secretary confirms.
		if problems, err = s.store.FilingProblems(ctx, f.ID, viewerOf(c).Organization); err != nil {
			return err
		}
	}
	v, err := s.filingCheck(c, f, stamp, problems)
	if err != nil {
		return err
	}
	return s.staffPage(c, "核对后提交："+f.Title, views.FilingCheckPage(v))
}

// filingCheck is the check page's view of filing f as saved.
func (s *Server) filingCheck(c echo.Context, f store.Filing, stamp int64, problems []store.Problem) (views.FilingCheck, error) {
	ff := filingForms[f.Kind]
	body, err := decodeBody(ff, f)
	if err != nil {
		return views.FilingCheck{}, err
	}
	o, err := s.orgChoices(c.Request().Context(), f.Organization)
	if err != nil {
		return views.FilingCheck{}, err
	}
	edit := orgFilingHref(f.ID) + "/edit"
	v := views.FilingCheck{ID: f.ID, Title: f.Title, Kind: store.FilingKindLabel(f.Kind), Stamp: stamp, CSRF: s.csrfToken(c)}
	if f.Status != store.FilingDraft && f.Status != store.FilingReturned {
		v.Closed = "这份报送" + store.FilingStatusLabel(f.Status) + "，无需再次提交。"
	}
	v.Destination, _ = publishedTo(f.Kind)
	for _, r := range describe(ff, o, body) {
		value := r.value
		if value == "" {
			value = "（未填写）"
		}
		v.Rows = append(v.Rows, views.CheckRow{Field: r.name, Label: r.label, Value: value, ChangeURL: edit + "#" + views.FieldAnchor(r.name)})
	}
	// As the form would say them, in its order, each linking to its field.
	for _, e := range filingErrors(ff, problems) {
		v.Problems = append(v.Problems, views.CheckRow{Value: e.Message, ChangeURL: edit + "#" + views.FieldAnchor(e.Field)})
	}
	if ff.photos != nil {
		v.Photos = photoRefs(*ff.photos(body), photoRef)
	}
	return v, nil
}

// submitFiling is the check page's 确认提交: the filing as saved, submitted
// for review, unless it changed since the page was opened or the rules
// refuse it (the page comes back naming what to change).
func (s *Server) submitFiling(c echo.Context) error {
	ctx := c.Request().Context()
	f, _, body, err := s.filingWithBody(c)
	if err != nil {
		return err
	}
	stamp, _ := strconv.ParseInt(c.FormValue("filing_stamp"), 10, 64)
	saved, err := s.store.SaveFiling(ctx, actorOf(c), viewerOf(c).Organization, store.FilingSave{
		ID: f.ID, Kind: f.Kind, RecordKey: f.RecordKey, RecordVersion: f.RecordVersion, Stamp: stamp, Body: body, Submit: true,
	})
	var refusal *store.RecordError
	var moved *store.ConflictError
	switch {
	case err == nil:
		return c.Redirect(http.StatusSeeOther, orgFilingHref(saved.ID)+"?done=submitted")
	case errors.Is(err, store.ErrNotFound):
		return echo.ErrNotFound
	case errors.As(err, &moved) && moved.Collection == "filings":
		now, err := s.store.FilingStamp(ctx, f.ID)
		if err != nil {
			return err
		}
		if f, err = s.store.FilingOf(ctx, f.ID, viewerOf(c).Organization); err != nil {
			return err
		}
		if f.Status != store.FilingDraft && f.Status != store.FilingReturned {
			return c.Redirect(http.StatusSeeOther, orgFilingHref(f.ID)) // submitted meanwhile
		}
		v, err := s.filingCheck(c, f, now, nil)
		if err != nil {
			return err
		}
		v.Conflict = "未提交：这份报送在您打开本页后已由 " + changedBy(moved.Since) + " 改动（如另一个窗口的保存或审核）。下面是它现在的内容，请核对后再提交。"
		return s.render(c, http.StatusConflict, s.page(c, "未提交：核对后提交"), views.FilingCheckPage(v))
	case errors.As(err, &moved):
		// Staff changed the ledger record the filing changes: its form
		// shows what they changed, once saved there.
		v, err := s.filingCheck(c, f, stamp, nil)
		if err != nil {
			return err
		}
		v.Conflict = "未提交：园区工作人员在您起草后修改了台账中的这条记录。请点“修改”打开表单，核对他们的修改后再提交。"
		return s.render(c, http.StatusConflict, s.page(c, "未提交：核对后提交"), views.FilingCheckPage(v))
	case errors.As(err, &refusal):
		v, err := s.filingCheck(c, f, stamp, refusal.Problems)
		if err != nil {
			return err
		}
		return s.render(c, http.StatusUnprocessableEntity, s.page(c, "错误：核对后提交"), views.FilingCheckPage(v))
	}
	return err
}
