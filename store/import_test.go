package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// validDocument holds one or more records of every collection, every one
// of them valid; the tests below break one thing at a time.
const validDocument = `{
  "format": "parkportal/v1",
  "park": {"name": "测试园区", "brand": "跟党一起创业"},
  "enterprises": [
    {"id": "e1", "name": "湖南立方新能源科技有限责任公司", "credit_code": "914403001922038216", "stage": "mature",
     "stage_history": [{"stage": "startup", "since": "2015-03-01"}, {"stage": "growth", "since": "2018-01-01"}],
     "employees": 800, "sector": "新能源", "founded": "2015-03-01"},
    {"id": "e2", "name": "株洲初创科技有限公司", "stage": "startup"},
    {"id": "e3", "name": "株洲成长科技有限公司", "stage": "growth", "employees": 40}
  ],
  "surveys": [
    {"enterprise": "e2", "date": "2023-03-01", "fixed_premises": true, "employees": 12, "operating": true}
  ],
  "organizations": [
    {"id": "o1", "name": "立方新能源党委", "kind": "committee", "formed": "2016-07-01", "enterprises": ["e1"], "secretary": "李书记"},
    {"id": "o2", "name": "初创企业联合党支部", "kind": "joint_branch", "formed": "2023-05-01", "enterprises": ["e2", "e3"]}
  ],
  "staff": [
    {"id": "s1", "name": "王专员", "roles": ["specialist", "instructor"], "enterprises": ["e2"], "since": "2021-01-01"}
  ],
  "services": [
    {"enterprise": "e2", "kind": "equipment", "date": "2023-04-01", "effective": true, "market_cost": 1200.5, "actual_cost": 600, "note": "检测设备"}
  ],
  "members": [
    {"id": "m1", "name": "张三", "birth": "1990-05-01", "organization": "o1", "enterprise": "e1", "management": true,
     "applied": "2020-01-10", "activist": "2020-03-01", "candidate": "2021-03-01", "probationary": "2021-06-01", "full": "2022-06-01"}
  ],
  "activities": [
    {"program": "uplift", "kind": "lecture", "title": "红色CEO大讲堂", "date": "2023-06-01", "organizer": "o1",
     "enterprises": ["e1", "e3"], "participants": 120, "summary": "讲堂 <b>纪要</b> & \"引号\""}
  ],
  "platforms": [
    {"kind": "university_line", "name": "中南大学直通车", "established": "2022-09-01"}
  ],
  "designations": [
    {"enterprise": "e3", "kind": "zjtx_provincial", "year": 2023}
  ],
  "brands": [
    {"organization": "o1", "name": "锂电先锋", "launched": "2021-07-01", "status": "published", "slogan": "锂电报国",
     "story": "故事", "practices": ["党员先锋岗", "技术攻关"]}
  ],
  "awards": [
    {"organization": "o1", "kind": "benchmark_org", "level": "city", "year": 2023, "title": "市级标杆党组织"}
  ],
  "responsibility": [
    {"enterprise": "e1", "kind": "employment_aid", "date": "2023-08-01", "beneficiaries": 91, "note": "青海籍员工"}
  ]
}`

// remove marks a field to delete in a patch.
var remove = struct{}{}

// patched returns validDocument with the fields of one record changed
// (remove deletes a field); index is 1-based.
func patched(t *testing.T, collection string, index int, set map[string]any) []byte {
	t.Helper()
	var doc map[string]any
	dec := json.NewDecoder(strings.NewReader(validDocument))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	rec := doc[collection].([]any)[index-1].(map[string]any)
	for k, v := range set {
		if v == remove {
			delete(rec, k)
		} else {
			rec[k] = v
		}
	}
	return mustJSON(t, doc)
}

// importProblems imports data into a fresh store and returns the problems
// of the refusal.
func importProblems(t *testing.T, data []byte) []Problem {
	t.Helper()
	s := openTest(t)
	_, err := s.Import(context.Background(), bytes.NewReader(data), ImportOptions{})
	var refused *ImportError
	if !errors.As(err, &refused) {
		t.Fatalf("Import error = %v, want *ImportError", err)
	}
	if empty, err := s.RecordsEmpty(context.Background()); err != nil || !empty {
		t.Errorf("refused import left records (empty = %v, %v)", empty, err)
	}
	return refused.Problems
}

func TestImportValidDocument(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	res, err := s.Import(ctx, strings.NewReader(validDocument), ImportOptions{})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	want := map[Collection]int{"enterprises": 3, "surveys": 1, "organizations": 2, "staff": 1, "services": 1, "members": 1,
		"activities": 1, "platforms": 1, "designations": 1, "brands": 1, "awards": 1, "responsibility": 1}
	for c, n := range want {
		if got := res.Counts[c]; got != n {
			t.Errorf("Counts[%s] = %d, want %d", c, got, n)
		}
	}
	if got, want := res.Total, 15; got != want {
		t.Errorf("Total = %d, want %d", got, want)
	}
	if !res.Park || res.Replaced || len(res.Ignored) != 0 {
		t.Errorf("result %+v: want park, not replaced, nothing ignored", res)
	}
	var by string
	if err := s.read.QueryRow(`SELECT created_by FROM members`).Scan(&by); err != nil || by != "import" {
		t.Errorf("created_by = %q (%v), want import", by, err)
	}
	// Foreign keys are checked by the importer, not SQLite: make sure it left
	// nothing dangling.
	if err := s.IntegrityCheck(context.Background()); err != nil {
		t.Error(err)
	}
	var rev int
	if err := s.read.QueryRow(`SELECT value FROM revision`).Scan(&rev); err != nil || rev != 1 {
		t.Errorf("revision = %d (%v), want 1", rev, err)
	}
}

func TestImportRefusesEachBrokenRule(t *testing.T) {
	for _, tc := range []struct {
		name              string
		collection        string
		index             int
		set               map[string]any
		wantID, wantField string
		wantCode          string
	}{
		{"credit code check character", "enterprises", 1, map[string]any{"credit_code": "914403001922038217"}, "e1", "credit_code", CodeCreditCodeCheck},
		{"credit code length", "enterprises", 1, map[string]any{"credit_code": "9144030019220382"}, "e1", "credit_code", CodeCreditCodeLength},
		{"credit code character", "enterprises", 1, map[string]any{"credit_code": "9144030019220382IO"}, "e1", "credit_code", CodeCreditCodeCharset},
		{"unknown stage", "enterprises", 2, map[string]any{"stage": "seed"}, "e2", "stage", CodeEnum},
		{"missing name", "enterprises", 2, map[string]any{"name": remove}, "e2", "name", CodeRequired},
		{"missing id", "organizations", 2, map[string]any{"id": remove}, "", "id", CodeRequired},
		{"duplicate id", "organizations", 2, map[string]any{"id": "o1"}, "o1", "id", CodeDuplicateID},
		{"negative employees", "enterprises", 3, map[string]any{"employees": -3}, "e3", "employees", CodeNegative},
		{"employees as text", "enterprises", 3, map[string]any{"employees": "forty"}, "e3", "employees", CodeType},
		{"employees not whole", "enterprises", 3, map[string]any{"employees": json.Number("40.5")}, "e3", "employees", CodeInteger},
		{"no such date", "enterprises", 1, map[string]any{"founded": "2015-02-29"}, "e1", "founded", CodeDate},
		{"stage history date", "enterprises", 1, map[string]any{"stage_history": []any{map[string]any{"stage": "startup", "since": "2015-13-01"}}}, "e1", "stage_history[1].since", CodeDate},
		{"stage history stage", "enterprises", 1, map[string]any{"stage_history": []any{map[string]any{"stage": "old", "since": "2015-03-01"}}}, "e1", "stage_history[1].stage", CodeEnum},
		{"survey without employees", "surveys", 1, map[string]any{"employees": remove}, "", "employees", CodeRequired},
		{"survey bool as text", "surveys", 1, map[string]any{"fixed_premises": "yes"}, "", "fixed_premises", CodeType},
		{"survey of unknown enterprise", "surveys", 1, map[string]any{"enterprise": "e9"}, "", "enterprise", CodeUnknownReference},
		{"survey date malformed", "surveys", 1, map[string]any{"date": "2023/03/01"}, "", "date", CodeDate},
		{"joint branch of one", "organizations", 2, map[string]any{"enterprises": []any{"e2"}}, "o2", "enterprises", CodeJointBranchSize},
		{"organisation kind", "organizations", 1, map[string]any{"kind": "cell"}, "o1", "kind", CodeEnum},
		{"enterprise listed twice", "organizations", 2, map[string]any{"enterprises": []any{"e2", "e2"}}, "o2", "enterprises[2]", CodeDuplicateReference},
		{"organisation covers unknown enterprise", "organizations", 2, map[string]any{"enterprises": []any{"e2", "e7"}}, "o2", "enterprises[2]", CodeUnknownReference},
		{"organisation without enterprises", "organizations", 1, map[string]any{"enterprises": remove}, "o1", "enterprises", CodeRequired},
		{"staff without role", "staff", 1, map[string]any{"roles": []any{}}, "s1", "roles", CodeRolesEmpty},
		{"staff without roles", "staff", 1, map[string]any{"roles": remove}, "s1", "roles", CodeRequired},
		{"staff role unknown", "staff", 1, map[string]any{"roles": []any{"boss"}}, "s1", "roles[1]", CodeEnum},
		{"staff leaving before starting", "staff", 1, map[string]any{"until": "2020-12-31"}, "s1", "until", CodeUntilBeforeSince},
		{"money with three decimals", "services", 1, map[string]any{"market_cost": json.Number("1200.505")}, "", "market_cost", CodeMoney},
		{"negative money", "services", 1, map[string]any{"actual_cost": json.Number("-5")}, "", "actual_cost", CodeNegative},
		{"money as text", "services", 1, map[string]any{"actual_cost": "600"}, "", "actual_cost", CodeType},
		{"service kind", "services", 1, map[string]any{"kind": "food"}, "", "kind", CodeEnum},
		{"service without effective", "services", 1, map[string]any{"effective": remove}, "", "effective", CodeRequired},
		{"activist year short", "members", 1, map[string]any{"candidate": "2021-02-28"}, "m1", "candidate", CodeMemberActivistYear},
		{"probation short", "members", 1, map[string]any{"full": "2022-05-31"}, "m1", "full", CodeMemberProbationYear},
		{"too young", "members", 1, map[string]any{"birth": "2003-01-01"}, "m1", "applied", CodeMemberAge},
		{"member without birth", "members", 1, map[string]any{"birth": remove}, "m1", "birth", CodeRequired},
		{"stage skipped", "members", 1, map[string]any{"activist": remove}, "m1", "candidate", CodeMemberStageMissing},
		{"stages out of order", "members", 1, map[string]any{"activist": "2019-12-01"}, "m1", "activist", CodeMemberStageOrder},
		{"member of unknown organisation", "members", 1, map[string]any{"organization": "o9"}, "m1", "organization", CodeUnknownReference},
		{"member of unknown enterprise", "members", 1, map[string]any{"enterprise": "e9"}, "m1", "enterprise", CodeUnknownReference},
		{"member without management", "members", 1, map[string]any{"management": remove}, "m1", "management", CodeRequired},
		{"programme", "activities", 1, map[string]any{"program": "other"}, "", "program", CodeEnum},
		{"negative participants", "activities", 1, map[string]any{"participants": -1}, "", "participants", CodeNegative},
		{"unknown organizer", "activities", 1, map[string]any{"organizer": "o3"}, "", "organizer", CodeUnknownReference},
		{"activity enterprises not a list", "activities", 1, map[string]any{"enterprises": "e1"}, "", "enterprises", CodeType},
		{"platform without date", "platforms", 1, map[string]any{"established": remove}, "", "established", CodeRequired},
		{"year of two digits", "designations", 1, map[string]any{"year": 23}, "", "year", CodeYear},
		{"year as text", "designations", 1, map[string]any{"year": "2023"}, "", "year", CodeType},
		{"brand status", "brands", 1, map[string]any{"status": "live"}, "", "status", CodeEnum},
		{"brand practices not texts", "brands", 1, map[string]any{"practices": []any{1, 2}}, "", "practices", CodeType},
		{"award level", "awards", 1, map[string]any{"level": "village"}, "", "level", CodeEnum},
		{"award of unknown organisation", "awards", 1, map[string]any{"organization": "o5"}, "", "organization", CodeUnknownReference},
		{"negative beneficiaries", "responsibility", 1, map[string]any{"beneficiaries": -2}, "", "beneficiaries", CodeNegative},
		{"unknown status", "responsibility", 1, map[string]any{"status": "secret"}, "", "status", CodeEnum},
		{"duplicate optional id", "responsibility", 1, map[string]any{"id": "r1"}, "r1", "", ""}, // valid on its own
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := patched(t, tc.collection, tc.index, tc.set)
			if tc.wantCode == "" {
				if _, err := openTest(t).Import(context.Background(), bytes.NewReader(data), ImportOptions{}); err != nil {
					t.Fatalf("Import: %v", err)
				}
				return
			}
			ps := importProblems(t, data)
			if len(ps) != 1 {
				t.Fatalf("problems:\n%s\nwant exactly one", problemLines(ps))
			}
			p := ps[0]
			if got, want := string(p.Collection), tc.collection; got != want {
				t.Errorf("collection = %q, want %q", got, want)
			}
			if got, want := p.Index, tc.index; got != want {
				t.Errorf("index = %d, want %d", got, want)
			}
			if got, want := p.ID, tc.wantID; got != want {
				t.Errorf("id = %q, want %q", got, want)
			}
			if got, want := p.Field, tc.wantField; got != want {
				t.Errorf("field = %q, want %q", got, want)
			}
			if got, want := p.Code, tc.wantCode; got != want {
				t.Errorf("code = %q, want %q (%s)", got, want, p)
			}
			if p.Message == "" || !strings.Contains(p.String(), CollectionLabel(Collection(tc.collection))) {
				t.Errorf("message %q does not name the collection for a clerk", p.String())
			}
		})
	}
}

func problemLines(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}

func TestImportRefusesDocumentLevelProblems(t *testing.T) {
	for _, tc := range []struct {
		name, data, code string
	}{
		{"unknown format", strings.Replace(validDocument, `"parkportal/v1"`, `"parkportal/v2"`, 1), CodeFormat},
		{"no format", strings.Replace(validDocument, `"format": "parkportal/v1",`, ``, 1), CodeFormat},
		{"not an object", `["parkportal/v1"]`, CodeSyntax},
		{"cut short", validDocument[:len(validDocument)/2], CodeSyntax},
		{"missing comma", strings.Replace(validDocument, `"stage": "startup"},`, `"stage": "startup"}`, 1), CodeSyntax},
		{"trailing garbage", validDocument + " {}", CodeSyntax},
		{"collection twice", strings.Replace(validDocument, `"surveys": [`, `"platforms": [], "surveys": [`, 1), CodeDuplicateCollection},
		{"collection not a list", strings.Replace(validDocument, `"platforms": [`, `"platforms": {"a": [1]}, "x": [`, 1), CodeType},
		{"record not an object", strings.Replace(validDocument, `"designations": [`, `"designations": [2023, `, 1), CodeType},
		{"empty", ``, CodeSyntax},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := importProblems(t, []byte(tc.data))
			if len(ps) != 1 {
				t.Fatalf("problems:\n%s\nwant exactly one", problemLines(ps))
			}
			if got, want := ps[0].Code, tc.code; got != want {
				t.Errorf("code = %q, want %q (%s)", got, want, ps[0])
			}
		})
	}
}

func TestImportSyntaxErrorNamesTheLine(t *testing.T) {
	data := strings.Replace(validDocument, `"stage": "startup"},`, `"stage": "startup"}`, 1)
	ps := importProblems(t, []byte(data))
	// The comma is missing at the end of line 9; the parser notices at the
	// next record, on line 10.
	if len(ps) != 1 || !strings.Contains(ps[0].Message, "第 10 行") || !strings.Contains(ps[0].Message, "缺少逗号") {
		t.Errorf("problems:\n%s\nwant one naming line 10 and the comma", problemLines(ps))
	}
	// A syntax error inside a record is placed exactly.
	data = strings.Replace(validDocument, `{"id": "e2", "name"`, `{"id": "e2" "name"`, 1)
	ps = importProblems(t, []byte(data))
	if len(ps) != 1 || !strings.Contains(ps[0].Message, "第 8 行第 17 列") {
		t.Errorf("problems:\n%s\nwant one at line 8, column 17", problemLines(ps))
	}
}

func TestImportCollectsEveryProblemInDocumentOrder(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal([]byte(validDocument), &doc); err != nil {
		t.Fatal(err)
	}
	members := doc["members"].([]any)
	m := members[0].(map[string]any)
	m["candidate"] = "2020-06-01"
	doc["enterprises"].([]any)[1].(map[string]any)["stage"] = "seed"
	doc["awards"].([]any)[0].(map[string]any)["organization"] = "nowhere" // found only at the end
	doc["surveys"].([]any)[0].(map[string]any)["employees"] = -1
	ps := importProblems(t, mustJSON(t, doc))
	var got []string
	for _, p := range ps {
		got = append(got, fmt.Sprintf("%s/%d/%s/%s", p.Collection, p.Index, p.Field, p.Code))
	}
	// mustJSON writes the collections in alphabetical order: that is the
	// document's order, whatever the problem (the unknown reference is found
	// only after the whole document was read).
	want := []string{
		"awards/1/organization/unknown_reference", "enterprises/2/stage/enum",
		"members/1/candidate/member_activist_year", "surveys/1/employees/negative",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("problems\n%v\nwant\n%v", got, want)
	}
}

func TestImportStopsAtTheProblemLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"format": "parkportal/v1", "enterprises": [`)
	for i := 1; i <= 150; i++ {
		if i > 1 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id": "e%d", "name": "企业", "stage": "seed"}`, i)
	}
	b.WriteString(`]}`)
	s := openTest(t)
	_, err := s.Import(context.Background(), strings.NewReader(b.String()), ImportOptions{})
	var refused *ImportError
	if !errors.As(err, &refused) {
		t.Fatalf("Import error = %v, want *ImportError", err)
	}
	if got, want := len(refused.Problems), 100; got != want || !refused.Truncated {
		t.Errorf("%d problems, truncated %v; want %d, true", got, refused.Truncated, want)
	}
}

func TestImportResolvesForwardReferences(t *testing.T) {
	// The same records with every collection in reverse order: references
	// point forward, and the records must still come out in their order.
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(validDocument), &doc); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(`{"format": "parkportal/v1", "park": ` + string(doc["park"]))
	for i := len(Collections) - 1; i >= 0; i-- {
		fmt.Fprintf(&b, ", %q: %s", Collections[i], doc[string(Collections[i])])
	}
	b.WriteString("}")

	canonical := openTest(t)
	if _, err := canonical.Import(context.Background(), strings.NewReader(validDocument), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	reversed := openTest(t)
	if _, err := reversed.Import(context.Background(), strings.NewReader(b.String()), ImportOptions{}); err != nil {
		t.Fatalf("Import of reversed document: %v", err)
	}
	if got, want := exportString(t, reversed), exportString(t, canonical); got != want {
		t.Errorf("export of reversed document differs:\n%s\nwant\n%s", got, want)
	}
	if err := reversed.IntegrityCheck(context.Background()); err != nil {
		t.Error(err)
	}
}

func TestImportIntoNonEmptyDatabase(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.Import(ctx, strings.NewReader(validDocument), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	before := exportString(t, s)
	indexes := func() string {
		var list string
		q := `SELECT group_concat(name) FROM (SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name)`
		if s.d.postgres {
			q = `SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE schemaname = current_schema()`
		}
		if err := s.read.QueryRow(q).Scan(&list); err != nil {
			t.Fatal(err)
		}
		return list
	}
	indexesBefore := indexes()
	other := strings.Replace(validDocument, "测试园区", "另一个园区", 1)

	_, err := s.Import(ctx, strings.NewReader(other), ImportOptions{})
	if !errors.Is(err, ErrNotEmpty) || !strings.Contains(err.Error(), "--replace") {
		t.Errorf("Import into a full database: %v, want ErrNotEmpty mentioning --replace", err)
	}
	if got := exportString(t, s); got != before {
		t.Error("refused import changed the records")
	}

	// A bad document with --replace: nothing deleted, nothing written.
	bad := patched(t, "members", 1, map[string]any{"candidate": "2020-06-01"})
	_, err = s.Import(ctx, bytes.NewReader(bad), ImportOptions{Replace: true})
	var refused *ImportError
	if !errors.As(err, &refused) {
		t.Fatalf("Import of a bad document: %v, want *ImportError", err)
	}
	if got := exportString(t, s); got != before {
		t.Error("refused import with Replace changed the records")
	}
	if got := indexes(); got != indexesBefore {
		t.Errorf("indexes after a refused import:\n%s\nwant\n%s", got, indexesBefore)
	}

	res, err := s.Import(ctx, strings.NewReader(other), ImportOptions{Replace: true, Author: "clerk"})
	if err != nil {
		t.Fatalf("Import with Replace: %v", err)
	}
	if !res.Replaced {
		t.Error("Replaced = false, want true")
	}
	fresh := openTest(t)
	if _, err := fresh.Import(ctx, strings.NewReader(other), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if got, want := exportString(t, s), exportString(t, fresh); got != want {
		t.Error("replaced records differ from the same document imported into an empty database")
	}
	var rev int
	var by string
	if err := s.read.QueryRow(`SELECT value, (SELECT updated_by FROM enterprises LIMIT 1) FROM revision`).Scan(&rev, &by); err != nil {
		t.Fatal(err)
	}
	if rev != 2 || by != "clerk" {
		t.Errorf("revision %d, updated_by %q; want 2, clerk", rev, by)
	}
	if got := indexes(); got != indexesBefore {
		t.Errorf("indexes after an import:\n%s\nwant\n%s", got, indexesBefore)
	}
}

func TestImportKeepsUsersAndReportsOrphans(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.Import(ctx, strings.NewReader(validDocument), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateUser(ctx, tester, NewUser{Username: "sec", Role: RoleSecretary, Organization: "o2", Password: "a-long-password"}); err != nil {
		t.Fatal(err)
	}
	// The new document has no o2.
	var doc map[string]any
	if err := json.Unmarshal([]byte(validDocument), &doc); err != nil {
		t.Fatal(err)
	}
	doc["organizations"] = doc["organizations"].([]any)[:1]
	res, err := s.Import(ctx, bytes.NewReader(mustJSON(t, doc)), ImportOptions{Replace: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(res.OrphanUsers, ","); got != "sec" {
		t.Errorf("OrphanUsers = %q, want sec", got)
	}
	u, err := s.UserByUsername(ctx, "sec")
	if err != nil || u.Organization != "o2" {
		t.Errorf("user after import: %+v, %v; want kept with organisation o2", u, err)
	}
}

func TestImportIgnoresUnknownFields(t *testing.T) {
	data := patched(t, "enterprises", 2, map[string]any{"contact": "张经理", "wechat": "x"})
	data = bytes.Replace(data, []byte(`"format"`), []byte(`"generator":"excel","format"`), 1)
	res, err := openTest(t).Import(context.Background(), bytes.NewReader(data), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"enterprises.contact", "enterprises.wechat", "generator"} {
		if res.Ignored[f] != 1 {
			t.Errorf("Ignored[%s] = %d, want 1 (%v)", f, res.Ignored[f], res.Ignored)
		}
	}
}

func TestImportProgress(t *testing.T) {
	var progress bytes.Buffer
	_, err := openTest(t).Import(context.Background(), strings.NewReader(validDocument), ImportOptions{Progress: &progress})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(progress.String(), "导入完成：15 条记录") {
		t.Errorf("progress %q does not end with the total", progress.String())
	}
}

func TestImportAcceptsEmptyAndNullCollections(t *testing.T) {
	s := openTest(t)
	res, err := s.Import(context.Background(), strings.NewReader(`{"format": "parkportal/v1", "enterprises": [], "surveys": null}`), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 0 || res.Park {
		t.Errorf("result %+v, want nothing", res)
	}
}
