package generator

import (
	"fmt"
	"hash/maphash"
	"io/fs"

	"github.com/cmplay/cmplay/generator/internal/include"
	"github.com/cmplay/cmplay/generator/internal/markdown"
	"github.com/cmplay/cmplay/playbooks"
)

// renderBody renders a page's Markdown with its includes expanded (package include). It returns
// the diagnostics, placed at the file and line an author wrote, and the files the includes named:
// the page depends on them, and a Session renders it again when one of them changes.
func (b *build) renderBody(md *markdown.Renderer, p *playbooks.Page) (playbooks.Diagnostics, []string) {
	x := include.Expand(b.content, p.File, p.Body)
	if x.Lines == nil {
		return md.Render(p), x.Deps
	}
	own := p.Body
	p.Body = x.Body
	diags := md.Render(p)
	p.Body = own
	return append(x.Diags, locate(&x, p, diags)...), x.Deps
}

// locate puts what the markdown stage recorded at lines of the expanded body back where it was
// written. Diagnostics name the included file and its line; headings, links and checklist
// items, which belong to the page, take the line of the page's include directive.
func locate(x *include.Result, p *playbooks.Page, diags playbooks.Diagnostics) playbooks.Diagnostics {
	pageLine := func(n int) int {
		if o := x.Locate(n); o.At != 0 {
			return o.At
		}
		return x.Locate(n).Line
	}
	for i := range diags {
		d := &diags[i]
		if d.File != p.File || d.Line == 0 {
			continue
		}
		o := x.Locate(d.Line)
		d.Line = o.Line
		if o.At != 0 {
			d.File, d.Col = o.File, max(1, d.Col-o.Indent)
			d.Msg += fmt.Sprintf(" (in the text %s includes at line %d)", p.File, o.At)
		}
	}
	for i := range p.Headings {
		p.Headings[i].Line = pageLine(p.Headings[i].Line)
	}
	for i := range p.Links {
		if o := x.Locate(p.Links[i].Line); o.At != 0 {
			p.Links[i].Col = 1
		}
		p.Links[i].Line = pageLine(p.Links[i].Line)
	}
	for i := range p.Items {
		p.Items[i].Line = pageLine(p.Items[i].Line)
	}
	return diags
}

// depsKey fingerprints the files a page's includes named: each one's name and contents, or that
// it is missing. The cache keeps it beside the rendered page; a different key means an included
// file changed, appeared or went away since, and the page is rendered again. Files are read
// through the Session's cache, so an unchanged dependency costs a map lookup and a hash.
func (b *build) depsKey(deps []string) uint64 {
	if len(deps) == 0 {
		return 0
	}
	var h maphash.Hash
	h.SetSeed(b.cache.seed)
	for _, name := range deps {
		data, err := fs.ReadFile(b.content, name)
		fmt.Fprintf(&h, "%s\x00%t\x00%d\x00", name, err == nil, len(data))
		h.Write(data)
	}
	return h.Sum64() | 1 // never 0, the key of a page without includes
}
