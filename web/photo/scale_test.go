package photo

import (
	"image"
	"image/color"
	"testing"
)

// Each pixel is the average of the source pixels it covers, fractions of
// a pixel weighed by their share.
func TestScaledAveragesWhatEachPixelCovers(t *testing.T) {
	src := image.NewGray(image.Rect(0, 0, 3, 1))
	src.Pix = []uint8{0, 90, 180}
	// Three columns into two: the first covers column 0 and half of 1,
	// the second the other half of 1 and column 2.
	got := scaled(src, 2)
	want := []uint8{30, 150} // (0 + 90/2) / 1.5 and (90/2 + 180) / 1.5
	for x, w := range want {
		if c := got.RGBAAt(x, 0); c.R != w || c.A != 255 {
			t.Errorf("pixel %d: %v, want grey %d", x, c, w)
		}
	}
}

// An even colour stays even, whatever the ratio: no seams, no darkened
// edges; and the longer side is side.
func TestScaledKeepsAnEvenColourEven(t *testing.T) {
	for _, size := range [][2]int{{2345, 1777}, {1777, 2345}, {6001, 3}, {2001, 7}, {2000, 1500}, {17, 13}} {
		src := image.NewNRGBA(image.Rect(0, 0, size[0], size[1]))
		for i := 0; i < len(src.Pix); i += 4 {
			copy(src.Pix[i:], []uint8{200, 120, 40, 255})
		}
		dst := scaled(src, MaxSide)
		b := dst.Bounds()
		if max(b.Dx(), b.Dy()) != min(MaxSide, max(size[0], size[1])) {
			t.Errorf("%v: scaled to %v", size, b)
		}
		for i := 0; i < len(dst.Pix); i += 4 {
			if p := dst.Pix[i : i+4]; p[0] != 200 || p[1] != 120 || p[2] != 40 || p[3] != 255 {
				t.Fatalf("%v: pixel %d is %v", size, i/4, p)
			}
		}
	}
}

// Scaling holds no more than the result and two rows of sums: the kernel
// scalers of x/image/draw held the destination's width by the source's
// height in float64s (190 MB for a phone's photo).
func TestScaledAllocatesLittleBeyondItsResult(t *testing.T) {
	src := image.NewYCbCr(image.Rect(0, 0, 4032, 3024), image.YCbCrSubsampleRatio420)
	for i := range src.Y {
		src.Y[i] = uint8(i)
	}
	var dst *image.RGBA
	got := allocated(func() { dst = scaled(src, MaxSide) })
	if result := int64(len(dst.Pix)); got > result+1<<20 {
		t.Errorf("scaling 4032×3024 to 2000 px allocated %d bytes; the result is %d", got, result)
	}
	if c := dst.RGBAAt(0, 0); c == (color.RGBA{}) {
		t.Error("nothing was drawn")
	}
}
