package store

import (
	"context"
	"testing"
)

// The check page's check (FilingProblems) reads on the query-only pool:
// for an unfinished draft of each kind it names what the rules refuse,
// and none of the ledgers' checks tries to write.
func TestFilingProblemsOfEachKind(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	sec, err := s.CreateUser(ctx, tester, NewUser{Username: "sec4", Role: RoleSecretary, Organization: "org-04", Password: "correct-horse-battery"})
	if err != nil {
		t.Fatal(err)
	}
	a := Actor{UserID: sec.ID, Username: "sec4"}
	for _, in := range []FilingSave{
		{Kind: FilingServiceRequest, Body: &ServiceRequest{Enterprise: "ent-003", Kind: "legal", Date: "2023-06-01"}},
		{Kind: FilingMember, Body: &Member{Name: "张三", Applied: "2024-01-01"}},
		{Kind: FilingResponsibility, Body: &Responsibility{Kind: "employment_aid", Date: "2024-01-01"}},
		{Kind: FilingActivity, Body: &ActivityFiling{}},
	} {
		f, err := s.SaveFiling(ctx, a, "org-04", in)
		if err != nil {
			t.Fatalf("%s draft: %v", in.Kind, err)
		}
		ps, err := s.FilingProblems(ctx, f.ID, "org-04")
		if err != nil || len(ps) == 0 {
			t.Errorf("%s: %d problems, %v; want what an unfinished draft lacks", in.Kind, len(ps), err)
		}
	}
}
