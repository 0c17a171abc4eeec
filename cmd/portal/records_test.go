package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const smallPark = `{
  "format": "parkportal/v1",
  "park": {"name": "测试园区", "brand": "跟党一起创业"},
  "enterprises": [{"id": "e1", "name": "株洲初创科技有限公司", "stage": "startup"}],
  "organizations": [{"id": "o1", "name": "初创党支部", "kind": "branch", "formed": "2023-05-01", "enterprises": ["e1"]}],
  "members": [
    {"id": "m1", "name": "张三", "birth": "1990-05-01", "organization": "o1", "management": true,
     "applied": "2021-01-10", "activist": "2022-01-05", "candidate": "2023-01-05", "probationary": "2023-06-01"}
  ]
}`

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportPrintsEveryProblemAndFails(t *testing.T) {
	db := filepath.Join(t.TempDir(), "portal.db")
	bad := strings.Replace(smallPark, `"activist": "2022-01-05"`, `"activist": "2022-06-01"`, 1)
	bad = strings.Replace(bad, `"stage": "startup"`, `"stage": "seed"`, 1)
	code, out, errOut := runCLI(t, db, "", "import", writeFile(t, "bad.json", bad))
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		"企业（enterprises）第 1 条（id: e1）字段 stage：",
		"党员发展（members）第 1 条（id: m1）字段 candidate：确定为发展对象须在列为入党积极分子满一年之后（2022-06-01 → 2023-01-05 不足一年；最早可在 2023-06-01 确定）[member_activist_year]",
		"导入被拒绝：发现 2 个问题，没有写入任何记录",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if out != "" {
		t.Errorf("stdout %q, want nothing", out)
	}
	if code, out, _ := runCLI(t, db, "", "export"); code != 0 || strings.Contains(out, "e1") {
		t.Errorf("after a refused import, export (exit %d) holds records:\n%s", code, out)
	}
}

// portal import refuses one enterprise twice in a document (the same
// credit code, the same name but for a space) and one organisation's name
// twice; with --replace the document alone counts, not what it replaces.
func TestImportRefusesOneEnterpriseTwice(t *testing.T) {
	db := filepath.Join(t.TempDir(), "portal.db")
	twice := strings.Replace(smallPark, `"enterprises": [{"id": "e1", "name": "株洲初创科技有限公司", "stage": "startup"}],`,
		`"enterprises": [{"id": "e1", "name": "株洲初创科技有限公司", "credit_code": "914403001922038216", "stage": "startup"},
		 {"id": "e2", "name": "株洲初创科技有限公司 ", "credit_code": "914403001922038216", "stage": "startup"}],`, 1)
	twice = strings.Replace(twice, `"enterprises": ["e1"]}]`,
		`"enterprises": ["e1"]}, {"id": "o2", "name": "初创党支部", "kind": "branch", "formed": "2023-05-01", "enterprises": ["e2"]}]`, 1)
	code, _, errOut := runCLI(t, db, "", "import", writeFile(t, "twice.json", twice))
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		"企业（enterprises）第 2 条（id: e2）字段 credit_code：与第 1 条企业“株洲初创科技有限公司”的统一社会信用代码相同；同一家企业只能登记一次[duplicate_credit_code]",
		"企业（enterprises）第 2 条（id: e2）字段 name：与第 1 条企业“株洲初创科技有限公司”同名",
		"[duplicate_name]",
		"党组织（organizations）第 2 条（id: o2）字段 name：与第 1 条党组织“初创党支部”同名[duplicate_name]",
		"导入被拒绝：发现 3 个问题",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if code, _, errOut := runCLI(t, db, "", "import", writeFile(t, "park.json", smallPark)); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errOut)
	}
	again := strings.Replace(smallPark, `"id": "e1"`, `"id": "e9"`, 1)
	again = strings.Replace(again, `"enterprises": ["e1"]`, `"enterprises": ["e9"]`, 1)
	if code, _, errOut := runCLI(t, db, "", "import", "--replace", writeFile(t, "again.json", again)); code != 0 {
		t.Errorf("import --replace of the same enterprise under another id: exit %d: %s", code, errOut)
	}
}

// A member's birth date is required, so the age rule cannot be skipped by
// leaving it out.
func TestImportRefusesAMemberWithoutBirth(t *testing.T) {
	db := filepath.Join(t.TempDir(), "portal.db")
	bad := strings.Replace(smallPark, `"birth": "1990-05-01", `, "", 1)
	code, _, errOut := runCLI(t, db, "", "import", writeFile(t, "bad.json", bad))
	if want := "（members）第 1 条（id: m1）字段 birth：缺少必填内容[required]"; code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %q; want 1 and %q", code, errOut, want)
	}
}

func TestImportExportReplace(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "portal.db")
	file := writeFile(t, "park.json", smallPark)
	code, out, errOut := runCLI(t, db, "", "import", file)
	if code != 0 {
		t.Fatalf("import exit %d: %s", code, errOut)
	}
	for _, want := range []string{"企业（enterprises）", "共 3 条记录"} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
	code, _, errOut = runCLI(t, db, "", "import", file)
	if code != 1 || !strings.Contains(errOut, "--replace") {
		t.Errorf("second import: exit %d, stderr %q; want 1 and a hint about --replace", code, errOut)
	}
	code, _, errOut = runCLI(t, db, "", "import", "--replace", file)
	if code != 0 {
		t.Errorf("import --replace: exit %d: %s", code, errOut)
	}

	code, stdout, errOut := runCLI(t, db, "", "export")
	if code != 0 {
		t.Fatalf("export exit %d: %s", code, errOut)
	}
	dest := filepath.Join(dir, "out", "export.json")
	if err := os.Mkdir(filepath.Dir(dest), 0o755); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI(t, db, "", "export", dest); code != 0 {
		t.Fatalf("export FILE exit %d: %s", code, errOut)
	}
	written, err := os.ReadFile(dest)
	if err != nil {
		t.Fatal(err)
	}
	if string(written) != stdout {
		t.Errorf("export to a file differs from export to standard output")
	}
	if entries, _ := os.ReadDir(filepath.Dir(dest)); len(entries) != 1 {
		t.Errorf("export left %d files beside the export, want none", len(entries)-1)
	}
	// The export imports into a fresh database and exports the same.
	db2 := filepath.Join(dir, "second.db")
	if code, _, errOut := runCLI(t, db2, "", "import", dest); code != 0 {
		t.Fatalf("import of export: exit %d: %s", code, errOut)
	}
	if _, again, _ := runCLI(t, db2, "", "export"); again != stdout {
		t.Errorf("import → export → import → export differs")
	}
}

func TestImportFromStandardInput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "portal.db")
	if code, _, errOut := runCLI(t, db, smallPark, "import", "-"); code != 0 {
		t.Errorf("import -: exit %d: %s", code, errOut)
	}
}

func TestReportJSONAndText(t *testing.T) {
	db := filepath.Join(t.TempDir(), "portal.db")
	if code, _, errOut := runCLI(t, db, "", "import", writeFile(t, "park.json", smallPark)); code != 0 {
		t.Fatalf("import exit %d: %s", code, errOut)
	}
	code, out, errOut := runCLI(t, db, "", "report", "--year", "2023", "--format", "json")
	if code != 0 {
		t.Fatalf("report exit %d: %s", code, errOut)
	}
	var report map[string]any
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("report is not JSON: %v\n%s", err, out)
	}
	r := map[string]map[string]any{}
	for _, part := range []string{"incubation", "uplift"} {
		r[part], _ = report[part].(map[string]any)
	}
	if got := r["incubation"]["branches_formed"]; got != 1.0 {
		t.Errorf("branches_formed = %v, want 1", got)
	}
	if got := r["uplift"]["members_developed"]; got != 1.0 {
		t.Errorf("members_developed = %v, want 1", got)
	}
	if got, ok := r["incubation"]["equipment_saving_ratio"]; !ok || got != nil {
		t.Errorf("equipment_saving_ratio = %v (present %v), want null", got, ok)
	}
	if !strings.HasPrefix(out, "{\n  \"year\": 2023,\n  \"incubation\": {\n    \"enterprises_surveyed\": 0,") {
		t.Errorf("report is not indented by two spaces in the spec's order:\n%s", out)
	}

	code, out, _ = runCLI(t, db, "", "report", "--year", "2023", "--format", "text")
	if code != 0 || !strings.Contains(out, "新组建党支部1个") || !strings.Contains(out, "新发展党员1名") {
		t.Errorf("text report (exit %d):\n%s", code, out)
	}
	for _, args := range [][]string{{"report"}, {"report", "--year", "23"}, {"report", "--year", "2023", "--format", "xml"}} {
		if code, _, _ := runCLI(t, db, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (usage)", args, code)
		}
	}
}

func TestDemoLoadsTheArticlesFigures(t *testing.T) {
	db := filepath.Join(t.TempDir(), "portal.db")
	if code, _, errOut := runCLI(t, db, "", "demo"); code != 0 {
		t.Fatalf("demo exit %d: %s", code, errOut)
	}
	code, out, errOut := runCLI(t, db, "", "report", "--year", "2023")
	if code != 0 {
		t.Fatalf("report exit %d: %s", code, errOut)
	}
	var r struct {
		Incubation struct {
			BranchesFormed      int `json:"branches_formed"`
			JointBranchesFormed int `json:"joint_branches_formed"`
			StartupsCovered     int `json:"startups_covered"`
			StaffServing        int `json:"staff_serving"`
			Services            struct{ Equipment int }
			Ratio               *float64 `json:"equipment_saving_ratio"`
		}
		Uplift struct {
			MembersDeveloped int `json:"members_developed"`
			Management       int `json:"members_developed_management"`
			UniversityLines  int `json:"university_lines"`
			Zjtx             int `json:"zjtx_provincial_new"`
		}
		Brand struct {
			CityNew     int `json:"benchmarks_city_new"`
			CityOrAbove int `json:"benchmarks_city_or_above"`
		}
	}
	if err := json.NewDecoder(bytes.NewReader([]byte(out))).Decode(&r); err != nil {
		t.Fatal(err)
	}
	in, up, br := r.Incubation, r.Uplift, r.Brand
	if in.BranchesFormed != 5 || in.JointBranchesFormed != 10 || in.StartupsCovered != 55 || in.StaffServing < 80 ||
		in.Services.Equipment != 103 || in.Ratio == nil || *in.Ratio < 0.45 || *in.Ratio > 0.55 {
		t.Errorf("incubation figures %+v, want the article's", in)
	}
	if up.MembersDeveloped != 68 || (up.Management != 45 && up.Management != 46) || up.UniversityLines != 3 || up.Zjtx != 73 {
		t.Errorf("uplift figures %+v, want the article's", up)
	}
	if br.CityNew != 4 || br.CityOrAbove != 9 {
		t.Errorf("brand figures %+v, want the article's", br)
	}
	code, _, errOut = runCLI(t, db, "", "demo")
	if code != 1 || !strings.Contains(errOut, "已有记录") {
		t.Errorf("demo into a full database: exit %d, %q; want 1 and why", code, errOut)
	}
}

// `portal report` on the command's clock: the year in progress is labelled
// with its day (the text's title; a note beside the spec's JSON), and a
// year that has not begun has no report.
func TestReportOfTheYearInProgress(t *testing.T) {
	db := filepath.Join(t.TempDir(), "portal.db")
	if code, _, errOut := runCLI(t, db, "", "import", writeFile(t, "park.json", smallPark)); code != 0 {
		t.Fatalf("import exit %d: %s", code, errOut)
	}
	dec6 := func() time.Time { return time.Date(2026, 12, 5, 16, 30, 0, 0, time.UTC) } // 6 December in China
	code, out, errOut := runCLIAt(t, dec6, db, "", "report", "--year", "2026", "--format", "text")
	if code != 0 || !strings.HasPrefix(out, "2026年园区党建工作年报（截至12月6日）\n") {
		t.Errorf("text report of the year in progress (exit %d):\n%s", code, out)
	}
	if !strings.Contains(errOut, "2026年尚未结束") || !strings.Contains(errOut, "截至12月6日") {
		t.Errorf("no note that 2026 is in progress: %q", errOut)
	}
	code, out, errOut = runCLIAt(t, dec6, db, "", "report", "--year", "2026")
	if code != 0 || !strings.HasPrefix(out, "{\n  \"year\": 2026,\n  \"incubation\": {") || !strings.Contains(errOut, "截至12月6日") {
		t.Errorf("JSON report of the year in progress (exit %d): %q, note %q", code, out[:min(len(out), 40)], errOut)
	}
	if code, _, errOut := runCLIAt(t, dec6, db, "", "report", "--year", "2025"); code != 0 || errOut != "" {
		t.Errorf("a complete year: exit %d, note %q; want none", code, errOut)
	}
	if code, out, errOut := runCLIAt(t, dec6, db, "", "report", "--year", "2027"); code != 1 || out != "" || !strings.Contains(errOut, "2027年尚未开始") {
		t.Errorf("a year not begun: exit %d, %q, %q; want 1 and a refusal", code, out, errOut)
	}
}
