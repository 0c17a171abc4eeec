package store

import (
	"context"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

// openDemoPark is a store holding the demonstration park, its clock in
// March 2024 (2023 is over).
func openDemoPark(t *testing.T) *Store {
	t.Helper()
	s := openTest(t)
	s.SetClock(func() time.Time { return time.Date(2024, 3, 1, 9, 0, 0, 0, ChinaTime) })
	park, err := os.ReadFile("demo/park.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(context.Background(), strings.NewReader(string(park)), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	return s
}

var clerk = Actor{Username: "clerk", Name: "王文员"}

func TestAFiledReturnSurvivesLaterEdits(t *testing.T) {
	ctx := context.Background()
	s := openDemoPark(t)
	live, err := s.Report(ctx, 2023)
	if err != nil {
		t.Fatal(err)
	}
	first, err := s.FileReturn(ctx, clerk, ReturnFiling{Year: 2023, Head: "李书记", Preparer: "王文员", Phone: "0731-28888888"})
	if err != nil {
		t.Fatal(err)
	}
	if first.Version != 1 || first.FiledBy != "clerk" || first.Unit == "" || !first.FiledAt.Equal(time.Date(2024, 3, 1, 9, 0, 0, 0, ChinaTime)) {
		t.Errorf("the first filing is %+v", first)
	}
	if !reflect.DeepEqual(first.Report, live) {
		t.Errorf("the filed figures\n%+v\nare not the live ones\n%+v", first.Report, live)
	}
	if r := first.Saving.Ratio(); !reflect.DeepEqual(r, live.Incubation.EquipmentSavingRatio) {
		t.Errorf("the filed saving parts give %v, the report %v", r, live.Incubation.EquipmentSavingRatio)
	}

	// A published 2023 activity is deleted: the live report moves, the
	// filed return does not.
	var key, version int64
	if err := s.read.QueryRowContext(ctx, `SELECT id, version FROM activities WHERE status = 'published'
		AND date LIKE '2023-%' AND program = 'incubation' LIMIT 1`).Scan(&key, &version); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteActivity(ctx, clerk, key, version); err != nil {
		t.Fatal(err)
	}
	moved, err := s.Report(ctx, 2023)
	if err != nil {
		t.Fatal(err)
	}
	if moved.Activities.Incubation != live.Activities.Incubation-1 {
		t.Fatalf("the live count went from %d to %d", live.Activities.Incubation, moved.Activities.Incubation)
	}
	got, err := s.AnnualReturns(ctx, 2023)
	if err != nil || len(got) != 1 || !reflect.DeepEqual(got[0], first) {
		t.Fatalf("after the edit the returns are %+v, %v; want the first unchanged", got, err)
	}

	// A correction needs its reason, and the version its author saw.
	_, err = s.FileReturn(ctx, clerk, ReturnFiling{Year: 2023, Head: "李书记", Preparer: "王文员", Phone: "0731-28888888", Seen: 1})
	var refused *ImportError
	if !errors.As(err, &refused) || len(refused.Problems) != 1 || refused.Problems[0].Field != "reason" {
		t.Errorf("a correction without a reason: %v", err)
	}
	_, err = s.FileReturn(ctx, clerk, ReturnFiling{Year: 2023, Head: "李书记", Preparer: "王文员", Phone: "0731-28888888", Reason: "删去重复活动"})
	var movedErr *ReturnMovedError
	if !errors.As(err, &movedErr) || movedErr.Latest.Version != 1 {
		t.Errorf("a filing against no version when version 1 is filed: %v", err)
	}
	// Filed against figures the records have since moved: refused.
	_, err = s.FileReturn(ctx, clerk, ReturnFiling{Year: 2023, Head: "李书记", Preparer: "王文员", Phone: "0731-28888888", Reason: "删去重复活动", Seen: 1,
		Figures: ReportDigest(live)})
	if !errors.Is(err, ErrFiguresMoved) {
		t.Errorf("a filing of figures the records moved since: %v", err)
	}
	// Against a version that is not there (a form of another park's).
	_, err = s.FileReturn(ctx, clerk, ReturnFiling{Year: 2023, Head: "李书记", Preparer: "王文员", Phone: "0731-28888888", Reason: "删去重复活动", Seen: 5})
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("a filing against version 5 of 1: %v", err)
	}
	second, err := s.FileReturn(ctx, clerk, ReturnFiling{Year: 2023, Head: "李书记", Preparer: "王文员", Phone: "0731-28888888", Reason: "删去重复活动", Seen: 1,
		Figures: ReportDigest(moved)})
	if err != nil {
		t.Fatal(err)
	}
	if second.Version != 2 || second.Reason != "删去重复活动" || !reflect.DeepEqual(second.Report, moved) {
		t.Errorf("the correction is %+v", second)
	}
	got, err = s.AnnualReturns(ctx, 2023)
	if err != nil || len(got) != 2 || got[0].Version != 2 || !reflect.DeepEqual(got[1], first) {
		t.Errorf("every version is kept, latest first: %+v, %v", got, err)
	}
	latest, err := s.LatestReturns(ctx, 0)
	if err != nil || len(latest) != 1 || latest[0].Version != 2 {
		t.Errorf("the park's latest returns: %+v, %v", latest, err)
	}

	// Nothing changes or deletes a filed version, not even SQL.
	for _, q := range []string{`UPDATE annual_returns SET figures = '{}'`, `DELETE FROM annual_returns`} {
		if _, err := s.write.ExecContext(ctx, q); err == nil {
			t.Errorf("%s: not refused", q)
		}
	}
	// The year in progress is not filed, nor a year out of range.
	for _, y := range []int{2024, 2025, 0} {
		if _, err := s.FileReturn(ctx, clerk, ReturnFiling{Year: y, Head: "李", Preparer: "王", Phone: "13800000000"}); !errors.Is(err, ErrYearNotOver) {
			t.Errorf("filing %d: %v", y, err)
		}
	}
	// A district files nothing.
	if _, err := s.FileReturn(WithPark(ctx, District), clerk, ReturnFiling{Year: 2023, Head: "李", Preparer: "王", Phone: "13800000000", Seen: 2, Reason: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("the district filing: %v", err)
	}
	// Filing moved the revision but kept the cached reports.
	if r, err := s.Report(ctx, 2023); err != nil || !reflect.DeepEqual(r, moved) {
		t.Errorf("the live report after filing: %+v, %v", r, err)
	}
}

func TestReturnFieldsAreChecked(t *testing.T) {
	for _, c := range []struct {
		f       ReturnFiling
		version int
		fields  string
	}{
		{ReturnFiling{Head: "李", Preparer: "王", Phone: "0731-28888888"}, 1, ""},
		{ReturnFiling{Head: "李", Preparer: "王", Phone: "（0731）2888 8888 转 12"}, 1, ""},
		{ReturnFiling{}, 1, "head preparer phone"},
		{ReturnFiling{Head: "李", Preparer: "王", Phone: "abc12345"}, 1, "phone"},
		{ReturnFiling{Head: "李", Preparer: "王", Phone: "1-2"}, 1, "phone"},
		{ReturnFiling{Head: strings.Repeat("李", 41), Preparer: "王", Phone: "13800000000"}, 1, "head"},
		{ReturnFiling{Head: "李", Preparer: "王", Phone: "13800000000"}, 2, "reason"},
		{ReturnFiling{Head: "李", Preparer: "王", Phone: "13800000000", Reason: strings.Repeat("因", 501)}, 2, "reason"},
	} {
		var fields []string
		for _, p := range c.f.Check(c.version) {
			fields = append(fields, p.Field)
			if p.Message == "" {
				t.Errorf("%+v: a problem without words", c.f)
			}
		}
		if got := strings.Join(fields, " "); got != c.fields {
			t.Errorf("%+v, version %d: problems at %q, want %q", c.f, c.version, got, c.fields)
		}
	}
}

// The district's figures of a filed year are its parks' returns added up;
// with nothing changed since filing, they are its live report.
func TestTheDistrictsFiledFiguresAreTheSumOfTheReturns(t *testing.T) {
	ctx := context.Background()
	s := openDemoPark(t)
	p2, err := s.AddPark(ctx, clerk, ParkInfo{Slug: "second", Name: "第二园区"})
	if err != nil {
		t.Fatal(err)
	}
	second := WithPark(ctx, p2.ID)
	if _, err := s.Import(second, strings.NewReader(validDocument), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	district := WithPark(ctx, District)
	if got, err := s.LatestReturns(district, 2023); err != nil || len(got) != 0 {
		t.Fatalf("returns before any filing: %+v, %v", got, err)
	}
	if _, err := s.FileReturn(ctx, clerk, ReturnFiling{Year: 2023, Head: "李", Preparer: "王", Phone: "13800000000"}); err != nil {
		t.Fatal(err)
	}
	one, err := s.LatestReturns(district, 2023)
	if err != nil || len(one) != 1 || one[0].Park != FirstPark {
		t.Fatalf("one park filed: %+v, %v", one, err)
	}
	if _, err := s.FileReturn(second, clerk, ReturnFiling{Year: 2023, Head: "赵", Preparer: "钱", Phone: "13900000000"}); err != nil {
		t.Fatal(err)
	}
	both, err := s.LatestReturns(district, 2023)
	if err != nil || len(both) != 2 || both[1].Park != p2.ID || both[1].Unit != "测试园区" {
		t.Fatalf("both parks filed: %+v, %v", both, err)
	}
	want, err := s.Report(district, 2023)
	if err != nil {
		t.Fatal(err)
	}
	if got := SumReturns(2023, both); !reflect.DeepEqual(got, want) {
		t.Errorf("the returns add up to\n%+v\nthe district's report is\n%+v", got, want)
	}
	if want.Incubation.EquipmentSavingRatio == nil || want.Activities.Incubation == 0 {
		t.Errorf("the check compares empty figures: %+v", want)
	}
	// The unit is the park as named when it filed (its import named it).
	// Another park's return is not the park's own.
	if got, err := s.AnnualReturns(second, 2023); err != nil || len(got) != 1 || got[0].Head != "赵" {
		t.Errorf("the second park's returns: %+v, %v", got, err)
	}
}
