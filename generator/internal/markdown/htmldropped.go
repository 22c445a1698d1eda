package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	nethtml "golang.org/x/net/html"

	"github.com/cmplay/cmplay/playbooks"
)

// dropReport sanitises each raw HTML node once, for the renderer (safeOutput), and tells an
// author what the sanitiser took out (safeHTML): an <iframe> embed or an onclick that silently
// vanished looks like a bug in the site. One warning a page, at the first piece of HTML that
// loses something, counting the others. It runs after the collector has noted the node's
// rewritten addresses.
type dropReport struct{ safe *safeHTML }

// safeOutput is the attribute of an HTML node holding its sanitised HTML.
var safeOutput = []byte("cmplay-safe")

func (d dropReport) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := StateOf(pc)
	if st == nil {
		return
	}
	source := reader.Source()
	first, what, n := 0, "", 0
	ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || node.Kind() != ast.KindHTMLBlock && node.Kind() != ast.KindRawHTML {
			return ast.WalkContinue, nil
		}
		_, at := htmlRaw(node, source)
		raw := htmlSource(node, source)
		out := d.safe.Sanitize(raw)
		node.SetAttribute(safeOutput, out)
		if lost := lost(raw, out); lost != "" {
			if n == 0 {
				first, what = at(0), lost
			}
			n++
		}
		return ast.WalkSkipChildren, nil
	})
	if n == 0 {
		return
	}
	msg := fmt.Sprintf("raw HTML removed: %s", what)
	switch {
	case n == 2:
		msg += ", and in 1 more place on this page"
	case n > 2:
		msg += fmt.Sprintf(", and in %d more places on this page", n-1)
	}
	st.Report(first, playbooks.Warning, "html-removed", msg+": with unsafe_html off only HTML that cannot run script or pass for the theme is kept",
		"write it in Markdown or with the tags GitHub keeps (docs/authoring.md, Raw HTML); set unsafe_html = true in cmplay.toml only if every author is trusted")
}

// lost names the first tag or attribute of raw that its sanitised form safe lacks ("<iframe>",
// "the onclick attribute of <div>"), "" when it keeps them all. Comments are not content, and
// markdown="1" is read by cmplay itself.
func lost(raw, safe []byte) string {
	in := tagsOf(raw)
	if len(in) == 0 {
		return ""
	}
	out := map[string]int{}
	for _, t := range tagsOf(safe) {
		out[t]++
	}
	for i, t := range in {
		if out[t] > 0 {
			out[t]--
			continue
		}
		tag, attr, ok := strings.Cut(t, " ")
		if ok {
			return "the " + attr + " attribute of <" + tag + ">"
		}
		// A link or image whose address is unsafe goes whole: name the address.
		for _, a := range in[i+1:] {
			if tag != "a" && tag != "img" {
				break
			}
			at, name, ok := strings.Cut(a, " ")
			if !ok || at != tag {
				break
			}
			if name == "href" || name == "src" {
				return "the " + name + " attribute of <" + tag + ">"
			}
		}
		return "<" + tag + ">"
	}
	return ""
}

// tagsOf lists the start tags of a piece of HTML, each as "name" and each of its attributes as
// "name attr".
func tagsOf(raw []byte) []string {
	var out []string
	z := nethtml.NewTokenizer(bytes.NewReader(raw))
	for {
		switch z.Next() {
		case nethtml.ErrorToken:
			return out
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken:
			name, more := z.TagName()
			out = append(out, string(name))
			for more {
				var key []byte
				key, _, more = z.TagAttr()
				if k := string(key); k != "markdown" {
					out = append(out, string(name)+" "+k)
				}
			}
		}
	}
}
