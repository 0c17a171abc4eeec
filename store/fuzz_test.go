package store

import (
	"bytes"
	"context"
	"errors"
	"testing"
)

// FuzzImport feeds arbitrary documents to the import: it never panics, and
// a document it refuses writes nothing (the revision stays where it was).
func FuzzImport(f *testing.F) {
	for _, seed := range []string{
		validDocument,
		`{"format":"parkportal/v1","park":{"name":"x","brand":"y"}}`,
		`{"format":"parkportal/v1","enterprises":[{"id":"e","name":"n","stage":"startup","credit_code":"91430200MA4L0000X1"}]}`,
		`{"format":"parkportal/v1","members":[{"id":"m","name":"n","organization":"o","management":true,"applied":"2023-02-30"}]}`,
		`{"format":"parkportal/v1","enterprises":[{"id":"e","id":"f"}]}`,
		`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`,
		`{"format":"parkportal/v1","activities":[{"program":"incubation","kind":"x","title":"\ud800","date":"2023-01-01"}]}`,
	} {
		f.Add([]byte(seed))
	}
	s := openTB(f)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, doc []byte) {
		before, err := s.Revision(ctx)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.Import(ctx, bytes.NewReader(doc), ImportOptions{Replace: true})
		if err == nil {
			return
		}
		var refused *ImportError
		if !errors.As(err, &refused) && !errors.Is(err, ErrNotEmpty) {
			return // an I/O or limit error: also all or nothing, checked below
		}
		after, err := s.Revision(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if after.Value != before.Value {
			t.Fatalf("a refused import moved the revision %d → %d", before.Value, after.Value)
		}
	})
}

// FuzzCreditCode checks any text as a credit code: no panic, and a code
// the check passes has 18 characters ending in its check character.
func FuzzCreditCode(f *testing.F) {
	for _, seed := range []string{"91430200MA4L0000X1", "91430200MA4L0000X", "９１４３０２００ＭＡ４Ｌ００００Ｘ１", "", "IOSVZ0000000000000", "914302\x0000MA4L0000X1"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, code string) {
		if p := CheckCreditCode("credit_code", code); p != nil || code == "" { // the code is optional
			return
		}
		if len(code) != 18 {
			t.Fatalf("%q passed with %d bytes", code, len(code))
		}
		if c, ok := CreditCodeCheckChar(code[:17]); !ok || c != code[17] {
			t.Fatalf("%q passed with the wrong check character", code)
		}
	})
}
