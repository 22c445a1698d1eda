package markdown

import (
	"html"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindLead is the kind of a LeadSection node.
var KindLead = ast.NewNodeKind("LeadSection")

// LeadSection is the section of the body a page leads with: a role page's Responsibilities, a
// program's Goals, a guideline's Rules (playbooks.Kind.LeadHeadings), moved above the rest of
// the body when the front matter does not list them. The file keeps its order, so it reads the
// same on GitHub; only the built page leads with the section.
type LeadSection struct {
	ast.BaseBlock
	ID string // the anchor of the section's heading, which names the section
}

// Kind implements ast.Node.
func (*LeadSection) Kind() ast.NodeKind { return KindLead }

// Dump implements ast.Node.
func (n *LeadSection) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// leadTransformer moves the lead section. It runs after heading ids are given (10) and before
// the checklist transformer (40) and the collector (50), so items, headings and the table of
// contents follow the order of the built page.
type leadTransformer struct{}

const leadPriority = 20

func (leadTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := StateOf(pc)
	if st == nil {
		return
	}
	p := st.Page
	names := p.Kind.LeadHeadings()
	if len(names) == 0 || len(p.Responsibilities)+len(p.Goals)+len(p.Rules) > 0 {
		return
	}
	src := reader.Source()
	var start *ast.Heading
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && slices.Contains(names, strings.ToLower(strings.TrimSpace(PlainText(h, src)))) {
			start = h
			break
		}
	}
	if start == nil {
		return
	}
	lead := &LeadSection{}
	if id, ok := start.AttributeString("id"); ok {
		if b, ok := id.([]byte); ok {
			lead.ID = string(b)
		}
	}
	// The section runs to the next heading of its level or above, at the top of the document.
	n := ast.Node(start)
	for n != nil {
		next := n.NextSibling()
		doc.RemoveChild(doc, n)
		lead.AppendChild(lead, n)
		if h, ok := next.(*ast.Heading); ok && h.Level <= start.Level {
			break
		}
		n = next
	}
	if first := doc.FirstChild(); first != nil {
		doc.InsertBefore(doc, first, lead)
	} else {
		doc.AppendChild(doc, lead)
	}
}

type leadRenderer struct{}

func (leadRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindLead, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			w.WriteString("</section>\n")
			return ast.WalkContinue, nil
		}
		w.WriteString(`<section class="kind-lead"`)
		if id := node.(*LeadSection).ID; id != "" {
			w.WriteString(` aria-labelledby="` + html.EscapeString(id) + `"`)
		}
		w.WriteString(">\n")
		return ast.WalkContinue, nil
	})
}
