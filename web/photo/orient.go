package photo

import (
	"encoding/binary"
	"image"
	"iter"
)

// Phones store a portrait photo as landscape pixels with an EXIF
// "orientation" saying how to turn it. Re-encoding drops EXIF, so the turn
// is applied to the pixels first, or the photo would show on its side.

// jpegOrientation reads the EXIF orientation (1–8) of a JPEG, 1 when it has
// none or it cannot be read.
func jpegOrientation(b []byte) int {
	for marker, seg := range jpegSegments(b) {
		if marker == 0xE1 && len(seg) > 6 && string(seg[:6]) == "Exif\x00\x00" {
			return tiffOrientation(seg[6:])
		}
	}
	return 1
}

// jpegSegments yields a JPEG's marker segments before its image data (the
// start of scan), each marker with its payload. It stops at anything
// malformed; every read is bounds-checked: the file is untrusted.
func jpegSegments(b []byte) iter.Seq2[byte, []byte] {
	return func(yield func(byte, []byte) bool) {
		if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
			return
		}
		for i := 2; i+4 <= len(b); {
			if b[i] != 0xFF {
				return
			}
			marker := b[i+1]
			if marker == 0xFF { // a fill byte
				i++
				continue
			}
			if marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7) {
				i += 2
				continue
			}
			if marker == 0xDA || marker == 0xD9 { // start of scan, end of image
				return
			}
			n := int(binary.BigEndian.Uint16(b[i+2:]))
			if n < 2 || i+2+n > len(b) {
				return
			}
			if !yield(marker, b[i+4:i+2+n]) {
				return
			}
			i += 2 + n
		}
	}
}

func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 1
	}
	ifd := int(order.Uint32(t[4:]))
	if ifd < 8 || ifd+2 > len(t) {
		return 1
	}
	count := int(order.Uint16(t[ifd:]))
	for k := range count {
		e := ifd + 2 + 12*k
		if e+12 > len(t) {
			return 1
		}
		if order.Uint16(t[e:]) == 0x0112 && order.Uint16(t[e+2:]) == 3 { // orientation, SHORT
			if v := int(order.Uint16(t[e+8:])); v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}

// oriented is src turned as EXIF orientation o says (1 is as stored),
// copying pixels four bytes at a time.
func oriented(src *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return src
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 { // the four that swap width and height
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range h {
		row := src.Pix[y*src.Stride:]
		for x := range w {
			var dx, dy int
			switch o {
			case 2:
				dx, dy = w-1-x, y
			case 3:
				dx, dy = w-1-x, h-1-y
			case 4:
				dx, dy = x, h-1-y
			case 5:
				dx, dy = y, x
			case 6:
				dx, dy = h-1-y, x
			case 7:
				dx, dy = h-1-y, w-1-x
			case 8:
				dx, dy = y, w-1-x
			}
			copy(dst.Pix[dy*dst.Stride+dx*4:dy*dst.Stride+dx*4+4], row[x*4:x*4+4])
		}
	}
	return dst
}
