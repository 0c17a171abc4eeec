package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// recordReader reads the fields of one JSON object decoded into raw values,
// converting each to its Go type and noting every field with the wrong type
// or missing. Fields it reads are removed from raw, so that what is left
// are fields the format does not know.
type recordReader struct {
	raw      map[string]json.RawMessage
	prefix   string // for nested objects: "stage_history[2]."
	problems problems
}

func (r *recordReader) take(name string) (json.RawMessage, bool) {
	v, ok := r.raw[name]
	if !ok {
		return nil, false
	}
	delete(r.raw, name)
	if isNull(v) {
		return nil, false
	}
	return v, true
}

func isNull(v []byte) bool { return len(v) == 4 && string(v) == "null" }

func (r *recordReader) wrongType(name, want string, v json.RawMessage) {
	r.problems.add(newProblem(r.prefix+name, CodeType, "须为%s，而不是 %s", want, describeJSON(v)))
}

func (r *recordReader) missing(name string) {
	r.problems.add(newProblem(r.prefix+name, CodeRequired, "缺少必填字段"))
}

// text reads a text field; absent and null give "".
func (r *recordReader) text(name string) string {
	v, ok := r.take(name)
	if !ok {
		return ""
	}
	s, ok := decodeString(v)
	if !ok {
		r.wrongType(name, "文本（用双引号括起）", v)
	}
	return s
}

// decodeString unquotes a JSON string, quickly when it has no escapes.
func decodeString(v []byte) (string, bool) {
	if len(v) < 2 || v[0] != '"' {
		return "", false
	}
	inner := v[1 : len(v)-1]
	if bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
		return string(inner), true
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return "", false
	}
	return s, true
}

// boolean reads a true/false field.
func (r *recordReader) boolean(name string, required bool) bool {
	v, ok := r.take(name)
	switch {
	case !ok:
		if required {
			r.missing(name)
		}
		return false
	case string(v) == "true":
		return true
	case string(v) == "false":
		return false
	}
	r.wrongType(name, " true 或 false", v)
	return false
}

// integer reads a whole number; nil when absent.
func (r *recordReader) integer(name string, required bool) *int {
	v, ok := r.take(name)
	if !ok {
		if required {
			r.missing(name)
		}
		return nil
	}
	if !isNumber(v) {
		r.wrongType(name, "整数", v)
		return nil
	}
	n, err := strconv.Atoi(string(v))
	if err != nil {
		r.problems.add(newProblem(r.prefix+name, CodeInteger, "须为整数，而不是 %s", clipText(string(v))))
		return nil
	}
	return &n
}

// money reads an amount of yuan exactly; nil when absent.
func (r *recordReader) money(name string) *Money {
	v, ok := r.take(name)
	if !ok {
		return nil
	}
	if !isNumber(v) {
		r.wrongType(name, "数字（以元为单位）", v)
		return nil
	}
	m, p := ParseMoney(r.prefix+name, string(v))
	if p != nil {
		r.problems.add(p)
		return nil
	}
	return &m
}

// strings reads a list of texts; required lists must be present (and may be
// empty).
func (r *recordReader) strings(name string, required bool) []string {
	v, ok := r.take(name)
	if !ok {
		if required {
			r.missing(name)
		}
		return nil
	}
	if v[0] != '[' {
		r.wrongType(name, "列表（用方括号括起）", v)
		return nil
	}
	var list []string
	if err := json.Unmarshal(v, &list); err != nil {
		r.wrongType(name, "文本的列表", v)
		return nil
	}
	return list
}

// objects reads a list of objects.
func (r *recordReader) objects(name string) []map[string]json.RawMessage {
	v, ok := r.take(name)
	if !ok {
		return nil
	}
	var list []map[string]json.RawMessage
	if v[0] != '[' || json.Unmarshal(v, &list) != nil {
		r.wrongType(name, "对象的列表", v)
		return nil
	}
	return list
}

func isNumber(v []byte) bool {
	return len(v) > 0 && (v[0] == '-' || (v[0] >= '0' && v[0] <= '9'))
}

// describeJSON names the JSON type of a value for a message.
func describeJSON(v []byte) string {
	if len(v) == 0 {
		return "空值"
	}
	switch c := v[0]; {
	case c == '"':
		return "文本 " + clipText(string(v))
	case c == '{':
		return "对象"
	case c == '[':
		return "列表"
	case c == 't' || c == 'f':
		return string(v)
	case c == 'n':
		return "null"
	default:
		return "数字 " + clipText(string(v))
	}
}

// lineReader counts what the decoder reads and keeps the last two chunks, so
// that a syntax error's byte offset can be told as a line and column.
type lineReader struct {
	r         io.Reader
	n         int64 // bytes read so far
	lines     int   // newlines before cur
	prev, cur chunk
}

type chunk struct {
	start int64
	lines int // newlines before start
	data  []byte
}

func (l *lineReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	if n > 0 {
		l.prev, l.cur = l.cur, l.prev
		l.cur.start = l.n
		l.cur.lines = l.lines
		l.cur.data = append(l.cur.data[:0], p[:n]...)
		l.lines += bytes.Count(p[:n], []byte{'\n'})
		l.n += int64(n)
	}
	return n, err
}

// position tells where byte offset off is: "第 3 行第 14 列" when it lies in
// the data kept, else the byte offset.
func (l *lineReader) position(off int64) string {
	for _, c := range []chunk{l.cur, l.prev} {
		if off < c.start || off > c.start+int64(len(c.data)) {
			continue
		}
		before := c.data[:off-c.start]
		line := c.lines + bytes.Count(before, []byte{'\n'}) + 1
		if line == c.lines+1 && c.start > 0 {
			return fmt.Sprintf("第 %d 行", line) // the line starts in an older chunk
		}
		col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
		return fmt.Sprintf("第 %d 行第 %d 列", line, col)
	}
	return fmt.Sprintf("第 %d 个字节处", off+1)
}
