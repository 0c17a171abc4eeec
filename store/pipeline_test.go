package store

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

// pipelineDocument is a park whose enterprises w1…w10 meet 三有 and wait,
// w1 surveyed first; members (of o1, which covers c1) work there, full
// members by today at w1 (1), w3 (2), w4 (3), w5 (1), w6 (1) and w8 (1).
// w6 also has a probationary member and w7 one made full only after today
// (1 March 2026); neither counts.
func pipelineDocument(full map[string]int) Document {
	doc := Document{
		Enterprises:   []Enterprise{{ID: "c1", Name: "已覆盖", Stage: "growth"}},
		Organizations: []Organization{{ID: "o1", Name: "党支部", Kind: "branch", Formed: "2015-01-01", Enterprises: []string{"c1"}}},
	}
	sectors := map[string]string{"w1": "A", "w3": "B", "w5": "B", "w6": "A", "w8": "A"}
	n := 0
	member := func(enterprise, probationary, full string) Member {
		n++
		return Member{ID: fmt.Sprint("m", n), Name: fmt.Sprint("党员", n), Birth: "1985-01-01", Organization: "o1", Enterprise: enterprise,
			Applied: "2015-01-01", Activist: "2015-06-01", Candidate: "2016-07-01", Probationary: probationary, Full: full}
	}
	for i := 1; i <= 10; i++ {
		id := fmt.Sprint("w", i)
		doc.Enterprises = append(doc.Enterprises, Enterprise{ID: id, Name: "企业" + id, Stage: "startup", Sector: sectors[id]})
		doc.Surveys = append(doc.Surveys, Survey{Enterprise: id, Date: fmt.Sprintf("2025-01-%02d", i), FixedPremises: true, Employees: 12, Operating: true})
		for range full[id] {
			doc.Members = append(doc.Members, member(id, "2016-09-01", "2017-09-01"))
		}
	}
	doc.Members = append(doc.Members, member("w6", "2025-09-01", ""), member("w7", "2025-04-01", "2026-05-01"))
	return doc
}

// pipelineStore is doc imported into a store whose clock says 1 March 2026.
func pipelineStore(t *testing.T, doc Document) *Store {
	t.Helper()
	doc.Format = Format
	s := openTest(t)
	s.SetClock(func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, ChinaTime) })
	if _, err := s.Import(context.Background(), bytes.NewReader(mustJSON(t, doc)), ImportOptions{}); err != nil {
		t.Fatalf("Import: %v", err)
	}
	return s
}

// pipelineGroups checks what every suggestion must be, page by page of
// size pageSize: a branch of its own for three full members or more, else a
// joint branch of at most five units holding three full members together,
// each enterprise in one suggestion only and every unit seeing the same
// one, else how many are missing. It returns each enterprise's suggestion
// as text ("own", "w1+w3" or "missing 3").
func pipelineGroups(t *testing.T, s *Store, pageSize int) map[string]string {
	t.Helper()
	var all []PipelineEntry
	for offset := 0; ; offset += pageSize {
		page, total, err := s.Pipeline(context.Background(), offset, pageSize)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, page...)
		if offset+pageSize >= total {
			break
		}
	}
	members := map[string]int{}
	for _, e := range all {
		members[e.ID] = e.FullMembers
	}
	out := map[string]string{}
	for _, e := range all {
		switch {
		case e.OwnBranch:
			if e.FullMembers < BranchFullMembers || len(e.Partners) > 0 {
				t.Errorf("%s: a branch of its own with %d full members and partners %v", e.ID, e.FullMembers, e.Partners)
			}
			out[e.ID] = "own"
		case len(e.Partners) > 0:
			units := []string{e.ID}
			sum := e.FullMembers
			for _, p := range e.Partners {
				units = append(units, p.ID)
				sum += members[p.ID]
			}
			slices.Sort(units)
			if len(units) > JointBranchMaxUnits || sum < BranchFullMembers || sum != e.GroupMembers {
				t.Errorf("%s: a joint branch of %v holding %d full members (says %d)", e.ID, units, sum, e.GroupMembers)
			}
			out[e.ID] = strings.Join(units, "+")
		default:
			if e.Missing < 1 || e.Missing > BranchFullMembers {
				t.Errorf("%s: nothing suggested, %d missing", e.ID, e.Missing)
			}
			out[e.ID] = fmt.Sprint("missing ", e.Missing)
		}
	}
	for id, g := range out {
		if !strings.Contains(g, "+") {
			continue
		}
		for _, other := range strings.Split(g, "+") {
			if out[other] != g {
				t.Errorf("%s is suggested with %s, but %s with %s", id, g, other, out[other])
			}
		}
	}
	return out
}

// The pipeline suggests only branches that can form: a joint branch needs
// three full members (as of today) across at most five units, each unit in
// one suggestion; the units without members fill the free places, oldest
// survey first. Every page agrees.
func TestPipelineSuggestsBranchesThatCanForm(t *testing.T) {
	s := pipelineStore(t, pipelineDocument(map[string]int{"w1": 1, "w3": 2, "w4": 3, "w5": 1, "w6": 1, "w8": 1}))
	want := map[string]string{
		"w4": "own",
		// w1 (one) takes w3 (two); w5 (one) takes w6 and w8 (one each);
		// the four without members fill the free places.
		"w1": "w1+w2+w3+w7+w9", "w2": "w1+w2+w3+w7+w9", "w3": "w1+w2+w3+w7+w9", "w7": "w1+w2+w3+w7+w9", "w9": "w1+w2+w3+w7+w9",
		"w5": "w10+w5+w6+w8", "w6": "w10+w5+w6+w8", "w8": "w10+w5+w6+w8", "w10": "w10+w5+w6+w8",
	}
	for _, size := range []int{50, 3} {
		if got := pipelineGroups(t, s, size); !maps.Equal(got, want) {
			t.Errorf("pages of %d: %v, want %v", size, got, want)
		}
	}
}

// Where no group reaches three, nothing is suggested and each card says
// how many full members are missing.
func TestPipelineSaysWhatIsMissing(t *testing.T) {
	s := pipelineStore(t, pipelineDocument(map[string]int{"w3": 2}))
	got := pipelineGroups(t, s, 50)
	for i := 1; i <= 10; i++ {
		if id := fmt.Sprint("w", i); got[id] != "missing 1" {
			t.Errorf("%s: %q, want missing 1 (w3's two full members are all there are)", id, got[id])
		}
	}
	s = pipelineStore(t, pipelineDocument(nil))
	if got := pipelineGroups(t, s, 50); got["w1"] != "missing 3" {
		t.Errorf("with no full members: %v", got)
	}
}

// A branch starts with the full members (as of today) working at its
// enterprises.
func TestFullMembersAt(t *testing.T) {
	s := pipelineStore(t, pipelineDocument(map[string]int{"w1": 1, "w3": 2}))
	for _, tc := range []struct {
		enterprises []string
		want        int
	}{
		{nil, 0}, {[]string{"w1"}, 1}, {[]string{"w1", "w3"}, 3}, {[]string{"w6", "w7"}, 0}, {[]string{"w1", "nope"}, 1},
	} {
		if got, err := s.FullMembersAt(context.Background(), tc.enterprises); err != nil || got != tc.want {
			t.Errorf("FullMembersAt(%v) = %d, %v; want %d", tc.enterprises, got, err, tc.want)
		}
	}
}
