// Package checklist turns GitHub task-list items into live checklist items. It is one goldmark
// extension: an AST transformer that gives every item a stable id and records it on the page,
// and a renderer that writes a real, labelled checkbox the theme's script brings to life.
//
// # Items
//
// Every "- [ ]", "* [ ]", "1. [ ]" item, nested or not, is an item; "- [x]" is ticked by default.
// Lines inside code blocks and HTML comments are not list items to goldmark, so they are not
// items here either.
//
// A page marked playbooks.Page.PlainTasks (checklist: false, or outside the site's checklists
// globs) has no items: its task lists keep GFM's checkboxes, rendered disabled as GitHub does.
//
// # Ids
//
// An item's id is "<page key>/<first words of the item>", e.g.
// "onboarding/first-90-days/meet-the-product-lead-and-agree": it does not change when other
// items are added, removed or reordered. An author pins an id by ending the item with
// "{#my-id}"; the braces are removed from the text. Pinned ids must be unique across the site
// (see Duplicates). Each item also carries Hash, a hash of its normalised text, so the theme can
// tell a reader that an item they ticked has been reworded since.
//
// # Phases
//
// A heading with a due offset ({due="day 30"}, see ParseDue) makes its items, and those under
// its subheadings, due that many days after the reader's start date.
//
// # Output
//
// Each item renders as
//
//	<label class="task"><input type="checkbox" class="task-box" id="task-ID" data-id="ID"
//	  data-hash="HASH" data-section="SECTION" data-due="day 30" data-due-days="29" checked disabled>
//	  <span class="task-text">…</span></label>
//
// disabled so that without JavaScript the page reads as a list with the default ticks; the
// theme's checklist script enables the boxes and restores the reader's own ticks.
package checklist

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// KindItem is the node kind of a checklist item.
var KindItem = ast.NewNodeKind("ChecklistItem")

// Item is the inline node that replaces a task-list checkbox: it holds the item's content as
// children, so the renderer can wrap checkbox and text in one label.
type Item struct {
	ast.BaseInline
	ID      string
	Pinned  bool
	Words   string // plain text of the item (Text is taken by ast.Node)
	Hash    string
	Checked bool
	Section string // anchor of the nearest heading above
	// SectionKey names that heading in the item's id (markdown.State.SectionKey), "" without st.
	SectionKey string
	Phase      string // text of that heading
	Due        string // due offset of the phase, "" when none
	DueDays    int    // days after the start date; meaningful when Due != ""
	Line       int
}

// Kind implements ast.Node.
func (n *Item) Kind() ast.NodeKind { return KindItem }

// Dump implements ast.Node.
func (n *Item) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.ID, "Hash": n.Hash}, nil)
}

// Extension is the checklist extension; pass it in markdown.Options.Extensions.
type Extension struct{}

// New returns the extension.
func New() *Extension { return &Extension{} }

// transformerPriority runs the transformer before the markdown stage's collector (50), so the
// collector already sees item text without the "{#id}" and heading "due" attributes as written.
const transformerPriority = 40

// rendererPriority is ahead of GFM's task checkbox renderer (500), so ours wins.
const rendererPriority = 100

// Extend implements goldmark.Extender.
func (e *Extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(&transformer{}, transformerPriority)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&htmlRenderer{}, rendererPriority)))
}
