// Package markdown renders the stories secretaries write (a brand's story)
// as HTML that is safe to put on the public site: goldmark without raw
// HTML, then bluemonday's policy for user content, so that even a goldmark
// bug cannot carry a script or an event handler through. Images show
// only the portal's own photos: a picture from another host would tell
// that host who reads the story (the CSP blocks it in browsers, but the
// HTML should not ask for it).
package markdown

import (
	"bytes"
	"regexp"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

var (
	md = goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(ownPhotosOnly{}, 100))),
		// No html.WithUnsafe: raw HTML in the source is left out.
		goldmark.WithRendererOptions(html.WithHardWraps()),
	)
	policy = sync.OnceValue(func() *bluemonday.Policy {
		p := bluemonday.UGCPolicy()
		p.RequireNoFollowOnLinks(true)
		p.AddTargetBlankToFullyQualifiedLinks(false)
		return p
	})
)

// HTML is src rendered and sanitised. Source that goldmark cannot render
// is shown as escaped text.
func HTML(src string) string {
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		return policy().Sanitize("<p>" + bluemonday.StrictPolicy().Sanitize(src) + "</p>")
	}
	return policy().SanitizeReader(&buf).String()
}

// ownPhoto is the address of a photo the portal serves (/photos/{id} and
// its thumbnail, web/routes.go), relative to the site.
var ownPhoto = regexp.MustCompile(`^/photos/[1-9][0-9]{0,18}(/thumb)?$`)

// ownPhotosOnly replaces every image that is not one of the portal's own
// photos by its alt text, so that the story still reads as written.
type ownPhotosOnly struct{}

func (ownPhotosOnly) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var others []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering && !ownPhoto.Match(img.Destination) {
			others = append(others, img)
		}
		return ast.WalkContinue, nil
	})
	for _, img := range others {
		parent := img.Parent()
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, img, c)
			c = next
		}
		parent.RemoveChild(parent, img)
	}
}
