package render

import (
	"html"
	"strings"

	"github.com/cmplay/cmplay/generator/site"
	"github.com/cmplay/cmplay/playbooks"
)

// root stands for the relative path to the site root inside pre-rendered navigation; each page
// replaces it with its own "../../" prefix.
const root = "\x00R\x00"

// navigation is the sidebar, rendered once per build: for each top-level entry a closed form
// (just its link) and an open form (with everything below it). A page's sidebar is the open form
// of its own section and the closed form of the others, so its size depends on the section, not
// on the site.
type navigation struct {
	entries  []navEntry
	fileURLs bool
}

type navEntry struct {
	slug   string // first URL segment of the section; "" for a page at the root
	closed string
	open   string
}

func buildNav(s *site.Site, fileURLs bool) *navigation {
	n := &navigation{fileURLs: fileURLs}
	if s.Root == nil {
		return n
	}
	for _, e := range s.Root.Entries() {
		if e.Page != nil {
			li := "<li>" + n.a(e.Page.URL, e.Page.Title) + "</li>"
			n.entries = append(n.entries, navEntry{closed: li, open: li})
			continue
		}
		var closed, open strings.Builder
		closed.WriteString(`<li class="nav-section">`)
		closed.WriteString(n.sectionLink(e.Section))
		closed.WriteString("</li>")
		open.WriteString(`<li class="nav-section is-open">`)
		open.WriteString(n.sectionLink(e.Section))
		n.writeTree(&open, e.Section)
		open.WriteString("</li>")
		n.entries = append(n.entries, navEntry{slug: sectionSlug(e.Section), closed: closed.String(), open: open.String()})
	}
	return n
}

func (n *navigation) sectionLink(sec *site.Section) string {
	if sec.Index != nil {
		return n.a(sec.Index.URL, sec.Title)
	}
	return `<span class="nav-label">` + html.EscapeString(sec.Title) + `</span>`
}

func (n *navigation) writeTree(b *strings.Builder, sec *site.Section) {
	entries := sec.Entries()
	if len(entries) == 0 {
		return
	}
	b.WriteString("<ul>")
	for _, e := range entries {
		if e.Page != nil {
			b.WriteString("<li>")
			b.WriteString(n.a(e.Page.URL, e.Page.Title))
			b.WriteString("</li>")
			continue
		}
		b.WriteString(`<li class="nav-section is-open">`)
		b.WriteString(n.sectionLink(e.Section))
		n.writeTree(b, e.Section)
		b.WriteString("</li>")
	}
	b.WriteString("</ul>")
}

func (n *navigation) a(url, title string) string {
	href := root + relPath(url)
	if n.fileURLs && strings.HasSuffix(href, "/") {
		href += "index.html"
	}
	return `<a href="` + html.EscapeString(href) + `">` + html.EscapeString(title) + `</a>`
}

// forPage is the sidebar of one page: its own section open, its own link marked current.
func (n *navigation) forPage(p *playbooks.Page) string { return n.forURL(p.URL) }

// forURL is the sidebar for the page at a site path.
func (n *navigation) forURL(url string) string {
	sec, _, _ := strings.Cut(strings.Trim(url, "/"), "/")
	var b strings.Builder
	for _, e := range n.entries {
		if e.slug != "" && e.slug == sec {
			b.WriteString(e.open)
		} else {
			b.WriteString(e.closed)
		}
	}
	out := b.String()
	target := `href="` + html.EscapeString(root+relPath(url))
	if n.fileURLs && strings.HasSuffix(target, "/") {
		target += "index.html"
	}
	out = strings.Replace(out, target+`"`, target+`" aria-current="page"`, 1)
	prefix := strings.Repeat("../", strings.Count(strings.Trim(url, "/"), "/")+boolInt(url != "/" && strings.HasSuffix(url, "/")))
	return strings.ReplaceAll(out, html.EscapeString(root), prefix)
}

// absolute is the sidebar with root-relative links, for pages served at any address (404).
func (n *navigation) absolute(basePath string) string {
	var b strings.Builder
	for _, e := range n.entries {
		b.WriteString(e.closed)
	}
	return strings.ReplaceAll(b.String(), html.EscapeString(root), basePath)
}

// sectionSlug is the first URL segment shared by the pages of a top-level section.
func sectionSlug(sec *site.Section) string {
	if p := anyPage(sec); p != nil {
		first, _, _ := strings.Cut(strings.Trim(p.URL, "/"), "/")
		return first
	}
	return ""
}

func anyPage(sec *site.Section) *playbooks.Page {
	if sec.Index != nil {
		return sec.Index
	}
	if len(sec.Pages) > 0 {
		return sec.Pages[0]
	}
	for _, c := range sec.Children {
		if p := anyPage(c); p != nil {
			return p
		}
	}
	return nil
}

// relPath is a site path without its leading slash; the site root is "./".
func relPath(url string) string {
	if url == "/" {
		return "./"
	}
	return strings.TrimPrefix(url, "/")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
