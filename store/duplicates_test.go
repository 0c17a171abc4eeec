package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// refusal is the problems of a refused save, failing the test otherwise.
func refusal(t *testing.T, err error) []Problem {
	t.Helper()
	var re *RecordError
	if !errors.As(err, &re) {
		t.Fatalf("save: %v, want *RecordError", err)
	}
	return re.Problems
}

// problemAt is the problem at field, failing the test when there is none.
func problemAt(t *testing.T, ps []Problem, field string) Problem {
	t.Helper()
	for _, p := range ps {
		if p.Field == field {
			return p
		}
	}
	t.Fatalf("no problem at %s: %v", field, ps)
	return Problem{}
}

// The name key the write path compares is the one the unique index holds.
func TestNameKeyIsTheDatabasesKey(t *testing.T) {
	if NameKey("湖南立方新能源科技有限公司 ") != NameKey("湖南立方新能源科技有限公司") {
		t.Error("a trailing space makes another name")
	}
	if NameKey("株洲 立方（天元）\u3000有限公司") != NameKey("株洲立方(天元)有限公司") {
		t.Error("inner spaces or full-width brackets make another name")
	}
	if NameKey("ABC科技") != NameKey("abc科技") {
		t.Error("Latin case makes another name")
	}
	if NameKey("株洲立方") == NameKey("株洲立方新") {
		t.Error("different names share a key")
	}
	s := openTest(t)
	for i, name := range []string{
		" 湖南 立方\t新能源\n（株洲）\r有限公司\u3000", "abc科技（Ａ）\u00a0", "x\u200by\ufeffz", "Émile ａｂｃ", "(（))", "混合 Case (Ltd)",
	} {
		var key string
		if err := s.write.QueryRow(`INSERT INTO enterprises (source_id, name, stage) VALUES (?, ?, 'startup') RETURNING name_key`,
			"k"+strconv.Itoa(i), name).Scan(&key); err != nil {
			t.Fatal(err)
		}
		if key != NameKey(name) {
			t.Errorf("name_key of %q = %q, NameKey = %q", name, key, NameKey(name))
		}
	}
}

// A credit code or a name that another enterprise has is refused at its
// field, naming the enterprise that has it, for a new enterprise and for an
// edit of another one alike; an enterprise keeps its own.
func TestEnterpriseSaveRefusesAnotherEnterprisesCodeOrName(t *testing.T) {
	ctx := context.Background()
	s := openValid(t)
	for _, tc := range []struct {
		name  string
		oldID string
		e     Enterprise
		field string
		code  string
		says  string
	}{
		{"new with e1's code", "", Enterprise{ID: "e4", Name: "新企业", Stage: "startup", CreditCode: "914403001922038216"},
			"credit_code", CodeDuplicateCreditCode, "已有企业“湖南立方新能源科技有限责任公司”使用此统一社会信用代码"},
		{"new with e1's name and a space", "", Enterprise{ID: "e4", Name: "湖南立方新能源科技有限责任公司 ", Stage: "startup"},
			"name", CodeDuplicateName, "已有企业“湖南立方新能源科技有限责任公司”使用此名称"},
		{"e2 taking e1's code", "e2", Enterprise{ID: "e2", Name: "株洲初创科技有限公司", Stage: "startup", CreditCode: "914403001922038216", Version: 1},
			"credit_code", CodeDuplicateCreditCode, "湖南立方新能源科技有限责任公司"},
		{"e3 taking e2's name", "e3", Enterprise{ID: "e3", Name: "株洲初创 科技有限公司", Stage: "growth", Version: 1},
			"name", CodeDuplicateName, "已有企业“株洲初创科技有限公司”使用此名称（比较名称时不计空格"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rev := revisionOf(t, s)
			_, err := s.SaveEnterprise(ctx, tester, tc.oldID, tc.e)
			ps := refusal(t, err)
			if len(ps) != 1 {
				t.Errorf("problems = %v, want one", ps)
			}
			p := problemAt(t, ps, tc.field)
			if p.Code != tc.code || !strings.Contains(p.Message, tc.says) {
				t.Errorf("%s: %s %q, want %s saying %q", tc.field, p.Code, p.Message, tc.code, tc.says)
			}
			want := "e1"
			if tc.code == CodeDuplicateName && tc.oldID == "e3" {
				want = "e2"
			}
			if p.Existing != want {
				t.Errorf("Existing = %q, want %q", p.Existing, want)
			}
			if after := revisionOf(t, s); after != rev {
				t.Error("a refused save moved the revision")
			}
		})
	}
	e1, _, err := s.EnterpriseByID(ctx, "e1")
	if err != nil {
		t.Fatal(err)
	}
	e1.Employees = nil
	if _, err := s.SaveEnterprise(ctx, tester, "e1", e1); err != nil {
		t.Errorf("e1 saved with its own code and name: %v", err)
	}
}

// An organisation's name belongs to one organisation.
func TestOrganizationSaveRefusesAnotherOrganizationsName(t *testing.T) {
	ctx := context.Background()
	s := openValid(t)
	o := Organization{ID: "o3", Name: "立方新能源党委\u3000", Kind: "branch", Formed: "2023-01-01", Enterprises: []string{"e3"}}
	p := problemAt(t, refusal(t, func() error { _, err := s.SaveOrganization(ctx, tester, "", o); return err }()), "name")
	if p.Code != CodeDuplicateName || p.Existing != "o1" || !strings.Contains(p.Message, "已有党组织“立方新能源党委”使用此名称") {
		t.Errorf("new organisation: %+v", p)
	}
	o2, _, err := s.OrganizationByID(ctx, "o2")
	if err != nil {
		t.Fatal(err)
	}
	o2.Name = "立方新能源党委"
	p = problemAt(t, refusal(t, func() error { _, err := s.SaveOrganization(ctx, tester, "o2", o2); return err }()), "name")
	if p.Code != CodeDuplicateName || p.Existing != "o1" {
		t.Errorf("o2 renamed as o1: %+v", p)
	}
	o2.Name = "初创企业联合党支部"
	if _, err := s.SaveOrganization(ctx, tester, "o2", o2); err != nil {
		t.Errorf("o2 saved with its own name: %v", err)
	}
}

// An organisation has one brand: the staff's brand form cannot add a
// second, nor move a brand to an organisation that has one.
func TestBrandSaveRefusesASecondBrand(t *testing.T) {
	ctx := context.Background()
	s := openValid(t)
	b := Brand{Organization: "o1", Name: "第二品牌", Launched: "2023-01-01", Status: "published"}
	p := problemAt(t, refusal(t, func() error { _, err := s.SaveBrand(ctx, tester, 0, b); return err }()), "organization")
	if p.Code != CodeDuplicateBrand || p.Existing != "1" || !strings.Contains(p.Message, "党组织“立方新能源党委”已有党建品牌“锂电先锋”") {
		t.Errorf("second brand: %+v", p)
	}
	b.Organization = "o2"
	entry, err := s.SaveBrand(ctx, tester, 0, b)
	if err != nil {
		t.Fatal(err)
	}
	b.Organization, b.Version = "o1", entry.Version
	p = problemAt(t, refusal(t, func() error { _, err := s.SaveBrand(ctx, tester, entry.RecordKey, b); return err }()), "organization")
	if p.Code != CodeDuplicateBrand {
		t.Errorf("brand moved to an organisation with one: %+v", p)
	}
	first, err := s.BrandByKey(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	first.Slogan = "新口号"
	if _, err := s.SaveBrand(ctx, tester, 1, first); err != nil {
		t.Errorf("the brand changed: %v", err)
	}
}

// An import refuses a document that holds one enterprise twice, an
// organisation's name twice or two brands of one organisation, naming the
// record, its field and the earlier record.
func TestImportRefusesDuplicatesInTheDocument(t *testing.T) {
	for _, tc := range []struct {
		name       string
		collection Collection
		index      int
		set        map[string]any
		field      string
		code       string
		says       string
	}{
		{"credit code twice", "enterprises", 3, map[string]any{"credit_code": "914403001922038216"}, "credit_code", CodeDuplicateCreditCode,
			"与第 1 条企业“湖南立方新能源科技有限责任公司”的统一社会信用代码相同"},
		{"enterprise name twice", "enterprises", 3, map[string]any{"name": "株洲初创科技有限公司"}, "name", CodeDuplicateName,
			"与第 2 条企业“株洲初创科技有限公司”同名"},
		{"enterprise name twice, spaced", "enterprises", 2, map[string]any{"name": " 湖南立方新能源科技有限责任公司"}, "name", CodeDuplicateName,
			"与第 1 条企业“湖南立方新能源科技有限责任公司”同名（比较名称时不计空格"},
		{"organisation name twice", "organizations", 2, map[string]any{"name": "立方新能源党委"}, "name", CodeDuplicateName,
			"与第 1 条党组织“立方新能源党委”同名"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := importProblems(t, patched(t, string(tc.collection), tc.index, tc.set))
			if len(ps) != 1 {
				t.Fatalf("problems = %s, want one", problemLines(ps))
			}
			p := ps[0]
			if p.Collection != tc.collection || p.Index != tc.index || p.Field != tc.field || p.Code != tc.code || !strings.Contains(p.Message, tc.says) {
				t.Errorf("problem = %s, want %s[%d] %s %s saying %q", p, tc.collection, tc.index, tc.field, tc.code, tc.says)
			}
		})
	}
	t.Run("two brands of one organisation", func(t *testing.T) {
		doc := strings.Replace(validDocument, `"brands": [`, `"brands": [
    {"organization": "o1", "name": "又一个品牌", "launched": "2022-07-01", "status": "draft"},`, 1)
		ps := importProblems(t, []byte(doc))
		if len(ps) != 1 || ps[0].Collection != "brands" || ps[0].Index != 2 || ps[0].Field != "organization" || ps[0].Code != CodeDuplicateBrand {
			t.Fatalf("problems = %s, want brands[2] organization duplicate_brand", problemLines(ps))
		}
	})
}

// Without --replace an import refuses a database that holds records (so
// nothing in it can be repeated); with --replace the document alone
// counts: its enterprise may have the code of one it replaces.
func TestImportCountsTheDatabaseOnlyWithoutReplace(t *testing.T) {
	ctx := context.Background()
	s := openValid(t)
	other := `{"format": "parkportal/v1", "enterprises": [
		{"id": "x1", "name": "湖南立方新能源科技有限责任公司", "credit_code": "914403001922038216", "stage": "growth"}]}`
	if _, err := s.Import(ctx, strings.NewReader(other), ImportOptions{}); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("import beside records: %v, want ErrNotEmpty", err)
	}
	if _, err := s.Import(ctx, strings.NewReader(other), ImportOptions{Replace: true}); err != nil {
		t.Fatalf("import replacing the records: %v", err)
	}
	if e, _, err := s.EnterpriseByID(ctx, "x1"); err != nil || e.CreditCode != "914403001922038216" {
		t.Errorf("x1 = %+v, %v", e, err)
	}
}

// An upload refuses a row that repeats an enterprise of the ledger, naming
// it, and a row that repeats an earlier row, naming the row.
func TestEnterpriseUploadRefusesDuplicates(t *testing.T) {
	ctx := context.Background()
	s := openValid(t)
	_, err := s.SaveEnterpriseUpload(ctx, tester, "企业.xlsx", []UploadRow[Enterprise]{
		{Row: 2, Record: Enterprise{ID: "e4", Name: "新企业甲", Stage: "startup", CreditCode: "914403001922038216"}},
	}, true)
	var refused *UploadError
	if !errors.As(err, &refused) || len(refused.Rows) != 1 || refused.Rows[0].Row != 2 {
		t.Fatalf("upload repeating e1: %v", err)
	}
	if p := problemAt(t, refused.Rows[0].Problems, "credit_code"); p.Code != CodeDuplicateCreditCode || p.Existing != "e1" {
		t.Errorf("row 2: %+v", p)
	}

	_, err = s.SaveEnterpriseUpload(ctx, tester, "企业.xlsx", []UploadRow[Enterprise]{
		{Row: 2, Record: Enterprise{ID: "e4", Name: "新企业甲", Stage: "startup", CreditCode: "91430200MA4L00001P"}},
		{Row: 3, Record: Enterprise{ID: "e5", Name: "新企业乙", Stage: "startup", CreditCode: "91430200MA4L00001P"}},
		{Row: 4, Record: Enterprise{ID: "e6", Name: "新企业 甲", Stage: "startup"}},
	}, false)
	if !errors.As(err, &refused) || len(refused.Rows) != 2 {
		t.Fatalf("upload repeating its own rows: %v", err)
	}
	if p := problemAt(t, refused.Rows[0].Problems, "credit_code"); refused.Rows[0].Row != 3 || p.Code != CodeDuplicateCreditCode ||
		p.Existing != "" || p.Message != "与第 2 行“新企业甲”的统一社会信用代码相同" {
		t.Errorf("row %d: %+v", refused.Rows[0].Row, p)
	}
	if p := problemAt(t, refused.Rows[1].Problems, "name"); refused.Rows[1].Row != 4 || p.Code != CodeDuplicateName ||
		p.Message != "与第 2 行“新企业甲”的企业名称相同" {
		t.Errorf("row %d: %+v", refused.Rows[1].Row, p)
	}
	if _, _, err := s.EnterpriseByID(ctx, "e4"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a refused upload saved row 2: %v", err)
	}

	// A row is named as repeating an earlier row even when that row is
	// refused itself (here for e1's name): all is said at once.
	_, err = s.SaveEnterpriseUpload(ctx, tester, "企业.xlsx", []UploadRow[Enterprise]{
		{Row: 2, Record: Enterprise{ID: "e4", Name: "湖南立方新能源科技有限责任公司", Stage: "startup", CreditCode: "91430200MA4L00001P"}},
		{Row: 3, Record: Enterprise{ID: "e5", Name: "新企业乙", Stage: "startup", CreditCode: "91430200MA4L00001P"}},
	}, true)
	if !errors.As(err, &refused) || len(refused.Rows) != 2 {
		t.Fatalf("upload repeating a refused row: %v", err)
	}
	if p := problemAt(t, refused.Rows[0].Problems, "name"); p.Code != CodeDuplicateName || p.Existing != "e1" {
		t.Errorf("row 2: %+v", p)
	}
	if p := problemAt(t, refused.Rows[1].Problems, "credit_code"); p.Message != "与第 2 行“湖南立方新能源科技有限责任公司”的统一社会信用代码相同" {
		t.Errorf("row 3: %+v", p)
	}
}

// A secretary's new brand filing, when the organisation has a brand, is a
// change of it (a new version), and a publish never adds a second brand.
func TestBrandFilingChangesTheOneBrand(t *testing.T) {
	ctx := context.Background()
	s := openValid(t)
	sec := Actor{UserID: 9, Username: "sec1"}
	brands := func(org string) []int64 {
		t.Helper()
		var keys []int64
		err := eachRow(ctx, s.read, `SELECT b.id FROM brands b JOIN organizations o ON o.id = b.organization_id WHERE o.source_id = ? ORDER BY b.id`,
			[]any{org}, func(rows *sql.Rows) error {
				var k int64
				keys = append(keys, k)
				return rows.Scan(&keys[len(keys)-1])
			})
		if err != nil {
			t.Fatal(err)
		}
		return keys
	}
	// o1 has the imported brand 1: a new filing changes it (opened on
	// the brand's version 1).
	f, err := s.SaveFiling(ctx, sec, "o1", FilingSave{Kind: FilingBrand, Submit: true, RecordVersion: 1,
		Body: &BrandFiling{Brand: Brand{Name: "锂电先锋2.0", Launched: "2021-07-01"}}})
	if err != nil {
		t.Fatal(err)
	}
	if f.RecordKey != 1 {
		t.Errorf("the filing changes brand %d, want 1", f.RecordKey)
	}
	if _, err := s.PublishFiling(ctx, tester, f.ID, f.Version, f.RecordVersion, nil); err != nil {
		t.Fatal(err)
	}
	// Filed "new" again: the same filing, a new version.
	again, err := s.SaveFiling(ctx, sec, "o1", FilingSave{Kind: FilingBrand, Submit: true,
		Body: &BrandFiling{Brand: Brand{Name: "锂电先锋3.0", Launched: "2021-07-01"}}})
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != f.ID || again.Version != f.Version+1 {
		t.Errorf("filed again: filing %d version %d, want filing %d version %d", again.ID, again.Version, f.ID, f.Version+1)
	}
	if _, err := s.PublishFiling(ctx, tester, again.ID, again.Version, again.RecordVersion, nil); err != nil {
		t.Fatal(err)
	}
	if got := brands("o1"); !slices.Equal(got, []int64{1}) {
		t.Errorf("o1's brands = %v, want [1]", got)
	}
	if b, _ := s.BrandByKey(ctx, 1); b.Name != "锂电先锋3.0" {
		t.Errorf("brand 1 = %q, want 锂电先锋3.0", b.Name)
	}

	// o2 has none: its filing is new; staff then record a brand for o2
	// themselves, and the filing's publish is refused rather than add a
	// second.
	sec2 := Actor{UserID: 10, Username: "sec2"}
	f2, err := s.SaveFiling(ctx, sec2, "o2", FilingSave{Kind: FilingBrand, Submit: true,
		Body: &BrandFiling{Brand: Brand{Name: "初创之光", Launched: "2023-06-01"}}})
	if err != nil {
		t.Fatal(err)
	}
	if f2.RecordKey != 0 {
		t.Errorf("o2's filing changes brand %d, want a new one", f2.RecordKey)
	}
	if _, err := s.SaveBrand(ctx, tester, 0, Brand{Organization: "o2", Name: "联合之光", Launched: "2023-05-01", Status: "published"}); err != nil {
		t.Fatal(err)
	}
	_, err = s.PublishFiling(ctx, tester, f2.ID, f2.Version, f2.RecordVersion, nil)
	if p := problemAt(t, refusal(t, err), "organization"); p.Code != CodeDuplicateBrand {
		t.Errorf("publish of a second brand: %+v", p)
	}
	if got := brands("o2"); len(got) != 1 {
		t.Errorf("o2's brands = %v, want one", got)
	}
}

// oldDatabaseWithDuplicates is a database at the last schema without the
// duplicate rules, holding duplicates of every kind.
func oldDatabaseWithDuplicates(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := newGoose(db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, 8); err != nil { // the last schema without the rules
		t.Fatal(err)
	}
	for _, q := range oldDuplicates {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

var oldDuplicates = []string{
	`INSERT INTO enterprises (id, source_id, name, credit_code, stage) VALUES
		(1, 'ent-1', '湖南立方新能源科技有限公司', '914403001922038216', 'mature'),
		(2, 'ent-2', '湖南立方新能源科技有限公司 ', NULL, 'mature'),
		(3, 'ent-3', '株洲另一家有限公司', '914403001922038216', 'growth')`,
	`INSERT INTO organizations (id, source_id, name, kind, formed) VALUES
		(1, 'org-1', '立方党委', 'committee', '2016-07-01'), (2, 'org-2', '立方党委', 'branch', '2017-07-01')`,
	`INSERT INTO brands (organization_id, name, launched, status) VALUES
		(1, '锂电先锋', '2021-07-01', 'published'), (1, '锂电先锋（新）', '2023-07-01', 'draft')`,
}

// A backup written before the rules with duplicates in it is not
// restored: the portal would refuse to open it at its next start. The
// refusal names them, and the database in place stays.
func TestRestoreRefusesABackupWithDuplicates(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	backup := filepath.Join(dir, "old.db")
	oldDatabaseWithDuplicates(t, backup)
	path := filepath.Join(dir, "portal.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = Restore(ctx, path, backup, time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC))
	var dup *DuplicateRecordsError
	if !errors.As(err, &dup) {
		t.Fatalf("restoring a backup with duplicates: %v, want *DuplicateRecordsError", err)
	}
	if s, err = Open(ctx, path); err != nil {
		t.Fatalf("the database in place after the refused restore: %v", err)
	}
	s.Close()
}

// A database written before the rules with duplicates in it is not
// migrated: Open names the duplicates and leaves the database as it was;
// once they are merged it migrates.
func TestOpenRefusesToMigrateDuplicates(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	oldDatabaseWithDuplicates(t, path)
	_, err := Open(ctx, path)
	var dup *DuplicateRecordsError
	if !errors.As(err, &dup) {
		t.Fatalf("Open: %v, want *DuplicateRecordsError", err)
	}
	for _, want := range []string{
		"企业名称相同：ent-1“湖南立方新能源科技有限公司”、ent-2“湖南立方新能源科技有限公司 ”",
		"统一社会信用代码 914403001922038216 相同：ent-1“湖南立方新能源科技有限公司”、ent-3“株洲另一家有限公司”",
		"党组织名称相同：org-1“立方党委”、org-2“立方党委”",
		"党组织 org-1“立方党委”有 2 个党建品牌：“锂电先锋”、“锂电先锋（新）”",
		"升级前的版本",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("refusal does not say %q:\n%s", want, err)
		}
	}
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := newGoose(db)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := p.GetDBVersion(ctx); err != nil || v != 8 {
		t.Fatalf("schema version after the refusal = %d, %v; want 8", v, err)
	}
	for _, q := range []string{
		`UPDATE enterprises SET name = '湖南立方二号有限公司', credit_code = NULL WHERE id IN (2, 3)`,
		`UPDATE enterprises SET name = '株洲另一家有限公司' WHERE id = 3`,
		`UPDATE organizations SET name = '立方第二党支部' WHERE id = 2`,
		`DELETE FROM brands WHERE name = '锂电先锋（新）'`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open once merged: %v", err)
	}
	s.Close()
}
