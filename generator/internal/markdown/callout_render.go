package markdown

import (
	"html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// calloutIcons are the kinds' icons: 16×16 outline paths drawn with currentColor, so they take
// the kind's colour in light and dark mode, and inline, so a strict CSP needs nothing more.
var calloutIcons = map[string]string{
	"note":      `<circle cx="8" cy="8" r="6.5"/><path d="M8 7v4.5M8 4.5v.5"/>`,
	"tip":       `<path d="M5.5 12.5h5M6.5 14.5h3M8 1.5a4.5 4.5 0 0 0-2.5 8.2V11h5V9.7A4.5 4.5 0 0 0 8 1.5z"/>`,
	"important": `<path d="M2 2.5h12v9H7l-3 3v-3H2z"/><path d="M8 5v3M8 9.5v.5"/>`,
	"warning":   `<path d="M8 1.5 15 14H1z"/><path d="M8 6v4M8 11.5v.5"/>`,
	"caution":   `<path d="M5.2 1.5h5.6l3.7 3.7v5.6l-3.7 3.7H5.2l-3.7-3.7V5.2z"/><path d="M8 4.5v4.5M8 10.5v.5"/>`,
}

var calloutNames = map[string]string{"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution"}

type calloutRenderer struct{}

func (calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, renderCallout)
}

func renderCallout(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Callout)
	if !entering {
		w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	title := n.Title
	if title == "" {
		title = calloutNames[n.Variant]
	}
	w.WriteString(`<div class="callout callout-` + n.Variant + `" role="note" aria-labelledby="` + n.ID + `">` + "\n")
	w.WriteString(`<p class="callout-title" id="` + n.ID + `"><svg class="callout-icon" aria-hidden="true" focusable="false" viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round">`)
	w.WriteString(calloutIcons[n.Variant])
	w.WriteString(`</svg>` + html.EscapeString(title) + "</p>\n")
	return ast.WalkContinue, nil
}
