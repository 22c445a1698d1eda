package markdown

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/cmplay/cmplay/playbooks"
)

// hintParser renders GitBook's hint blocks (which Jekyll themes copied) as callouts:
//
//	{% hint style="warning" %}
//	Never share a reporter's name.
//	{% endhint %}
//
// The style maps to a kind as a MkDocs admonition's type does (info → note, success → tip,
// danger → caution). The lines between the tags are Markdown. A hint never closed runs to the
// end of its container, as GitBook shows it.
type hintParser struct{}

var (
	hintOpen = regexp.MustCompile(`^ {0,3}\{%-?\s*hint\s+style\s*=\s*["']?([A-Za-z]+)["']?\s*-?%\}[ \t]*\r?\n?$`)
	hintEnd  = regexp.MustCompile(`^ {0,3}\{%-?\s*endhint\s*-?%\}[ \t]*\r?\n?$`)
)

func (hintParser) Trigger() []byte { return []byte{'{'} }

func (hintParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	m := hintOpen.FindSubmatch(line)
	if m == nil || tooDeep(parent) {
		return nil, parser.NoChildren
	}
	style := strings.ToLower(string(m[1]))
	kind, ok := admonitionKinds[style]
	st := StateOf(pc)
	if !ok {
		kind = "note"
		if st != nil {
			st.Report(seg.Start, playbooks.Warning, "admonition", "unknown hint style "+style+"; shown as a note",
				"use one of info, success, warning, danger")
		}
	}
	st.rendered(seg.Start, seg.Stop)
	reader.Advance(len(line) - 1)
	return newCallout(kind, "", pc), parser.HasChildren
}

func (hintParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	if hintEnd.Match(line) {
		StateOf(pc).rendered(seg.Start, seg.Stop)
		newline := 0
		if len(line) > 0 && line[len(line)-1] == '\n' {
			newline = 1
		}
		reader.Advance(seg.Stop - seg.Start - newline + seg.Padding)
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (hintParser) Close(ast.Node, text.Reader, parser.Context) {}
func (hintParser) CanInterruptParagraph() bool                 { return true }
func (hintParser) CanAcceptIndentedLine() bool                 { return false }

// tooDeep reports whether a block opened in parent would nest deeper than MaxNesting: hints,
// admonitions and markdown="1" blocks nest without the list and quote markers flatten counts, and
// goldmark's time grows with the square of the depth.
func tooDeep(parent ast.Node) bool {
	depth := 0
	for n := parent; n != nil; n = n.Parent() {
		if depth++; depth > MaxNesting {
			return true
		}
	}
	return false
}
