package photo

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"runtime"
	"testing"
	"time"
)

// pngHeaderOf is the start of a PNG claiming w×h pixels of a bit depth,
// colour type and interlace method: enough for DecodeConfig.
func pngHeaderOf(w, h uint32, depth, colorType, interlace byte) []byte {
	b := []byte("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9], ihdr[12] = depth, colorType, interlace
	chunk := append([]byte("IHDR"), ihdr...)
	b = binary.BigEndian.AppendUint32(b, 13)
	b = append(b, chunk...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(chunk))
}

// jpegOf is a JPEG of w×h, baseline or progressive, whose components have
// the sampling factors given (0x22, 0x11, 0x11 is 4:2:0), every block
// flat: a small file for any size. header alone stops after the frame
// header (enough for DecodeConfig).
func jpegOf(w, h int, progressive, header bool, sampling ...byte) []byte {
	b := []byte{0xFF, 0xD8}
	seg := func(marker byte, payload ...byte) {
		b = append(b, 0xFF, marker)
		b = binary.BigEndian.AppendUint16(b, uint16(len(payload)+2))
		b = append(b, payload...)
	}
	if len(sampling) == 4 {
		seg(0xEE, []byte("Adobe\x00\x64\x00\x00\x00\x00\x00")...) // APP14: CMYK
	}
	seg(0xDB, append([]byte{0}, bytes.Repeat([]byte{1}, 64)...)...) // one quantisation table of ones
	sof := []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), byte(len(sampling))}
	hmax, vmax, blocks := 1, 1, 0
	for i, s := range sampling {
		sof = append(sof, byte(i+1), s, 0)
		hmax, vmax = max(hmax, int(s>>4)), max(vmax, int(s&15))
		blocks += int(s>>4) * int(s&15)
	}
	marker := byte(0xC0)
	if progressive {
		marker = 0xC2
	}
	seg(marker, sof...)
	if header {
		return append(b, 0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 63, 0)
	}
	// Huffman tables holding one code, "0", for 0: every DC difference and
	// every AC run is zero.
	seg(0xC4, append([]byte{0x00, 1}, append(make([]byte, 15), 0)...)...)
	seg(0xC4, append([]byte{0x10, 1}, append(make([]byte, 15), 0)...)...)
	sos := []byte{byte(len(sampling))}
	for i := range sampling {
		sos = append(sos, byte(i+1), 0)
	}
	se := byte(63)
	if progressive {
		se = 0 // the DC coefficients only: the first scan of a progressive JPEG
	}
	seg(0xDA, append(sos, 0, se, 0)...)
	mcus := (w + 8*hmax - 1) / (8 * hmax) * ((h + 8*vmax - 1) / (8 * vmax))
	bits := mcus * blocks
	if !progressive {
		bits *= 2 // a DC code and an end-of-block code a block
	}
	b = append(b, make([]byte, (bits+7)/8)...)
	return append(b, 0xFF, 0xD9)
}

func TestCheckBoundsDecodedBytes(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want error
	}{
		{"a 16-bit PNG of 6300×6300 (318 MB decoded)", pngHeaderOf(6300, 6300, 16, 6, 0), ErrTooDeep},
		{"a 16-bit grey PNG of 6300×6300, which a transparent colour makes NRGBA64", pngHeaderOf(6300, 6300, 16, 0, 0), ErrTooDeep},
		{"a progressive 4:4:4 JPEG of 6300×6300", jpegOf(6300, 6300, true, true, 0x11, 0x11, 0x11), ErrTooDeep},
		{"a progressive 4:2:0 JPEG of 6300×6300", jpegOf(6300, 6300, true, true, 0x22, 0x11, 0x11), ErrTooDeep},
		{"an interlaced 8-bit PNG of 6000×6000", pngHeaderOf(6000, 6000, 8, 6, 1), ErrTooDeep},
		{"a CMYK JPEG of 40 megapixels", jpegOf(8000, 5000, false, true, 0x11, 0x11, 0x11, 0x11), ErrTooDeep},
		// What phones and cameras make still passes.
		{"an 8-bit PNG of 40 megapixels", pngHeaderOf(8000, 5000, 8, 6, 0), nil},
		{"a baseline 4:4:4 JPEG of 40 megapixels", jpegOf(8000, 5000, false, true, 0x11, 0x11, 0x11), nil},
		{"a phone's 4:2:0 JPEG of 48 megapixels binned to 12", jpegOf(4032, 3024, false, true, 0x22, 0x11, 0x11), nil},
		{"a progressive 4:2:0 JPEG of 12 megapixels", jpegOf(4032, 3024, true, true, 0x22, 0x11, 0x11), nil},
		{"a 16-bit PNG of 12 megapixels", pngHeaderOf(4000, 3000, 16, 6, 0), nil},
	} {
		if _, _, err := Check(c.data); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}

// allocated is the bytes decode allocates.
func allocated(decode func()) int64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	decode()
	runtime.ReadMemStats(&after)
	return int64(after.TotalAlloc - before.TotalAlloc)
}

// The estimate holds what the decoders really allocate, within a tenth.
func TestDecodedBytesMatchesTheDecoders(t *testing.T) {
	png16 := func() []byte {
		img := image.NewNRGBA64(image.Rect(0, 0, 900, 700))
		for y := range 700 {
			for x := range 900 {
				img.SetNRGBA64(x, y, color.NRGBA64{uint16(x * 70), uint16(y * 90), 9000, 50000})
			}
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"16-bit PNG", png16()},
		{"progressive 4:4:4 JPEG", jpegOf(1200, 900, true, false, 0x11, 0x11, 0x11)},
		{"progressive 4:2:0 JPEG", jpegOf(1200, 900, true, false, 0x22, 0x11, 0x11)},
		{"baseline 4:2:0 JPEG", jpegOf(1200, 900, false, false, 0x22, 0x11, 0x11)},
		{"CMYK JPEG", jpegOf(1200, 900, false, false, 0x11, 0x11, 0x11, 0x11)},
	} {
		kind, cfg, err := Check(c.data)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var decodeErr error
		got := allocated(func() { _, decodeErr = formats[kind].decode(c.data) })
		if decodeErr != nil {
			t.Fatalf("%s: %v", c.name, decodeErr)
		}
		want := decodedBytes(kind, cfg, c.data)
		if want < got*9/10 || want > got*3/2 {
			t.Errorf("%s: estimated %d bytes, the decoder allocated %d", c.name, want, got)
		}
	}
}

// Photos are decoded Parallel at a time; the next waits for a slot, or
// for its request to end.
func TestProcessWaitsForASlot(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, testImage(30, 20, 255)); err != nil {
		t.Fatal(err)
	}
	for range Parallel {
		decoding <- struct{}{}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := Process(ctx, buf.Bytes())
	<-decoding
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("with every slot taken: %v, want the request's deadline", err)
	}
	if _, err := Process(context.Background(), buf.Bytes()); err != nil {
		t.Fatalf("with a slot free: %v", err)
	}
	for range Parallel - 1 {
		<-decoding
	}
}
