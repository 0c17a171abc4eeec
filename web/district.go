package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// showDistrict is the district's table of a year's figures (?year=, the
// reporting year by default): a column per park and the district's total,
// the parks' records added up and its ratios computed from the summed
// parts (store.District). Queries: the parks, then one report each and
// the district's, each from the kept figures (a few rows per park).
func (s *Server) showDistrict(c echo.Context) error {
	ctx := store.WithPark(c.Request().Context(), store.District)
	parks, err := s.store.Parks(ctx)
	if err != nil {
		return err
	}
	cal, err := s.store.ReportCalendar(ctx)
	if err != nil {
		return err
	}
	year := cal.ReportingYear()
	if q := c.QueryParam("year"); q != "" {
		y, err := strconv.Atoi(q)
		if err != nil || !cal.Has(y) {
			return echo.ErrNotFound
		}
		year = y
	}
	v := views.DistrictView{Year: yearName(cal, year)}
	// The neighbouring years, as the report's page lists them.
	i := slices.Index(cal.Years, year)
	for _, y := range cal.Years[max(0, i-chartYears+1):min(len(cal.Years), i+chartYears)] {
		v.Years = append(v.Years, yearName(cal, y))
	}
	total, err := s.store.Report(ctx, year)
	if err != nil {
		return err
	}
	totalFlat, err := flattenReport(total)
	if err != nil {
		return err
	}
	parkFlat := make([][]figureValue, len(parks))
	for i, p := range parks {
		v.Parks = append(v.Parks, p.Name)
		r, err := s.store.Report(store.WithPark(ctx, p.ID), year)
		if err != nil {
			return err
		}
		if parkFlat[i], err = flattenReport(r); err != nil {
			return err
		}
	}
	for _, sec := range reportSectionTitles {
		ds := views.DistrictSection{Slug: sec.Slug, Title: sec.Title}
		for j, f := range totalFlat {
			if sectionOf(f.Key) != sec.Slug {
				continue
			}
			row := views.DistrictRow{Key: f.Key, Label: figureDefinition(f.Key).Label, Total: formatFigure(f.Key, f.Value)}
			for i := range parks {
				row.Parks = append(row.Parks, formatFigure(f.Key, parkFlat[i][j].Value))
			}
			ds.Rows = append(ds.Rows, row)
		}
		v.Sections = append(v.Sections, ds)
	}
	return s.render(c, http.StatusOK, s.page(c, v.Year.Of("全区汇总")), views.DistrictPage(v))
}
