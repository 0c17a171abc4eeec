package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
	"parkportal/web/sheet"
)

// The award ledger (荣誉: benchmark organisations and other distinctions):
// its list, a record's page, the form and delete.

const awardLedger = "/workbench/awards"

var awardFields = []string{"organization", "kind", "level", "year", "title", "id"}

func showAwardValue(field string, v any) string {
	s, _ := v.(string)
	switch field {
	case "kind":
		return store.Label(store.AwardKinds, s)
	case "level":
		return store.Label(store.AwardLevels, s)
	}
	return plainValue(v)
}

func staffAwardHref(key int64) string {
	return awardLedger + "/" + strconv.FormatInt(key, 10)
}

// showAwardLedger is /workbench/awards. Queries: kinds, organisations,
// count, page.
func (s *Server) showAwardLedger(c echo.Context) error {
	ctx := c.Request().Context()
	kinds, err := s.store.KindsIn(ctx, "awards", store.AwardKinds)
	if err != nil {
		return err
	}
	orgs, err := s.store.OrganizationChoices(ctx)
	if err != nil {
		return err
	}
	q, filter := awardQuery(c, kinds)
	kind, level, year, organization := filter.Kind, filter.Level, filter.Year, filter.Organization
	orgNames := map[string]string{}
	var orgOptions []views.Option
	for _, o := range orgs {
		orgNames[o.ID] = o.Name
		orgOptions = append(orgOptions, views.Option{Value: o.ID, Label: o.Name, Selected: o.ID == organization})
	}
	filter.Offset, filter.Limit = (q.Page-1)*ledgerPageSize, ledgerPageSize
	rows, total, err := s.store.AwardLedger(ctx, filter)
	if err != nil {
		return err
	}
	pages, ok := q.pages(total)
	if !ok {
		return echo.ErrNotFound
	}
	v := views.RecordLedger{
		Section: awardLedger, Heading: "荣誉台账",
		Notice: map[string]string{"deleted": "荣誉已删除。"}[c.QueryParam("done")],
		NewURL: awardLedger + "/new", NewText: "登记荣誉",
		Query: q.Query, SearchHint: "党组织名称或荣誉名称",
		Filters: []views.SelectFilter{
			{Name: "kind", Label: "荣誉类型", Any: "全部类型", Options: options(kinds, kind)},
			{Name: "level", Label: "级别", Any: "全部级别", Options: options(store.AwardLevels, level)},
			{Name: "year", Label: "年份", Any: "全部年份", Options: yearOptions(s.now().In(chinaTime).Year(), 2000, year)},
			{Name: "organization", Label: "党组织", Any: "全部党组织", Options: orgOptions},
		},
		Hidden: q.hidden("kind", "level", "year", "organization"),
		Tags: q.tags(func(key, value string) string {
			switch key {
			case "kind":
				return "荣誉类型：" + store.Label(kinds, value)
			case "level":
				return "级别：" + store.Label(store.AwardLevels, value)
			case "year":
				return "年份：" + value + "年"
			}
			return "党组织：" + dash(orgNames[value])
		}),
		Count:     "共 " + views.Thousands(int64(total)) + " 项荣誉",
		Empty:     "没有符合条件的荣誉。",
		Columns:   []views.LedgerColumn{{Label: "荣誉"}, {Label: "党组织"}, {Label: "荣誉类型"}, {Label: "级别"}, {Label: "年份"}},
		Pager:     pager(q.Page, pages, q.href),
		ExportURL: exportHref(q),
	}
	for _, r := range rows {
		v.Rows = append(v.Rows, []views.LedgerCell{
			{Text: store.AwardTitle(r.OrganizationName, store.Award{Title: r.Title, Year: r.Year, Level: r.Level, Kind: r.Kind}), Href: staffAwardHref(r.Key)},
			{Text: r.OrganizationName, Href: staffOrganizationHref(r.Organization)},
			{Text: store.Label(store.AwardKinds, r.Kind)},
			{Text: store.Label(store.AwardLevels, r.Level)},
			{Text: views.Year(r.Year)},
		})
	}
	return s.staffPage(c, q.title("荣誉台账", pages), views.RecordLedgerPage(v))
}

func (s *Server) awardOf(c echo.Context) (store.Award, int64, error) {
	key, err := keyParam(c)
	if err != nil {
		return store.Award{}, 0, err
	}
	a, err := s.store.AwardByKey(c.Request().Context(), key)
	if errors.Is(err, store.ErrNotFound) {
		return store.Award{}, 0, echo.ErrNotFound
	}
	return a, key, err
}

// showAwardRecord is /workbench/awards/{key}.
func (s *Server) showAwardRecord(c echo.Context) error {
	ctx := c.Request().Context()
	a, key, err := s.awardOf(c)
	if err != nil {
		return err
	}
	history, err := s.recordHistory(ctx, "awards", key, awardFields, showAwardValue)
	if err != nil {
		return err
	}
	org, err := s.store.OrganizationName(ctx, a.Organization)
	if err != nil {
		return err
	}
	title := store.AwardTitle(org, a)
	label := func(f string) string { return store.FieldLabel("awards", f) }
	v := views.StaffRecord{
		Section: awardLedger, Trail: []views.Link{{Href: awardLedger, Label: "荣誉台账"}},
		Title: title, Notice: map[string]string{"saved": "荣誉已保存。"}[c.QueryParam("done")],
		EditURL: staffAwardHref(key) + "/edit", EditText: "荣誉信息",
		DeleteURL: staffAwardHref(key) + "/delete", DeleteText: "删除这项荣誉",
		Summary: []views.SummaryRow{
			{Label: label("organization"), Value: org},
			{Label: label("kind"), Value: store.Label(store.AwardKinds, a.Kind)},
			{Label: label("level"), Value: store.Label(store.AwardLevels, a.Level)},
			{Label: label("year"), Value: views.Year(a.Year)},
			{Label: label("title"), Value: dash(a.Title)},
			{Label: label("id"), Value: dash(a.ID)},
		},
		Related: []views.RelatedList{{Heading: "党组织", Count: 1, Items: []views.RelatedItem{{Href: staffOrganizationHref(a.Organization), Text: org}}}},
		History: history,
	}
	return s.staffPage(c, title+" - 荣誉台账", views.StaffRecordPage(v))
}

// awardForm is the form as typed.
type awardForm struct {
	Organization, Kind, Level, Year, Title, ID string
	edit                                       views.Edit // the version it was opened on; what changed since, after a conflict
}

func awardFormFrom(values url.Values) awardForm {
	return awardForm{Organization: values.Get("organization"), Kind: strings.TrimSpace(values.Get("kind")), Level: values.Get("level"),
		Year: strings.TrimSpace(values.Get("year")), Title: strings.TrimSpace(values.Get("title")), ID: strings.TrimSpace(values.Get("id"))}
}

func awardFormOf(a store.Award) awardForm {
	return awardForm{Organization: a.Organization, Kind: a.Kind, Level: a.Level, Year: strconv.Itoa(a.Year), Title: a.Title, ID: a.ID}
}

func (f awardForm) record() (store.Award, []store.Problem) {
	a := store.Award{Organization: f.Organization, Kind: f.Kind, Level: f.Level, Title: f.Title, ID: f.ID}
	n, ps := countField("year", f.Year, true, "须为四位数字的年份，如 2023")
	if n != nil {
		a.Year = *n
	}
	return a, ps
}

func (s *Server) renderAwardForm(c echo.Context, status int, f awardForm, key int64, errs views.Errors) error {
	orgs, err := s.store.OrganizationChoices(c.Request().Context())
	if err != nil {
		return err
	}
	v := views.AwardForm{
		Action: awardLedger, Heading: "登记荣誉", CancelURL: awardLedger,
		Organization: f.Organization, Kind: f.Kind, Kinds: options(store.AwardKinds, ""), Level: f.Level,
		Levels: options(store.AwardLevels, f.Level), Year: f.Year, Title: f.Title, ID: f.ID, Errors: errs, CSRF: s.csrfToken(c),
	}
	for _, o := range orgs {
		v.Organizations = append(v.Organizations, views.Option{Value: o.ID, Label: o.Name, Selected: o.ID == f.Organization})
	}
	if key != 0 {
		v.Action, v.Heading, v.CancelURL = staffAwardHref(key), "修改荣誉", staffAwardHref(key)
	}
	v.Edit = f.edit
	return s.render(c, status, s.page(c, formTitle(v.Heading, errs, v.Edit)), views.AwardFormPage(v))
}

// showAwardNewForm is the empty form; ?organization= fills it in.
func (s *Server) showAwardNewForm(c echo.Context) error {
	return s.renderAwardForm(c, http.StatusOK, awardForm{Organization: c.QueryParam("organization")}, 0, nil)
}

// showAwardEditForm is the form filled in with the award.
func (s *Server) showAwardEditForm(c echo.Context) error {
	a, key, err := s.awardOf(c)
	if err != nil {
		return err
	}
	f := awardFormOf(a)
	f.edit.Version = a.Version
	return s.renderAwardForm(c, http.StatusOK, f, key, nil)
}

// createAward saves a new award.
func (s *Server) createAward(c echo.Context) error { return s.saveAward(c, 0) }

// updateAward saves changes to the award of the URL.
func (s *Server) updateAward(c echo.Context) error {
	_, key, err := s.awardOf(c)
	if err != nil {
		return err
	}
	return s.saveAward(c, key)
}

func (s *Server) saveAward(c echo.Context, key int64) error {
	values, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "award form").SetInternal(err)
	}
	f := awardFormFrom(values)
	f.edit.Version = formVersion(values)
	a, problems := f.record()
	a.Version = f.edit.Version
	if len(problems) > 0 {
		problems = append(problems, otherProblems(a.Validate(), "year")...)
	} else {
		entry, err := s.store.SaveAward(c.Request().Context(), actorOf(c), key, a)
		if edit, ok := s.conflictEdit(c.Request().Context(), err, a, staffAwardHref(key)); ok {
			f.edit = edit
			return s.renderAwardForm(c, http.StatusConflict, f, key, nil)
		}
		var done bool
		if problems, done, err = saveOutcome(c, err, staffAwardHref(entry.RecordKey)); done {
			return err
		}
	}
	return s.renderAwardForm(c, http.StatusUnprocessableEntity, f, key, formErrors("awards", problems))
}

// awardDeleteView is the confirmation of deleting the award of the URL.
func (s *Server) awardDeleteView(c echo.Context) (views.DeleteConfirm, error) {
	a, key, err := s.awardOf(c)
	if err != nil {
		return views.DeleteConfirm{}, err
	}
	org, err := s.store.OrganizationName(c.Request().Context(), a.Organization)
	if err != nil {
		return views.DeleteConfirm{}, err
	}
	return s.keyedDeleteView(c, awardLedger, "荣誉台账", "删除荣誉", staffAwardHref(key), store.AwardTitle(org, a), a.Version), nil
}

// confirmAwardDelete asks before deleting an award.
func (s *Server) confirmAwardDelete(c echo.Context) error {
	v, err := s.awardDeleteView(c)
	if err != nil {
		return err
	}
	return s.showKeyedDelete(c, v)
}

// deleteAward deletes an award through the write path.
func (s *Server) deleteAward(c echo.Context) error {
	return s.deleteKeyed(c, awardLedger, s.store.DeleteAward, s.awardDeleteView)
}

// awardQuery is the award ledger's query and the filter it selects.
func awardQuery(c echo.Context, kinds []store.Choice) (ledgerQuery, store.AwardFilter) {
	q := parseLedgerQuery(c, awardLedger, nil)
	f := store.AwardFilter{Query: q.Query}
	f.Kind = q.choice(c, "kind", kinds)
	f.Level = q.choice(c, "level", store.AwardLevels)
	f.Year = q.year(c, "year")
	f.Organization = q.text(c, "organization")
	return q, f
}

// exportAwardLedger is /workbench/awards.xlsx.
func (s *Server) exportAwardLedger(c echo.Context) error {
	ctx := c.Request().Context()
	kinds, err := s.store.KindsIn(ctx, "awards", store.AwardKinds)
	if err != nil {
		return err
	}
	_, filter := awardQuery(c, kinds)
	rows, _, err := s.store.AwardLedger(ctx, filter)
	if err != nil {
		return err
	}
	label := func(f string) string { return store.FieldLabel("awards", f) }
	columns := []sheet.Column{
		{Header: label("title"), Width: 36}, {Header: label("organization"), Width: 34}, {Header: label("kind"), Width: 16},
		{Header: label("level"), Width: 8}, {Header: label("year"), Width: 8, Kind: sheet.Number},
	}
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = []any{r.Title, r.OrganizationName, store.Label(store.AwardKinds, r.Kind), store.Label(store.AwardLevels, r.Level), r.Year}
	}
	return s.sendSheet(c, "荣誉台账", "awards", columns, out)
}
