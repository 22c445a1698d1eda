package markdown

import (
	"html"
	"path"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// GitBook renders the blocks of GitBook's Markdown that have a plain HTML equivalent, so a
// GitBook handbook reads as it does there (hints are callouts, see hintParser):
//
//	{% page-ref page="../about/history.md" %}     a link to the page, named by its title
//	{% embed url="https://example.org/talk" %}    a link to the address
//	{% file src="logo.svg" caption="Logo" %}      a link to the file, named by its caption
//	{% tabs %}                                    each tab a <details open> block titled by
//	{% tab title="Applicant" %} … {% endtab %}    the tab's title, its content Markdown
//	{% endtabs %}
//
// Each tag stands on a line of its own. Links are rewritten and checked like any other.
var GitBook goldmark.Extender = gitBook{}

type gitBook struct{}

func (gitBook) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(
		util.Prioritized(gitBookLinkParser{}, 790),
		util.Prioritized(gitBookTabParser{}, 790),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(gitBookRenderer{}, 500)))
}

var (
	gitBookLink = regexp.MustCompile(`^ {0,3}\{%-?\s*(page-ref|embed|file)\s+((?:[a-z]+\s*=\s*"[^"\n]*"\s*)+)-?%\}[ \t]*\r?\n?$`)
	gitBookArg  = regexp.MustCompile(`([a-z]+)\s*=\s*"([^"\n]*)"`)
	// markdownEscape is a backslash escape of ASCII punctuation.
	markdownEscape = regexp.MustCompile("\\\\([!-/:-@\\[-`{-~])")
	tabsOpen       = regexp.MustCompile(`^ {0,3}\{%-?\s*tabs\s*-?%\}[ \t]*\r?\n?$`)
	tabsEnd        = regexp.MustCompile(`^ {0,3}\{%-?\s*endtabs\s*-?%\}[ \t]*\r?\n?$`)
	tabOpen        = regexp.MustCompile(`^ {0,3}\{%-?\s*tab\s+title\s*=\s*"([^"\n]*)"\s*-?%\}[ \t]*\r?\n?$`)
	tabEnd         = regexp.MustCompile(`^ {0,3}\{%-?\s*endtab\s*-?%\}[ \t]*\r?\n?$`)
)

// KindGitBookLink is the node kind of a GitBookLink.
var KindGitBookLink = ast.NewNodeKind("GitBookLink")

// GitBookLink is a page-ref, embed or file tag: a paragraph holding one link. The collector
// rewrites Dest as it rewrites Markdown links, and names a page-ref by its page's title.
type GitBookLink struct {
	ast.BaseBlock
	Dest, Label string
	PageRef     bool
}

// Kind implements ast.Node.
func (n *GitBookLink) Kind() ast.NodeKind { return KindGitBookLink }

// Dump implements ast.Node.
func (n *GitBookLink) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Dest": n.Dest, "Label": n.Label}, nil)
}

// gitBookLinkParser turns page-ref, embed and file tags into GitBookLinks.
type gitBookLinkParser struct{}

func (gitBookLinkParser) Trigger() []byte { return []byte{'{'} }

func (gitBookLinkParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	m := gitBookLink.FindSubmatch(line)
	if m == nil {
		return nil, parser.NoChildren
	}
	args := map[string]string{}
	for _, a := range gitBookArg.FindAllSubmatch(m[2], -1) {
		// GitBook writes its tags' values as Markdown: "logo\_1.png" is "logo_1.png".
		args[string(a[1])] = html.UnescapeString(markdownEscape.ReplaceAllString(string(a[2]), "$1"))
	}
	var dest, label string
	switch string(m[1]) {
	case "page-ref":
		dest, label = args["page"], args["page"]
	case "embed":
		dest, label = args["url"], args["url"]
	case "file":
		dest, label = args["src"], args["caption"]
		if label == "" {
			label = path.Base(dest)
		}
	}
	if dest == "" {
		return nil, parser.NoChildren
	}
	StateOf(pc).rendered(seg.Start, seg.Stop)
	n := &GitBookLink{Dest: dest, Label: label, PageRef: string(m[1]) == "page-ref"}
	// The node's line lets diagnostics about the link point at the tag.
	n.Lines().Append(text.NewSegment(seg.Start, seg.Start))
	reader.Advance(len(line) - 1)
	return n, parser.NoChildren
}

func (gitBookLinkParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}
func (gitBookLinkParser) Close(ast.Node, text.Reader, parser.Context) {}
func (gitBookLinkParser) CanInterruptParagraph() bool                 { return true }
func (gitBookLinkParser) CanAcceptIndentedLine() bool                 { return false }

// KindGitBookTabs and KindGitBookTab are the node kinds of GitBook's tabs.
var (
	KindGitBookTabs = ast.NewNodeKind("GitBookTabs")
	KindGitBookTab  = ast.NewNodeKind("GitBookTab")
)

// GitBookTabs holds GitBook tabs; it renders only its children.
type GitBookTabs struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *GitBookTabs) Kind() ast.NodeKind { return KindGitBookTabs }

// Dump implements ast.Node.
func (n *GitBookTabs) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// GitBookTab is one tab: a titled block of Markdown.
type GitBookTab struct {
	ast.BaseBlock
	Title string
}

// Kind implements ast.Node.
func (n *GitBookTab) Kind() ast.NodeKind { return KindGitBookTab }

// Dump implements ast.Node.
func (n *GitBookTab) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Title": n.Title}, nil)
}

// gitBookTabParser opens {% tabs %} and {% tab title="…" %} blocks, each closed by its end tag.
type gitBookTabParser struct{}

func (gitBookTabParser) Trigger() []byte { return []byte{'{'} }

func (gitBookTabParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	var n ast.Node
	if tabsOpen.Match(line) {
		n = &GitBookTabs{}
	} else if m := tabOpen.FindSubmatch(line); m != nil {
		n = &GitBookTab{Title: html.UnescapeString(string(m[1]))}
	}
	if n == nil || tooDeep(parent) {
		return nil, parser.NoChildren
	}
	StateOf(pc).rendered(seg.Start, seg.Stop)
	reader.Advance(len(line) - 1)
	return n, parser.HasChildren
}

func (gitBookTabParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	end := tabEnd
	if _, ok := node.(*GitBookTabs); ok {
		end = tabsEnd
	}
	if end.Match(line) {
		StateOf(pc).rendered(seg.Start, seg.Stop)
		reader.Advance(seg.Len() - 1 + seg.Padding)
		if line[len(line)-1] != '\n' {
			reader.Advance(1)
		}
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (gitBookTabParser) Close(ast.Node, text.Reader, parser.Context) {}
func (gitBookTabParser) CanInterruptParagraph() bool                 { return true }
func (gitBookTabParser) CanAcceptIndentedLine() bool                 { return false }

type gitBookRenderer struct{}

func (gitBookRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindGitBookLink, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*GitBookLink)
		if !entering {
			return ast.WalkContinue, nil
		}
		w.WriteString("<p>")
		if gmhtml.IsDangerousURL([]byte(n.Dest)) { // as goldmark treats a Markdown link's address
			w.WriteString(html.EscapeString(n.Label))
		} else {
			w.WriteString(`<a href="` + html.EscapeString(n.Dest) + `">` + html.EscapeString(n.Label) + "</a>")
		}
		w.WriteString("</p>\n")
		return ast.WalkContinue, nil
	})
	reg.Register(KindGitBookTabs, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, nil
	})
	reg.Register(KindGitBookTab, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString("<details open>\n<summary>" + html.EscapeString(node.(*GitBookTab).Title) + "</summary>\n")
		} else {
			w.WriteString("</details>\n")
		}
		return ast.WalkContinue, nil
	})
}

// titleResolver is the Resolver that also knows page titles (site.Site does).
type titleResolver interface {
	PageTitle(file string) (string, bool)
}

// gitBookLink rewrites a GitBook link's address and names a page-ref by its page's title.
func (c *collector) gitBookLink(st *State, n *GitBookLink) {
	if tr, ok := c.opt.Resolver.(titleResolver); ok && n.PageRef {
		if target, _, inSite := LinkTarget(st.Page.Dir(), n.Dest); inSite {
			if title, ok := tr.PageTitle(target); ok && strings.TrimSpace(title) != "" {
				n.Label = strings.TrimSpace(title)
			}
		}
	}
	n.Dest = c.rewrite(st, n.Dest, false, n.Lines().At(0).Start)
}
