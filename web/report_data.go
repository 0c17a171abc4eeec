package web

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"

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

// reportData answers /reports/{year}.json and /reports/{year}.csv.
func (s *Server) reportData(c echo.Context) (publicData, error) {
	year, ext, _ := reportYearParam(c)
	ctx := c.Request().Context()
	ok, err := s.knownReportYear(ctx, year)
	if err != nil {
		return publicData{}, err
	}
	if !ok {
		return publicData{}, echo.ErrNotFound
	}
	r, err := s.store.Report(ctx, year)
	if err != nil {
		return publicData{}, err
	}
	if ext == "json" {
		b, err := reportJSON(r)
		if err != nil {
			return publicData{}, err
		}
		return publicData{ContentType: "application/json; charset=utf-8", Body: b}, nil
	}
	var prev *reportYear
	if okPrev, err := s.knownReportYear(ctx, year-1); err != nil {
		return publicData{}, err
	} else if okPrev {
		pr, err := s.store.Report(ctx, year-1)
		if err != nil {
			return publicData{}, err
		}
		ry, err := newReportYear(pr)
		if err != nil {
			return publicData{}, err
		}
		prev = &ry
	}
	b, err := reportCSV(r, prev)
	if err != nil {
		return publicData{}, err
	}
	return publicData{ContentType: "text/csv; charset=utf-8", Filename: "report-" + strconv.Itoa(year) + ".csv", Body: b}, nil
}

// reportCSV writes one row per figure: key, Chinese label, value, previous
// year, change; UTF-8 with a byte-order mark so that Excel reads it right.
func reportCSV(r store.Report, prev *reportYear) ([]byte, error) {
	cur, err := newReportYear(r)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	_ = w.Write([]string{"key", "指标", "数值", "上年", "变化"})
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
