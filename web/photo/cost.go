package photo

import (
	"image"
	"image/color"
)

// What decoding a photo takes, known from its header before decoding:
// DecodeConfig gives the size and colour model, and the decoders then hold
// at their peak
//   - PNG: the image at its model's bytes a pixel: 8 for 16-bit, 1 for a
//     palette, else 4 (a grey image with a transparent colour decodes as
//     NRGBA); an interlaced one also its largest pass, half as much again;
//   - JPEG: a byte a sample (the frame header says how chroma is
//     subsampled) over whole blocks; a progressive one also keeps every
//     block's coefficients to the end, 4 bytes a sample; a CMYK or RGB one
//     is converted into a fresh 4-byte image;
//   - WebP: lossy, 4:2:0 YCbCr at 1.5 bytes a pixel, and a compressed alpha
//     plane is decoded as a lossless image first; lossless, 4 bytes a pixel
//     and the colour-indexing transform's copy.

// decodedBytes is about the most memory decoding data takes; kind and cfg
// are what Check found.
func decodedBytes(kind string, cfg image.Config, data []byte) int64 {
	w, h := int64(cfg.Width), int64(cfg.Height)
	switch kind {
	case "image/png":
		n := w * h * pngPixelBytes(cfg.ColorModel)
		if len(data) > 28 && data[28] == 1 { // IHDR's interlace method: Adam7
			n += n / 2
		}
		return n
	case "image/jpeg":
		return jpegBytes(cfg, data)
	case "image/webp":
		px := roundUp(w, 16) * roundUp(h, 16)
		switch cfg.ColorModel {
		case color.YCbCrModel:
			return px * 3 / 2
		case color.NYCbCrAModel:
			return px*3/2 + px + 8*px
		}
		return 8 * px
	}
	return 8 * w * h
}

func pngPixelBytes(m color.Model) int64 {
	switch m {
	case color.RGBA64Model, color.NRGBA64Model, color.Gray16Model:
		return 8
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 4
}

// jpegBytes reads the frame header (SOFn) for the components' sampling and
// whether the JPEG is progressive; without one it assumes the worst.
func jpegBytes(cfg image.Config, data []byte) int64 {
	w, h := int64(cfg.Width), int64(cfg.Height)
	converted := int64(0) // bytes a pixel of a converted copy
	if cfg.ColorModel == color.CMYKModel || cfg.ColorModel == color.RGBAModel {
		converted = 4
	}
	for marker, seg := range jpegSegments(data) {
		if marker < 0xC0 || marker > 0xCF || marker == 0xC4 || marker == 0xC8 || marker == 0xCC {
			continue // not a frame header (DHT, JPG, DAC share the range)
		}
		// Precision, height, width, the number of components, then three
		// bytes a component: id, sampling (h<<4 | v), quantisation table.
		if len(seg) < 6 || len(seg) < 6+3*int(seg[5]) || seg[5] == 0 {
			break
		}
		var sum, hmax, vmax int64 = 0, 1, 1
		for k := range int(seg[5]) {
			hv := seg[6+3*k+1]
			hs, vs := int64(hv>>4), int64(hv&15)
			sum += hs * vs
			hmax, vmax = max(hmax, hs), max(vmax, vs)
		}
		pw, ph := roundUp(w, 8*hmax), roundUp(h, 8*vmax)
		samples := pw * ph * sum / (hmax * vmax)
		n := samples + converted*pw*ph
		if marker == 0xC2 {
			n += 4 * samples
		}
		return n
	}
	px := roundUp(w, 32) * roundUp(h, 32)
	return 4*px*5 + converted*px // four full components, progressive
}

func roundUp(n, m int64) int64 { return (n + m - 1) / m * m }
