package store

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// exportString exports the whole store as a string.
func exportString(t testing.TB, s *Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.Export(context.Background(), &b); err != nil {
		t.Fatalf("Export: %v", err)
	}
	return b.String()
}

func TestRoundTripGeneratedDocument(t *testing.T) {
	ctx := context.Background()
	doc := generateDocument(3000)
	first := openTest(t)
	res, err := first.Import(ctx, bytes.NewReader(mustJSON(t, doc)), ImportOptions{})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if got, want := res.Total, doc.records(); got != want {
		t.Errorf("imported %d records, want %d", got, want)
	}
	export1 := exportString(t, first)
	second := openTest(t)
	if _, err := second.Import(ctx, bytes.NewReader([]byte(export1)), ImportOptions{}); err != nil {
		t.Fatalf("Import of export: %v", err)
	}
	export2 := exportString(t, second)
	if export1 != export2 {
		t.Errorf("export → import → export differs")
	}
}

func TestExportEmptyDatabase(t *testing.T) {
	want := `{
  "format": "parkportal/v1",
  "enterprises": [],
  "surveys": [],
  "organizations": [],
  "staff": [],
  "services": [],
  "members": [],
  "activities": [],
  "platforms": [],
  "designations": [],
  "brands": [],
  "awards": [],
  "responsibility": []
}
`
	if got := exportString(t, openTest(t)); got != want {
		t.Errorf("export of an empty database:\n%s\nwant\n%s", got, want)
	}
}

func TestExportWritesRecordsAsImported(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.Import(ctx, strings.NewReader(validDocument), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	got := exportString(t, s)
	for _, line := range []string{
		"\n  \"park\": {\"name\":\"测试园区\",\"brand\":\"跟党一起创业\"},\n",
		"\n    {\"id\":\"e2\",\"name\":\"株洲初创科技有限公司\",\"stage\":\"startup\"},\n",
		`"stage_history":[{"stage":"startup","since":"2015-03-01"},{"stage":"growth","since":"2018-01-01"}]`,
		`"market_cost":1200.5,"actual_cost":600,`,
		`"summary":"讲堂 <b>纪要</b> & \"引号\""`,
		`"roles":["specialist","instructor"],"enterprises":["e2"],"since":"2021-01-01"}`,
		`"practices":["党员先锋岗","技术攻关"]`,
		`{"id":"o2","name":"初创企业联合党支部","kind":"joint_branch","formed":"2023-05-01","enterprises":["e2","e3"]}`,
	} {
		if !strings.Contains(got, line) {
			t.Errorf("export lacks %s\n%s", line, got)
		}
	}
	// Every record of validDocument comes back with the same fields and values.
	var in, out Document
	if err := json.Unmarshal([]byte(validDocument), &in); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(got), &out); err != nil {
		t.Fatal(err)
	}
	if a, b := string(mustJSON(t, in)), string(mustJSON(t, out)); a != b {
		t.Errorf("records changed on the way through:\n%s\n%s", a, b)
	}
	second := openTest(t)
	if _, err := second.Import(ctx, strings.NewReader(got), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if again := exportString(t, second); again != got {
		t.Errorf("import → export → import → export differs:\n%s\nwant\n%s", again, got)
	}
}

func TestExportKeepsDraftsDrafts(t *testing.T) {
	s := openTest(t)
	doc := `{"format": "parkportal/v1",
		"enterprises": [{"id": "e1", "name": "企业", "stage": "growth"}],
		"activities": [
			{"program": "brand", "kind": "volunteer", "title": "草稿", "date": "2023-01-01", "status": "draft"},
			{"program": "brand", "kind": "volunteer", "title": "已发布", "date": "2023-01-02", "status": "published"}
		],
		"responsibility": [{"enterprise": "e1", "kind": "volunteering", "date": "2023-06-01", "beneficiaries": 3, "status": "submitted"}]}`
	if _, err := s.Import(context.Background(), strings.NewReader(doc), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	got := exportString(t, s)
	for _, want := range []string{
		`{"program":"brand","kind":"volunteer","title":"草稿","date":"2023-01-01","status":"draft"}`,
		`{"program":"brand","kind":"volunteer","title":"已发布","date":"2023-01-02"}`,
		`"beneficiaries":3,"status":"submitted"}`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("export lacks %s:\n%s", want, got)
		}
	}
}

func TestExportWithoutParkHasNoParkKey(t *testing.T) {
	s := openTest(t)
	doc := `{"format": "parkportal/v1", "enterprises": [{"id": "e1", "name": "企业", "stage": "growth"}]}`
	if _, err := s.Import(context.Background(), strings.NewReader(doc), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	got := exportString(t, s)
	if strings.Contains(got, `"park"`) {
		t.Errorf("export names a park that was never given:\n%s", got)
	}
	second := openTest(t)
	if _, err := second.Import(context.Background(), strings.NewReader(got), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if again := exportString(t, second); again != got {
		t.Errorf("round trip differs:\n%s\nwant\n%s", again, got)
	}
}
