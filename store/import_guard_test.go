package store

import (
	"bytes"
	"context"
	"errors"
	"io"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// repeatReader yields b over and over, n bytes in all, without holding them.
type repeatReader struct {
	b byte
	n int64
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > r.n {
		p = p[:r.n]
	}
	for i := range p {
		p[i] = r.b
	}
	r.n -= int64(len(p))
	return len(p), nil
}

// importStream imports r into a fresh store, returning the refusal's
// problems and the bytes allocated meanwhile.
func importStream(t *testing.T, r io.Reader) ([]Problem, uint64) {
	t.Helper()
	s := openTest(t)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := s.Import(context.Background(), r, ImportOptions{})
	runtime.ReadMemStats(&after)
	var refused *ImportError
	if !errors.As(err, &refused) {
		t.Fatalf("Import error = %v, want *ImportError", err)
	}
	if empty, err := s.RecordsEmpty(context.Background()); err != nil || !empty {
		t.Errorf("refused import left records (empty = %v, %v)", empty, err)
	}
	return refused.Problems, after.TotalAlloc - before.TotalAlloc
}

// wantCode fails t unless problems hold exactly one problem, with code.
func wantCode(t *testing.T, problems []Problem, code string) {
	t.Helper()
	if len(problems) != 1 || problems[0].Code != code {
		t.Fatalf("problems = %s, want one %s", problemLines(problems), code)
	}
}

// The probe's documents: a deeply nested value under an unknown key and
// one 200 MB string are refused after a few kilobytes, without taking
// memory in proportion to them.
func TestImportRefusesHugeDocumentsCheaply(t *testing.T) {
	deep := io.MultiReader(strings.NewReader(`{"format": "parkportal/v1", "x": `), &repeatReader{'[', 100 << 20})
	problems, allocated := importStream(t, deep)
	wantCode(t, problems, CodeTooDeep)
	if allocated > 32<<20 {
		t.Errorf("a deeply nested value allocated %d MB", allocated>>20)
	}
	long := io.MultiReader(strings.NewReader(`{"format": "parkportal/v1", "enterprises": [{"id": "e1", "name": "`),
		&repeatReader{'a', 200 << 20}, strings.NewReader(`", "stage": "startup"}]}`))
	problems, allocated = importStream(t, long)
	wantCode(t, problems, CodeTooLarge)
	if allocated > 32<<20 {
		t.Errorf("a 200 MB string allocated %d MB", allocated>>20)
	}
	if !strings.Contains(problems[0].Message, "第 1 行") {
		t.Errorf("the problem does not say where: %s", problems[0].Message)
	}
	number := io.MultiReader(strings.NewReader(`{"format": "parkportal/v1", "x": 1`), &repeatReader{'0', 10 << 20})
	problems, _ = importStream(t, number)
	wantCode(t, problems, CodeTooLarge)
}

// A record past MaxImportRecord is refused, even when each of its texts is
// within MaxImportText.
func TestImportRefusesOversizedRecords(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"format": "parkportal/v1", "enterprises": [{"id": "e1", "name": "甲", "stage": "startup"`)
	field := strings.Repeat("长", MaxImportText/3-10)
	for i := 0; b.Len() < MaxImportRecord+MaxImportText; i++ {
		b.WriteString(`, "note` + strings.Repeat("x", i%50) + string(rune('a'+i%26)) + `_` + strconv.Itoa(i) + `": "` + field + `"`)
	}
	b.WriteString(`}]}`)
	problems, _ := importStream(t, strings.NewReader(b.String()))
	wantCode(t, problems, CodeTooLarge)
	// The limits leave room for long ordinary text.
	doc := patched(t, "brands", 1, map[string]any{"story": strings.Repeat("故事", MaxImportText/7)})
	s := openTest(t)
	if _, err := s.Import(context.Background(), bytes.NewReader(doc), ImportOptions{}); err != nil {
		t.Errorf("a story of %d bytes was refused: %v", MaxImportText*6/7, err)
	}
}

// NUL characters, invalid UTF-8 and unpaired surrogates are refused, not
// altered; a key repeated in one record is an error, not "last one wins".
func TestImportRefusesTextItWouldHaveToAlter(t *testing.T) {
	enterprise := func(fields string) []byte {
		return []byte(`{"format": "parkportal/v1", "enterprises": [{"id": "e1", "stage": "startup", ` + fields + `}]}`)
	}
	for _, tc := range []struct {
		name, fields, code string
	}{
		{"escaped NUL", `"name": "甲\u0000乙"`, CodeText},
		{"raw NUL", "\"name\": \"甲\x00乙\"", CodeText},
		{"invalid UTF-8", "\"name\": \"甲\xff乙\"", CodeText},
		{"truncated UTF-8", "\"name\": \"甲\xe7\x94\"", CodeText},
		{"overlong UTF-8", "\"name\": \"\xc0\xaf\"", CodeText},
		{"lone high surrogate", `"name": "甲\ud800乙"`, CodeText},
		{"lone low surrogate", `"name": "\udc00"`, CodeText},
		{"high surrogate then text escape", `"name": "\ud800\n"`, CodeText},
		{"repeated key", `"name": "甲", "name": "乙"`, CodeDuplicateField},
		{"repeated key, one escaped", `"name": "甲", "n\u0061me": "乙"`, CodeDuplicateField},
		{"repeated key in a nested entry", `"name": "甲", "stage_history": [{"stage": "startup", "stage": "growth", "since": "2020-01-01"}]`, CodeDuplicateField},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantCode(t, importProblems(t, enterprise(tc.fields)), tc.code)
		})
	}
	// What is fine stays fine: a surrogate pair, the same key in two
	// records or in two entries of a list, markup characters.
	s := openTest(t)
	ok := []byte(`{"format": "parkportal/v1", "enterprises": [
		{"id": "e1", "name": "甲\ud83d\ude00 <b>&\"", "stage": "growth", "stage_history": [{"stage": "startup", "since": "2020-01-01"}, {"stage": "growth", "since": "2021-01-01"}]},
		{"id": "e2", "name": "乙", "stage": "startup"}]}`)
	if _, err := s.Import(context.Background(), bytes.NewReader(ok), ImportOptions{}); err != nil {
		t.Fatalf("a valid document was refused: %v", err)
	}
	var name string
	if err := s.read.QueryRow(`SELECT name FROM enterprises WHERE source_id = 'e1'`).Scan(&name); err != nil || name != "甲😀 <b>&\"" {
		t.Errorf("name = %q, %v", name, err)
	}
}
