package markdown

import (
	"bytes"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	nethtml "golang.org/x/net/html"
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

// htmlText is the text a reader sees of a block of raw HTML: its text, entities decoded, white
// space folded, without the content of elements that are not text (script, style, svg…) and
// without comments. It goes into the page's text for search and summaries.
func htmlText(raw []byte) string {
	var b strings.Builder
	z := nethtml.NewTokenizer(bytes.NewReader(raw))
	skip := ""
	for {
		switch z.Next() {
		case nethtml.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case nethtml.TextToken:
			if skip == "" {
				b.Write(z.Text())
			}
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken:
			name, _ := z.TagName()
			if skip == "" && notText[string(name)] {
				skip = string(name)
			}
			if !inlineElement[string(name)] {
				b.WriteByte(' ') // a block's text is not run into the next one's
			}
		case nethtml.EndTagToken:
			name, _ := z.TagName()
			if string(name) == skip {
				skip = ""
			}
			if !inlineElement[string(name)] {
				b.WriteByte(' ')
			}
		}
	}
}

// notText are the elements whose content is not text for a reader.
var notText = map[string]bool{"script": true, "style": true, "svg": true, "math": true, "template": true, "noscript": true,
	"iframe": true, "object": true, "textarea": true, "select": true, "title": true}

// inlineElement are the elements whose text runs on with the text around them.
var inlineElement = map[string]bool{"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true, "code": true,
	"del": true, "dfn": true, "em": true, "i": true, "ins": true, "kbd": true, "mark": true, "q": true, "s": true, "samp": true,
	"small": true, "span": true, "strike": true, "strong": true, "sub": true, "sup": true, "time": true, "tt": true, "u": true,
	"var": true, "big": true}
