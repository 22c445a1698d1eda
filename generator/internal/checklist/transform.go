package checklist

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/cmplay/cmplay/generator/internal/markdown"
	"github.com/cmplay/cmplay/playbooks"
)

// transformer replaces each task checkbox with an Item holding the item's content, assigns ids
// and records the items on the page being rendered.
type transformer struct{}

// phase is a heading that is open while walking the document: its items inherit its due offset.
type phase struct {
	level int
	due   string
	days  int
}

func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	st := markdown.StateOf(pc)
	if st != nil && st.Page.PlainTasks {
		return // GFM's checkboxes stay, rendered disabled as GitHub shows them
	}
	var (
		boxes   []*east.TaskCheckBox
		items   []*Item
		open    []phase
		section string
		key     string
		title   string
	)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			for len(open) > 0 && open[len(open)-1].level >= n.Level {
				open = open[:len(open)-1]
			}
			section, title = attr(n, "id"), markdown.PlainText(n, src)
			key = section
			if st != nil {
				key = st.SectionKey(n)
			}
			if due := attr(n, "due"); due != "" {
				days, err := ParseDue(due)
				if err != nil && st != nil {
					st.Report(blockStart(n), playbooks.Error, "checklist-due", err.Error(),
						`write the offset as "day N", "week N", "month N", or "before day 1" / "day -N" for work before the start`)
				}
				if err == nil {
					open = append(open, phase{level: n.Level, due: due, days: days})
				}
			}
		case *east.TaskCheckBox:
			boxes = append(boxes, n)
			it := &Item{Checked: n.IsChecked, Section: section, SectionKey: key, Phase: title}
			if len(open) > 0 {
				p := open[len(open)-1]
				it.Due, it.DueDays = p.due, p.days
			}
			items = append(items, it)
		}
		return ast.WalkContinue, nil
	})
	if len(boxes) == 0 {
		return
	}
	lines := &lineCounter{src: src, line: 1}
	for i, box := range boxes {
		b := box.Parent()
		wrap(box, items[i], src, st)
		if b.Lines().Len() > 0 {
			items[i].Line = lines.at(b.Lines().At(0).Start)
		}
	}
	page := "page"
	if st != nil {
		page = PageKey(st.Page.URL)
	}
	assignIDs(page, items)
	if st == nil {
		return
	}
	for _, it := range items {
		st.Page.Items = append(st.Page.Items, playbooks.Item{ID: it.ID, Pinned: it.Pinned, Text: it.Words, Hash: it.Hash,
			Checked: it.Checked, Section: it.Section, Phase: it.Phase, Due: it.Due, Line: it.Line})
	}
}

// wrap moves the content after box into it, strips a pinned "{#id}" and fills the item's text
// fields. The list item and its list get classes the theme styles.
func wrap(box *east.TaskCheckBox, it *Item, src []byte, st *markdown.State) {
	block := box.Parent()
	if lines := block.Lines(); lines.Len() > 0 {
		last := lines.At(lines.Len() - 1)
		line := bytes.TrimRight(last.Value(src), "\r\n")
		if m := pinned(line); m != nil {
			id := string(line[m[2]:m[3]])
			cut := last.Start + m[0]
			trimFrom(block, cut)
			if validID.MatchString(id) {
				it.ID, it.Pinned = id, true
			} else if st != nil {
				st.Report(last.Start+m[2], playbooks.Error, "checklist-id",
					fmt.Sprintf("item id %q may hold only letters, digits and . _ : - / (and start with a letter or digit)", id),
					"rename the id, e.g. {#meet-sponsor}")
			}
		}
	}
	it.Words = markdown.PlainText(block, src)
	it.Hash = Hash(it.Words)
	for c := box.NextSibling(); c != nil; {
		next := c.NextSibling()
		block.RemoveChild(block, c)
		it.AppendChild(it, c)
		c = next
	}
	block.ReplaceChild(block, box, it)
	if li := block.Parent(); li != nil {
		li.SetAttributeString("class", classItem)
		if list := li.Parent(); list != nil && list.FirstChild() == li {
			list.SetAttributeString("class", classList)
		}
	}
}

var classItem, classList = []byte("task-item"), []byte("task-list")

// trimFrom cuts the inline text of block at source offset cut, dropping what follows and the
// spaces before it.
func trimFrom(block ast.Node, cut int) {
	var drop []ast.Node
	for c := block.LastChild(); c != nil; c = c.PreviousSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			break
		}
		if t.Segment.Start >= cut {
			drop = append(drop, t)
			continue
		}
		if t.Segment.Stop > cut {
			t.Segment = t.Segment.WithStop(cut)
		}
		t.SetSoftLineBreak(false)
		break
	}
	for _, d := range drop {
		block.RemoveChild(block, d)
	}
}

// pinned finds a trailing "{#id}" in a line; the quick test spares most lines the regexp.
func pinned(line []byte) []int {
	if !bytes.HasSuffix(bytes.TrimRight(line, " \t"), []byte("}")) || !bytes.Contains(line, []byte("{#")) {
		return nil
	}
	return pinnedRe.FindSubmatchIndex(line)
}

func attr(n ast.Node, name string) string {
	v, ok := n.AttributeString(name)
	if !ok {
		return ""
	}
	switch v := v.(type) {
	case []byte:
		return string(v)
	case string:
		return v
	}
	return ""
}

func blockStart(n ast.Node) int {
	if n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	return 0
}

// lineCounter finds the line numbers of increasing offsets in one pass over the source, so a
// page of a thousand items is not scanned a thousand times.
type lineCounter struct {
	src  []byte
	off  int
	line int
}

func (c *lineCounter) at(off int) int {
	if off < c.off {
		c.off, c.line = 0, 1
	}
	c.line += bytes.Count(c.src[c.off:off], []byte{'\n'})
	c.off = off
	return c.line
}
