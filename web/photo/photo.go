// Package photo checks and re-encodes the photos secretaries upload. An
// upload is recognised by its content (never by its name or the browser's
// type), its dimensions are read from the header before anything is
// decoded, and what is kept is a fresh encoding of the pixels: EXIF, GPS
// and anything else the file carried are gone.
package photo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"net/http"
	"runtime/debug"

	"golang.org/x/image/webp"

	"parkportal/store"
)

// Limits of an upload.
const (
	MaxBytes  = 10 << 20   // per photo
	MaxPixels = 40_000_000 // width × height, checked before decoding
	// MaxDecodedBytes bounds what decoding one photo takes (decodedBytes,
	// from the header): a colour baseline JPEG or an 8-bit PNG within
	// MaxPixels fits; a 16-bit PNG or a progressive JPEG, which take more a
	// pixel, fits with fewer pixels (about 20 million).
	MaxDecodedBytes = MaxPixels * 4
	MaxSide         = 2000 // the kept image's longer side, at most
	ThumbSide       = 400  // the thumbnail's longer side, at most
	// Parallel is how many photos the server decodes at once.
	Parallel = 2
)

// Refusals, in words a secretary understands.
var (
	ErrTooLarge   = fmt.Errorf("照片超过 %d MB，请压缩后再上传", MaxBytes>>20)
	ErrNotImage   = errors.New("不是可识别的照片：只接受 JPEG、PNG 或 WebP 格式的图片")
	ErrTooManyPix = fmt.Errorf("照片像素过多（超过 %d 万像素），请缩小后再上传", MaxPixels/10_000)
	ErrTooDeep    = errors.New("照片尺寸和色彩深度过大，无法处理；请缩小尺寸或另存为普通 JPEG 后再上传")
	ErrBroken     = errors.New("照片文件已损坏，无法读取")
)

type format struct {
	config func([]byte) (image.Config, error)
	decode func([]byte) (image.Image, error)
}

var formats = map[string]format{
	"image/jpeg": {
		config: func(b []byte) (image.Config, error) { return jpeg.DecodeConfig(bytes.NewReader(b)) },
		decode: func(b []byte) (image.Image, error) { return jpeg.Decode(bytes.NewReader(b)) },
	},
	"image/png": {
		config: func(b []byte) (image.Config, error) { return png.DecodeConfig(bytes.NewReader(b)) },
		decode: func(b []byte) (image.Image, error) { return png.Decode(bytes.NewReader(b)) },
	},
	"image/webp": {
		config: func(b []byte) (image.Config, error) { return webp.DecodeConfig(bytes.NewReader(b)) },
		decode: func(b []byte) (image.Image, error) { return webp.Decode(bytes.NewReader(b)) },
	},
}

// Check recognises data as a JPEG, PNG or WebP image within the limits and
// returns its type and dimensions without decoding it.
func Check(data []byte) (string, image.Config, error) {
	if len(data) > MaxBytes {
		return "", image.Config{}, ErrTooLarge
	}
	kind := http.DetectContentType(data)
	f, ok := formats[kind]
	if !ok {
		return "", image.Config{}, ErrNotImage
	}
	cfg, err := f.config(data)
	if err != nil {
		return "", image.Config{}, ErrBroken
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return "", image.Config{}, ErrBroken
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return "", image.Config{}, ErrTooManyPix
	}
	if decodedBytes(kind, cfg, data) > MaxDecodedBytes {
		return "", image.Config{}, ErrTooDeep
	}
	return kind, cfg, nil
}

// decoding holds a slot per photo being decoded: a decode takes up to
// MaxDecodedBytes, and uploads arriving together wait here rather than
// add up.
var decoding = make(chan struct{}, Parallel)

// freeAfter is the decode past which its memory is given back before the
// slot is: left to the collector, the next decode would often be
// allocated beside the last one's garbage, and the memory kept.
const freeAfter = 64 << 20

// Process checks data, decodes it and re-encodes it scaled to MaxSide with
// a thumbnail: JPEG, or PNG when the image has transparency. It waits for
// one of Parallel decoding slots, or returns ctx's error.
func Process(ctx context.Context, data []byte) (store.Photo, error) {
	kind, cfg, err := Check(data)
	if err != nil {
		return store.Photo{}, err
	}
	select {
	case decoding <- struct{}{}:
	case <-ctx.Done():
		return store.Photo{}, ctx.Err()
	}
	defer func() {
		if decodedBytes(kind, cfg, data) > freeAfter {
			debug.FreeOSMemory()
		}
		<-decoding
	}()
	return reencode(kind, data)
}

func reencode(kind string, data []byte) (store.Photo, error) {
	img, err := formats[kind].decode(data)
	if err != nil {
		return store.Photo{}, ErrBroken
	}
	p := store.Photo{ContentType: "image/jpeg"}
	if !opaque(img) {
		p.ContentType = "image/png"
	}
	full := scaled(img, MaxSide)
	if kind == "image/jpeg" {
		// Turned after scaling: at most 2,000 px, whatever the camera's size.
		full = oriented(full, jpegOrientation(data))
	}
	b := full.Bounds()
	p.Width, p.Height = b.Dx(), b.Dy()
	if p.Image, err = encode(full, p.ContentType); err != nil {
		return store.Photo{}, err
	}
	if p.Thumb, err = encode(scaled(full, ThumbSide), p.ContentType); err != nil {
		return store.Photo{}, err
	}
	return p, nil
}

func opaque(img image.Image) bool {
	if o, ok := img.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	return false
}

func encode(img *image.RGBA, kind string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	if kind == "image/png" {
		err = (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85})
	}
	if err != nil {
		return nil, fmt.Errorf("photo: unable to encode: %w", err)
	}
	return buf.Bytes(), nil
}
