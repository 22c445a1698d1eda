// Package markdown is the render-Markdown stage: one goldmark instance, configured once and
// shared by every worker, turns a page body into HTML. Along the way it gives headings GitHub's
// anchors (ids.go), rewrites links between Markdown files to the built URLs — in raw HTML too —
// and links to repository files to the forge (collect.go, htmllinks.go), and records headings,
// links and the plain text the later stages (navigation, checks, search) need.
//
// A handbook written for GitHub or another generator renders as it does there: raw HTML is
// sanitised, not dropped (rawhtml.go; unsafe_html writes it as is), markdown="1" blocks hold
// Markdown (htmlmarkdown.go), GitHub alerts, MkDocs admonitions and GitBook hints are callouts
// (callout.go, hint.go), GitBook's page-ref, embed, file and tabs blocks render (gitbook.go), and
// other generators' template tags are reported once per page (templatetags.go).
package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/cmplay/cmplay/playbooks"
)

// Resolver answers the questions link rewriting asks about the rest of the site.
type Resolver interface {
	// PageURL returns the URL of the page built from a content file (a cleaned, slash-separated
	// path below the content folder), or of the index page of a folder.
	PageURL(file string) (string, bool)
	// Static reports whether a static file exists in the content folder.
	Static(file string) bool
}

// Options configure the stage.
type Options struct {
	Unsafe   bool     // write raw HTML as it is (off by default: it is sanitised, see safeHTML)
	FileURLs bool     // links to folders end in index.html, for browsing from file://
	Resolver Resolver // required for link rewriting
	// RepoFile reports whether a file or folder of the repository that holds the site exists
	// (target is a path below the content folder, "../" when above it) and gives the forge's
	// address of it, "" when the site has no repo_url. Nil: links to files outside the site are
	// only checked against the site.
	RepoFile   func(target string) (url string, ok bool)
	Extensions []goldmark.Extender // extra extensions, e.g. the checklist extension
	// ReservedIDs are the element ids the theme's templates use; a heading never takes one, so
	// content cannot stand in for an element the theme's script looks up.
	ReservedIDs []string
}

// Renderer renders pages. It is safe for concurrent use.
type Renderer struct {
	md  goldmark.Markdown
	opt Options
}

// New builds the goldmark instance once.
func New(opt Options) *Renderer {
	htmlOpts := []renderer.Option{}
	if opt.Unsafe {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	exts := []goldmark.Extender{
		// GFM, with table alignment as align attributes: style attributes would break a strict CSP.
		extension.Linkify,
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
		extension.Strikethrough,
		extension.TaskList,
		extension.Footnote,
		extension.Typographer,
		highlighting.NewHighlighting(
			highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
			highlighting.WithGuessLanguage(false),
		),
	}
	exts = append(exts, Callouts, Permalinks, GitBook)
	safe := newSafeHTML(opt.Unsafe, opt.ReservedIDs)
	exts = append(exts, safe, markdownInHTML{safe: safe})
	exts = append(exts, opt.Extensions...)
	md := goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(
			parser.WithAttribute(),
			// The heading allow-list runs first, before any other transformer reads attributes.
			parser.WithASTTransformers(util.Prioritized(newHeadingAttrs(opt.ReservedIDs), 10)),
			parser.WithASTTransformers(util.Prioritized(leadTransformer{}, leadPriority)),
			parser.WithASTTransformers(util.Prioritized(&collector{opt: opt}, 50)),
		),
		goldmark.WithRendererOptions(append(htmlOpts, renderer.WithNodeRenderers(util.Prioritized(leadRenderer{}, 500)))...),
	)
	return &Renderer{md: md, opt: opt}
}

// State is what the stage knows about the page being rendered; transformers of other extensions
// reach it with StateOf.
type State struct {
	Page  *playbooks.Page
	Diags playbooks.Diagnostics
	lines *playbooks.LineIndex
	// sectionKeys are the headings' anchors as cmplay made them before it followed GitHub.
	sectionKeys map[*ast.Heading]string
	// done are the byte ranges of the body an extension rendered (see rendered).
	done [][2]int
}

func (s *State) setSectionKey(h *ast.Heading, key string) {
	if s == nil {
		return
	}
	if s.sectionKeys == nil {
		s.sectionKeys = map[*ast.Heading]string{}
	}
	s.sectionKeys[h] = key
}

// SectionKey is the name of a heading's section in checklist item ids: its {#id} when it has
// one, else the anchor cmplay gave it before anchors followed GitHub ("Week 1 / 2" is "week-1-2"
// there, "week-1--2" on the page). Ticks are stored by item id, so the ids must not change when
// the anchors did.
func (s *State) SectionKey(h *ast.Heading) string {
	if s == nil {
		return ""
	}
	return s.sectionKeys[h]
}

// Position is the line and column of a byte offset in the page body.
func (s *State) Position(offset int) (line, col int) {
	if s.lines == nil {
		s.lines = playbooks.NewLineIndex(s.Page.Body)
	}
	return s.lines.Position(offset)
}

var stateKey = parser.NewContextKey()

// StateOf returns the page state stored in a parser context, or nil outside a Render call.
func StateOf(pc parser.Context) *State {
	s, _ := pc.Get(stateKey).(*State)
	return s
}

// Report adds a diagnostic at a byte offset of the page body.
func (s *State) Report(offset int, sev playbooks.Severity, rule, msg, fix string) {
	line, col := s.Position(offset)
	s.Diags = append(s.Diags, playbooks.Diagnostic{File: s.Page.File, Line: line, Col: col, Severity: sev, Rule: rule, Msg: msg, Fix: fix})
}

// Render converts p.Body to HTML and fills p.HTML, p.Headings, p.Links and p.Text (and
// p.Summary when the front matter has none).
func (r *Renderer) Render(p *playbooks.Page) playbooks.Diagnostics {
	src, diags := flatten(p.File, p.Body)
	st := &State{Page: p, Diags: diags}
	pc := parser.NewContext(parser.WithIDs(newIDs()))
	pc.Set(stateKey, st)
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	var buf bytes.Buffer
	buf.Grow(len(src) * 2)
	if err := r.md.Renderer().Render(&buf, src, doc); err != nil {
		st.Diags = append(st.Diags, playbooks.Diagnostic{File: p.File, Severity: playbooks.Error, Rule: "render",
			Msg: fmt.Sprintf("render markdown: %v", err)})
	}
	p.HTML = buf.String()
	if p.Summary == "" {
		p.Summary = firstSentences(p.Text, 200)
	}
	return st.Diags
}

// firstSentences cuts text to at most max bytes, at a word boundary when there is one in the
// second half, and always on a character boundary (CJK text has no spaces to cut at).
func firstSentences(s string, max int) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "\n"); i >= 0 {
		s = s[:i]
	}
	if len(s) <= max {
		return s
	}
	cut := strings.LastIndexByte(s[:max], ' ')
	if cut < max/2 {
		cut = max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], ",;:、，") + "…"
}
