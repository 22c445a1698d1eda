package markdown

import (
	"fmt"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/cmplay/cmplay/playbooks"
)

// headingAttrs is the first transformer: it applies the allow-list of heading attributes and gives
// every heading its anchor.
//
// Goldmark's attribute syntax (`## Title {#id .class key=value}`) would otherwise let content put
// any attribute on a heading: a class or data-* attribute the theme's CSS and JavaScript select
// on, a style, an on* handler with unsafe_html off. A heading keeps only
//   - id, when it is text and not an id the theme's own templates use (ReservedIDs), and
//   - due, the checklist phase offset, which the collector turns into data-due.
//
// Classes are not kept either: every class name is one the theme might select on, now or in a
// later version, and headings need none to read well.
//
// Anchors are generated here rather than by goldmark's AutoHeadingID, whose parser asserts that an
// id is text and panics on `{id=5}`.
type headingAttrs struct {
	reserved map[string]bool
}

// allowedHeadingAttrs are the attributes a heading may carry as written in Markdown.
var allowedHeadingAttrs = map[string]bool{"id": true, "due": true}

func newHeadingAttrs(reserved []string) *headingAttrs {
	h := &headingAttrs{reserved: map[string]bool{}}
	for _, id := range reserved {
		h.reserved[id] = true
	}
	return h
}

func (h *headingAttrs) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := StateOf(pc)
	src := reader.Source()
	ids := pc.IDs()
	legacy := newIDs()
	for id := range h.reserved {
		ids.Put([]byte(id))
		legacy.Put([]byte(id))
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		hd, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		h.filter(hd, st)
		if v, ok := hd.AttributeString("id"); ok {
			ids.Put(v.([]byte))
			legacy.Put(v.([]byte))
			st.setSectionKey(hd, string(v.([]byte)))
			return ast.WalkSkipChildren, nil
		}
		hd.SetAttributeString("id", ids.Generate([]byte(anchorText(hd, src)), ast.KindHeading))
		var line []byte
		if l := hd.Lines(); l.Len() > 0 {
			seg := l.At(l.Len() - 1)
			line = seg.Value(src)
		}
		st.setSectionKey(hd, legacy.generate(line))
		return ast.WalkSkipChildren, nil
	})
}

// filter drops every attribute of a heading that the allow-list does not hold, and reports each.
func (h *headingAttrs) filter(hd *ast.Heading, st *State) {
	attrs := hd.Attributes()
	if len(attrs) == 0 {
		return
	}
	hd.RemoveAttributes()
	var dropped []string
	for _, a := range attrs {
		name := string(a.Name)
		v, isText := a.Value.([]byte)
		switch {
		case !allowedHeadingAttrs[strings.ToLower(name)] || name != strings.ToLower(name):
			dropped = append(dropped, name)
		case !isText:
			dropped = append(dropped, name+" (not text)")
		case name == "id" && (h.reserved[string(v)] || string(v) == "" || themeNamespace(string(v))):
			dropped = append(dropped, fmt.Sprintf("id %q (used by the theme)", v))
		default:
			hd.SetAttribute(a.Name, v)
		}
	}
	if len(dropped) == 0 || st == nil {
		return
	}
	sort.Strings(dropped)
	off := 0
	if hd.Lines().Len() > 0 {
		off = hd.Lines().At(0).Start
	}
	st.Report(off, playbooks.Warning, "heading-attribute",
		fmt.Sprintf("heading attribute %s is not allowed and was dropped", strings.Join(dropped, ", ")),
		`a heading may set only {#anchor} and {due="day 30"}`)
}
