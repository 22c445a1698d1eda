package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// leadingTitle finds the heading the layout already shows as the page's title, so the body does
// not show it twice: the first block that is not decoration — badges, a logo, an HTML comment —
// when it is a level-1 heading that gave the title (Page.TitleLine) or reads the same as it.
// A README's HTML title (<h1 align="center">…</h1>) that gave the title counts as well.
func leadingTitle(doc *ast.Document, src []byte, st *State) ast.Node {
	p := st.Page
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		line := 0
		if n.Lines().Len() > 0 {
			line, _ = st.Position(n.Lines().At(0).Start)
		}
		fromTitle := p.TitleLine > 0 && line == p.TitleLine
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level == 1 && (fromTitle || sameTitle(TitleText(n, src), p.Title)) {
				return n
			}
			return nil
		case *ast.HTMLBlock:
			if fromTitle && htmlTitleBlock(n, src) {
				return n
			}
		case *ast.Paragraph:
			if !decoration(n, src) {
				return nil
			}
		default:
			return nil
		}
	}
	return nil
}

// sameTitle compares a heading with a title from the front matter as a reader would: case and
// the typographer's curly quotes aside.
func sameTitle(heading, title string) bool {
	straight := strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`)
	return strings.EqualFold(straight.Replace(heading), straight.Replace(title))
}

// htmlTitleBlock reports whether an HTML block is one <h1> element and nothing else.
func htmlTitleBlock(n *ast.HTMLBlock, src []byte) bool {
	var raw bytes.Buffer
	for i := range n.Lines().Len() {
		seg := n.Lines().At(i)
		raw.Write(seg.Value(src))
	}
	s := strings.ToLower(strings.TrimSpace(raw.String()))
	return strings.HasPrefix(s, "<h1") && strings.HasSuffix(s, "</h1>") && strings.Count(s, "<h1") == 1
}

// decoration reports whether a paragraph holds nothing to read: only images, links around
// images (badges), HTML tags and white space.
func decoration(n ast.Node, src []byte) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Image, *ast.RawHTML:
		case *ast.Link:
			for l := c.FirstChild(); l != nil; l = l.NextSibling() {
				if _, ok := l.(*ast.Image); !ok && !blank(l, src) {
					return false
				}
			}
		default:
			if !blank(c, src) {
				return false
			}
		}
	}
	return true
}

func blank(n ast.Node, src []byte) bool {
	t, ok := n.(*ast.Text)
	return ok && len(bytes.TrimSpace(t.Segment.Value(src))) == 0
}

// topLevel reports whether a block is part of the page's own flow — a child of the document, or
// of a markdown="1" element that is — rather than inside a list, quote or callout: where a
// summary may come from.
func topLevel(n, doc ast.Node) bool {
	p := n.Parent()
	if _, ok := p.(*HTMLMarkdown); ok {
		p = p.Parent()
	}
	return p == doc
}
