package web

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"io"
	"sync"
)

// Stitched gzip. A cached page's content is compressed once, at the best
// level, into DEFLATE blocks that end on a byte boundary and are not final;
// each request compresses only the layout around it (the viewer's name,
// the sign-out form's token) and joins the three into one gzip member. A
// DEFLATE stream may be cut into blocks anywhere, and a block compressed on
// its own never refers back into the blocks before it, so the joined
// stream decodes to the whole page. Compressing the whole page on every
// request was most of a signed-in page's cost.

// deflateSegment compresses b into non-final DEFLATE blocks ending on a
// byte boundary (a sync flush), which can stand anywhere in a stream.
func deflateSegment(b []byte, level int) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, level) // the level is a constant in range
	_, _ = w.Write(b)
	_ = w.Flush()
	return buf.Bytes()
}

// fastWriters are pooled BestSpeed compressors: a new one allocates about
// a megabyte, far more than a page's layout.
var fastWriters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
	return w
}}

// deflateFast writes b to out as DEFLATE blocks at BestSpeed: non-final
// and byte-aligned, or, when final, closing the stream.
func deflateFast(out *bytes.Buffer, b []byte, final bool) {
	w := fastWriters.Get().(*flate.Writer)
	w.Reset(out)
	_, _ = w.Write(b)
	if final {
		_ = w.Close()
	} else {
		_ = w.Flush()
	}
	fastWriters.Put(w)
}

// gzipHeader is a gzip member header: deflate, no name, no time, unknown OS.
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}

// stitchGzip is one gzip member of head, content and tail, where
// contentDeflate is content as deflateSegment made it.
func stitchGzip(head, content, contentDeflate, tail []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(gzipHeader) + len(contentDeflate) + (len(head)+len(tail))/3 + 64)
	buf.Write(gzipHeader)
	deflateFast(&buf, head, false)
	buf.Write(contentDeflate)
	deflateFast(&buf, tail, true)
	crc := crc32.NewIEEE()
	crc.Write(head)
	crc.Write(content)
	crc.Write(tail)
	var trailer [8]byte
	binary.LittleEndian.PutUint32(trailer[:4], crc.Sum32())
	binary.LittleEndian.PutUint32(trailer[4:], uint32(len(head)+len(content)+len(tail)))
	buf.Write(trailer[:])
	return buf.Bytes()
}
