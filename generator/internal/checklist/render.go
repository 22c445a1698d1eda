package checklist

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// htmlRenderer writes items as labelled checkboxes. It also takes over GFM's checkbox renderer,
// for checkboxes the transformer did not wrap (none in practice), so every box looks the same.
type htmlRenderer struct{}

func (r *htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindItem, r.renderItem)
	reg.Register(east.KindTaskCheckBox, r.renderBox)
}

func (r *htmlRenderer) renderItem(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</span></label>")
		return ast.WalkContinue, nil
	}
	n := node.(*Item)
	_, _ = w.WriteString(`<label class="task"><input type="checkbox" class="task-box" id="task-`)
	writeAttr(w, n.ID)
	_, _ = w.WriteString(`" data-id="`)
	writeAttr(w, n.ID)
	_, _ = w.WriteString(`" data-hash="`)
	writeAttr(w, n.Hash)
	if n.Section != "" {
		_, _ = w.WriteString(`" data-section="`)
		writeAttr(w, n.Section)
	}
	if n.Due != "" {
		_, _ = w.WriteString(`" data-due="`)
		writeAttr(w, n.Due)
		_, _ = w.WriteString(`" data-due-days="`)
		_, _ = w.WriteString(strconv.Itoa(n.DueDays))
	}
	_, _ = w.WriteString(`"`)
	if n.Checked {
		_, _ = w.WriteString(" checked")
	}
	_, _ = w.WriteString(` disabled> <span class="task-text">`)
	return ast.WalkContinue, nil
}

func (r *htmlRenderer) renderBox(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	if node.(*east.TaskCheckBox).IsChecked {
		_, _ = w.WriteString(`<input type="checkbox" class="task-box" checked disabled> `)
	} else {
		_, _ = w.WriteString(`<input type="checkbox" class="task-box" disabled> `)
	}
	return ast.WalkContinue, nil
}

func writeAttr(w util.BufWriter, s string) {
	_, _ = w.Write(util.EscapeHTML(util.StringToReadOnlyBytes(s)))
}
