package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/cmplay/cmplay/playbooks"
)

// templateTag finds the tags of other site generators' templates: Liquid and Nunjucks ({% … %},
// {%- … -%}, {{ … }}) and Hugo shortcodes ({{< … >}}, {{% … %}}). cmplay runs no templates in
// content, so a page written for Jekyll, GitBook, Eleventy or Hugo shows them as written.
var templateTag = regexp.MustCompile(`\{%-?\s*[A-Za-z_][^\n]*?-?%\}|\{\{[<%]?-?\s*[^\s{}][^\n{}]*?\}\}`)

// rendered marks a part of the body that an extension turned into something (a hint's tags): it
// is not reported as a template tag.
func (s *State) rendered(start, stop int) {
	if s != nil {
		s.done = append(s.done, [2]int{start, stop})
	}
}

// reportTemplateTags warns once per page, at the first tag outside code, how many template tags
// the page shows as text, naming the first.
func (s *State) reportTemplateTags(doc *ast.Document, src []byte) {
	if !bytes.Contains(src, []byte("{%")) && !bytes.Contains(src, []byte("{{")) {
		return
	}
	skip := slices.Clone(s.done)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			if l := n.Lines(); l.Len() > 0 {
				skip = append(skip, [2]int{l.At(0).Start, l.At(l.Len() - 1).Stop})
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			start, stop := -1, -1
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					if start < 0 {
						start = t.Segment.Start
					}
					stop = t.Segment.Stop
				}
			}
			if start >= 0 {
				skip = append(skip, [2]int{start, stop})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	slices.SortFunc(skip, func(a, b [2]int) int { return a[0] - b[0] })
	first, count := -1, 0
	var name string
	// Matches come in order, so one sweep over the ranges sorted by start tells which are
	// inside one: a range covers an offset when it starts at or before it and ends after it.
	next, covered := 0, -1
	for _, m := range templateTag.FindAllIndex(src, -1) {
		for next < len(skip) && skip[next][0] <= m[0] {
			covered = max(covered, skip[next][1])
			next++
		}
		if m[0] < covered {
			continue
		}
		if count++; first < 0 {
			first, name = m[0], string(src[m[0]:m[1]])
		}
	}
	if count == 0 {
		return
	}
	if len(name) > 60 {
		name = strings.ToValidUTF8(name[:57], "") + "…"
	}
	what := "a template tag"
	if count > 1 {
		what = fmt.Sprintf("%d template tags", count)
	}
	s.Report(first, playbooks.Warning, "template-tag",
		fmt.Sprintf("%s shown as written (first: %s): cmplay runs no templates of other site generators", what, name),
		"replace them with Markdown (GitBook hints and GitHub alerts render as callouts), or put them in `code` if they are meant as text")
}
