package store

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
)

// versioned is one record kind's write path, for the version tests: how a
// record of validDocument is read, changed, saved and deleted.
type versioned struct {
	collection Collection
	load       func(s *Store) (any, int64) // the record and its version
	change     func(rec any, version int64) any
	save       func(s *Store, actor Actor, rec any) error
	delete     func(s *Store, version int64) error
}

func versionedKinds() []versioned {
	ctx := context.Background()
	return []versioned{
		{"enterprises",
			func(s *Store) (any, int64) { e, _, _ := s.EnterpriseByID(ctx, "e1"); return e, e.Version },
			func(r any, v int64) any { e := r.(Enterprise); e.Sector, e.Version = e.Sector+"·改", v; return e },
			func(s *Store, a Actor, r any) error {
				_, err := s.SaveEnterprise(ctx, a, "e1", r.(Enterprise))
				return err
			},
			nil}, // others refer to e1: its delete is refused for them first
		{"surveys",
			func(s *Store) (any, int64) { v, _ := s.SurveyByKey(ctx, 1); return v, v.Version },
			func(r any, v int64) any { x := r.(Survey); x.Employees, x.Version = x.Employees+1, v; return x },
			func(s *Store, a Actor, r any) error { _, err := s.SaveSurvey(ctx, a, 1, r.(Survey)); return err },
			func(s *Store, v int64) error { _, err := s.DeleteSurvey(ctx, tester, 1, v); return err }},
		{"organizations",
			func(s *Store) (any, int64) { o, _, _ := s.OrganizationByID(ctx, "o2"); return o, o.Version },
			func(r any, v int64) any {
				o := r.(Organization)
				o.Secretary, o.Version = o.Secretary+"改", v
				return o
			},
			func(s *Store, a Actor, r any) error {
				_, err := s.SaveOrganization(ctx, a, "o2", r.(Organization))
				return err
			},
			nil},
		{"staff",
			func(s *Store) (any, int64) { v, _, _ := s.StaffByID(ctx, "s1"); return v, v.Version },
			func(r any, v int64) any { x := r.(Staff); x.Name, x.Version = x.Name+"改", v; return x },
			func(s *Store, a Actor, r any) error { _, err := s.SaveStaff(ctx, a, "s1", r.(Staff)); return err },
			func(s *Store, v int64) error { _, err := s.DeleteStaff(ctx, tester, "s1", v); return err }},
		{"services",
			func(s *Store) (any, int64) { v, _ := s.ServiceByKey(ctx, 1); return v, v.Version },
			func(r any, v int64) any { x := r.(Service); x.Note, x.Version = x.Note+"改", v; return x },
			func(s *Store, a Actor, r any) error { _, err := s.SaveService(ctx, a, 1, r.(Service)); return err },
			func(s *Store, v int64) error { _, err := s.DeleteService(ctx, tester, 1, v); return err }},
		{"members",
			func(s *Store) (any, int64) { m, _, _ := s.MemberByID(ctx, "m1"); return m, m.Version },
			func(r any, v int64) any { m := r.(Member); m.Name, m.Version = m.Name+"改", v; return m },
			func(s *Store, a Actor, r any) error { _, err := s.SaveMember(ctx, a, "m1", r.(Member)); return err },
			func(s *Store, v int64) error { _, err := s.DeleteMember(ctx, tester, "m1", v); return err }},
		{"activities",
			func(s *Store) (any, int64) { x, _ := s.ActivityByKey(ctx, 1); return x, x.Version },
			func(r any, v int64) any { x := r.(Activity); x.Title, x.Version = x.Title+"改", v; return x },
			func(s *Store, a Actor, r any) error { _, err := s.SaveActivity(ctx, a, 1, r.(Activity)); return err },
			func(s *Store, v int64) error { _, err := s.DeleteActivity(ctx, tester, 1, v); return err }},
		{"platforms",
			func(s *Store) (any, int64) { x, _ := s.PlatformByKey(ctx, 1); return x, x.Version },
			func(r any, v int64) any { x := r.(Platform); x.Name, x.Version = x.Name+"改", v; return x },
			func(s *Store, a Actor, r any) error { _, err := s.SavePlatform(ctx, a, 1, r.(Platform)); return err },
			func(s *Store, v int64) error { _, err := s.DeletePlatform(ctx, tester, 1, v); return err }},
		{"designations",
			func(s *Store) (any, int64) { x, _ := s.DesignationByKey(ctx, 1); return x, x.Version },
			func(r any, v int64) any { x := r.(Designation); x.Year, x.Version = x.Year-1, v; return x },
			func(s *Store, a Actor, r any) error {
				_, err := s.SaveDesignation(ctx, a, 1, r.(Designation))
				return err
			},
			func(s *Store, v int64) error { _, err := s.DeleteDesignation(ctx, tester, 1, v); return err }},
		{"brands",
			func(s *Store) (any, int64) { x, _ := s.BrandByKey(ctx, 1); return x, x.Version },
			func(r any, v int64) any { x := r.(Brand); x.Slogan, x.Version = x.Slogan+"改", v; return x },
			func(s *Store, a Actor, r any) error { _, err := s.SaveBrand(ctx, a, 1, r.(Brand)); return err },
			func(s *Store, v int64) error { _, err := s.DeleteBrand(ctx, tester, 1, v); return err }},
		{"awards",
			func(s *Store) (any, int64) { x, _ := s.AwardByKey(ctx, 1); return x, x.Version },
			func(r any, v int64) any { x := r.(Award); x.Title, x.Version = x.Title+"改", v; return x },
			func(s *Store, a Actor, r any) error { _, err := s.SaveAward(ctx, a, 1, r.(Award)); return err },
			func(s *Store, v int64) error { _, err := s.DeleteAward(ctx, tester, 1, v); return err }},
		{"responsibility",
			func(s *Store) (any, int64) { x, _ := s.ResponsibilityByKey(ctx, 1); return x, x.Version },
			func(r any, v int64) any { x := r.(Responsibility); x.Note, x.Version = x.Note+"改", v; return x },
			func(s *Store, a Actor, r any) error {
				_, err := s.SaveResponsibility(ctx, a, 1, r.(Responsibility))
				return err
			},
			func(s *Store, v int64) error { _, err := s.DeleteResponsibility(ctx, tester, 1, v); return err }},
	}
}

// Two clerks open one record; the first saves; the second's save, made
// against the version both saw, is refused with what the first changed,
// and nothing is written. Saving against the version the refusal names is
// the second clerk's decision, and goes through. For every record kind.
func TestASaveAgainstAnOlderVersionIsRefused(t *testing.T) {
	first, second := Actor{UserID: 1, Username: "clerk-a"}, Actor{UserID: 2, Username: "clerk-b"}
	for _, k := range versionedKinds() {
		t.Run(string(k.collection), func(t *testing.T) {
			s := openValid(t)
			opened, v := k.load(s)
			if v != 1 {
				t.Fatalf("an imported record is at version %d, want 1", v)
			}
			theirs := k.change(opened, v)
			if err := k.save(s, first, theirs); err != nil {
				t.Fatalf("the first save: %v", err)
			}
			now, v2 := k.load(s)
			if v2 != 2 {
				t.Fatalf("after a save: version %d, want 2", v2)
			}
			rev := revisionOf(t, s)
			mine := k.change(k.change(opened, v), v) // a different change, against version 1
			err := k.save(s, second, mine)
			var conflict *ConflictError
			if !errors.As(err, &conflict) || !errors.Is(err, ErrConflict) {
				t.Fatalf("a save against version 1 of a record at 2: %v, want *ConflictError", err)
			}
			if conflict.Seen != 1 || conflict.Current != 2 || len(conflict.Since) != 1 || conflict.Since[0].Username != "clerk-a" {
				t.Errorf("the conflict: seen %d, current %d, changes %+v", conflict.Seen, conflict.Current, conflict.Since)
			}
			if want, _ := json.Marshal(now); string(conflict.Theirs) != string(want) {
				t.Errorf("theirs = %s, want the record now %s", conflict.Theirs, want)
			}
			if want, _ := json.Marshal(opened); string(conflict.Base) != string(want) {
				t.Errorf("base = %s, want the record as opened %s", conflict.Base, want)
			}
			if after, _ := k.load(s); !sameJSON(after, now) {
				t.Error("the refused save changed the record")
			}
			if after := revisionOf(t, s); after != rev {
				t.Error("the refused save moved the revision")
			}
			// Seen both, the clerk saves against the version now.
			if err := k.save(s, second, k.change(mine, conflict.Current)); err != nil {
				t.Fatalf("a save against the version the refusal named: %v", err)
			}
			if _, v3 := k.load(s); v3 != 3 {
				t.Errorf("after the second save: version %d, want 3", v3)
			}
			entries := auditOf(t, s, AuditFilter{Collection: k.collection, RecordKey: conflict.Key})
			if len(entries) != 2 || entries[0].Version != 3 || entries[1].Version != 2 {
				t.Errorf("the audit entries keep versions %+v", entries)
			}
			if k.delete == nil {
				return
			}
			// A delete is made against a version too.
			if err := k.delete(s, 2); !errors.As(err, &conflict) {
				t.Fatalf("a delete against version 2 of a record at 3: %v", err)
			}
			if err := k.delete(s, 3); err != nil {
				t.Fatalf("a delete against the version now: %v", err)
			}
		})
	}
}

func sameJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// A change made without naming a version (a caller that forgot to read
// it) is refused too, never taken as "whatever is there".
func TestAnUpdateWithoutAVersionIsRefused(t *testing.T) {
	s := openValid(t)
	e, _, err := s.EnterpriseByID(context.Background(), "e1")
	if err != nil {
		t.Fatal(err)
	}
	e.Version = 0
	if _, err := s.SaveEnterprise(context.Background(), tester, "e1", e); !errors.Is(err, ErrConflict) {
		t.Fatalf("a save naming no version: %v, want ErrConflict", err)
	}
}

// An upload's row replaces the version its preview showed: a record saved
// by someone else between the preview and the confirmation is not
// overwritten, and the row says so.
func TestAnUploadRowChangedSinceItsPreviewIsRefused(t *testing.T) {
	ctx := context.Background()
	s := openValid(t)
	previewed, _, _ := s.EnterpriseByID(ctx, "e1")
	other := previewed
	other.Sector = "他人修改"
	if _, err := s.SaveEnterprise(ctx, tester, "e1", other); err != nil {
		t.Fatal(err)
	}
	row := previewed
	row.Employees = new(int)
	_, err := s.SaveEnterpriseUpload(ctx, tester, "e.xlsx", []UploadRow[Enterprise]{{Row: 2, OldID: "e1", Record: row}}, false)
	var refused *UploadError
	if !errors.As(err, &refused) || len(refused.Rows) != 1 || refused.Rows[0].Problems[0].Code != CodeConflict {
		t.Fatalf("an upload over a record changed since its preview: %v", err)
	}
	if now, _, _ := s.EnterpriseByID(ctx, "e1"); now.Sector != "他人修改" {
		t.Errorf("the upload overwrote the other change: %q", now.Sector)
	}
}

// A publish does not undo a correction: staff corrected a published
// activity (participants 10 → 99); its secretary then edited the filing
// (still saying 10) and submitted it. The ledger record as it is now, what
// changed in it since the secretary's copy and who changed it are there
// for the review; a publish bound to the record's version of before the
// correction (the queue's) is refused; one bound to the version the
// reviewer saw goes through.
func TestAPublishDoesNotUndoACorrection(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	ten := 10
	a := &ActivityFiling{Activity: Activity{Program: "incubation", Kind: "lecture", Title: "党课进车间", Date: "2023-05-06",
		Enterprises: []string{"ent-003"}, Participants: &ten}}
	f, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingActivity, Body: a, Submit: true})
	if err != nil {
		t.Fatal(err)
	}
	entry, err := s.PublishFiling(ctx, tester, f.ID, 1, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Staff correct the record.
	corrected, err := s.ActivityByKey(ctx, entry.RecordKey)
	if err != nil {
		t.Fatal(err)
	}
	n := 99
	corrected.Participants = &n
	if _, err := s.SaveActivity(ctx, Actor{UserID: 3, Username: "clerk-c"}, entry.RecordKey, corrected); err != nil {
		t.Fatal(err)
	}
	// The secretary edits the published filing from their copy.
	a.Title = "党课进车间（补记）"
	if f, err = s.SaveFiling(ctx, secretary4, "org-04", FilingSave{ID: f.ID, Stamp: stampOf(t, s, f.ID), Kind: FilingActivity, Body: a, Submit: true}); err != nil {
		t.Fatal(err)
	}
	record, err := s.FilingRecordOf(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	var now, then ActivityFiling
	if err := json.Unmarshal(record.Body, &now); err != nil || *now.Participants != 99 {
		t.Errorf("the record now: %s", record.Body)
	}
	if err := json.Unmarshal(record.Base, &then); err != nil || *then.Participants != 10 {
		t.Errorf("the record the secretary's copy is based on: %s", record.Base)
	}
	if len(record.Since) != 1 || record.Since[0].Username != "clerk-c" {
		t.Errorf("the changes since: %+v", record.Since)
	}
	// Bound to the version before the correction: refused, nothing written.
	var conflict *ConflictError
	if _, err := s.PublishFiling(ctx, tester, f.ID, 2, f.RecordVersion, nil); !errors.As(err, &conflict) {
		t.Fatalf("a publish bound to the version before the correction: %v", err)
	}
	if got, _ := s.ActivityByKey(ctx, entry.RecordKey); *got.Participants != 99 || got.Title != "党课进车间" {
		t.Fatalf("the refused publish changed the record: %+v", got)
	}
	if got, _ := s.FilingOf(ctx, f.ID, ""); got.Status != FilingSubmitted {
		t.Errorf("the refused publish changed the filing: %s", got.Status)
	}
	// Bound to the version the reviewer saw: published, by decision.
	if _, err := s.PublishFiling(ctx, tester, f.ID, 2, record.Version, nil); err != nil {
		t.Fatal(err)
	}
	got, _ := s.FilingOf(ctx, f.ID, "")
	if after, _ := s.ActivityByKey(ctx, entry.RecordKey); got.RecordVersion != after.Version || after.Title != "党课进车间（补记）" {
		t.Errorf("after the publish: the filing is based on version %d, the record is at %d (%q)", got.RecordVersion, after.Version, after.Title)
	}
}

// A secretary's filing started from a ledger record (a member's next
// stage) is made against the version the form was opened on: when staff
// changed the member meanwhile, the save is refused with what changed, as
// a staff form's would be; made against the version now, it goes through
// and is based on it.
func TestAFilingStartedFromAChangedRecordIsRefused(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	opened, key, err := s.MemberByID(ctx, "mem-207") // org-04, a candidate
	if err != nil {
		t.Fatal(err)
	}
	corrected := opened
	corrected.Name = opened.Name + "（更正）"
	if _, err := s.SaveMember(ctx, Actor{UserID: 3, Username: "clerk-c"}, opened.ID, corrected); err != nil {
		t.Fatal(err)
	}
	m := opened
	m.Probationary = "2025-10-10"
	_, err = s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingMember, RecordKey: key, RecordVersion: opened.Version, Body: &m, Submit: true})
	var conflict *ConflictError
	if !errors.As(err, &conflict) || len(conflict.Since) != 1 || conflict.Since[0].Username != "clerk-c" || conflict.Base == nil {
		t.Fatalf("a filing started from version %d of a member at %d: %v", opened.Version, opened.Version+1, err)
	}
	if _, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingMember, RecordKey: key, Body: &m, Submit: true}); !errors.As(err, &conflict) || conflict.Seen != 0 {
		t.Fatalf("a filing naming no version: %v", err)
	}
	f, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingMember, RecordKey: key, RecordVersion: conflict.Current, Body: &m, Submit: true})
	if err != nil {
		t.Fatal(err)
	}
	if f.RecordVersion != conflict.Current {
		t.Errorf("the filing is based on version %d, want %d", f.RecordVersion, conflict.Current)
	}
}

// A filing of a record staff have deleted since is a filing of a new one:
// an organisation whose brand was deleted files its brand again.
func TestAFilingOfADeletedRecordFilesANewOne(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	key, err := s.OrganizationBrandKey(ctx, "org-04")
	if err != nil || key == 0 {
		t.Fatalf("org-04's brand: %d %v", key, err)
	}
	b, err := s.BrandByKey(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	f, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingBrand, RecordKey: key, RecordVersion: b.Version, Submit: true,
		Body: &BrandFiling{Brand: Brand{Name: b.Name + "2.0", Launched: b.Launched}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteBrand(ctx, tester, key, b.Version); err != nil {
		t.Fatal(err)
	}
	f, err = s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingBrand, Submit: true,
		Body: &BrandFiling{Brand: Brand{Name: "重新创建的品牌", Launched: "2025-01-01"}}})
	if err != nil {
		t.Fatalf("a brand filed after the brand was deleted: %v", err)
	}
	if f.RecordKey != 0 {
		t.Errorf("the filing still changes the deleted brand %d", f.RecordKey)
	}
	if _, err := s.PublishFiling(ctx, tester, f.ID, f.Version, 0, nil); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.OrganizationBrandKey(ctx, "org-04"); again == 0 || again == key {
		t.Errorf("org-04's brand after the publish: %d (the deleted one was %d)", again, key)
	}
}
