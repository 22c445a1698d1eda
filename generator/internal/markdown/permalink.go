package markdown

import (
	"bytes"
	"html"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Permalinks ends every heading that has an id with a link to itself, so a reader can copy the
// address of a section:
//
//	<h2 id="escalation">Escalation <a class="heading-anchor" href="#escalation" aria-label="Link to section: Escalation">#</a></h2>
//
// The link comes after the text, so a screen reader reads the heading first, and is named after
// the section, so a list of links tells the sections apart. The theme shows it on hover and focus.
var Permalinks goldmark.Extender = permalinks{}

type permalinks struct{}

func (permalinks) Extend(m goldmark.Markdown) {
	// Before goldmark's own heading renderer (priority 200), which it replaces.
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(permalinks{}, 100)))
}

func (permalinks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
}

func renderHeading(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := strconv.Itoa(n.Level)
	if entering {
		w.WriteString("<h" + level)
		if n.Attributes() != nil {
			gmhtml.RenderAttributes(w, node, gmhtml.HeadingAttributeFilter)
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id, ok := n.AttributeString("id"); ok {
		if b, ok := id.([]byte); ok && len(b) > 0 {
			anchor := html.EscapeString(string(b))
			w.WriteString(` <a class="heading-anchor" href="#` + anchor + `" aria-label="Link to section: ` + html.EscapeString(plainText(n, source)) + `">#</a>`)
		}
	}
	w.WriteString("</h" + level + ">\n")
	return ast.WalkContinue, nil
}

// plainText is the text of a node's inline children, without markup.
func plainText(n ast.Node, source []byte) string {
	var b bytes.Buffer
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(source))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			// The typographer's quotes and dashes are entities; the label is escaped once, below.
			b.WriteString(html.UnescapeString(string(t.Value)))
		case *ast.CodeSpan:
			for l := t.FirstChild(); l != nil; l = l.NextSibling() {
				if s, ok := l.(*ast.Text); ok {
					b.Write(s.Segment.Value(source))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
