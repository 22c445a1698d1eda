package markdown

import (
	"bytes"
	"regexp"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// SafeHTML keeps the raw HTML a handbook written for GitHub relies on — blocks, <aside>,
// <details>/<summary>, tables, images, <kbd>, <sup>, <a name> anchors — and drops everything
// that could run script or dress up as the theme: <script>, <style>, <iframe>, <object>, <form>,
// <svg>, event handlers, style and class attributes, and links or images whose URL is not
// http(s), mailto, tel or relative (so javascript:, however it is encoded, goes). It is the
// default; unsafe_html = true writes raw HTML as it is, for trusted sites.
//
// Each HTML node goldmark finds (a block, or one inline tag) is sanitised on its own with
// bluemonday, which re-serialises every tag it keeps: nothing it writes can leave a quote or a
// tag open for the Markdown that follows. An id the theme uses itself is dropped, as on headings.
type safeHTML struct {
	policy   *bluemonday.Policy // nil with unsafe_html: raw HTML is written as it is
	reserved map[string]bool
}

// anchorName matches an anchor name or id: letters of any script, digits and the punctuation
// anchors use. It is compiled once per process: the 200 Unicode classes its bound expands to
// take 14 ms to compile, and every build makes a policy or more.
var anchorName = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[\p{L}\p{M}\p{N}_.:-]{1,200}$`)
})

// newPolicy is the allow-list, close to what GitHub keeps in a README.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("div", "p", "aside", "section", "article", "header", "footer", "blockquote", "pre", "code",
		"hr", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
		"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
		"details", "summary", "figure", "figcaption", "picture", "center",
		"b", "i", "em", "strong", "s", "strike", "del", "ins", "u", "mark", "small", "big", "sub", "sup",
		"kbd", "samp", "var", "tt", "q", "cite", "dfn", "abbr", "time", "span", "ruby", "rt", "rp", "wbr", "bdi", "bdo")
	p.AllowURLSchemes("http", "https", "mailto", "tel")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("src").OnElements("img")
	p.AllowAttrs("cite").OnElements("blockquote", "q", "del", "ins")
	p.AllowElements("a", "img")
	p.AllowAttrs("id").Matching(anchorName()).Globally()
	p.AllowAttrs("name").Matching(anchorName()).OnElements("a")
	p.AllowAttrs("title", "lang").Globally()
	p.AllowAttrs("dir").Matching(regexp.MustCompile(`^(?i)(ltr|rtl|auto)$`)).Globally()
	p.AllowAttrs("align").Matching(regexp.MustCompile(`^(?i)(left|right|center|justify)$`)).Globally()
	p.AllowAttrs("valign").Matching(regexp.MustCompile(`^(?i)(top|middle|bottom|baseline)$`)).OnElements("td", "th", "tr")
	p.AllowAttrs("alt").OnElements("img")
	p.AllowAttrs("width", "height").Matching(regexp.MustCompile(`^[0-9]{1,5}(%|px)?$`)).OnElements("img", "td", "th", "col", "table")
	p.AllowAttrs("colspan", "rowspan", "span").Matching(bluemonday.Integer).OnElements("td", "th", "col", "colgroup")
	p.AllowAttrs("scope").Matching(regexp.MustCompile(`^(?i)(row|col|rowgroup|colgroup)$`)).OnElements("th")
	p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")
	p.AllowAttrs("reversed").Matching(regexp.MustCompile(`^(|reversed)$`)).OnElements("ol")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^[1aAiI]$`)).OnElements("ol")
	p.AllowAttrs("value").Matching(bluemonday.Integer).OnElements("li")
	p.AllowAttrs("open").Matching(regexp.MustCompile(`^(|open)$`)).OnElements("details")
	p.AllowAttrs("datetime").Matching(bluemonday.ISO8601).OnElements("time", "del", "ins")
	// Their content is code, styles or a foreign document, never text for the reader.
	p.SkipElementsContent("script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript",
		"textarea", "select", "title", "xmp", "noembed", "noframes", "frameset", "applet")
	return p
}

func newSafeHTML(unsafe bool, reserved []string) *safeHTML {
	s := &safeHTML{reserved: map[string]bool{}}
	if !unsafe {
		s.policy = newPolicy()
	}
	for _, id := range reserved {
		s.reserved[id] = true
	}
	return s
}

// safeIDAttr finds the id attributes bluemonday writes (always double-quoted).
var safeIDAttr = regexp.MustCompile(` id="([^"]*)"`)

// Sanitize returns the safe part of a piece of raw HTML.
func (s *safeHTML) Sanitize(raw []byte) []byte {
	if s.policy == nil {
		return raw
	}
	out := s.policy.SanitizeBytes(raw)
	if bytes.Contains(out, []byte(` id="`)) {
		out = safeIDAttr.ReplaceAllFunc(out, func(m []byte) []byte {
			if id := string(safeIDAttr.FindSubmatch(m)[1]); s.reserved[id] || themeNamespace(id) {
				return nil
			}
			return m
		})
	}
	return out
}

// Extend replaces goldmark's raw HTML renderers (priority 1000) with sanitising ones (writing
// ones with unsafe_html), which also apply the link rewrites of rewriteHTMLLinks.
func (s *safeHTML) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(s, 100)))
	if s.policy != nil {
		m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(dropReport{s}, 900)))
	}
}

func (s *safeHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, s.renderBlock)
	reg.Register(ast.KindRawHTML, s.renderInline)
}

func (s *safeHTML) renderBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	out := s.sanitized(node, source)
	if len(bytes.TrimSpace(out)) > 0 {
		w.Write(out)
		if !bytes.HasSuffix(out, []byte("\n")) {
			w.WriteByte('\n')
		}
	}
	return ast.WalkContinue, nil
}

func (s *safeHTML) renderInline(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	w.Write(s.sanitized(node, source))
	return ast.WalkSkipChildren, nil
}

// sanitized is a node's safe HTML: as dropReport made it while parsing, or made now.
func (s *safeHTML) sanitized(node ast.Node, source []byte) []byte {
	if v, ok := node.Attribute(safeOutput); ok {
		return v.([]byte)
	}
	return s.Sanitize(htmlSource(node, source))
}

// sanitizedTagName returns the element name of a kept opening tag ("" when the policy drops it).
func sanitizedTagName(out []byte) string {
	s := strings.TrimPrefix(string(out), "<")
	if s == string(out) {
		return ""
	}
	end := strings.IndexAny(s, " >/")
	if end < 0 {
		return ""
	}
	return s[:end]
}

// themeNamespace reports whether an id is in the names the theme's script keeps for itself
// (window.cmplayChecklists, window.__cmplaySearch): an element with such an id would be found
// under that name on window — DOM clobbering — where the script expects its own data.
func themeNamespace(id string) bool {
	return strings.HasPrefix(strings.ToLower(id), "cmplay") || strings.HasPrefix(id, "__")
}
