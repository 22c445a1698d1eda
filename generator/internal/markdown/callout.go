package markdown

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/cmplay/cmplay/playbooks"
)

// Callouts turns three spellings of a highlighted note into one accessible block:
//
// GitHub alerts, a blockquote whose first line is the marker alone:
//
//	> [!WARNING]
//	> Never share a reporter's name outside the moderation team.
//
// and MkDocs admonitions, a marker line followed by content indented four spaces:
//
//	!!! tip "Before the first call"
//	    Read the member's last three posts.
//
// and GitBook hints (see hintParser). All render as
//
//	<div class="callout callout-warning" role="note" aria-labelledby="…">
//	<p class="callout-title" id="…"><svg aria-hidden="true" …>…</svg>Warning</p>
//	…content…
//	</div>
//
// There are five kinds, GitHub's: note, tip, important, warning and caution. MkDocs types map to
// the nearest (info → note, danger → caution, …); an unknown type renders as a note with a
// warning at its line. An admonition's quoted title replaces the kind's name; "" keeps it.
// The files still read well on GitHub, which renders the alerts itself and shows an admonition
// as a plain paragraph.
var Callouts goldmark.Extender = callouts{}

type callouts struct{}

func (callouts) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(
		// Before goldmark's blockquote parser (800), which would otherwise take the alert.
		util.Prioritized(alertParser{}, 790),
		util.Prioritized(admonitionParser{}, 790),
		util.Prioritized(hintParser{}, 790),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(calloutRenderer{}, 500)))
}

// CalloutKinds are the kinds of callout, in GitHub's order.
var CalloutKinds = []string{"note", "tip", "important", "warning", "caution"}

// admonitionKinds maps MkDocs (Material) admonition types to the five kinds.
var admonitionKinds = map[string]string{
	"note": "note", "abstract": "note", "summary": "note", "tldr": "note", "info": "note", "todo": "note",
	"question": "note", "help": "note", "faq": "note", "example": "note", "quote": "note", "cite": "note",
	"tip": "tip", "hint": "tip", "success": "tip", "check": "tip", "done": "tip",
	"important": "important",
	"warning":   "warning", "attention": "warning",
	"caution": "caution", "danger": "caution", "error": "caution", "failure": "caution", "fail": "caution",
	"missing": "caution", "bug": "caution",
}

// KindCallout is the node kind of a Callout.
var KindCallout = ast.NewNodeKind("Callout")

// A Callout is a highlighted block of one of CalloutKinds, with an optional title of its own.
type Callout struct {
	ast.BaseBlock
	Variant string // one of CalloutKinds
	Title   string // empty: the kind's name
	ID      string // id of the title, which names the block for assistive technology
}

// Kind implements ast.Node.
func (n *Callout) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (n *Callout) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Variant": n.Variant, "Title": n.Title}, nil)
}

func newCallout(kind, title string, pc parser.Context) *Callout {
	return &Callout{Variant: kind, Title: title, ID: string(pc.IDs().Generate([]byte("callout-"+kind), KindCallout))}
}

var alertMarker = regexp.MustCompile(`^ {0,3}>[ \t]?\[!(?i:(note|tip|important|warning|caution))\][ \t]*\r?\n?$`)

// alertParser opens a callout on a GitHub alert's marker line and then reads the blockquote's
// lines as goldmark's blockquote parser does.
type alertParser struct{}

func (alertParser) Trigger() []byte { return []byte{'>'} }

func (alertParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	m := alertMarker.FindSubmatch(line)
	if m == nil {
		return nil, parser.NoChildren
	}
	reader.Advance(len(line) - 1) // the marker line holds nothing else; keep its newline
	return newCallout(strings.ToLower(string(m[1])), "", pc), parser.HasChildren
}

func (alertParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	if quoted(reader) {
		return parser.Continue | parser.HasChildren
	}
	return parser.Close
}

func (alertParser) Close(ast.Node, text.Reader, parser.Context) {}
func (alertParser) CanInterruptParagraph() bool                 { return true }
func (alertParser) CanAcceptIndentedLine() bool                 { return false }

// quoted consumes a blockquote line's "> " and reports whether the line had it.
func quoted(reader text.Reader) bool {
	line, _ := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w > 3 || pos >= len(line) || line[pos] != '>' {
		return false
	}
	pos++
	if pos >= len(line) || line[pos] == '\n' {
		reader.Advance(pos)
		return true
	}
	reader.Advance(pos)
	if line[pos] == ' ' || line[pos] == '\t' {
		padding := 0
		if line[pos] == '\t' {
			padding = util.TabWidth(reader.LineOffset()) - 1
		}
		reader.AdvanceAndSetPadding(1, padding)
	}
	return true
}

var admonitionMarker = regexp.MustCompile(`^ {0,3}!!![ \t]+([A-Za-z][\w-]*)((?:[ \t]+[\w-]+)*)(?:[ \t]+"([^"\n]*)")?[ \t]*\r?\n?$`)

// admonitionParser opens a callout on a MkDocs `!!! type "Title"` line; the lines indented
// four spaces (and blank lines between them) below it are its content.
type admonitionParser struct{}

func (admonitionParser) Trigger() []byte { return []byte{'!'} }

func (admonitionParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	m := admonitionMarker.FindSubmatch(line)
	if m == nil || tooDeep(parent) {
		return nil, parser.NoChildren
	}
	typ := strings.ToLower(string(m[1]))
	kind, ok := admonitionKinds[typ]
	if !ok {
		kind = "note"
		if st := StateOf(pc); st != nil {
			names := make([]string, 0, len(admonitionKinds))
			for k := range admonitionKinds {
				names = append(names, k)
			}
			st.Report(seg.Start, playbooks.Warning, "admonition", "unknown admonition type "+typ+playbooks.Suggest(typ, names)+"; shown as a note",
				"use one of note, tip, important, warning, caution")
		}
	}
	reader.Advance(len(line) - 1)
	return newCallout(kind, string(m[3]), pc), parser.HasChildren
}

func (admonitionParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		reader.Advance(len(line) - 1)
		return parser.Continue | parser.HasChildren
	}
	if w, _ := util.IndentWidth(line, reader.LineOffset()); w < 4 {
		return parser.Close
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), 4)
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

func (admonitionParser) Close(ast.Node, text.Reader, parser.Context) {}
func (admonitionParser) CanInterruptParagraph() bool                 { return true }
func (admonitionParser) CanAcceptIndentedLine() bool                 { return false }
