package photo

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

func testImage(w, h int, alpha uint8) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{R: uint8(x), G: uint8(y), B: 90, A: alpha})
		}
	}
	return img
}

func jpegWithExif(t testing.TB, w, h int) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, testImage(w, h, 255), nil); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	// An APP1 segment after SOI, as cameras write EXIF (with GPS).
	payload := append([]byte("Exif\x00\x00"), []byte("GPSLatitude 31.2304N secret-location")...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	out := append([]byte{}, b[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, b[2:]...)
}

func TestProcessDropsExifAndScales(t *testing.T) {
	in := jpegWithExif(t, 2600, 1300)
	if !bytes.Contains(in, []byte("secret-location")) {
		t.Fatal("test photo carries no EXIF")
	}
	p, err := Process(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(p.Image, []byte("secret-location")) || bytes.Contains(p.Image, []byte("Exif")) || bytes.Contains(p.Thumb, []byte("Exif")) {
		t.Fatal("the kept photo still carries EXIF")
	}
	if p.ContentType != "image/jpeg" || p.Width != 2000 || p.Height != 1000 {
		t.Fatalf("kept %s %d×%d, want image/jpeg 2000×1000", p.ContentType, p.Width, p.Height)
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(p.Thumb))
	if err != nil || cfg.Width != ThumbSide {
		t.Fatalf("thumbnail %+v, %v", cfg, err)
	}
}

func TestTransparentPNGStaysPNG(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, testImage(50, 40, 100)); err != nil {
		t.Fatal(err)
	}
	p, err := Process(context.Background(), buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if p.ContentType != "image/png" || p.Width != 50 || p.Height != 40 {
		t.Fatalf("kept %s %d×%d", p.ContentType, p.Width, p.Height)
	}
}

// pngHeader is the start of a PNG claiming w×h pixels: enough for
// DecodeConfig, nothing to decode.
func pngHeader(w, h uint32) []byte {
	b := []byte("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	chunk := append([]byte("IHDR"), ihdr...)
	b = binary.BigEndian.AppendUint32(b, 13)
	b = append(b, chunk...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(chunk))
}

func TestCheckRefuses(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want error
	}{
		{"text named like a photo", []byte("<?php echo 1; ?> not a jpeg"), ErrNotImage},
		{"gif", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), ErrNotImage},
		{"past 40 megapixels, refused from the header", pngHeader(10000, 5000), ErrTooManyPix},
		{"a truncated jpeg", jpegWithExif(t, 20, 20)[:40], ErrBroken},
		{"past 10 MB", append(pngHeader(10, 10), make([]byte, MaxBytes)...), ErrTooLarge},
	} {
		if _, _, err := Check(c.data); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}

func FuzzProcess(f *testing.F) {
	var buf bytes.Buffer
	png.Encode(&buf, testImage(8, 6, 200))
	f.Add(buf.Bytes())
	f.Add(jpegWithExif(f, 9, 7))
	f.Add(pngHeader(10000, 5000))
	small := jpegWithExif(f, 9, 7)
	f.Add(append(append(append([]byte{}, small[:2]...), exifOrientation(8, binary.BigEndian, "MM")...), small[2:]...))
	f.Add([]byte("RIFF\x00\x00\x00\x00WEBPVP8 "))
	f.Fuzz(func(t *testing.T, data []byte) {
		kind, cfg, err := Check(data)
		if err != nil {
			return
		}
		if int64(cfg.Width)*int64(cfg.Height) > MaxPixels || kind == "" {
			t.Fatalf("Check passed %s %d×%d", kind, cfg.Width, cfg.Height)
		}
		if cfg.Width*cfg.Height > 1<<20 {
			return // decoding big images only slows the fuzzer
		}
		p, err := Process(context.Background(), data)
		if err != nil {
			return
		}
		if p.Width > MaxSide || p.Height > MaxSide || len(p.Image) == 0 || len(p.Thumb) == 0 {
			t.Fatalf("kept %d×%d", p.Width, p.Height)
		}
	})
}

// exifOrientation is an APP1 segment holding only an orientation tag.
func exifOrientation(o uint16, order binary.AppendByteOrder, mark string) []byte {
	tiff := []byte(mark)
	tiff = order.AppendUint16(tiff, 42)
	tiff = order.AppendUint32(tiff, 8)
	tiff = order.AppendUint16(tiff, 1) // one entry
	tiff = order.AppendUint16(tiff, 0x0112)
	tiff = order.AppendUint16(tiff, 3) // SHORT
	tiff = order.AppendUint32(tiff, 1) // count
	tiff = order.AppendUint16(tiff, o)
	tiff = append(tiff, 0, 0)
	tiff = order.AppendUint32(tiff, 0) // no next IFD
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	return append(seg, payload...)
}

// A phone's portrait photo (landscape pixels, orientation 6) is kept
// upright, in both byte orders.
func TestProcessTurnsPhotosUpright(t *testing.T) {
	for _, c := range []struct {
		mark  string
		order binary.AppendByteOrder
	}{{"II", binary.LittleEndian}, {"MM", binary.BigEndian}} {
		img := image.NewRGBA(image.Rect(0, 0, 60, 40))
		for y := range 40 {
			for x := range 60 {
				img.Set(x, y, color.RGBA{255, 255, 255, 255})
			}
		}
		for y := range 10 { // a red band along the stored top
			for x := range 60 {
				img.Set(x, y, color.RGBA{255, 0, 0, 255})
			}
		}
		var buf bytes.Buffer
		jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95})
		b := buf.Bytes()
		in := append(append(append([]byte{}, b[:2]...), exifOrientation(6, c.order, c.mark)...), b[2:]...)
		if got := jpegOrientation(in); got != 6 {
			t.Fatalf("%s: orientation %d, want 6", c.mark, got)
		}
		p, err := Process(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		if p.Width != 40 || p.Height != 60 {
			t.Fatalf("%s: kept %d×%d, want 40×60 (upright)", c.mark, p.Width, p.Height)
		}
		out, _ := jpeg.Decode(bytes.NewReader(p.Image))
		// Orientation 6: the stored top is the right-hand side when upright.
		if r, g, _, _ := out.At(37, 30).RGBA(); r>>8 < 200 || g>>8 > 80 {
			t.Errorf("%s: the right edge is not the red band", c.mark)
		}
		if r, g, _, _ := out.At(2, 30).RGBA(); r>>8 < 200 || g>>8 < 200 {
			t.Errorf("%s: the left edge is not white", c.mark)
		}
	}
}
