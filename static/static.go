// Package static holds the portal's CSS, scripts and images, embedded in the
// binary. Every file is served under a name that carries a hash of its
// content, so browsers may cache it for a year and still see each change.
package static

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"path"
	"strings"
)

//go:embed css js img
var files embed.FS

// FS is the embedded tree (css/, js/, img/).
var FS fs.FS = files

var (
	hashed   = map[string]string{} // "css/site.css" -> "css/site.1a2b3c4d.css"
	original = map[string]string{} // the reverse
	gzipped  = map[string][]byte{} // text files, compressed once at start
)

func init() {
	_ = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		ext := path.Ext(p)
		h := strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
		hashed[p] = h
		original[h] = p
		switch ext {
		case ".css", ".js", ".svg":
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			_, _ = zw.Write(b)
			_ = zw.Close()
			gzipped[p] = buf.Bytes()
		}
		return nil
	})
}

// URL returns the hashed URL of an embedded file, e.g. URL("css/site.css")
// is "/static/css/site.1a2b3c4d5e.css". An unknown name panics in tests and
// development alike, so a typo cannot ship.
func URL(name string) string {
	h, ok := hashed[name]
	if !ok {
		panic("static: no such file " + name)
	}
	return "/static/" + h
}

// Gzipped returns the gzip-compressed content of a text file, or nil.
func Gzipped(name string) []byte { return gzipped[name] }

// Lookup maps a hashed name (without the /static/ prefix) to the embedded
// file's name; ok is false for names that are not current.
func Lookup(hashedName string) (name string, ok bool) {
	name, ok = original[hashedName]
	return name, ok
}
