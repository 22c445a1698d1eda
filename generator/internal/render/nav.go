package render

import (
	"html"
	"slices"
	"strconv"
	"strings"

	"github.com/cmplay/cmplay/generator/internal/site"
	"github.com/cmplay/cmplay/playbooks"
)

// The sidebar of a page lists the top-level entries, then, opened one inside the other, each
// folder from the top down to the page's own folder. A level lists every entry when it has at
// most NavCap; a longer folder lists a window of NavWindow entries around the one on the
// page's path, with "N earlier" and "N more" links to the pages of the folder's index that
// list the rest. So a sidebar costs at most (depth+1) × NavCap links on every page, whatever
// the size of the site: a folder of 10,000 pages costs its pages 25 links each, not 10,000.
//
// The other design — the whole tree once, in a shared hashed file the pages fetch and expand —
// needs script and a fetch that file:// forbids, so without JavaScript a reader would have no
// sidebar at all; and each first visit would download the tree of the whole site (7,432 links,
// about 450 KB, for the largest folder of tldr-pages) to show 25 of its lines.
const (
	// NavCap is the most entries one level of the sidebar lists in full.
	NavCap = 40
	// NavWindow is how many entries of a longer folder the sidebar lists.
	NavWindow = 25
	// IndexPageSize is how many entries one page of a folder's index lists; a folder with more
	// has its index paged: the folder's own URL, then page/2/, page/3/…
	IndexPageSize = 100
)

// navigation is the folder tree with what every sidebar needs computed once per build: each
// folder's entries in order, where each page and folder sits in its parent's entries, and the
// URL of each folder's listing.
type navigation struct {
	root    *site.Section
	entries map[*site.Section][]site.Entry
	pos     map[any]int // *playbooks.Page or *site.Section → index in its folder's entries
	folders map[string]*site.Section
	urls    map[*site.Section]string
	byFile  map[string]*playbooks.Page
	stands  map[*playbooks.Page]*site.Section // pages standing for a folder, see site.Section.Page
}

func buildNav(s *site.Site) *navigation {
	n := &navigation{root: s.Root, entries: map[*site.Section][]site.Entry{}, pos: map[any]int{},
		folders: map[string]*site.Section{}, urls: map[*site.Section]string{}, byFile: s.ByFile,
		stands: map[*playbooks.Page]*site.Section{}}
	if s.Root != nil {
		n.add(s.Root)
	}
	return n
}

func (n *navigation) add(sec *site.Section) {
	es := sec.Entries()
	// A translation is not listed beside its original: the original's page links to it.
	es = slices.DeleteFunc(es, func(e site.Entry) bool { return e.Page != nil && e.Page.TranslationOf != "" })
	n.entries[sec] = es
	n.folders[sec.Dir] = sec
	for i, e := range es {
		if e.Page != nil {
			n.pos[e.Page] = i
		} else {
			n.pos[e.Section] = i
			n.add(e.Section)
		}
	}
	n.urls[sec] = sec.URL()
	if sec.Page != nil {
		n.stands[sec.Page] = sec
	}
}

// linked reports whether a folder has a page at its URL: its index, or the listing the
// generator writes for a folder without one.
func (n *navigation) linked(sec *site.Section) bool {
	return sec.URL() != "" && (sec.Index != nil || len(n.entries[sec]) > 0)
}

// listingURL is the page of a folder's index that lists entry i.
func (n *navigation) listingURL(sec *site.Section, i int) string {
	return pageURL(n.urls[sec], i/IndexPageSize+1)
}

// pageURL is the URL of page k (from 1) of a folder index at base.
func pageURL(base string, k int) string {
	if k <= 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(k) + "/"
}

// sidebar is the navigation of the page at d.URL: open down to folder target, the window of
// each level around the entry on the path to it, and at target's own level around entry focus
// (-1: from the start).
func (n *navigation) sidebar(d *Data, target *site.Section, focus int, current string) string {
	if n.root == nil {
		return ""
	}
	var path []*site.Section // from just below the root down to target
	for s := target; s != nil && s != n.root; s = s.Parent {
		path = append([]*site.Section{s}, path...)
	}
	var b strings.Builder
	n.level(&b, d, n.root, path, focus, current)
	return b.String()
}

// level writes the entries of sec shown on this page; path is what is open below sec.
func (n *navigation) level(b *strings.Builder, d *Data, sec *site.Section, path []*site.Section, focus int, current string) {
	es := n.entries[sec]
	at := focus
	if len(path) > 0 {
		at = n.pos[path[0]]
	}
	lo, hi := window(len(es), at)
	if lo > 0 {
		n.more(b, d, sec, lo-1, "↑ "+strconv.Itoa(lo)+" earlier")
	}
	for _, e := range es[lo:hi] {
		if e.Page != nil {
			b.WriteString("<li>")
			b.WriteString(n.a(d, e.Page.URL, site.NavTitle(e.Page), current))
			b.WriteString("</li>")
			continue
		}
		if len(path) > 0 && e.Section == path[0] {
			b.WriteString(`<li class="nav-section is-open">`)
			b.WriteString(n.sectionLink(d, e.Section, current))
			if len(n.entries[e.Section]) > 0 {
				b.WriteString("<ul>")
				n.level(b, d, e.Section, path[1:], focus, current)
				b.WriteString("</ul>")
			}
		} else {
			b.WriteString(`<li class="nav-section">`)
			b.WriteString(n.sectionLink(d, e.Section, current))
		}
		b.WriteString("</li>")
	}
	if hi < len(es) {
		n.more(b, d, sec, hi, strconv.Itoa(len(es)-hi)+" more ↓")
	}
}

// window is the range of n entries a level lists around entry focus.
func window(n, focus int) (lo, hi int) {
	if n <= NavCap {
		return 0, n
	}
	lo = max(0, min(focus-NavWindow/2, n-NavWindow))
	return lo, lo + NavWindow
}

func (n *navigation) more(b *strings.Builder, d *Data, sec *site.Section, i int, label string) {
	b.WriteString(`<li class="nav-more">`)
	b.WriteString(n.a(d, n.listingURL(sec, i), label, ""))
	b.WriteString("</li>")
}

func (n *navigation) sectionLink(d *Data, sec *site.Section, current string) string {
	if n.linked(sec) {
		return n.a(d, n.urls[sec], sec.Title, current)
	}
	return `<span class="nav-label">` + html.EscapeString(sec.Title) + `</span>`
}

// a is a link to a site path, marked current when it is current (the page being read, or the
// folder whose index page is being read).
func (n *navigation) a(d *Data, url, title, current string) string {
	cur := ""
	if url == current {
		cur = ` aria-current="page"`
	}
	return `<a href="` + html.EscapeString(d.Rel(url)) + `"` + cur + `>` + html.EscapeString(title) + `</a>`
}

// forPage is the sidebar of a content page: open down to its folder, its own link current. A
// page that stands for a folder (site.Section.Page) opens that folder, as its index would.
func (n *navigation) forPage(d *Data, p *playbooks.Page) string {
	if sec := n.stands[p]; sec != nil {
		return n.sidebar(d, sec, -1, p.URL)
	}
	sec := n.folders[p.Dir()]
	if sec == nil {
		return n.sidebar(d, n.root, -1, p.URL)
	}
	if p.IsIndex {
		return n.sidebar(d, sec, -1, p.URL)
	}
	if orig, ok := n.byFile[p.TranslationOf]; ok {
		return n.sidebar(d, sec, n.pos[orig], p.URL) // open where the original is
	}
	return n.sidebar(d, sec, n.pos[p], p.URL)
}

// forListing is the sidebar of page k of a folder's index: the folder open at that page's
// entries, the folder's own link current.
func (n *navigation) forListing(d *Data, sec *site.Section, k int) string {
	return n.sidebar(d, sec, (k-1)*IndexPageSize+NavWindow/2, n.urls[sec])
}

// forGenerated is the sidebar of a page that is in no folder (listings, search, changelog):
// the top level only.
func (n *navigation) forGenerated(d *Data) string { return n.sidebar(d, n.root, -1, d.URL) }

// crumbs are the folders above a page that have a page of their own, from the home page down:
// their index pages, or the listings generated for long folders without one.
func (n *navigation) crumbs(d *Data, p *playbooks.Page) []Link {
	sec := n.folders[p.Dir()]
	if sec != nil && p.IsIndex {
		sec = sec.Parent
	}
	var out []Link
	for ; sec != nil; sec = sec.Parent {
		if !n.linked(sec) {
			continue
		}
		l := Link{Title: sec.Title, URL: d.Rel(n.urls[sec])}
		if sec.Index != nil {
			l.Title, l.Summary, l.Kind = sec.Index.Title, sec.Index.Summary, sec.Index.Kind
		}
		out = append([]Link{l}, out...)
	}
	return out
}
