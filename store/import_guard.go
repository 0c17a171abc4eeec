package store

import (
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"
)

// Limits on an import document, checked as it streams in, before the JSON
// decoder buffers anything: a document within them takes memory in
// proportion to one record, whatever its size. The README states them in
// the spec's terms.
const (
	// MaxImportDepth is how deeply values may nest: the document, a
	// collection, a record, a list in it (stage_history) and the entries of
	// that list need five levels; the rest is room for unknown fields.
	MaxImportDepth = 10
	// MaxImportText is the longest text (or number) in bytes: 65,536 bytes,
	// about 21,000 Chinese characters.
	MaxImportText = 64 << 10
	// MaxImportRecord is the largest record (and the park object) in bytes.
	MaxImportRecord = 1 << 20
)

// documentError is a document that breaks a limit or holds text the portal
// refuses (NUL, invalid UTF-8, an unpaired surrogate, a repeated key). Offset
// is the byte where it was found.
type documentError struct {
	Offset  int64
	Code    string
	Message string
}

func (e *documentError) Error() string {
	return fmt.Sprintf("store: import document at byte %d: %s", e.Offset, e.Message)
}

// guardReader checks the JSON text it passes on, byte by byte. It does not
// check the grammar (the decoder does); it follows just enough of it to know
// the nesting, where strings are and which of them are keys.
type guardReader struct {
	r   io.Reader
	off int64 // bytes passed on so far
	err error

	stack []guardLevel

	inString bool
	isKey    bool   // the string is an object key
	strLen   int    // bytes of the current string (or number) so far
	key      []byte // the raw key, while reading one
	escape   int    // 0, or how far into an escape: 1 after '\', 2–5 in \uXXXX
	hex      rune   // the \uXXXX code point so far
	surrAt   int    // after a high surrogate: 1; 2 after the next '\'; 3 in its \u
	utf8Need int    // continuation bytes still expected
	utf8Buf  [4]byte
	utf8Len  int
	inNumber bool

	spanStart int64 // where the current record began, or -1
	spanDepth int   // the depth at which it began
}

// guardLevel is one open object or array.
type guardLevel struct {
	object  bool
	wantKey bool
	keys    map[string]struct{} // keys seen, in objects below the document
}

func newGuardReader(r io.Reader) *guardReader {
	return &guardReader{r: r, spanStart: -1}
}

func (g *guardReader) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	for i := 0; i < n; i++ {
		if derr := g.step(p[i], g.off+int64(i)); derr != nil {
			derr.Offset = g.off + int64(i)
			g.err = derr
			g.off += int64(i)
			return i, derr
		}
	}
	g.off += int64(n)
	if g.spanStart >= 0 && g.off-g.spanStart > MaxImportRecord {
		g.err = g.recordTooLarge()
		g.err.(*documentError).Offset = g.off
		return n, g.err
	}
	return n, err
}

func (g *guardReader) recordTooLarge() *documentError {
	return g.fail(CodeTooLarge, "一条记录超过 %d 字节（1 MB）；记录中可能有异常长的内容", MaxImportRecord)
}

func (g *guardReader) fail(code, format string, args ...any) *documentError {
	return &documentError{Code: code, Message: fmt.Sprintf(format, args...)}
}

// step takes one byte, found at offset at.
func (g *guardReader) step(b byte, at int64) *documentError {
	if g.inString {
		return g.stringByte(b)
	}
	if g.inNumber {
		if b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E' || (b >= '0' && b <= '9') {
			g.strLen++
			if g.strLen > MaxImportText {
				return g.fail(CodeTooLarge, "数字超过 %d 个字符", MaxImportText)
			}
			return nil
		}
		g.inNumber = false
	}
	switch b {
	case '"':
		g.inString, g.strLen, g.escape = true, 0, 0
		g.isKey = false
		if top := g.top(); top != nil && top.object && top.wantKey {
			g.isKey = true
			g.key = g.key[:0]
		}
	case '{', '[':
		if len(g.stack) >= MaxImportDepth {
			return g.fail(CodeTooDeep, "嵌套超过 %d 层；本平台的记录最多嵌套 5 层", MaxImportDepth)
		}
		level := guardLevel{object: b == '{', wantKey: b == '{'}
		if level.object && len(g.stack) >= 1 {
			level.keys = map[string]struct{}{}
		}
		g.stack = append(g.stack, level)
		depth := len(g.stack)
		if g.spanStart < 0 && (depth == 3 || (depth == 2 && level.object)) {
			g.spanStart, g.spanDepth = at, depth
		}
	case '}', ']':
		if len(g.stack) > 0 {
			if len(g.stack) == g.spanDepth {
				if at+1-g.spanStart > MaxImportRecord {
					return g.recordTooLarge()
				}
				g.spanStart, g.spanDepth = -1, 0
			}
			g.stack = g.stack[:len(g.stack)-1]
		}
	case ',':
		if top := g.top(); top != nil && top.object {
			top.wantKey = true
		}
	case 0:
		return g.fail(CodeText, "含有空字符（NUL, U+0000），这不是正常文本；请检查文件是否损坏")
	default:
		if b == '-' || (b >= '0' && b <= '9') {
			g.inNumber, g.strLen = true, 1
		}
	}
	return nil
}

func (g *guardReader) top() *guardLevel {
	if len(g.stack) == 0 {
		return nil
	}
	return &g.stack[len(g.stack)-1]
}

// stringByte takes one byte inside a string.
func (g *guardReader) stringByte(b byte) *documentError {
	g.strLen++
	if g.strLen > MaxImportText {
		return g.fail(CodeTooLarge, "一段文本超过 %d 字节（约 2 万个汉字）", MaxImportText)
	}
	if g.isKey {
		g.key = append(g.key, b)
	}
	if g.utf8Need > 0 {
		if b&0xC0 != 0x80 {
			return g.fail(CodeText, "含有无效的 UTF-8 字节；请把文件另存为 UTF-8 编码")
		}
		g.utf8Buf[g.utf8Len] = b
		g.utf8Len++
		g.utf8Need--
		if g.utf8Need == 0 && !utf8.Valid(g.utf8Buf[:g.utf8Len]) {
			return g.fail(CodeText, "含有无效的 UTF-8 字节；请把文件另存为 UTF-8 编码")
		}
		return nil
	}
	if g.surrAt == 1 && b != '\\' || g.surrAt == 2 && b != 'u' {
		return g.unpaired()
	}
	switch {
	case g.escape == 1:
		switch b {
		case 'u':
			g.escape, g.hex = 2, 0
			if g.surrAt == 2 {
				g.surrAt = 3
			}
		default:
			g.escape = 0
		}
		return nil
	case g.escape >= 2:
		v, ok := hexValue(b)
		if !ok {
			g.escape = 0 // a syntax error the decoder reports
			return nil
		}
		g.hex = g.hex<<4 | v
		if g.escape < 5 {
			g.escape++
			return nil
		}
		g.escape = 0
		return g.codePoint(g.hex)
	case b == '\\':
		g.escape = 1
		if g.surrAt == 1 {
			g.surrAt = 2
		}
		return nil
	case b == '"':
		g.inString = false
		if g.isKey {
			return g.endKey()
		}
		return nil
	case b == 0:
		return g.fail(CodeText, "含有空字符（NUL, U+0000），这不是正常文本；请检查文件是否损坏")
	case b >= 0x80:
		switch {
		case b&0xE0 == 0xC0:
			g.utf8Need = 1
		case b&0xF0 == 0xE0:
			g.utf8Need = 2
		case b&0xF8 == 0xF0:
			g.utf8Need = 3
		default:
			return g.fail(CodeText, "含有无效的 UTF-8 字节；请把文件另存为 UTF-8 编码")
		}
		g.utf8Buf[0], g.utf8Len = b, 1
	}
	return nil
}

// codePoint checks a \uXXXX escape: no NUL, and surrogates only in pairs.
func (g *guardReader) codePoint(r rune) *documentError {
	switch {
	case g.surrAt == 3:
		g.surrAt = 0
		if r < 0xDC00 || r > 0xDFFF {
			return g.unpaired()
		}
	case r == 0:
		return g.fail(CodeText, "含有空字符（\\u0000），这不是正常文本；请检查文件是否损坏")
	case r >= 0xD800 && r <= 0xDBFF:
		g.surrAt = 1
	case r >= 0xDC00 && r <= 0xDFFF:
		return g.unpaired()
	}
	return nil
}

func (g *guardReader) unpaired() *documentError {
	return g.fail(CodeText, "含有不成对的代理项转义（\\uD800–\\uDFFF），不是有效的 Unicode 文本")
}

// endKey checks that an object's key is not repeated.
func (g *guardReader) endKey() *documentError {
	top := g.top()
	top.wantKey = false
	if top.keys == nil {
		return nil
	}
	raw := g.key[:len(g.key)-1] // without the closing quote
	key := string(raw)
	for _, c := range raw {
		if c == '\\' {
			var s string
			if json.Unmarshal(append(append([]byte{'"'}, raw...), '"'), &s) == nil {
				key = s
			}
			break
		}
	}
	if _, dup := top.keys[key]; dup {
		return g.fail(CodeDuplicateField, "字段“%s”在同一条记录中出现了两次", clipText(key))
	}
	top.keys[key] = struct{}{}
	return nil
}

func hexValue(b byte) (rune, bool) {
	switch {
	case b >= '0' && b <= '9':
		return rune(b - '0'), true
	case b >= 'a' && b <= 'f':
		return rune(b-'a') + 10, true
	case b >= 'A' && b <= 'F':
		return rune(b-'A') + 10, true
	}
	return 0, false
}
