package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// showDistrict is the district's table of a year's figures (?year=, the
// reporting year by default): a column per park and the district's total.
// For a year some park has filed, it reads the filed returns (the total
// is theirs, added up) and names the parks that have not filed;
// ?source=live reads the records instead, as for a year nobody filed:
// the parks' records added up and the ratios computed from the summed
// parts (store.District). Queries: the parks, the year's returns, then
// one report each and the district's, each from the kept figures (a few
// rows per park); the page is kept in the staff cache until a change.
func (s *Server) showDistrict(c echo.Context) error {
	ctx := store.WithPark(c.Request().Context(), store.District)
	set, err := s.parks(ctx)
	if err != nil {
		return err
	}
	parks := set.all
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
	returns, err := s.store.LatestReturns(ctx, year)
	if err != nil {
		return err
	}
	filed := map[int64]store.AnnualReturn{} // by park
	for _, r := range returns {
		filed[r.Park] = r
	}
	v.HasReturns = len(returns) > 0
	v.Filed = v.HasReturns && c.QueryParam("source") != "live"
	var total store.Report
	if v.Filed {
		total = store.SumReturns(year, returns)
	} else if total, err = s.store.Report(ctx, year); err != nil {
		return err
	}
	totalFlat, err := flattenReport(total)
	if err != nil {
		return err
	}
	parkValues := make([]map[string]*float64, len(parks))
	for i, p := range parks {
		col := views.DistrictPark{Name: p.Name}
		r, ok := filed[p.ID]
		if ok {
			col.Version = "第 " + strconv.Itoa(r.Version) + " 版 · " + views.Timestamp(r.FiledAt) + "报出"
			col.PDF = "/district/returns/" + p.Slug + "/" + strconv.Itoa(year) + "/" + strconv.Itoa(r.Version) + ".pdf"
		}
		col.Filed = ok
		if v.Filed && !ok {
			v.Unfiled = append(v.Unfiled, p.Name)
		}
		v.Parks = append(v.Parks, col)
		if v.Filed && !ok {
			continue // no figures: the park has not filed
		}
		rep := r.Report
		if !v.Filed {
			if rep, err = s.store.Report(store.WithPark(ctx, p.ID), year); err != nil {
				return err
			}
		}
		flat, err := flattenReport(rep)
		if err != nil {
			return err
		}
		parkValues[i] = map[string]*float64{}
		for _, f := range flat {
			parkValues[i][f.Key] = f.Value
		}
	}
	for _, sec := range reportSectionTitles {
		ds := views.DistrictSection{Slug: sec.Slug, Title: sec.Title}
		for _, f := range totalFlat {
			if sectionOf(f.Key) != sec.Slug {
				continue
			}
			row := views.DistrictRow{Key: f.Key, Label: figureDefinition(f.Key).Label, Total: formatFigure(f.Key, f.Value)}
			for i := range parks {
				cell := "未报"
				if parkValues[i] != nil {
					value := parkValues[i][f.Key]
					if value == nil && figureDefinition(f.Key).Unit != "%" {
						zero := 0.0 // a kind of responsibility the park has no record of
						value = &zero
					}
					cell = formatFigure(f.Key, value)
				}
				href := ""
				if parkValues[i] != nil {
					href = parkFigureLedger(f.Key, year, parks[i].Slug)
				}
				row.Parks = append(row.Parks, cell)
				row.Links = append(row.Links, href)
			}
			ds.Rows = append(ds.Rows, row)
		}
		v.Sections = append(v.Sections, ds)
	}
	return s.staffPage(c, v.Year.Of("全区汇总"), views.DistrictPage(v))
}

// parkFigureLedger is the ledger behind a figure of year in park slug, as
// the dashboard links it (figureLedger): a page a district's user reads
// (views.ReaderLedgers), or "" for the figures counted from people (两员,
// members developed), whose ledgers a district does not read.
func parkFigureLedger(key string, year int, slug string) string {
	link := figureLedger(key, strconv.Itoa(year))
	path, query, _ := strings.Cut(link, "?")
	if link == "" || !views.ReaderLedgers[path] {
		return ""
	}
	q, err := url.ParseQuery(query)
	if err != nil {
		return ""
	}
	q.Set("park", slug)
	return path + "?" + q.Encode()
}

// districtKey is the staff cache's key of the district's table: its year
// and source, nothing else of the query.
func districtKey(c echo.Context) string {
	key := "/district year=" + c.QueryParam("year")
	if c.QueryParam("source") == "live" {
		key += " live"
	}
	return key
}
