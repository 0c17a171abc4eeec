package web

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
	"parkportal/web/pdf"
	"parkportal/web/sheet"
)

// The annual return (年报): a park's staff file each ended year's
// figures upward; the store freezes them (store.FileReturn). The pages
// show the latest version beside the live figures, marking where the
// records have since moved, and file a correction with its reason.

// returnYears are the years a park may file: the report's years that
// have ended, newest first.
func (s *Server) returnYears(cal store.ReportCalendar) []int {
	var out []int
	for _, y := range slices.Backward(cal.Years) {
		if y < s.now().In(chinaTime).Year() {
			out = append(out, y)
		}
	}
	return out
}

func returnHref(year int) string { return "/workbench/returns/" + strconv.Itoa(year) }

// showReturns is /workbench/returns: each ended year, filed or not, and
// whether the records still give the filed figures. Queries: the
// calendar, the park's latest returns, a report per filed year (the
// report cache's); the page is kept in the staff cache until a change.
func (s *Server) showReturns(c echo.Context) error {
	ctx := c.Request().Context()
	cal, err := s.store.ReportCalendar(ctx)
	if err != nil {
		return err
	}
	latest, err := s.store.LatestReturns(ctx, 0)
	if err != nil {
		return err
	}
	byYear := map[int]store.AnnualReturn{}
	for _, r := range latest {
		byYear[r.Year] = r
	}
	park, err := s.currentPark(c)
	if err != nil {
		return err
	}
	v := views.ReturnsView{Park: park.Name}
	for _, y := range s.returnYears(cal) {
		ry := views.ReturnYear{Year: y, Href: returnHref(y)}
		if r, ok := byYear[y]; ok {
			ver := returnVersion(r, "")
			ry.Latest = &ver
			live, err := s.store.Report(ctx, y)
			if err != nil {
				return err
			}
			figs, err := compareFigures(r.Report, &live)
			if err != nil {
				return err
			}
			for _, f := range figs {
				if f.Differs {
					ry.Differs++
				}
			}
		}
		v.Years = append(v.Years, ry)
	}
	return s.staffPage(c, "年报", views.ReturnsPage(v))
}

// currentPark is the park the request works in.
func (s *Server) currentPark(c echo.Context) (store.ParkInfo, error) {
	set, err := s.parks(c.Request().Context())
	if err != nil {
		return store.ParkInfo{}, err
	}
	p, ok := set.byID[store.ParkOf(c.Request().Context())]
	if !ok {
		return store.ParkInfo{}, echo.ErrNotFound
	}
	return p, nil
}

// returnYearParam is the :year of a return's URL, if the park may file it.
func (s *Server) returnYearParam(c echo.Context) (int, error) {
	y, err := strconv.Atoi(c.Param("year"))
	if err != nil || strconv.Itoa(y) != c.Param("year") {
		return 0, echo.ErrNotFound
	}
	cal, err := s.store.ReportCalendar(c.Request().Context())
	if err != nil {
		return 0, err
	}
	if !slices.Contains(s.returnYears(cal), y) {
		return 0, echo.ErrNotFound
	}
	return y, nil
}

// returnKey is the staff cache's key of a year's page: with or without
// the note of a filing just made, nothing else of the query.
func returnKey(c echo.Context) string {
	if c.QueryParam("filed") != "" {
		return c.Request().URL.Path + " filed"
	}
	return c.Request().URL.Path
}

// showReturn is /workbench/returns/:year: the latest filed version beside
// the live figures, the form that files or corrects it, the versions.
func (s *Server) showReturn(c echo.Context) error {
	year, err := s.returnYearParam(c)
	if err != nil {
		return err
	}
	versions, err := s.store.AnnualReturns(c.Request().Context(), year)
	if err != nil {
		return err
	}
	var form views.ReturnForm
	if len(versions) > 0 { // the last filing's people, to change where they changed
		form.Head, form.Preparer, form.Phone = versions[0].Head, versions[0].Preparer, versions[0].Phone
	}
	v, err := s.returnView(c, year, versions, form)
	if err != nil {
		return err
	}
	v.Filed = c.QueryParam("filed") != "" && len(versions) > 0
	return s.staffPage(c, strconv.Itoa(year)+"年度年报", views.ReturnPage(v))
}

// returnView is the year's page for versions (latest first) with form.
func (s *Server) returnView(c echo.Context, year int, versions []store.AnnualReturn, form views.ReturnForm) (views.ReturnView, error) {
	ctx := c.Request().Context()
	park, err := s.currentPark(c)
	if err != nil {
		return views.ReturnView{}, err
	}
	live, err := s.store.Report(ctx, year)
	if err != nil {
		return views.ReturnView{}, err
	}
	v := views.ReturnView{Year: year, Park: park.Name, NoPDF: !pdf.Available()}
	form.Figures = store.ReportDigest(live) // what filing freezes: the live column
	form.Park = park.Slug
	shown := live
	var liveRef *store.Report
	if len(versions) > 0 {
		latest := returnVersion(versions[0], returnHref(year))
		v.Latest = &latest
		shown, liveRef = versions[0].Report, &live
		form.Seen = versions[0].Version
	}
	for _, r := range versions {
		v.Versions = append(v.Versions, returnVersion(r, returnHref(year)))
	}
	figs, err := compareFigures(shown, liveRef)
	if err != nil {
		return views.ReturnView{}, err
	}
	for _, sec := range reportSectionTitles {
		rs := views.ReturnSection{Slug: sec.Slug, Title: sec.Title}
		for _, f := range figs {
			if sectionOf(f.Key) == sec.Slug {
				rs.Rows = append(rs.Rows, f)
				if f.Differs {
					v.Differs++
				}
			}
		}
		v.Sections = append(v.Sections, rs)
	}
	form.Action, form.CSRF = returnHref(year), s.csrfToken(c)
	v.Form = form
	return v, nil
}

// compareFigures lists filed's figures beside live's (nil: no live
// column), in the report's order; a figure only one of them has (a kind
// of social responsibility) is listed too.
func compareFigures(filed store.Report, live *store.Report) ([]views.ReturnFigure, error) {
	ff, err := flattenReport(filed)
	if err != nil {
		return nil, err
	}
	var out []views.ReturnFigure
	liveByKey := map[string]*float64{}
	var liveKeys []string
	if live != nil {
		lf, err := flattenReport(*live)
		if err != nil {
			return nil, err
		}
		for _, f := range lf {
			liveByKey[f.Key] = f.Value
			liveKeys = append(liveKeys, f.Key)
		}
	}
	seen := map[string]bool{}
	for _, f := range ff {
		seen[f.Key] = true
		row := views.ReturnFigure{Key: f.Key, Label: figureDefinition(f.Key).Label, Filed: formatFigure(f.Key, f.Value)}
		if live != nil {
			row.Live = formatFigure(f.Key, countOrZero(f.Key, liveByKey[f.Key]))
			row.Filed = formatFigure(f.Key, countOrZero(f.Key, f.Value))
			row.Differs = row.Live != row.Filed
		} else {
			row.Live = row.Filed
		}
		out = append(out, row)
	}
	for _, k := range liveKeys {
		if !seen[k] { // a kind of responsibility the filed year had no record of
			row := views.ReturnFigure{Key: k, Label: figureDefinition(k).Label, Filed: formatFigure(k, countOrZero(k, nil)),
				Live: formatFigure(k, liveByKey[k])}
			row.Differs = row.Live != row.Filed
			out = append(out, row)
		}
	}
	return out, nil
}

// countOrZero is a figure's value, a count missing from a report being 0
// (a kind of responsibility listed only where it has records); a ratio
// stays missing.
func countOrZero(key string, v *float64) *float64 {
	if v == nil && figureDefinition(key).Unit != "%" {
		zero := 0.0
		return &zero
	}
	return v
}

// returnVersion is a filed version as the pages show it; base is the
// year's page, under which its files are (none for "").
func returnVersion(r store.AnnualReturn, base string) views.ReturnVersion {
	v := views.ReturnVersion{Version: r.Version, FiledAt: views.Timestamp(r.FiledAt), FiledBy: r.FiledByName(),
		Head: r.Head, Preparer: r.Preparer, Phone: r.Phone, Reason: r.Reason}
	if base != "" {
		v.PDF = fmt.Sprintf("%s/%d.pdf", base, r.Version)
		v.XLSX = fmt.Sprintf("%s/%d.xlsx", base, r.Version)
	}
	return v
}

// errOtherPark refuses a return's form of another park than the one the
// request works in.
var errOtherPark = errors.New("web: the form is another park's")

// fileReturn files the year's return (or a correction) from the form; a
// refusal keeps what was typed and says what is wrong at its field; a
// filing made meanwhile by someone else is shown before filing again.
func (s *Server) fileReturn(c echo.Context) error {
	year, err := s.returnYearParam(c)
	if err != nil {
		return err
	}
	// The form names its park: an admin whose choice of park moved since
	// (another tab) files nothing into the other park.
	park, err := s.currentPark(c)
	if err != nil {
		return err
	}
	seen, _ := strconv.Atoi(c.FormValue("seen"))
	f := store.ReturnFiling{Year: year, Head: c.FormValue("head"), Preparer: c.FormValue("preparer"),
		Phone: c.FormValue("phone"), Reason: c.FormValue("reason"), Seen: seen, Figures: c.FormValue("figures")}
	if f.Figures == "" {
		f.Figures = "-" // a form always says what it saw; none matches no figures
	}
	form := views.ReturnForm{Head: f.Head, Preparer: f.Preparer, Phone: f.Phone, Reason: f.Reason}
	if c.FormValue("park") != park.Slug {
		err = errOtherPark
	} else if _, err = s.store.FileReturn(c.Request().Context(), actorOf(c), f); err == nil {
		return c.Redirect(http.StatusSeeOther, returnHref(year)+"?filed=1")
	}
	var refused *store.ImportError
	var moved *store.ReturnMovedError
	switch {
	case errors.Is(err, errOtherPark):
		form.OtherPark = true
	case errors.As(err, &refused):
		for _, p := range refused.Problems {
			form.Errors = append(form.Errors, views.FieldError{Field: p.Field, Message: p.ClerkMessage()})
		}
	case errors.As(err, &moved):
		mv := returnVersion(moved.Latest, "")
		form.Moved = &mv
	case errors.Is(err, store.ErrFiguresMoved):
		form.FiguresMoved = true
	case errors.Is(err, store.ErrNotFound):
		return echo.ErrNotFound
	case errors.Is(err, store.ErrYearNotOver):
		return echo.ErrNotFound
	default:
		return err
	}
	versions, err := s.store.AnnualReturns(c.Request().Context(), year)
	if err != nil {
		return err
	}
	v, err := s.returnView(c, year, versions, form)
	if err != nil {
		return err
	}
	status := http.StatusUnprocessableEntity
	if moved != nil || form.FiguresMoved || form.OtherPark {
		status = http.StatusConflict
	}
	return s.render(c, status, s.page(c, "错误："+strconv.Itoa(year)+"年度年报"), views.ReturnPage(v))
}

// sendDistrictReturnFile is /district/returns/:park/:year/:file: a
// park's filed version, for the district and admins.
func (s *Server) sendDistrictReturnFile(c echo.Context) error {
	p, err := s.store.ParkBySlug(c.Request().Context(), c.Param("park"))
	if errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	c.SetRequest(c.Request().WithContext(store.WithPark(c.Request().Context(), p.ID)))
	return s.sendReturnFile(c)
}

// sendReturnFile is /workbench/returns/:year/:file, a filed version as
// "2.pdf" or "2.xlsx"; the district reads any park's through
// /district/returns/:park/:year/:file, scoped to that park.
func (s *Server) sendReturnFile(c echo.Context) error {
	year, err := strconv.Atoi(c.Param("year"))
	if err != nil {
		return echo.ErrNotFound
	}
	name, format, _ := strings.Cut(c.Param("file"), ".")
	version, err := strconv.Atoi(name)
	if err != nil || strconv.Itoa(version) != name || (format != "pdf" && format != "xlsx") {
		return echo.ErrNotFound
	}
	versions, err := s.store.AnnualReturns(c.Request().Context(), year)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(versions, func(r store.AnnualReturn) bool { return r.Version == version })
	if i < 0 {
		return echo.ErrNotFound
	}
	r := versions[i]
	file := fmt.Sprintf("annual-return-%d-v%d.%s", year, version, format)
	shown := fmt.Sprintf("%s%d年度年报（第%d版）.%s", r.Unit, year, version, format)
	h := c.Response().Header()
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, file, url.PathEscape(shown)))
	h.Set("Cache-Control", "no-store")
	if format == "xlsx" {
		b, err := returnSheet(r)
		if err != nil {
			return err
		}
		return c.Blob(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b)
	}
	b, err := returnPDF(r)
	if errors.Is(err, pdf.ErrNoFont) {
		h.Del("Content-Disposition")
		s.log.Error("annual return PDF", slog.Any("err", err))
		return s.render(c, http.StatusServiceUnavailable, s.page(c, "暂时无法生成 PDF"), views.ErrorPage(views.ErrorView{Code: http.StatusServiceUnavailable,
			Heading: "暂时无法生成 PDF", Message: "服务器缺少生成 PDF 所需的字体，请联系管理员安装 fonts-droid-fallback 和 fonts-dejavu-core。可以先下载 Excel 版。"}))
	}
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, "application/pdf", b)
}

// returnTitle is a version's title: 天元区2023年度园区党建工作年报.
func returnTitle(r store.AnnualReturn) string {
	return fmt.Sprintf("%s%d年度园区党建工作年报", r.Unit, r.Year)
}

// returnHeading is a version's heading fields, as the form prints them.
func returnHeading(r store.AnnualReturn) []pdf.Field {
	return []pdf.Field{{Label: "填报单位", Value: r.Unit}, {Label: "负责人", Value: r.Head}, {Label: "填表人", Value: r.Preparer},
		{Label: "报出时间", Value: views.Timestamp(r.FiledAt)}, {Label: "联系电话", Value: r.Phone}}
}

// returnLine says which version it is and, for a correction, why.
func returnLine(r store.AnnualReturn) string {
	line := fmt.Sprintf("第 %d 版", r.Version)
	if r.Reason != "" {
		line += " · 更正原因：" + r.Reason
	}
	return line
}

// returnNote closes a version's documents.
const returnNote = "本表各项指标由园区党建工作平台按台账记录统计，于报出时冻结。比例为分子、分母之比；“—”表示当年没有可计算的记录。"

// returnPDF is a filed version as an A4 PDF.
func returnPDF(r store.AnnualReturn) ([]byte, error) {
	figs, err := flattenReport(r.Report)
	if err != nil {
		return nil, err
	}
	form := pdf.Form{Title: returnTitle(r), Lines: []string{returnLine(r)}, Heading: returnHeading(r),
		Wide: map[string]bool{"填报单位": true}, Note: returnNote, Created: r.FiledAt, Subject: "园区党建工作年报"}
	for _, sec := range reportSectionTitles {
		ps := pdf.Section{Title: sec.Title}
		for _, f := range figs {
			if sectionOf(f.Key) == sec.Slug {
				d := figureDefinition(f.Key)
				ps.Rows = append(ps.Rows, pdf.Row{Label: d.Label, Value: formatFigure(f.Key, f.Value), Definition: d.Text})
			}
		}
		form.Sections = append(form.Sections, ps)
	}
	return pdf.Write(form)
}

// returnSheet is a filed version as a workbook: the heading under the
// title, then a row per figure with its unit and definition.
func returnSheet(r store.AnnualReturn) ([]byte, error) {
	figs, err := flattenReport(r.Report)
	if err != nil {
		return nil, err
	}
	var lines []string
	for _, f := range returnHeading(r) {
		lines = append(lines, f.Label+"："+f.Value)
	}
	lines = append(lines, returnLine(r))
	columns := []sheet.Column{{Header: "工程", Width: 22}, {Header: "指标", Width: 34, Name: true},
		{Header: "数值", Width: 10, Kind: sheet.Number}, {Header: "单位", Width: 6}, {Header: "统计口径", Width: 90}}
	var rows [][]any
	for _, sec := range reportSectionTitles {
		for _, f := range figs {
			if sectionOf(f.Key) != sec.Slug {
				continue
			}
			d := figureDefinition(f.Key)
			var value any
			unit := d.Unit
			if f.Value != nil {
				value = *f.Value
				if unit == "%" {
					value = round2(*f.Value * 100)
				}
			}
			rows = append(rows, []any{sec.Title, d.Label, value, unit, d.Text})
		}
	}
	return sheet.WriteHeaded("年报", returnTitle(r), lines, columns, rows)
}
