package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

var tester = Actor{UserID: 7, Username: "clerk"}

// revisionOf is s's revision. A failed read fails the test: ignored, its
// zero value would compare equal to another failed read's, and a check
// that nothing moved would pass without reading anything.
func revisionOf(t *testing.T, s *Store) Revision {
	t.Helper()
	rev, err := s.Revision(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rev
}

// auditOf is the audit entries f selects, newest first. A failed read
// fails the test, rather than counting as no entries.
func auditOf(t *testing.T, s *Store, f AuditFilter) []AuditEntry {
	t.Helper()
	entries, err := s.AuditEntries(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// newestAudit is the id of the newest audit entry, 0 when there is none:
// a change that wrote an entry moves it, however long the log.
func newestAudit(t *testing.T, s *Store) int64 {
	t.Helper()
	if entries := auditOf(t, s, AuditFilter{Limit: 1}); len(entries) == 1 {
		return entries[0].ID
	}
	return 0
}

// openValid opens a store holding validDocument.
func openValid(t *testing.T) *Store {
	t.Helper()
	s := openTest(t)
	if _, err := s.Import(context.Background(), strings.NewReader(validDocument), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	return s
}

// patchedRecord is one record of validDocument with fields changed, decoded
// into v.
func patchedRecord(t *testing.T, collection string, index int, set map[string]any, v any) {
	t.Helper()
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(patched(t, collection, index, set), &doc); err != nil {
		t.Fatal(err)
	}
	var list []json.RawMessage
	if err := json.Unmarshal(doc[collection], &list); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(list[index-1], v); err != nil {
		t.Fatal(err)
	}
	// The record replaces the one imported, at its first version.
	reflect.ValueOf(v).Elem().FieldByName("Version").SetInt(1)
}

// fieldCodes lists problems as "field code", sorted.
func fieldCodes(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Field+" "+p.Code)
	}
	slices.Sort(out)
	return out
}

// saveRules is the one list of rules that a save through a form and an
// import must both refuse, with the same field and code: each changes one
// record of validDocument.
var saveRules = []struct {
	name       string
	collection string
	index      int
	set        map[string]any
	want       string // "field code"
}{
	{"missing name", "enterprises", 1, map[string]any{"name": ""}, "name required"},
	{"credit code length", "enterprises", 1, map[string]any{"credit_code": "91440300192203821"}, "credit_code credit_code_length"},
	{"credit code characters", "enterprises", 1, map[string]any{"credit_code": "91440300192203821I"}, "credit_code credit_code_charset"},
	{"credit code check character", "enterprises", 1, map[string]any{"credit_code": "914403001922038217"}, "credit_code credit_code_check"},
	{"unknown stage", "enterprises", 1, map[string]any{"stage": "seed"}, "stage enum"},
	{"negative employees", "enterprises", 1, map[string]any{"employees": -1}, "employees negative"},
	{"founded not a date", "enterprises", 1, map[string]any{"founded": "2015-02-30"}, "founded date"},
	{"stage history date", "enterprises", 1, map[string]any{"stage_history": []any{map[string]any{"stage": "startup", "since": "2015/03/01"}}}, "stage_history[1].since date"},
	{"duplicate enterprise id", "enterprises", 2, map[string]any{"id": "e1"}, "id duplicate_id"},
	{"credit code of another enterprise", "enterprises", 2, map[string]any{"credit_code": "914403001922038216"}, "credit_code duplicate_credit_code"},
	{"name of another enterprise", "enterprises", 3, map[string]any{"name": "株洲初创科技有限公司 "}, "name duplicate_name"},
	{"survey of no enterprise", "surveys", 1, map[string]any{"enterprise": "e9"}, "enterprise unknown_reference"},
	{"survey date", "surveys", 1, map[string]any{"date": "2023-13-01"}, "date date"},
	{"survey employees", "surveys", 1, map[string]any{"employees": -3}, "employees negative"},
	{"joint branch of one", "organizations", 2, map[string]any{"enterprises": []any{"e2"}}, "enterprises joint_branch_size"},
	{"organisation covers no such enterprise", "organizations", 2, map[string]any{"enterprises": []any{"e2", "e9"}}, "enterprises[2] unknown_reference"},
	{"organisation lists one enterprise twice", "organizations", 2, map[string]any{"enterprises": []any{"e2", "e2"}}, "enterprises[2] duplicate_reference"},
	{"unknown organisation kind", "organizations", 1, map[string]any{"kind": "cell"}, "kind enum"},
	{"duplicate organisation id", "organizations", 2, map[string]any{"id": "o1"}, "id duplicate_id"},
	{"name of another organisation", "organizations", 2, map[string]any{"name": "立方新能源党委"}, "name duplicate_name"},
	{"member of no organisation", "members", 1, map[string]any{"organization": "o9"}, "organization unknown_reference"},
	{"member at no enterprise", "members", 1, map[string]any{"enterprise": "e9"}, "enterprise unknown_reference"},
	{"candidate within a year of activist", "members", 1, map[string]any{"candidate": "2020-12-01"}, "candidate member_activist_year"},
	{"full within a year of probationary", "members", 1, map[string]any{"full": "2022-05-31"}, "full member_probation_year"},
	{"a stage before the one it follows", "members", 1, map[string]any{"activist": "2019-12-01"}, "activist member_stage_order"},
	{"a stage skipped", "members", 1, map[string]any{"activist": remove}, "candidate member_stage_missing"},
	{"younger than 18 on applying", "members", 1, map[string]any{"birth": "2003-05-01"}, "applied member_age"},
	{"member without a birth date", "members", 1, map[string]any{"birth": remove}, "birth required"},
	{"member applied date", "members", 1, map[string]any{"applied": "2020-02-30"}, "applied date"},
	{"staff without a role", "staff", 1, map[string]any{"roles": []any{}}, "roles roles_empty"},
	{"staff at no such enterprise", "staff", 1, map[string]any{"enterprises": []any{"e9"}}, "enterprises[1] unknown_reference"},
	{"staff leaving before starting", "staff", 1, map[string]any{"until": "2020-01-01"}, "until until_before_since"},
	{"service of an unknown kind", "services", 1, map[string]any{"kind": "catering"}, "kind enum"},
	{"service at no such enterprise", "services", 1, map[string]any{"enterprise": "e9"}, "enterprise unknown_reference"},
	{"service date", "services", 1, map[string]any{"date": "2023-04-31"}, "date date"}, // money is parsed before a save (ParseMoney), as by the import
	{"activity of no programme", "activities", 1, map[string]any{"program": "other"}, "program enum"},
	{"activity by no such organisation", "activities", 1, map[string]any{"organizer": "o9"}, "organizer unknown_reference"},
	{"negative participants", "activities", 1, map[string]any{"participants": -1}, "participants negative"},
	{"platform established date", "platforms", 1, map[string]any{"established": "2022-09-31"}, "established date"},
	{"designation of no such enterprise", "designations", 1, map[string]any{"enterprise": "e9"}, "enterprise unknown_reference"},
	{"brand of an unknown status", "brands", 1, map[string]any{"status": "live"}, "status enum"},
	{"brand of no such organisation", "brands", 1, map[string]any{"organization": "o9"}, "organization unknown_reference"},
	{"award of an unknown level", "awards", 1, map[string]any{"level": "county"}, "level enum"},
	{"negative beneficiaries", "responsibility", 1, map[string]any{"beneficiaries": -2}, "beneficiaries negative"},
	{"responsibility date", "responsibility", 1, map[string]any{"date": "2023-02-29"}, "date date"},
}

// Each rule refuses through the save a form uses exactly as through the
// import: the same field, the same code.
func TestSaveRefusesWhatImportRefuses(t *testing.T) {
	ctx := context.Background()
	for _, tc := range saveRules {
		t.Run(tc.name, func(t *testing.T) {
			// The import's problems about this record (a duplicate id also
			// leaves other records' references to it dangling).
			var own []Problem
			for _, p := range importProblems(t, patched(t, tc.collection, tc.index, tc.set)) {
				if string(p.Collection) == tc.collection && p.Index == tc.index {
					own = append(own, p)
				}
			}
			imported := fieldCodes(own)
			if !slices.Equal(imported, []string{tc.want}) {
				t.Fatalf("import: %v, want [%s]", imported, tc.want)
			}
			s := openValid(t)
			rev, logged := revisionOf(t, s), newestAudit(t, s)
			var err error
			switch tc.collection {
			case "enterprises":
				var e Enterprise
				patchedRecord(t, tc.collection, tc.index, tc.set, &e)
				_, err = s.SaveEnterprise(ctx, tester, []string{"e1", "e2", "e3"}[tc.index-1], e)
			case "surveys":
				var v Survey
				patchedRecord(t, tc.collection, tc.index, tc.set, &v)
				_, err = s.SaveSurvey(ctx, tester, 1, v)
			case "members":
				var m Member
				patchedRecord(t, tc.collection, tc.index, tc.set, &m)
				_, err = s.SaveMember(ctx, tester, "m1", m)
			case "organizations":
				var o Organization
				patchedRecord(t, tc.collection, tc.index, tc.set, &o)
				id := []string{"o1", "o2"}[tc.index-1]
				_, err = s.SaveOrganization(ctx, tester, id, o)
			case "staff":
				var v Staff
				patchedRecord(t, tc.collection, tc.index, tc.set, &v)
				_, err = s.SaveStaff(ctx, tester, "s1", v)
			case "services":
				var v Service
				patchedRecord(t, tc.collection, tc.index, tc.set, &v)
				_, err = s.SaveService(ctx, tester, 1, v)
			case "activities":
				var v Activity
				patchedRecord(t, tc.collection, tc.index, tc.set, &v)
				_, err = s.SaveActivity(ctx, tester, 1, v)
			case "platforms":
				var v Platform
				patchedRecord(t, tc.collection, tc.index, tc.set, &v)
				_, err = s.SavePlatform(ctx, tester, 1, v)
			case "designations":
				var v Designation
				patchedRecord(t, tc.collection, tc.index, tc.set, &v)
				_, err = s.SaveDesignation(ctx, tester, 1, v)
			case "brands":
				var v Brand
				patchedRecord(t, tc.collection, tc.index, tc.set, &v)
				_, err = s.SaveBrand(ctx, tester, 1, v)
			case "awards":
				var v Award
				patchedRecord(t, tc.collection, tc.index, tc.set, &v)
				_, err = s.SaveAward(ctx, tester, 1, v)
			case "responsibility":
				var v Responsibility
				patchedRecord(t, tc.collection, tc.index, tc.set, &v)
				_, err = s.SaveResponsibility(ctx, tester, 1, v)
			}
			var refused *RecordError
			if !errors.As(err, &refused) {
				t.Fatalf("save: %v, want *RecordError", err)
			}
			if saved := fieldCodes(refused.Problems); !slices.Equal(saved, imported) {
				t.Errorf("save: %v, import: %v", saved, imported)
			}
			if after := revisionOf(t, s); after != rev {
				t.Error("a refused save moved the revision")
			}
			if after := newestAudit(t, s); after != logged {
				t.Errorf("a refused save wrote audit entries (the newest is %d, was %d)", after, logged)
			}
		})
	}
}

// A save writes the record, its audit entry and the revision together; a
// failure just before commit leaves none of them.
func TestSaveWritesRecordAuditAndRevisionTogether(t *testing.T) {
	ctx := context.Background()
	s := openValid(t)
	rev := revisionOf(t, s)
	e := Enterprise{ID: "e4", Name: "株洲新来科技有限公司", Stage: "startup", CreditCode: "91430200MA4L00001P"}
	s.beforeCommit = func() error { return errors.New("disk full") }
	if _, err := s.SaveEnterprise(ctx, tester, "", e); err == nil {
		t.Fatal("the save succeeded although its commit failed")
	}
	if _, _, err := s.EnterpriseByID(ctx, "e4"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a failed save left the record: %v", err)
	}
	if entries := auditOf(t, s, AuditFilter{Collection: "enterprises"}); len(entries) != 0 {
		t.Errorf("a failed save left %d audit entries", len(entries))
	}
	if after := revisionOf(t, s); after != rev {
		t.Error("a failed save moved the revision")
	}

	s.beforeCommit = nil
	entry, err := s.SaveEnterprise(ctx, tester, "", e)
	if err != nil {
		t.Fatal(err)
	}
	got, key, err := s.EnterpriseByID(ctx, "e4")
	if err != nil || got.Name != e.Name || key == 0 {
		t.Fatalf("saved enterprise = %+v, %d, %v", got, key, err)
	}
	if after := revisionOf(t, s); after.Value != rev.Value+1 {
		t.Errorf("revision %d after a save, want %d", after.Value, rev.Value+1)
	}
	entries, err := s.AuditEntries(ctx, AuditFilter{Collection: "enterprises", RecordKey: key})
	if err != nil || len(entries) != 1 {
		t.Fatalf("audit entries of e4: %d, %v", len(entries), err)
	}
	a := entries[0]
	if a.ID != entry.ID || a.Action != ActionCreate || a.Username != "clerk" || a.UserID != 7 || a.Title != e.Name || a.Before != nil || a.RecordID != "e4" {
		t.Errorf("audit entry = %+v", a)
	}
	var after Enterprise
	if err := json.Unmarshal(a.After, &after); err != nil || after.CreditCode != e.CreditCode {
		t.Errorf("audit entry's record after = %s (%v)", a.After, err)
	}
}

// The audit log keeps the title a record had, through renames and a
// delete, and its entries can be neither changed nor deleted.
func TestAuditEntriesOutliveRenamesAndCannotBeChanged(t *testing.T) {
	ctx := context.Background()
	s := openValid(t)
	e := Enterprise{ID: "e4", Name: "旧名称有限公司", Stage: "startup"}
	if _, err := s.SaveEnterprise(ctx, tester, "", e); err != nil {
		t.Fatal(err)
	}
	e.Name, e.Version = "新名称有限公司", 1
	if _, err := s.SaveEnterprise(ctx, tester, "e4", e); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteEnterprise(ctx, tester, "e4", 2); err != nil {
		t.Fatal(err)
	}
	entries, err := s.AuditEntries(ctx, AuditFilter{Collection: "enterprises"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range entries {
		got = append(got, a.Action+" "+a.Title)
	}
	if want := []string{"delete 新名称有限公司", "update 新名称有限公司", "create 旧名称有限公司"}; !slices.Equal(got, want) {
		t.Errorf("history = %v, want %v", got, want)
	}
	var before Enterprise
	if err := json.Unmarshal(entries[1].Before, &before); err != nil || before.Name != "旧名称有限公司" {
		t.Errorf("the update's record before = %s", entries[1].Before)
	}
	for _, q := range []string{`UPDATE audit SET title = 'x'`, `DELETE FROM audit`} {
		if _, err := s.write.Exec(q); err == nil {
			t.Errorf("%s succeeded", q)
		}
	}
	if after := auditOf(t, s, AuditFilter{Collection: "enterprises"}); len(after) != 3 {
		t.Errorf("%d audit entries left, want 3", len(after))
	}
}

// A record that others refer to is not deleted: the refusal names them,
// and nothing changes.
func TestDeleteIsRefusedWhileReferenced(t *testing.T) {
	ctx := context.Background()
	s := openValid(t)
	rev := revisionOf(t, s)
	_, err := s.DeleteEnterprise(ctx, tester, "e2", 1)
	var refused *ReferencedError
	if !errors.As(err, &refused) || !errors.Is(err, ErrReferenced) {
		t.Fatalf("delete of a surveyed, covered enterprise: %v, want *ReferencedError", err)
	}
	msg := refused.Error()
	for _, want := range []string{"株洲初创科技有限公司", "三有摸排 1 条（2023年3月1日）", "党组织 1 条（初创企业联合党支部）", "两员 1 条（王专员）"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the refusal %q does not name %q", msg, want)
		}
	}
	if _, _, err := s.EnterpriseByID(ctx, "e2"); err != nil {
		t.Errorf("the refused delete removed the enterprise: %v", err)
	}
	if after := revisionOf(t, s); after != rev {
		t.Error("a refused delete moved the revision")
	}
	_, err = s.DeleteOrganization(ctx, tester, "o1", 1)
	if !errors.As(err, &refused) || !strings.Contains(err.Error(), "党员发展 1 条（张三）") {
		t.Errorf("delete of an organisation with members: %v", err)
	}
	// Once nothing refers to it, it goes.
	if _, err := s.DeleteSurvey(ctx, tester, 1, 1); err != nil {
		t.Fatal(err)
	}
	o, _, err := s.OrganizationByID(ctx, "o2")
	if err != nil {
		t.Fatal(err)
	}
	o.Enterprises = []string{"e3", "e1"}
	if _, err := s.SaveOrganization(ctx, tester, "o2", o); err != nil {
		t.Fatal(err)
	}
	// (Staff and services have no write path yet.)
	for _, q := range []string{`DELETE FROM staff_enterprises`, `DELETE FROM services`} {
		if _, err := s.write.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.DeleteEnterprise(ctx, tester, "e2", 1); err != nil {
		t.Errorf("delete of an enterprise nothing refers to: %v", err)
	}
}

// An organisation's new id takes its secretaries' accounts along.
func TestOrganizationIDChangeRebindsSecretaries(t *testing.T) {
	ctx := context.Background()
	s := openValid(t)
	if _, err := s.CreateUser(ctx, tester, NewUser{Username: "sec", Role: RoleSecretary, Organization: "o1", Password: "a-long-password"}); err != nil {
		t.Fatal(err)
	}
	o, _, err := s.OrganizationByID(ctx, "o1")
	if err != nil {
		t.Fatal(err)
	}
	o.ID = "o1-new"
	if _, err := s.SaveOrganization(ctx, tester, "o1", o); err != nil {
		t.Fatal(err)
	}
	u, err := s.UserByUsername(ctx, "sec")
	if err != nil || u.Organization != "o1-new" {
		t.Errorf("the secretary is bound to %q (%v), want o1-new", u.Organization, err)
	}
}

// After a session of edits, export, import into a fresh database and export
// again: the same document.
func TestEditsRoundTripThroughExport(t *testing.T) {
	ctx := context.Background()
	s := openValid(t)
	if _, err := s.SaveEnterprise(ctx, tester, "", Enterprise{ID: "e4", Name: "株洲新来科技有限公司", Stage: "startup",
		StageHistory: []StageEntry{{Stage: "startup", Since: "2024-01-01"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveSurvey(ctx, tester, 0, Survey{Enterprise: "e4", Date: "2024-03-01", FixedPremises: true, Employees: 11, Operating: true}); err != nil {
		t.Fatal(err)
	}
	e, _, _ := s.EnterpriseByID(ctx, "e3")
	e.Name, e.Sector = "株洲成长科技股份有限公司", "先进制造"
	if _, err := s.SaveEnterprise(ctx, tester, "e3", e); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveOrganization(ctx, tester, "", Organization{ID: "o3", Name: "新来联合党支部", Kind: "joint_branch", Formed: "2024-05-01", Enterprises: []string{"e4", "e3"}}); err != nil {
		t.Fatal(err)
	}
	forty, money := 40, Money(120050)
	for _, save := range []func() (AuditEntry, error){
		func() (AuditEntry, error) {
			return s.SaveActivity(ctx, tester, 0, Activity{Program: "brand", Kind: "lecture", Title: "新来讲堂", Date: "2024-06-01", Organizer: "o3", Enterprises: []string{"e4"}, Participants: &forty})
		},
		func() (AuditEntry, error) {
			return s.SaveResponsibility(ctx, tester, 0, Responsibility{Enterprise: "e4", Kind: "volunteering", Date: "2024-06-02", Beneficiaries: 12, Note: "新来志愿"})
		},
		func() (AuditEntry, error) {
			return s.SaveDesignation(ctx, tester, 0, Designation{Enterprise: "e4", Kind: "zjtx_provincial", Year: 2024})
		},
		func() (AuditEntry, error) {
			return s.SaveAward(ctx, tester, 0, Award{Organization: "o3", Kind: "benchmark_org", Level: "city", Year: 2024, Title: "新来标杆"})
		},
		func() (AuditEntry, error) {
			return s.SavePlatform(ctx, tester, 0, Platform{Kind: "university_line", Name: "新来直通车", Established: "2024-06-03"})
		},
		func() (AuditEntry, error) {
			return s.SaveService(ctx, tester, 0, Service{Enterprise: "e4", Kind: "equipment", Date: "2024-06-04", Effective: true, MarketCost: &money, ActualCost: new(Money)})
		},
		func() (AuditEntry, error) {
			return s.SaveBrand(ctx, tester, 0, Brand{Organization: "o3", Name: "新来品牌", Launched: "2024-06-05", Status: "published", Practices: []string{"先锋岗"}})
		},
		func() (AuditEntry, error) {
			return s.SaveStaff(ctx, tester, "", Staff{ID: "st9", Name: "新来专员", Roles: []string{"specialist", "instructor"}, Enterprises: []string{"e4"}, Since: "2024-01-01"})
		},
	} {
		if _, err := save(); err != nil {
			t.Fatal(err)
		}
	}
	var first bytes.Buffer
	if err := s.Export(ctx, &first); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"株洲新来科技有限公司", "先进制造", "新来联合党支部", `"2024-03-01"`, "新来讲堂", "新来志愿", "新来标杆", "新来直通车", "1200.5", "新来品牌", "新来专员"} {
		if !strings.Contains(first.String(), want) {
			t.Errorf("the export lacks %s", want)
		}
	}
	fresh := openTest(t)
	if _, err := fresh.Import(ctx, bytes.NewReader(first.Bytes()), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var second bytes.Buffer
	if err := fresh.Export(ctx, &second); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Error("export → import → export after edits gives a different document")
	}
}

// An import is one entry in the audit log, with its counts.
func TestImportIsOneAuditEntry(t *testing.T) {
	s := openValid(t)
	entries, err := s.AuditEntries(context.Background(), AuditFilter{})
	if err != nil || len(entries) != 1 {
		t.Fatalf("%d entries after an import (%v), want 1", len(entries), err)
	}
	e := entries[0]
	if e.Action != "import" || e.Username != "import" || !strings.Contains(e.Title, "导入") || !strings.Contains(e.Note, "企业 3 条") {
		t.Errorf("import entry = %+v", e)
	}
}

// A form cannot save text that the import of its export would refuse: NUL,
// invalid UTF-8, a text past MaxImportText.
func TestSaveRefusesTextTheImportRefuses(t *testing.T) {
	ctx := context.Background()
	s := openValid(t)
	for _, tc := range []struct {
		e    Enterprise
		want string
	}{
		{Enterprise{ID: "e9", Name: "甲\x00乙", Stage: "startup"}, "name text"},
		{Enterprise{ID: "e9", Name: "甲", Sector: "\xff", Stage: "startup"}, "sector text"},
		{Enterprise{ID: "e9", Name: strings.Repeat("长", MaxImportText/3+1), Stage: "startup"}, "name too_large"},
		{Enterprise{ID: "e9", Name: "甲", Stage: "startup", StageHistory: []StageEntry{{Stage: "startup", Since: "2020-01-01\x00"}}}, "stage_history[1].since date stage_history[1].since text"},
	} {
		_, err := s.SaveEnterprise(ctx, tester, "", tc.e)
		var refused *RecordError
		if !errors.As(err, &refused) {
			t.Errorf("%.20q: %v, want a refusal", tc.e.Name, err)
			continue
		}
		if got := strings.Join(fieldCodes(refused.Problems), " "); got != tc.want {
			t.Errorf("%.20q: %s, want %s", tc.e.Name, got, tc.want)
		}
	}
	if _, err := s.SaveOrganization(ctx, tester, "", Organization{ID: "o9", Name: "党支部", Kind: "branch", Formed: "2024-01-01",
		Enterprises: []string{"e1\x00"}}); !errors.As(err, new(*RecordError)) || !strings.Contains(err.(*RecordError).Problems[0].Field, "enterprises[1]") {
		t.Errorf("an organisation listing an id with a NUL: %v", err)
	}
}
