package web

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"html"
	"net/http"
	"strconv"
	"sync"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// The layout around a cached staff page. Besides the page's title and
// path, which the cache entry fixes, only four values in it change from
// request to request: the script's CSP nonce, the viewer's name, the
// sign-out form's CSRF token and the viewer's unread notifications (the
// viewer's role changes the header too, so layouts are kept per role).
// The layout is rendered once per role, title and path with markers for
// those four, cut at the markers and compressed; a request then adds the
// four values as stored (uncompressed) DEFLATE blocks, which cost nothing
// to make. Rendering and compressing the layout on every request was most
// of a cached staff page's cost.

// The markers in a layout rendered for cutting: a NUL never appears in
// escaped HTML.
const (
	nonceMarker   = "\x00portal-nonce\x00"
	viewerMarker  = "\x00portal-viewer\x00"
	csrfMarker    = "\x00portal-csrf\x00"
	unreadMarker  = "\x00portal-unread\x00"
	layoutMarkers = 5 // the four above and the content
)

// layoutPart is one piece of the cut layout: fixed HTML (raw and
// compressed), or the place of one marker.
type layoutPart struct {
	raw, deflated []byte
	marker        string // "" for fixed HTML
}

// staffLayout is the cut layout of one cache entry for one role.
type staffLayout struct {
	parts []layoutPart
}

// staffLayouts keeps the cut layouts by role, title and path: all that
// the layout shows of a page besides the four values. A layout does not
// depend on the records, so a page rendered again after a change cuts no
// new one. Bounded: a full map is emptied and refilled as pages come.
type staffLayouts struct {
	mu     sync.Mutex
	byPage map[string]*staffLayout
}

// forget drops every layout: the parks they name changed (public_site.go).
func (ls *staffLayouts) forget() {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	clear(ls.byPage)
}

// maxStaffLayouts bounds the layouts kept (a few tens of KB each).
const maxStaffLayouts = 256

// layoutFor cuts the layout of page p (whose viewer is u) around the
// markers, once per role, title, path and site (a district's park names
// itself in the header, and its public links carry the site's prefix,
// which ctx holds).
func (ls *staffLayouts) layoutFor(ctx context.Context, p views.Page, u *store.User) (*staffLayout, error) {
	var parks []views.Option
	var park string
	if p.Viewer != nil { // an admin's choice of park (park_scope.go)
		parks, park = p.Viewer.Parks, p.Viewer.Park
	}
	prefix := views.SitePrefix(ctx)
	key := string(u.Role) + "\x00" + p.Title + "\x00" + p.Canonical + "\x00" + p.Path + "\x00" + park + "\x00" + strconv.Itoa(len(parks)) +
		"\x00" + prefix + "\x00" + p.Site.ParkName + "\x00" + p.Site.ParkBrand + "\x00" + strconv.Itoa(len(p.Site.Nav))
	ls.mu.Lock()
	l, ok := ls.byPage[key]
	ls.mu.Unlock()
	if ok {
		return l, nil
	}
	p.CSRF = csrfMarker
	p.Viewer = &views.Viewer{Name: viewerMarker, Role: string(u.Role), HomeURL: homeURL(u.Role), Unread: unreadMarker, Parks: parks, Park: park}
	var page bytes.Buffer
	if err := views.Layout(p, rawHTML([]byte(contentMarker))).Render(views.WithSitePrefix(templ.WithNonce(context.Background(), nonceMarker), prefix), &page); err != nil {
		return nil, err
	}
	l = &staffLayout{}
	rest := page.Bytes()
	found := 0
	for len(rest) > 0 {
		at, marker := len(rest), ""
		for _, m := range []string{nonceMarker, viewerMarker, csrfMarker, unreadMarker, contentMarker} {
			if i := bytes.Index(rest, []byte(m)); i >= 0 && i < at {
				at, marker = i, m
			}
		}
		if at > 0 {
			raw := bytes.Clone(rest[:at])
			l.parts = append(l.parts, layoutPart{raw: raw, deflated: deflateSegment(raw)})
		}
		if marker == "" {
			break
		}
		l.parts = append(l.parts, layoutPart{marker: marker})
		found++
		rest = rest[at+len(marker):]
	}
	want := layoutMarkers + min(1, len(parks)) // an admin's park choice is a form of its own
	if u.Role == store.RoleDistrict {
		want-- // no notices, so no unread count
	}
	if found != want {
		return nil, echo.NewHTTPError(http.StatusInternalServerError, "the staff layout lost a marker")
	}
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if ls.byPage == nil || len(ls.byPage) >= maxStaffLayouts {
		ls.byPage = map[string]*staffLayout{}
	}
	ls.byPage[key] = l
	return l, nil
}

// gzip is one gzip member of the layout with the request's values and the
// entry's content in place of the markers.
func (l *staffLayout) gzip(e *cachedEntry, nonce, viewer, csrf, unread string) []byte {
	viewer, csrf = html.EscapeString(viewer), html.EscapeString(csrf)
	var buf bytes.Buffer
	buf.Grow(len(gzipHeader) + len(e.body) + 4096)
	buf.Write(gzipHeader)
	crc := crc32.NewIEEE()
	size := 0
	for _, part := range l.parts {
		switch part.marker {
		case "":
			buf.Write(part.deflated)
			crc.Write(part.raw)
			size += len(part.raw)
		case contentMarker:
			for _, c := range e.content {
				v := c.raw
				if c.marker == "" {
					buf.Write(c.deflated)
				} else {
					v = []byte(csrf)
					writeStored(&buf, v)
				}
				crc.Write(v)
				size += len(v)
			}
		default:
			v := nonce
			switch part.marker {
			case viewerMarker:
				v = viewer
			case csrfMarker:
				v = csrf
			case unreadMarker:
				v = unread // digits only
			}
			writeStored(&buf, []byte(v))
			crc.Write([]byte(v))
			size += len(v)
		}
	}
	buf.Write([]byte{1, 0, 0, 0xff, 0xff}) // an empty final stored block ends the stream
	var trailer [8]byte
	binary.LittleEndian.PutUint32(trailer[:4], crc.Sum32())
	binary.LittleEndian.PutUint32(trailer[4:], uint32(size))
	buf.Write(trailer[:])
	return buf.Bytes()
}

// writeStored writes b as non-final stored DEFLATE blocks; the stream is
// byte-aligned before and after them.
func writeStored(buf *bytes.Buffer, b []byte) {
	for len(b) > 0 {
		n := min(len(b), 0xffff)
		var h [5]byte
		binary.LittleEndian.PutUint16(h[1:3], uint16(n))
		binary.LittleEndian.PutUint16(h[3:5], ^uint16(n))
		buf.Write(h[:])
		buf.Write(b[:n])
		b = b[n:]
	}
}
