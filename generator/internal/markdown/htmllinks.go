package markdown

import (
	"bytes"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// htmlURLAttr finds the link and image addresses in raw HTML: href on any element (only <a>
// keeps one when sanitised) and src, quoted either way or not at all.
var htmlURLAttr = regexp.MustCompile(`(?i)(<(?:[a-z][a-z0-9-]*)\s(?:[^>"']|"[^"]*"|'[^']*')*?\b(href|src)\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+)`)

// htmlURLs is the attribute of an HTML node holding its rewritten addresses: pairs of the
// attribute as written and as it is to be written.
var htmlURLs = []byte("cmplay-urls")

// rewriteHTMLLinks treats the addresses in an HTML node as Markdown links: relative ones are
// rewritten to the built URLs (a page's URL is one folder deeper than its file) and checked, so
// <img src="img/logo.png"> works on the site as on GitHub. The renderer applies the rewrites.
func (c *collector) rewriteHTMLLinks(st *State, n ast.Node, source []byte) {
	raw, offsets := htmlRaw(n, source)
	var pairs []string
	for _, m := range htmlURLAttr.FindAllSubmatchIndex(raw, -1) {
		quoted := string(raw[m[6]:m[7]])
		value := strings.Trim(quoted, `"'`)
		dest := html.UnescapeString(value)
		if dest == "" || strings.Contains(dest, "{") { // a template's address is reported as a template tag
			continue
		}
		image := strings.EqualFold(string(raw[m[4]:m[5]]), "src")
		got := c.rewrite(st, dest, image, offsets(m[6]))
		if got != dest {
			pairs = append(pairs, string(raw[m[0]:m[1]]), string(raw[m[0]:m[6]])+`"`+html.EscapeString(got)+`"`)
		}
	}
	if len(pairs) > 0 {
		n.SetAttribute(htmlURLs, pairs)
	}
}

// htmlRaw is the raw HTML of a block or inline HTML node, and a function from an offset in it
// to the offset in the source (the node's segments are not contiguous inside a list or quote).
func htmlRaw(n ast.Node, source []byte) ([]byte, func(int) int) {
	var segs []text.Segment
	switch n := n.(type) {
	case *ast.HTMLBlock:
		for i := range n.Lines().Len() {
			segs = append(segs, n.Lines().At(i))
		}
		if n.HasClosure() {
			segs = append(segs, n.ClosureLine)
		}
	case *ast.RawHTML:
		for i := range n.Segments.Len() {
			segs = append(segs, n.Segments.At(i))
		}
	}
	var raw bytes.Buffer
	for _, seg := range segs {
		raw.Write(seg.Value(source))
	}
	return raw.Bytes(), func(off int) int {
		for _, seg := range segs {
			if off < seg.Len() {
				return seg.Start + off
			}
			off -= seg.Len()
		}
		return 0
	}
}

// htmlSource is the raw HTML of a node, with the rewrites rewriteHTMLLinks recorded applied.
func htmlSource(n ast.Node, source []byte) []byte {
	raw, _ := htmlRaw(n, source)
	v, ok := n.Attribute(htmlURLs)
	if !ok {
		return raw
	}
	return []byte(strings.NewReplacer(v.([]string)...).Replace(string(raw)))
}
