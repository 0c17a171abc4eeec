package store

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
)

// typedValue is a value a message quotes as the clerk typed it.
var typedValue = regexp.MustCompile(`“[^”]*”`)

// english reports whether a message says anything in English beside the
// values it quotes: a code such as (startup), YYYY-MM-DD, "id".
func english(msg string) bool {
	return strings.ContainsAny(strings.ToLower(typedValue.ReplaceAllString(msg, "")), "abcdefghijklmnopqrstuvwxyz")
}

// What a clerk reads of a problem, in a form or a spreadsheet's preview,
// is Chinese: no code beside a choice, no YYYY-MM-DD, no "id"; the
// message for a document's author keeps the codes it needs.
func TestClerkMessagesAreChinese(t *testing.T) {
	ctx := context.Background()
	bad := "2023-13-45"
	n := -1
	var ps []Problem
	for _, record := range []interface{ Validate() []Problem }{
		Enterprise{ID: "e", Name: "甲", Stage: "seed", CreditCode: "abc", Founded: bad, StageHistory: []StageEntry{{Stage: "x", Since: bad}}, Employees: &n},
		Organization{ID: "o", Name: "乙", Kind: "cell", Formed: bad, Enterprises: []string{"e", "e"}},
		Organization{ID: "o", Name: "乙", Kind: "joint_branch", Formed: "2020-01-01", Enterprises: []string{"e"}},
		Staff{ID: "s", Name: "丙", Since: bad},
		Staff{ID: "s", Name: "丙", Roles: []string{"boss", "specialist", "specialist"}, Since: "2020-01-02", Until: "2020-01-01"},
		Service{Enterprise: "e", Kind: "coffee", Date: bad},
		Member{ID: "m", Name: "丁", Birth: "2010-01-01", Organization: "o", Applied: "2020-01-01", Candidate: "2020-02-01"},
		Member{ID: "m", Name: "丁", Birth: "1990-01-01", Organization: "o", Applied: "2020-01-01", Activist: "2020-02-01", Candidate: "2020-03-01",
			Probationary: "2020-04-01", Full: "2020-05-01"},
		Activity{Program: "fun", Kind: "x", Title: "戊", Date: bad, Status: "odd"},
		Brand{Organization: "o", Name: "己", Launched: bad, Status: "odd"},
		Award{Organization: "o", Kind: "x", Level: "galactic", Year: 23},
		Responsibility{Enterprise: "e", Kind: "x", Date: bad, Beneficiaries: -1},
		Platform{Kind: "x", Name: "庚", Established: bad},
		Designation{Enterprise: "e", Kind: "x", Year: 23},
		Survey{Enterprise: "e", Date: bad, Employees: -1},
	} {
		ps = append(ps, record.Validate()...)
	}
	ps = append(ps, textProblems(Enterprise{Name: "甲\x00乙", Sector: "\xff"})...)
	s := openValid(t)
	e, _, err := s.EnterpriseByID(ctx, "e2")
	if err != nil {
		t.Fatal(err)
	}
	e.ID = "e3" // another enterprise's
	_, err = s.SaveEnterprise(ctx, tester, "e2", e)
	var refused *RecordError
	if !errors.As(err, &refused) {
		t.Fatalf("an id another enterprise has: %v", err)
	}
	ps = append(ps, refused.Problems...)
	codes := map[string]bool{}
	for _, p := range ps {
		codes[p.Code] = true
		if english(p.ClerkMessage()) {
			t.Errorf("%s at %s: %q", p.Code, p.Field, p.ClerkMessage())
		}
	}
	for _, code := range []string{CodeEnum, CodeDate, CodeRolesEmpty, CodeDuplicateID, CodeText} {
		if !codes[code] {
			t.Errorf("no problem of code %s was checked", code)
		}
	}
	// The import's messages keep the codes a document's author writes.
	if p := CheckChoice("stage", "seed", Stages); !strings.Contains(p.Message, "初创期（startup）") || !strings.Contains(p.ClerkMessage(), "“初创期”") {
		t.Errorf("the choice's messages: %q / %q", p.Message, p.ClerkMessage())
	}
}
