package web

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"parkportal/store"
)

// reportJSON is the report exactly as `portal report --format json` prints
// it: the same encoder settings (two-space indent, no HTML escaping, a final
// newline).
func reportJSON(r store.Report) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// reportThroughHeader labels the data of the year in progress: the day its
// figures run to (2026-12-06). The JSON stays the spec's object, field for
// field, so the label travels beside it; a complete year has no such header.
const reportThroughHeader = "Report-Through"

// reportData answers /reports/{year}.json and /reports/{year}.csv, for the
// years of the report calendar. The year in progress is served, labelled
// partial: the Report-Through header, and in the CSV a value column named
// with the day and a file name that says so.
func (s *Server) reportData(c echo.Context) (publicData, error) {
	year, ext, _ := reportYearParam(c)
	ctx := c.Request().Context()
	cal, err := s.store.ReportCalendar(ctx)
	if err != nil {
		return publicData{}, err
	}
	if !cal.Has(year) {
		return publicData{}, echo.ErrNotFound
	}
	cur, err := s.report(ctx, cal, year)
	if err != nil {
		return publicData{}, err
	}
	var header http.Header
	if cal.InProgress(year) {
		header = http.Header{reportThroughHeader: {cal.Today.Format(time.DateOnly)}}
	}
	if ext == "json" {
		b, err := reportJSON(cur.Report)
		if err != nil {
			return publicData{}, err
		}
		return publicData{ContentType: "application/json; charset=utf-8", Header: header, Body: b}, nil
	}
	var prev *reportYear
	if cal.Has(year - 1) {
		ry, err := s.report(ctx, cal, year-1)
		if err != nil {
			return publicData{}, err
		}
		prev = &ry
	}
	b, err := reportCSV(cur, prev)
	if err != nil {
		return publicData{}, err
	}
	name := "report-" + strconv.Itoa(year) + ".csv"
	if cal.InProgress(year) {
		name = "report-" + strconv.Itoa(year) + "-through-" + cal.Today.Format("0102") + ".csv"
	}
	return publicData{ContentType: "text/csv; charset=utf-8", Filename: name, Header: header, Body: b}, nil
}

// reportCSV writes one row per figure: key, Chinese label, value, previous
// year, change; UTF-8 with a byte-order mark so that Excel reads it right.
// The value column of the year in progress is named with its day:
// 数值（截至12月6日）.
func reportCSV(cur reportYear, prev *reportYear) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	value := "数值"
	if cur.Name.InProgress() {
		value += "（" + cur.Name.Note() + "）"
	}
	_ = w.Write([]string{"key", "指标", value, "上年", "变化"})
	for _, f := range cur.Flat {
		row := []string{f.Key, figureDefinition(f.Key).Label, number(f.Value), "", ""}
		if prev != nil {
			pv := prev.value(f.Key)
			row[3] = number(pv)
			if f.Value != nil && pv != nil {
				row[4] = strconv.FormatFloat(round2(*f.Value-*pv), 'f', -1, 64)
			}
		}
		_ = w.Write(row)
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

func number(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

func round2(x float64) float64 { return roundHalfAway(x*100) / 100 }
