package photo

import (
	"bytes"
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
	p, err := Process(in)
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
	p, err := Process(buf.Bytes())
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
		p, err := Process(data)
		if err != nil {
			return
		}
		if p.Width > MaxSide || p.Height > MaxSide || len(p.Image) == 0 || len(p.Thumb) == 0 {
			t.Fatalf("kept %d×%d", p.Width, p.Height)
		}
	})
}
