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
)

// markdownInHTML renders the content of an HTML block opened with markdown="1" (kramdown's and
// Python-Markdown's convention, which Jekyll sites such as opensource.guide rely on) as Markdown:
//
//	<aside markdown="1">
//	Open source is **for everyone**.
//	</aside>
//
// The opening tag must stand alone on its line and the block ends at the line holding only its
// closing tag (blocks of the same element nest). The tags are sanitised like any raw HTML unless
// unsafe_html is on; the markdown attribute is not written.
type markdownInHTML struct{ safe *safeHTML }

func (m markdownInHTML) Extend(md goldmark.Markdown) {
	md.Parser().AddOptions(parser.WithBlockParsers(
		// Before goldmark's HTML block parser (900), which would take the lines as raw HTML.
		util.Prioritized(htmlMarkdownParser{}, 890),
	))
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(htmlMarkdownRenderer(m), 500)))
}

// KindHTMLMarkdown is the node kind of an HTMLMarkdown block.
var KindHTMLMarkdown = ast.NewNodeKind("HTMLMarkdown")

// HTMLMarkdown is an HTML element whose content is Markdown.
type HTMLMarkdown struct {
	ast.BaseBlock
	Tag   string // element name, lower case
	Open  []byte // the opening tag as written, without its markdown attribute
	depth int    // open elements of the same name inside it
}

// Kind implements ast.Node.
func (n *HTMLMarkdown) Kind() ast.NodeKind { return KindHTMLMarkdown }

// Dump implements ast.Node.
func (n *HTMLMarkdown) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Tag": n.Tag}, nil)
}

var (
	markdownOpenTag = regexp.MustCompile(`^ {0,3}<([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>` + "`" + `]+))?)*)\s*>[ \t]*\r?\n?$`)
	markdownAttr    = regexp.MustCompile(`(?i)\s+markdown\s*=\s*(?:"(?:1|block|span)"|'(?:1|block|span)'|1|block|span)`)
)

type htmlMarkdownParser struct{}

func (htmlMarkdownParser) Trigger() []byte { return []byte{'<'} }

func (htmlMarkdownParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	m := markdownOpenTag.FindSubmatch(line)
	if m == nil || !markdownAttr.Match(m[2]) || tooDeep(parent) {
		return nil, parser.NoChildren
	}
	tag := strings.ToLower(string(m[1]))
	attrs := markdownAttr.ReplaceAll(m[2], nil)
	n := &HTMLMarkdown{Tag: tag, Open: []byte("<" + string(m[1]) + string(attrs) + ">")}
	reader.Advance(len(line) - 1)
	return n, parser.HasChildren
}

func (htmlMarkdownParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*HTMLMarkdown)
	line, seg := reader.PeekLine()
	trimmed := strings.ToLower(strings.TrimSpace(string(line)))
	if trimmed == "</"+n.Tag+">" {
		if n.depth == 0 {
			newline := 0
			if len(line) > 0 && line[len(line)-1] == '\n' {
				newline = 1
			}
			reader.Advance(seg.Stop - seg.Start - newline + seg.Padding)
			return parser.Close
		}
		n.depth--
	} else if strings.HasPrefix(trimmed, "<"+n.Tag) && len(trimmed) > len(n.Tag)+1 &&
		strings.ContainsRune(" \t>", rune(trimmed[len(n.Tag)+1])) && !strings.Contains(trimmed, "</"+n.Tag) {
		n.depth++
	}
	return parser.Continue | parser.HasChildren
}

func (htmlMarkdownParser) Close(ast.Node, text.Reader, parser.Context) {}
func (htmlMarkdownParser) CanInterruptParagraph() bool                 { return true }
func (htmlMarkdownParser) CanAcceptIndentedLine() bool                 { return false }

type htmlMarkdownRenderer markdownInHTML

func (r htmlMarkdownRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindHTMLMarkdown, r.render)
}

func (r htmlMarkdownRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*HTMLMarkdown)
	open := n.Open
	open = r.safe.Sanitize(open)
	if sanitizedTagName(open) == "" {
		return ast.WalkContinue, nil // the element is not allowed: its Markdown content still shows
	}
	if entering {
		w.Write(open)
		w.WriteByte('\n')
	} else {
		w.WriteString("</" + n.Tag + ">\n")
	}
	return ast.WalkContinue, nil
}
