package web

import (
	"bytes"
	"compress/flate"
	"sync"
)

// Stitched gzip. A cached page's content is compressed once (stitchLevel)
// into DEFLATE blocks that end on a byte boundary and are not final;
// the layout around it likewise (staff_layout.go), and each request joins
// them, with its own few values as stored blocks, into one gzip member. A
// DEFLATE stream may be cut into blocks anywhere, and a block compressed on
// its own never refers back into the blocks before it, so the joined
// stream decodes to the whole page. Compressing the whole page on every
// request was most of a signed-in page's cost.

// keptLevel is the compression of the public pages and data files the
// caches keep and serve many times, to anyone: the default level gives
// within 1% of the best level's size in about three quarters of its time
// (measured on the home page, the dashboard, a ledger and a record page).
const keptLevel = flate.DefaultCompression

// stitchLevel is the compression of the stitched staff and secretary
// pages: read by a few people on the park's network, and rendered again
// after every change, so the first request after a save waits for it. The
// fastest level, as the gzip middleware's: about 15% larger than the
// default level's output in 40% of its time.
const stitchLevel = flate.BestSpeed

// deflaters are reused compressors: a new one allocates and clears about
// a megabyte of tables, which took longer than compressing a page (1–1.5
// ms against 0.1 ms for 5 KB of HTML).
var deflaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, stitchLevel) // the level is in range
	return w
}}

// deflateSegment compresses b at stitchLevel into non-final DEFLATE blocks
// ending on a byte boundary (a sync flush), which can stand anywhere in a
// stream.
func deflateSegment(b []byte) []byte {
	var buf bytes.Buffer
	w := deflaters.Get().(*flate.Writer)
	defer deflaters.Put(w)
	w.Reset(&buf)
	_, _ = w.Write(b)
	_ = w.Flush()
	return buf.Bytes()
}

// gzipHeader is a gzip member header: deflate, no name, no time, unknown OS.
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}
