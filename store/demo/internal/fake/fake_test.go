package fake

import (
	"fmt"
	"testing"
	"time"

	"parkportal/store"
)

// The sequence of a seed is part of the committed park.json: it must never
// change.
func TestRandSequenceIsFixed(t *testing.T) {
	r := New(20231230)
	got := []uint64{r.Uint64(), r.Uint64(), r.Uint64()}
	again := New(20231230)
	for i, g := range got {
		if a := again.Uint64(); a != g {
			t.Fatalf("value %d: %d then %d", i, g, a)
		}
	}
	// SplitMix64's published first output for state 0 after one step.
	z := &Rand{state: 0}
	if got, want := z.Uint64(), uint64(0xE220A8397B1DCDAF); got != want {
		t.Errorf("SplitMix64 from 0 = %#x, want %#x", got, want)
	}
}

func TestIntNAndDates(t *testing.T) {
	r := New(1)
	seen := map[int]bool{}
	for range 10_000 {
		n := r.IntN(7)
		if n < 0 || n >= 7 {
			t.Fatalf("IntN(7) = %d", n)
		}
		seen[n] = true
		d := r.DateBetween(Date(2023, 2, 20), Date(2024, 3, 5))
		if d.Before(Date(2023, 2, 20)) || d.After(Date(2024, 3, 5)) {
			t.Fatalf("DateBetween gave %s", Day(d))
		}
		if d.Month() == time.February && d.Day() == 29 {
			t.Fatal("DateBetween gave 29 February")
		}
	}
	if len(seen) != 7 {
		t.Errorf("IntN(7) gave only %v", seen)
	}
}

func TestPeopleNamesAreUniqueAndNotFamous(t *testing.T) {
	p := NewPeople(New(3))
	seen := map[string]bool{}
	for range 2000 {
		n := p.Name()
		if seen[n] {
			t.Fatalf("%s handed out twice", n)
		}
		if famous[n] {
			t.Fatalf("%s is a famous name", n)
		}
		seen[n] = true
	}
}

func TestCreditCodesAreValidAndDistinct(t *testing.T) {
	seen := map[string]bool{}
	for i := range uint64(5000) {
		for _, old := range []bool{false, true} {
			code := CreditCode(i*7919, old)
			if p := store.CheckCreditCode("credit_code", code); p != nil {
				t.Fatalf("CreditCode(%d, %v) = %s: %s", i, old, code, p)
			}
			if seen[code] {
				t.Fatalf("CreditCode(%d, %v) = %s repeats", i, old, code)
			}
			seen[code] = true
		}
	}
}

// Published credit codes of well-known companies, read off their public
// business registrations: built from their division and organisation code
// body, both check characters must come out right.
func TestCreditCodeOfRealCompanies(t *testing.T) {
	for _, want := range []string{
		"91110108551385082Q", // 小米科技有限责任公司
		"9144030071526726XG", // 深圳市腾讯计算机系统有限公司
		"914403001922038216", // 华为技术有限公司
		"91330100716105852F", // 阿里巴巴（中国）网络技术有限公司
	} {
		if got := creditCode(want[2:8], want[8:16]); got != want {
			t.Errorf("creditCode(%s, %s) = %s, want %s", want[2:8], want[8:16], got, want)
		}
	}
}

// Every path keeps the development rules, checked by store's own rules.
func TestPathsKeepTheRules(t *testing.T) {
	r := New(9)
	last := Date(2024, 12, 20)
	for i := range 3000 {
		var p Path
		switch i % 3 {
		case 0:
			p = r.DevelopedOn(r.DateBetween(Date(2010, 1, 1), last), last, i%2 == 0)
		case 1:
			p = r.FullBy(Date(2000, 1, 1), Date(2021, 6, 30), i%2 == 0)
		default:
			p = r.Pipeline(r.DateBetween(Date(2020, 1, 1), last), last, i%2 == 0)
		}
		m := store.Member{ID: fmt.Sprint("m", i), Name: "m", Birth: Day(p.Birth), Organization: "o"}
		m.Applied, m.Activist, m.Candidate, m.Probationary, m.Full = p.Dates()
		for _, day := range []time.Time{p.Applied, p.Activist, p.Candidate, p.Probationary, p.Full} {
			if day.After(last) && i%3 != 1 {
				t.Fatalf("path %d has a date after %s: %+v", i, Day(last), m)
			}
		}
		for _, problem := range m.Validate() {
			t.Errorf("path %d: %s", i, problem)
		}
	}
}
