package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var secretary4 = Actor{UserID: 40, Username: "sec4"}

// openDemo opens a store holding the demonstration park.
func openDemo(t *testing.T) *Store {
	t.Helper()
	s := openTest(t)
	park, err := os.ReadFile("demo/park.json") // package demo imports store
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(context.Background(), bytes.NewReader(park), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	return s
}

func problemCodes(t *testing.T, err error) []string {
	t.Helper()
	var re *RecordError
	if !errors.As(err, &re) {
		t.Fatalf("want a *RecordError, got %v", err)
	}
	return fieldCodes(re.Problems)
}

func TestFilingGoesDraftSubmittedReturnedPublished(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	activities := func() int {
		var n int
		if err := s.read.QueryRow(`SELECT count(*) FROM activities`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := activities()
	a := &ActivityFiling{Activity: Activity{Program: "incubation", Kind: "lecture", Title: "党课进车间", Date: "2023-05-06", Enterprises: []string{"ent-003"}}}
	f, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingActivity, Body: a})
	if err != nil {
		t.Fatal(err)
	}
	if f.Status != FilingDraft || f.Version != 0 || f.Title != "党课进车间" {
		t.Fatalf("draft: %+v", f)
	}
	if f, err = s.SaveFiling(ctx, secretary4, "org-04", FilingSave{ID: f.ID, Stamp: stampOf(t, s, f.ID), Kind: FilingActivity, Body: a, Submit: true}); err != nil {
		t.Fatal(err)
	}
	if f.Status != FilingSubmitted || f.Version != 1 {
		t.Fatalf("submitted: %+v", f)
	}
	if got := activities(); got != before {
		t.Fatalf("a submission reached the ledger: %d activities, want %d", got, before)
	}
	if err := s.ReturnFiling(ctx, tester, f.ID, 1, "  "); !errors.Is(err, ErrCommentRequired) {
		t.Fatalf("return without comment: %v", err)
	}
	if err := s.ReturnFiling(ctx, tester, f.ID, 1, "请补充参加人数"); err != nil {
		t.Fatal(err)
	}
	n := 30
	a.Participants = &n
	if f, err = s.SaveFiling(ctx, secretary4, "org-04", FilingSave{ID: f.ID, Stamp: stampOf(t, s, f.ID), Kind: FilingActivity, Body: a, Submit: true}); err != nil {
		t.Fatal(err)
	}
	if f.Version != 2 {
		t.Fatalf("resubmitted as version %d, want 2", f.Version)
	}
	if _, err := s.PublishFiling(ctx, tester, f.ID, 1, 0, nil); !errors.Is(err, ErrFilingChanged) {
		t.Fatalf("publishing the version seen before the change: %v", err)
	}
	entry, err := s.PublishFiling(ctx, tester, f.ID, 2, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.ActivityByKey(ctx, entry.RecordKey)
	if err != nil {
		t.Fatal(err)
	}
	if got.Organizer != "org-04" || got.Participants == nil || *got.Participants != 30 || got.Status != "" {
		t.Fatalf("published activity: %+v", got)
	}
	if activities() != before+1 {
		t.Fatalf("publish wrote %d activities, want 1", activities()-before)
	}
	if _, err := s.PublishFiling(ctx, tester, f.ID, 2, 0, nil); !errors.Is(err, ErrFilingChanged) {
		t.Fatalf("publishing twice: %v", err)
	}
	versions, err := s.FilingVersions(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(versions) != 2 || versions[0].Decision != "returned" || versions[0].Comment != "请补充参加人数" || versions[1].Decision != "published" {
		t.Fatalf("versions: %+v", versions)
	}

	// An edit of the published filing is a new version; the ledger keeps
	// the published one until it is published.
	a.Title = "党课进车间（修订）"
	if f, err = s.SaveFiling(ctx, secretary4, "org-04", FilingSave{ID: f.ID, Stamp: stampOf(t, s, f.ID), Kind: FilingActivity, Body: a, Submit: true}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.ActivityByKey(ctx, entry.RecordKey); got.Title != "党课进车间" {
		t.Fatalf("an unpublished edit reached the ledger: %q", got.Title)
	}
	if _, err := s.PublishFiling(ctx, tester, f.ID, 3, f.RecordVersion, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.ActivityByKey(ctx, entry.RecordKey); got.Title != "党课进车间（修订）" {
		t.Fatalf("the published edit: %q", got.Title)
	}
	if activities() != before+1 {
		t.Fatalf("republishing added a record")
	}

	// Every step is in the audit log.
	var actions []string
	for _, a := range auditOf(t, s, AuditFilter{Collection: "filings", RecordKey: f.ID}) {
		actions = append([]string{a.Action}, actions...) // oldest first
	}
	want := []string{"draft", "submit", "return", "submit", "publish", "submit", "publish"}
	if !slices.Equal(actions, want) {
		t.Fatalf("audit actions %v, want %v", actions, want)
	}
}

func TestFilingStaysInsideItsOrganization(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	// ent-013 is org-02's.
	a := &ActivityFiling{Activity: Activity{Program: "incubation", Kind: "lecture", Title: "越界", Date: "2023-05-06", Enterprises: []string{"ent-013"}}}
	_, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingActivity, Body: a})
	if codes := problemCodes(t, err); !slices.Contains(codes, "enterprises[1] out_of_scope") {
		t.Fatalf("another organisation's enterprise: %v", codes)
	}
	// mem-001 is org-02's member.
	_, key, err := s.MemberByID(ctx, "mem-001")
	if err != nil {
		t.Fatal(err)
	}
	m, _, _ := s.MemberByID(ctx, "mem-001")
	_, err = s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingMember, RecordKey: key, RecordVersion: m.Version, Body: &m})
	if codes := problemCodes(t, err); !slices.Contains(codes, "id out_of_scope") {
		t.Fatalf("another organisation's member: %v", codes)
	}
	// A filing of org-02 is not found from org-04.
	f, err := s.SaveFiling(ctx, Actor{UserID: 2, Username: "sec2"}, "org-02", FilingSave{Kind: FilingServiceRequest,
		Body: &ServiceRequest{Enterprise: "ent-013", Kind: "legal", Date: "2023-06-01", Need: "合同审查"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.FilingOf(ctx, f.ID, "org-04"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("another organisation's filing: %v", err)
	}
	if _, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{ID: f.ID, Stamp: stampOf(t, s, f.ID), Kind: FilingServiceRequest,
		Body: &ServiceRequest{Enterprise: "ent-003", Kind: "legal", Date: "2023-06-01", Need: "x"}}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("saving over another organisation's filing: %v", err)
	}
}

func TestMemberStageFiledTooEarlyNamesTheRule(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	m, key, err := s.MemberByID(ctx, "mem-200") // org-04, probationary 2024-01-03
	if err != nil {
		t.Fatal(err)
	}
	m.Full = "2024-06-01"
	_, err = s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingMember, RecordKey: key, RecordVersion: m.Version, Body: &m, Submit: true})
	if codes := problemCodes(t, err); !slices.Contains(codes, "full member_probation_year") {
		t.Fatalf("full membership less than a year after probation: %v", codes)
	}
}

// A filing about a member in the ledger records the next stage only: the
// dates recorded are fixed (a correction is staff's), checked when it is
// saved and again when it is published, against the ledger as it is then.
func TestMemberFilingSetsOnlyTheNextStage(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	recorded, key, err := s.MemberByID(ctx, "mem-207") // org-04: applied 2022-09-11, activist 2023-06-27, candidate 2024-10-05
	if err != nil {
		t.Fatal(err)
	}
	file := func(change func(*Member)) (Filing, error) {
		m := recorded
		m.Probationary = "2025-10-10"
		change(&m)
		return s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingMember, RecordKey: key, RecordVersion: m.Version, Body: &m, Submit: true})
	}
	for _, tc := range []struct {
		name   string
		change func(*Member)
		want   string
	}{
		{"an activist back-dated", func(m *Member) { m.Activist = "2022-09-12" }, "activist member_stage_fixed"},
		{"an application date erased", func(m *Member) { m.Applied = "" }, "applied member_stage_fixed"},
		{"a stage after the next", func(m *Member) { m.Full = "2026-10-12" }, "full member_stage_next"},
	} {
		if _, err := file(tc.change); !slices.Contains(problemCodes(t, err), tc.want) {
			t.Errorf("%s: %v, want %s", tc.name, problemCodes(t, err), tc.want)
		}
	}
	f, err := file(func(*Member) {})
	if err != nil {
		t.Fatalf("the next stage alone: %v", err)
	}
	// Staff correct the activist date meanwhile: the filing, which carries
	// the old one, may not undo the correction.
	corrected := recorded
	corrected.Activist = "2023-06-20"
	if _, err := s.SaveMember(ctx, tester, recorded.ID, corrected); err != nil {
		t.Fatal(err)
	}
	// The reviewer sees the corrected record (its version), and still the
	// filing may not change it.
	current := func() Member {
		m, _, err := s.MemberByID(ctx, recorded.ID)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	_, err = s.PublishFiling(ctx, tester, f.ID, f.Version, current().Version, nil)
	if codes := problemCodes(t, err); !slices.Contains(codes, "activist member_stage_fixed") {
		t.Fatalf("publishing over a correction: %v", codes)
	}
	if m := current(); m.Activist != "2023-06-20" || m.Probationary != "" {
		t.Fatalf("the refused publish changed the member: %+v", m)
	}
	// Filed again on the corrected record, it publishes the next stage and
	// nothing else.
	m := corrected
	m.Probationary = "2025-10-10"
	if f, err = s.SaveFiling(ctx, secretary4, "org-04", FilingSave{ID: f.ID, Stamp: stampOf(t, s, f.ID), Kind: FilingMember, RecordKey: key, Body: &m, Submit: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PublishFiling(ctx, tester, f.ID, f.Version, current().Version, nil); err != nil {
		t.Fatal(err)
	}
	got := current()
	if got.Version <= m.Version {
		t.Errorf("the publish left the member at version %d", got.Version)
	}
	if m.Version = got.Version; got != m {
		t.Fatalf("published %+v, want %+v", got, m)
	}
}

func TestServiceRequestClosesAsAServicesRecord(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	f, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingServiceRequest, Submit: true,
		Body: &ServiceRequest{Enterprise: "ent-003", Kind: "legal", Date: "2023-06-01", Need: "劳动合同审查"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PublishFiling(ctx, tester, f.ID, 1, 0, nil); err == nil {
		t.Fatal("a service request closed without its costs")
	}
	market, actual := Money(500000), Money(0)
	entry, err := s.PublishFiling(ctx, tester, f.ID, 1, 0, &ServiceClose{Effective: true, MarketCost: &market, ActualCost: &actual})
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.ServiceByKey(ctx, entry.RecordKey)
	if err != nil {
		t.Fatal(err)
	}
	if v.Enterprise != "ent-003" || !v.Effective || v.MarketCost == nil || *v.MarketCost != market || v.Note != "劳动合同审查" {
		t.Fatalf("closed service: %+v", v)
	}
}

func TestNotificationsFollowTheReview(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	staff, err := s.CreateUser(ctx, tester, NewUser{Username: "clerk1", Role: RoleStaff, Password: "correct-horse-battery"})
	if err != nil {
		t.Fatal(err)
	}
	sec, err := s.CreateUser(ctx, tester, NewUser{Username: "sec4", Role: RoleSecretary, Organization: "org-04", Password: "correct-horse-battery"})
	if err != nil {
		t.Fatal(err)
	}
	unread := func(id int64) int {
		n, err := s.UnreadCount(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	actor := Actor{UserID: sec.ID, Username: sec.Username}
	f, err := s.SaveFiling(ctx, actor, "org-04", FilingSave{Kind: FilingServiceRequest,
		Body: &ServiceRequest{Enterprise: "ent-003", Kind: "legal", Date: "2023-06-01", Need: "合同审查"}})
	if err != nil {
		t.Fatal(err)
	}
	if unread(staff.ID) != 0 {
		t.Fatal("staff were told of a draft")
	}
	if _, err := s.SaveFiling(ctx, actor, "org-04", FilingSave{ID: f.ID, Stamp: stampOf(t, s, f.ID), Kind: FilingServiceRequest, Submit: true,
		Body: &ServiceRequest{Enterprise: "ent-003", Kind: "legal", Date: "2023-06-01", Need: "合同审查"}}); err != nil {
		t.Fatal(err)
	}
	if unread(staff.ID) != 1 || unread(sec.ID) != 0 {
		t.Fatalf("after submit: staff %d, secretary %d", unread(staff.ID), unread(sec.ID))
	}
	if err := s.ReturnFiling(ctx, Actor{UserID: staff.ID, Username: staff.Username}, f.ID, 1, "请写明合同份数"); err != nil {
		t.Fatal(err)
	}
	if unread(sec.ID) != 1 {
		t.Fatalf("secretary not told of the return")
	}
	ns, err := s.Notifications(ctx, sec.ID, 10)
	if err != nil || len(ns) != 1 || !bytes.Contains([]byte(ns[0].Message), []byte("请写明合同份数")) {
		t.Fatalf("notifications %+v, %v", ns, err)
	}
	if err := s.MarkNotificationsRead(ctx, actor); err != nil {
		t.Fatal(err)
	}
	if unread(sec.ID) != 0 {
		t.Fatal("still unread after reading")
	}
}

func TestDraftMayBeUnfinishedButNotOutOfScope(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	a := &ActivityFiling{Activity: Activity{Program: "incubation", Summary: "还没想好标题"}}
	f, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingActivity, Body: a})
	if err != nil {
		t.Fatalf("an unfinished draft: %v", err)
	}
	if f.Status != FilingDraft || f.Title != "未命名的活动" {
		t.Fatalf("draft %+v", f)
	}
	_, err = s.SaveFiling(ctx, secretary4, "org-04", FilingSave{ID: f.ID, Stamp: stampOf(t, s, f.ID), Kind: FilingActivity, Body: a, Submit: true})
	if codes := problemCodes(t, err); !slices.Contains(codes, "title required") || !slices.Contains(codes, "date required") {
		t.Fatalf("submitting the unfinished draft: %v", codes)
	}
	a.Enterprises = []string{"ent-013"} // org-02's
	_, err = s.SaveFiling(ctx, secretary4, "org-04", FilingSave{ID: f.ID, Stamp: stampOf(t, s, f.ID), Kind: FilingActivity, Body: a})
	if codes := problemCodes(t, err); !slices.Contains(codes, "enterprises[1] out_of_scope") {
		t.Fatalf("a draft naming another organisation's enterprise: %v", codes)
	}
}

func TestReturnCommentStaysUntilSubmittedAgain(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	r := &ServiceRequest{Enterprise: "ent-003", Kind: "legal", Date: "2023-06-01", Need: "合同审查"}
	f, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingServiceRequest, Body: r, Submit: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ReturnFiling(ctx, tester, f.ID, 1, "写明合同份数"); err != nil {
		t.Fatal(err)
	}
	if f, err = s.SaveFiling(ctx, secretary4, "org-04", FilingSave{ID: f.ID, Stamp: stampOf(t, s, f.ID), Kind: FilingServiceRequest, Body: r}); err != nil {
		t.Fatal(err)
	}
	if f.OpenComment() != "写明合同份数" {
		t.Fatalf("after a draft save the comment is %q", f.OpenComment())
	}
	if f, err = s.SaveFiling(ctx, secretary4, "org-04", FilingSave{ID: f.ID, Stamp: stampOf(t, s, f.ID), Kind: FilingServiceRequest, Body: r, Submit: true}); err != nil {
		t.Fatal(err)
	}
	if f.OpenComment() != "" {
		t.Fatalf("a resubmitted filing still shows the comment %q", f.OpenComment())
	}
}

func TestServiceRequestPublishedAgainChangesItsRecord(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	count := func() int {
		t.Helper()
		var n int
		if err := s.read.QueryRow(`SELECT count(*) FROM services`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	r := &ServiceRequest{Enterprise: "ent-003", Kind: "legal", Date: "2023-06-01", Need: "合同审查"}
	f, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingServiceRequest, Body: r, Submit: true})
	if err != nil {
		t.Fatal(err)
	}
	market := Money(100000)
	first, err := s.PublishFiling(ctx, tester, f.ID, 1, 0, &ServiceClose{Effective: true, MarketCost: &market})
	if err != nil {
		t.Fatal(err)
	}
	r.Need = "合同审查两份"
	if f, err = s.SaveFiling(ctx, secretary4, "org-04", FilingSave{ID: f.ID, Stamp: stampOf(t, s, f.ID), Kind: FilingServiceRequest, Body: r, Submit: true}); err != nil {
		t.Fatal(err)
	}
	second, err := s.PublishFiling(ctx, tester, f.ID, 2, f.RecordVersion, &ServiceClose{Effective: true, MarketCost: &market})
	if err != nil {
		t.Fatal(err)
	}
	if second.RecordKey != first.RecordKey || count() != before+1 {
		t.Fatalf("republished as record %d (first %d), %d services added", second.RecordKey, first.RecordKey, count()-before)
	}
	if v, _ := s.ServiceByKey(ctx, first.RecordKey); v.Note != "合同审查两份" {
		t.Fatalf("the record's note %q", v.Note)
	}
}

// A return's comment must hold something a secretary can read: white space
// of any script and zero-width or other format characters alone are no
// comment; around a real one they are trimmed.
func TestReturnCommentMustBeVisible(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	f, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingServiceRequest, Submit: true,
		Body: &ServiceRequest{Enterprise: "ent-003", Kind: "legal", Date: "2023-06-01", Need: "合同审查"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, comment := range []string{
		"", " \t\n", "\u3000\u00a0", // ordinary and ideographic spaces
		"\u200b", "\u200b\u200c\u200d\u2060\ufeff", // zero-width space, non-joiner, joiner, word joiner, BOM
		"\u00ad\u2061\u202e", // soft hyphen, invisible function application, right-to-left override (all Cf)
		"\u3164\ufe0f",       // the Hangul filler, a variation selector
	} {
		if err := s.ReturnFiling(ctx, tester, f.ID, 1, comment); !errors.Is(err, ErrCommentRequired) {
			t.Errorf("return with %+q: %v, want ErrCommentRequired", comment, err)
		}
	}
	if err := s.ReturnFiling(ctx, tester, f.ID, 1, "\u200b 请写明合同份数\u3000\ufeff"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FilingOf(ctx, f.ID, ""); got.Comment != "请写明合同份数" {
		t.Errorf("comment kept as %+q", got.Comment)
	}
}

// stampOf is filing id's stamp, as the form a secretary opens on it names
// it.
func stampOf(t *testing.T, s *Store, id int64) int64 {
	t.Helper()
	stamp, err := s.FilingStamp(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return stamp
}

// An organisation's filing stamp moves with every logged change of its
// filings (a draft's save included), and with nothing of another
// organisation's; it is what the write path last logged.
func TestOrganizationFilingStampFollowsItsFilings(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	stamp := func(org string) int64 {
		t.Helper()
		n, err := s.OrganizationFilingStamp(ctx, org)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if stamp("org-04") != 0 || stamp("") != 0 || stamp("no-such-org") != 0 {
		t.Fatal("a stamp before any filing")
	}
	a := &ActivityFiling{Activity: Activity{Program: "incubation", Kind: "lecture", Title: "党课进车间", Date: "2023-05-06", Enterprises: []string{"ent-003"}}}
	f, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingActivity, Body: a})
	if err != nil {
		t.Fatal(err)
	}
	latest := func() int64 {
		var id int64
		if err := s.read.QueryRow(`SELECT max(id) FROM audit WHERE collection = 'filings'`).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	first := stamp("org-04")
	if first == 0 || first != latest() {
		t.Fatalf("after a draft: stamp %d, latest filing entry %d", first, latest())
	}
	a.Title = "党课进车间（改）"
	if _, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{ID: f.ID, Stamp: stampOf(t, s, f.ID), Kind: FilingActivity, Body: a}); err != nil {
		t.Fatal(err)
	}
	if second := stamp("org-04"); second <= first || second != latest() {
		t.Errorf("after the draft's save: stamp %d (was %d), latest entry %d", second, first, latest())
	}
	if stamp("org-05") != 0 {
		t.Error("another organisation's stamp moved")
	}
	if n, err := s.OrganizationFilingStamp(WithPark(ctx, 99), "org-04"); err != nil || n != 0 {
		t.Errorf("another park's org-04: %d, %v", n, err)
	}
}

// A database from before the kept stamps gets them from its audit log.
func TestFilingStampsAreBuiltForAnOlderDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "portal.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	park, err := os.ReadFile("demo/park.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, strings.NewReader(string(park)), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	a := &ActivityFiling{Activity: Activity{Program: "incubation", Kind: "lecture", Title: "党课进车间", Date: "2023-05-06", Enterprises: []string{"ent-003"}}}
	if _, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingActivity, Body: a}); err != nil {
		t.Fatal(err)
	}
	want, err := s.OrganizationFilingStamp(ctx, "org-04")
	if err != nil || want == 0 {
		t.Fatalf("the stamp: %d, %v", want, err)
	}
	p, err := newGoose(s.write)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 31); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, err := s.OrganizationFilingStamp(ctx, "org-04"); err != nil || got != want {
		t.Errorf("after migrating up again: %d, %v; want %d", got, err, want)
	}
}
