package photo

import (
	"image"
	"image/color"
)

// scaled is img with its longer side at most side pixels, always a fresh
// RGBA image (so nothing of the source's encoding is kept). Each pixel is
// the average of the source pixels it covers (an area average, which is
// what making a photo smaller needs), summed a source row at a time into
// two rows of totals: x/image/draw's kernel scalers keep a buffer of the
// destination's width by the source's height in float64s, 190 MB for a
// phone's 12-megapixel photo and 400 MB for the largest one allowed.
func scaled(img image.Image, side int) *image.RGBA {
	b := img.Bounds()
	sw, sh := b.Dx(), b.Dy()
	w, h := sw, sh
	if w > side || h > side {
		if w >= h {
			w, h = side, max(1, h*side/w)
		} else {
			w, h = max(1, w*side/h), side
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	src, ok := img.(image.RGBA64Image)
	if !ok {
		src = rgba64Of{img}
	}
	// Measured so that a source pixel is w long (h high) and a destination
	// pixel sw (sh): source column x spans [x·w, (x+1)·w) and falls in at
	// most two destination columns, since w ≤ sw; likewise rows.
	cols := make([]span, sw)
	for x := range cols {
		cols[x] = spanOf(x, w, sw)
	}
	sums := make([][4]uint64, 2*w) // destination row r, then r+1
	r := 0
	for y := range sh {
		row := spanOf(y, h, sh)
		if row.at > r {
			writeRow(dst, r, sums[:w], uint64(sw)*uint64(sh))
			copy(sums, sums[w:])
			clear(sums[w:])
			r = row.at
		}
		for x, col := range cols {
			c := src.RGBA64At(b.Min.X+x, b.Min.Y+y)
			px := [4]uint64{uint64(c.R), uint64(c.G), uint64(c.B), uint64(c.A)}
			add(&sums[col.at], px, col.in*row.in)
			add(&sums[w+col.at], px, col.in*row.out)
			if col.out > 0 { // then col.at+1 < w
				add(&sums[col.at+1], px, col.out*row.in)
				add(&sums[w+col.at+1], px, col.out*row.out)
			}
		}
	}
	writeRow(dst, r, sums[:w], uint64(sw)*uint64(sh))
	return dst
}

// span is where source pixel i of n falls among m destination pixels: in
// destination pixel at for the length in, and in the next for out.
type span struct {
	at      int
	in, out uint64
}

func spanOf(i, m, n int) span {
	start := uint64(i) * uint64(m)
	at := start / uint64(n)
	in := min(uint64(m), (at+1)*uint64(n)-start)
	return span{at: int(at), in: in, out: uint64(m) - in}
}

func add(sum *[4]uint64, px [4]uint64, weight uint64) {
	if weight == 0 {
		return
	}
	for i := range px {
		sum[i] += px[i] * weight
	}
}

// writeRow writes the averages of row r's sums, each over total, as 8-bit.
func writeRow(dst *image.RGBA, r int, sums [][4]uint64, total uint64) {
	pix := dst.Pix[r*dst.Stride:]
	for x, s := range sums {
		for i, v := range s {
			pix[4*x+i] = uint8((v + total/2) / total >> 8)
		}
	}
}

// rgba64Of gives any image the RGBA64At of the standard library's.
type rgba64Of struct{ image.Image }

func (m rgba64Of) RGBA64At(x, y int) color.RGBA64 {
	r, g, b, a := m.At(x, y).RGBA()
	return color.RGBA64{R: uint16(r), G: uint16(g), B: uint16(b), A: uint16(a)}
}
