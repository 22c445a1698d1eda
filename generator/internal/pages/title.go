package pages

import (
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// inline parses a heading's text as Markdown, without extensions: a title wants its words, not
// its typography.
var inline = goldmark.New()

// headingTitle is the plain text of a heading's Markdown as a reader sees it: emphasis, code
// and link markup dropped (their text kept), images and badges dropped, HTML tags dropped,
// entities decoded, white space folded.
func headingTitle(md string) string {
	src := []byte(md)
	doc := inline.Parser().Parse(text.NewReader(src))
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Image, *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			b.Write(n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.AutoLink:
			b.Write(n.Label(src))
		case *ast.Paragraph, *ast.Heading:
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

// htmlHeading matches a README's title written as HTML: <h1 align="center">Project</h1>.
var htmlHeading = regexp.MustCompile(`(?i)^<h1(?:\s[^>]*)?>(.*)</h1>$`)

// tags matches the HTML tags inside such a heading, to be dropped.
var tags = regexp.MustCompile(`<[^>]*>`)

// htmlTitle is the plain text of a line that is an HTML level-1 heading, "" for other lines.
func htmlTitle(line string) string {
	m := htmlHeading.FindStringSubmatch(line)
	if m == nil {
		return ""
	}
	return strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(m[1], " "))), " ")
}
