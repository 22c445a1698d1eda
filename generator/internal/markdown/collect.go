package markdown

import (
	"cmp"
	"fmt"
	"html"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/cmplay/cmplay/playbooks"
)

// collector is the stage's AST transformer: it records headings, rewrites links, gathers the
// plain text and drops a leading "# Title" that repeats the page title the layout shows.
type collector struct {
	opt Options
}

func (c *collector) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := StateOf(pc)
	if st == nil {
		return
	}
	src := reader.Source()
	p := st.Page
	if h := leadingTitle(doc, src, st); h != nil {
		doc.RemoveChild(doc, h)
	}
	var txt strings.Builder
	var secs sectionSplitter
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock && txt.Len() > 0 && !strings.HasSuffix(txt.String(), "\n") {
				txt.WriteByte('\n')
			}
			if _, ok := n.(*ast.Heading); ok {
				secs.bodyFrom(txt.Len())
			}
			if _, ok := n.(*LeadSection); ok {
				// The text after the moved section is the page's opening text, not the section's.
				secs.heading(txt.String(), "", "")
				secs.bodyFrom(txt.Len())
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			h := heading(n, src, st)
			p.Headings = append(p.Headings, h)
			secs.heading(txt.String(), h.ID, h.Text)
		case *GitBookLink:
			c.gitBookLink(st, n)
			txt.WriteString(n.Label)
		case *ast.Link:
			n.Destination = []byte(c.rewrite(st, string(n.Destination), false, offsetOf(n)))
		case *ast.Image:
			n.Destination = []byte(c.rewrite(st, string(n.Destination), true, offsetOf(n)))
		case *ast.RawHTML:
			c.rewriteHTMLLinks(st, n, src)
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			c.rewriteHTMLLinks(st, n, src)
			raw, _ := htmlRaw(n, src)
			if t := htmlText(raw); t != "" {
				txt.WriteString(t)
				if p.Summary == "" && topLevel(n, doc) {
					p.Summary = firstSentences(t, 200)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			txt.Write(n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				txt.WriteByte(' ')
			}
		case *ast.String:
			// The typographer's curly quotes and dashes are HTML entities; text wants characters.
			txt.WriteString(html.UnescapeString(string(n.Value)))
		case *ast.Paragraph:
			if p.Summary == "" && topLevel(n, doc) && !decoration(n, src) {
				p.Summary = firstSentences(TitleText(n, src), 200)
			}
		}
		return ast.WalkContinue, nil
	})
	st.reportTemplateTags(doc, src)
	if len(p.Links) > MaxLinks {
		p.Links = p.Links[:MaxLinks]
	}
	p.Text = strings.TrimSpace(txt.String())
	p.Sections = secs.finish(txt.String())
}

// sectionSplitter cuts a page's plain text at its headings into Page.Sections: the text before
// the first heading (when there is any), then one section per heading, without the heading's
// own text.
type sectionSplitter struct {
	out   []playbooks.Section
	cur   playbooks.Section
	start int // offset in the text where the current section's body starts; -1 inside a heading
}

func (s *sectionSplitter) heading(txt, id, title string) {
	s.flush(txt)
	s.cur = playbooks.Section{ID: id, Title: title}
	s.start = -1
}

func (s *sectionSplitter) bodyFrom(off int) { s.start = off }

func (s *sectionSplitter) flush(txt string) {
	if s.start >= 0 && s.start <= len(txt) {
		s.cur.Text = strings.TrimSpace(txt[s.start:])
	}
	if s.cur.Text != "" || s.cur.Title != "" {
		s.out = append(s.out, s.cur)
	}
}

func (s *sectionSplitter) finish(txt string) []playbooks.Section {
	s.flush(txt)
	// The opening text comes first even when a lead section was moved above it (lead.go).
	slices.SortStableFunc(s.out, func(a, b playbooks.Section) int {
		return cmp.Compare(min(len(a.ID), 1), min(len(b.ID), 1))
	})
	return s.out
}

func heading(n *ast.Heading, src []byte, st *State) playbooks.Heading {
	h := playbooks.Heading{Level: n.Level, Text: TitleText(n, src)}
	if v, ok := n.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			h.ID = string(b)
		}
	}
	if v, ok := n.AttributeString("due"); ok {
		if b, ok := v.([]byte); ok {
			h.Due = string(b)
		}
		n.SetAttributeString("data-due", []byte(h.Due))
		removeAttribute(n, "due")
	}
	if n.Lines().Len() > 0 {
		h.Line, _ = st.Position(n.Lines().At(0).Start)
	}
	return h
}

func removeAttribute(n ast.Node, name string) {
	attrs := n.Attributes()
	n.RemoveAttributes()
	for _, a := range attrs {
		if string(a.Name) != name {
			n.SetAttribute(a.Name, a.Value)
		}
	}
}

// PlainText is the text inside a node as a reader sees it: inline markup dropped, the
// typographer's entities turned back into characters, white space folded, and nested lists left
// out (a list item's text is its own line, not its sub-items').
func PlainText(n ast.Node, src []byte) string { return readerText(n, src, true) }

// TitleText is PlainText without the alt text of images: the words of a heading or a summary,
// without its badges and logos.
func TitleText(n ast.Node, src []byte) string { return readerText(n, src, false) }

func readerText(n ast.Node, src []byte, images bool) string {
	var b strings.Builder
	b.Grow(128)
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Image:
			if !images {
				return ast.WalkSkipChildren, nil
			}
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.List:
			if c != n {
				return ast.WalkSkipChildren, nil
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

// offsetOf finds a byte offset in the source for a node: its first text, or its block's lines.
func offsetOf(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	for b := n; b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
			return b.Lines().At(0).Start
		}
	}
	return 0
}

// rewrite turns a link as written in Markdown into the link in the built page, and reports
// links that point at nothing or outside the site.
func (c *collector) rewrite(st *State, dest string, image bool, off int) string {
	p := st.Page
	if len(p.Links) >= MaxLinks {
		if len(p.Links) == MaxLinks {
			st.Report(off, playbooks.Warning, "too-many-links", fmt.Sprintf("page has more than %d links; the rest are not checked or rewritten", MaxLinks),
				"split the page")
			p.Links = append(p.Links, playbooks.Link{}) // a sentinel past the limit, removed after the walk
		}
		return dest
	}
	line, col := st.Position(off)
	p.Links = append(p.Links, playbooks.Link{Dest: dest, Image: image, Line: line, Col: col})
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "//") || HasScheme(dest) {
		return dest
	}
	if c.opt.Resolver == nil {
		return dest
	}
	target, frag, _ := LinkTarget(p.Dir(), dest)
	escapes := target == ".." || strings.HasPrefix(target, "../")
	ext := strings.ToLower(path.Ext(target))
	if !escapes && (ext == ".md" || ext == "") {
		if u, ok := translation(c.opt.Resolver, p, target); ok {
			return playbooks.RelURL(p.URL, u, c.opt.FileURLs) + frag
		}
		if u, ok := c.opt.Resolver.PageURL(target); ok {
			return playbooks.RelURL(p.URL, u, c.opt.FileURLs) + frag
		}
	}
	if !escapes && ext != ".md" && c.opt.Resolver.Static(target) {
		if u := c.repoURL(target); u != "" && sourceFile(target) {
			return u + frag // GitHub shows code and configuration better than a download does
		}
		return playbooks.RelURL(p.URL, (&url.URL{Path: "/" + target}).EscapedPath(), false) + frag
	}
	if c.opt.RepoFile != nil && !image {
		if u, ok := c.opt.RepoFile(target); ok {
			if u != "" {
				return u + frag
			}
			st.Report(off, playbooks.Warning, "repo-file", fmt.Sprintf("link %q: a file of the repository that is not part of the site", dest),
				"set repo_url in cmplay.toml to link it on GitHub or GitLab, or link to a page")
			return dest
		}
	}
	if escapes {
		st.Report(off, playbooks.Warning, "link-escapes-site", fmt.Sprintf("link %q points outside the site", dest),
			"link to a page inside the content folder, or use a full https:// URL")
		return dest
	}
	what, rule := "page", "broken-link"
	if image {
		what, rule = "image", "missing-image"
	} else if ext != ".md" && ext != "" {
		what, rule = "file", "missing-file"
	}
	st.Report(off, playbooks.Warning, rule, fmt.Sprintf("link to missing %s %q", what, dest),
		"check the path; links are relative to this file's folder")
	return dest
}

// LinkTarget resolves a link written in a page of folder dir ("" at the content root) to a path
// below the content folder ("" for the root itself; it starts with "../" when the link leaves
// the site) and the query or fragment that follows it. ok is false for links that do not point
// into the site: empty, only a fragment, "//host" or with a scheme.
func LinkTarget(dir, dest string) (target, suffix string, ok bool) {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "//") || HasScheme(dest) {
		return "", "", false
	}
	raw := dest
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		raw, suffix = dest[:i], dest[i:]
	}
	target, err := url.PathUnescape(raw)
	if err != nil {
		target = raw
	}
	if strings.HasPrefix(target, "/") {
		target = path.Clean(strings.TrimPrefix(target, "/"))
	} else {
		target = path.Join(dir, target)
	}
	if target == "." {
		target = ""
	}
	return target, suffix, true
}

// HasScheme reports whether a link destination starts with a URL scheme ("https:", "mailto:"),
// that is, points outside the site.
func HasScheme(s string) bool {
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return false
	}
	for _, r := range s[:i] {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.') {
			return false
		}
	}
	return true
}
