package web

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// showServices is /workbench/services: the year's effective shared
// services and what they saved (market price − actual cost) by kind and
// month, and the equipment saving ratio exactly as the report computes it:
// the reporting year by default, as on the dashboard (the year in progress
// when there are no records, labelled). Queries: the calendar, the sums,
// the report.
func (s *Server) showServices(c echo.Context) error {
	ctx := c.Request().Context()
	cal, err := s.store.ReportCalendar(ctx)
	if err != nil {
		return err
	}
	year := cal.ReportingYear()
	if year == 0 {
		year = cal.Current()
	}
	if y, err := strconv.Atoi(c.QueryParam("year")); err == nil && cal.Has(y) {
		year = y
	}
	name := yearName(cal, year)
	sums, err := s.store.ServiceSavings(ctx, year)
	if err != nil {
		return err
	}
	report, err := s.store.Report(ctx, year)
	if err != nil {
		return err
	}
	v := views.ServicesView{Year: name, Ratio: "无"}
	for _, y := range slices.Backward(cal.Years) {
		v.YearOptions = append(v.YearOptions, views.Option{Value: strconv.Itoa(y), Label: yearName(cal, y).String(), Selected: y == year})
	}
	if r := report.Incubation.EquipmentSavingRatio; r != nil {
		v.Ratio = strconv.Itoa(int(*r*100+0.5)) + "%"
	}
	head := []string{"月份"}
	for _, k := range store.ServiceKinds {
		head = append(head, k.Label+"（次）", k.Label+"节省（元）")
	}
	head = append(head, "合计节省（元）")
	v.Table = views.Table{Caption: name.String() + "有效共享服务及节省金额（市场价 − 实际费用）", Head: head, TestID: "savings"}
	chart := views.BarChart{Title: name.String() + "每月节省（元）"}
	chartTable := views.Table{Caption: name.String() + "每月节省", Head: []string{"月份", "节省（元）"}}
	byMonth := map[string]map[string]store.MonthSaving{}
	for _, m := range sums {
		if byMonth[m.Month] == nil {
			byMonth[m.Month] = map[string]store.MonthSaving{}
		}
		byMonth[m.Month][m.Kind] = m.MonthSaving
	}
	totals := map[string]store.MonthSaving{}
	var grand int64
	for month := 1; month <= 12; month++ {
		key := fmt.Sprintf("%04d-%02d", year, month)
		row := views.TableRow{Head: strconv.Itoa(month) + "月"}
		var saved int64
		for _, k := range store.ServiceKinds {
			m := byMonth[key][k.Value]
			row.Cells = append(row.Cells, strconv.Itoa(m.Services), store.Money(m.MarketFen-m.ActualFen).String())
			saved += m.MarketFen - m.ActualFen
			t := totals[k.Value]
			t.Services, t.MarketFen, t.ActualFen = t.Services+m.Services, t.MarketFen+m.MarketFen, t.ActualFen+m.ActualFen
			totals[k.Value] = t
		}
		grand += saved
		row.Cells = append(row.Cells, store.Money(saved).String())
		v.Table.Rows = append(v.Table.Rows, row)
		chart.Bars = append(chart.Bars, views.Bar{Label: strconv.Itoa(month) + "月", Value: float64(saved) / 100, Text: store.Money(saved).String()})
		chartTable.Rows = append(chartTable.Rows, views.TableRow{Head: strconv.Itoa(month) + "月", Cells: []string{store.Money(saved).String()}})
	}
	total := views.TableRow{Head: "全年"}
	for _, k := range store.ServiceKinds {
		t := totals[k.Value]
		total.Cells = append(total.Cells, strconv.Itoa(t.Services), store.Money(t.MarketFen-t.ActualFen).String())
	}
	total.Cells = append(total.Cells, store.Money(grand).String())
	v.Table.Rows = append(v.Table.Rows, total)
	v.Chart = views.Figure{Chart: chart, Table: chartTable}
	return s.staffPage(c, "共享服务 "+name.String(), views.ServicesPage(v))
}
