package web

import (
	"context"
	"strconv"
	"strings"
	"testing"
)

// The dashboard shows the chosen year's figures, the same as the report,
// and a figure's link opens the ledger that holds exactly what it counts.
func TestDashboardFiguresLinkToTheirLedgers(t *testing.T) {
	ts, c, _ := staffClient(t)
	report, err := ts.Store.Report(context.Background(), 2023)
	if err != nil {
		t.Fatal(err)
	}
	_, body := ts.get(c, "/workbench?year=2023")
	d := doc(t, body)
	if got, _ := d.Find(`#year option[selected]`).Attr("value"); got != "2023" {
		t.Errorf("the year selector shows %q", got)
	}
	years := d.Find(`#year option`).Length()
	if years < 10 {
		t.Errorf("the year selector offers %d years", years)
	}
	for key, want := range map[string]int{
		"incubation.branches_formed":       report.Incubation.BranchesFormed,
		"incubation.joint_branches_formed": report.Incubation.JointBranchesFormed,
		"incubation.enterprises_surveyed":  report.Incubation.EnterprisesSurveyed,
	} {
		row := d.Find(`[data-testid="dashboard"] tr[data-key="` + key + `"]`)
		got := strings.TrimSpace(row.Find("td.figure-value").Text())
		if number := strings.TrimRightFunc(got, func(r rune) bool { return r < '0' || r > '9' }); number != strconv.Itoa(want) {
			t.Errorf("%s = %q on the dashboard, %d in the report", key, got, want)
		}
		href, ok := row.Find("th a").Attr("href")
		if !ok {
			t.Errorf("%s links to no ledger", key)
			continue
		}
		_, ledger := ts.get(c, href)
		count := doc(t, ledger).Find(`[data-testid="result-count"]`).Text()
		if !strings.Contains(count, "共 "+strconv.Itoa(want)+" ") {
			t.Errorf("%s: the ledger behind it (%s) says %q, want %d", key, href, count, want)
		}
	}
	// Every figure with a link: the ledger behind it counts the same.
	linked := 0
	d.Find(`[data-testid="dashboard"] tr[data-key]`).Each(func(_ int, row *goqueryS) {
		href, ok := row.Find("th a").Attr("href")
		if !ok {
			return
		}
		linked++
		key, _ := row.Attr("data-key")
		value := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, row.Find("td.figure-value").Text())
		_, ledger := ts.get(c, href)
		count := strings.ReplaceAll(doc(t, ledger).Find(`[data-testid="result-count"]`).Text(), ",", "")
		if !strings.Contains(count, "共 "+value+" ") && !strings.Contains(count, "受益 "+value+" 人") {
			t.Errorf("%s = %s: the ledger behind it (%s) says %q", key, value, href, count)
		}
	})
	if linked < 20 {
		t.Errorf("only %d figures link to their ledgers", linked)
	}
	if report.Incubation.BranchesFormed != 5 || report.Incubation.JointBranchesFormed != 10 {
		t.Errorf("the demo's 2023 branches are %d and %d, want the article's 5 and 10", report.Incubation.BranchesFormed, report.Incubation.JointBranchesFormed)
	}
	if d.Find(`[data-testid="dashboard"] svg`).Length() == 0 {
		t.Error("no charts on the dashboard")
	}
}

// The shared services page counts the year's effective services by kind and
// month as the report does, and shows its equipment saving ratio.
func TestServicesPageMatchesTheReport(t *testing.T) {
	ts, c, _ := staffClient(t)
	report, err := ts.Store.Report(context.Background(), 2023)
	if err != nil {
		t.Fatal(err)
	}
	_, body := ts.get(c, "/workbench/services/savings?year=2023")
	d := doc(t, body)
	ratio := strings.TrimSpace(d.Find(`[data-testid="saving-ratio"] .stat-value`).Text())
	if want := strconv.Itoa(int(*report.Incubation.EquipmentSavingRatio*100+0.5)) + "%"; ratio != want {
		t.Errorf("ratio %q, report %q", ratio, want)
	}
	rows := d.Find(`[data-testid="savings"] tbody tr`)
	if rows.Length() != 13 {
		t.Fatalf("%d rows, want 12 months and the year", rows.Length())
	}
	if got := strings.TrimSpace(rows.Last().Find("td").First().Text()); got != strconv.Itoa(report.Incubation.Services.Equipment) {
		t.Errorf("equipment services in the year: %q, report %d", got, report.Incubation.Services.Equipment)
	}
}
