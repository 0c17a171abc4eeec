// Package interchange writes the demonstration data as parkportal/v1
// documents made of store's records, one record per line, so that the
// committed park.json reads and diffs well and a large synthetic park never
// sits in memory; it also names the values the demonstration data writes
// into enumerated fields. The records, their rules and the import are
// store's; package store's own exporter is not usable here, as it writes
// from a database.
package interchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"parkportal/store"
)

// Writer streams a document with one record per line, so that a committed
// document reads and diffs well and a large one never sits in memory.
// Call Begin, then for each collection in the order of store.Collections
// Collection and Record, then Close. The first error sticks and is returned by every later call.
type Writer struct {
	w      *bufio.Writer
	buf    bytes.Buffer
	enc    *json.Encoder
	next   int // index into store.Collections of the next collection to open
	open   bool
	first  bool
	err    error
	closed bool
}

// NewWriter returns a Writer on w.
func NewWriter(w io.Writer) *Writer {
	x := &Writer{w: bufio.NewWriterSize(w, 64<<10)}
	x.enc = json.NewEncoder(&x.buf)
	x.enc.SetEscapeHTML(false)
	return x
}

// Begin writes the format and the park, if p is not nil.
func (x *Writer) Begin(p *store.Park) error {
	if x.err != nil {
		return x.err
	}
	x.w.WriteString("{\n  \"format\": \"" + store.Format + "\"")
	if p != nil {
		x.w.WriteString(",\n  \"park\": ")
		x.raw(p)
	}
	return x.err
}

// Collection closes the open collection, if any, and opens name, which must
// be the next one in store.Collections or a later one (skipped ones are written
// empty).
func (x *Writer) Collection(name string) error {
	if x.err != nil {
		return x.err
	}
	for {
		if x.next >= len(store.Collections) {
			x.err = fmt.Errorf("interchange: collection %q out of order or unknown", name)
			return x.err
		}
		x.closeCollection()
		c := store.Collections[x.next]
		x.next++
		x.w.WriteString(",\n  \"" + string(c) + "\": [")
		x.open, x.first = true, true
		if string(c) == name {
			return x.err
		}
	}
}

// Record writes one record into the open collection.
func (x *Writer) Record(v any) error {
	if x.err != nil {
		return x.err
	}
	if !x.open {
		x.err = errors.New("interchange: record outside a collection")
		return x.err
	}
	if x.first {
		x.w.WriteString("\n    ")
		x.first = false
	} else {
		x.w.WriteString(",\n    ")
	}
	x.raw(v)
	return x.err
}

// Close writes the remaining collections empty, ends the document and
// flushes.
func (x *Writer) Close() error {
	if x.err != nil || x.closed {
		return x.err
	}
	for x.next < len(store.Collections) {
		x.Collection(string(store.Collections[x.next]))
	}
	x.closeCollection()
	x.w.WriteString("\n}\n")
	x.closed = true
	if err := x.w.Flush(); err != nil && x.err == nil {
		x.err = err
	}
	return x.err
}

func (x *Writer) closeCollection() {
	if !x.open {
		return
	}
	if x.first {
		x.w.WriteString("]")
	} else {
		x.w.WriteString("\n  ]")
	}
	x.open = false
}

func (x *Writer) raw(v any) {
	x.buf.Reset()
	if err := x.enc.Encode(v); err != nil {
		x.err = fmt.Errorf("interchange: %w", err)
		return
	}
	b := bytes.TrimSuffix(x.buf.Bytes(), []byte("\n"))
	if _, err := x.w.Write(b); err != nil {
		x.err = err
	}
}

// Write prints the whole document d with one record per line; its format is
// always store.Format.
func Write(w io.Writer, d *store.Document) error {
	x := NewWriter(w)
	x.Begin(d.Park)
	each(x, "enterprises", d.Enterprises)
	each(x, "surveys", d.Surveys)
	each(x, "organizations", d.Organizations)
	each(x, "staff", d.Staff)
	each(x, "services", d.Services)
	each(x, "members", d.Members)
	each(x, "activities", d.Activities)
	each(x, "platforms", d.Platforms)
	each(x, "designations", d.Designations)
	each(x, "brands", d.Brands)
	each(x, "awards", d.Awards)
	each(x, "responsibility", d.Responsibility)
	return x.Close()
}

func each[T any](x *Writer, name string, records []T) {
	x.Collection(name)
	for i := range records {
		x.Record(&records[i])
	}
}
