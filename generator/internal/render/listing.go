package render

import (
	"html/template"
	"maps"
	"slices"
	"strconv"

	"github.com/cmplay/cmplay/generator/internal/site"
	"github.com/cmplay/cmplay/playbooks"
)

// pagerReach is how many neighbouring pages a pager links on each side of the current one,
// besides the first and the last: a pager stays a line long however long the folder is.
const pagerReach = 4

// PageLink is one entry of a folder index's pager: a page number linked (URL set), the page
// being read (Current), or a gap standing for pages left out (neither).
type PageLink struct {
	Label   string
	URL     string
	Range   string // first and last titles the page lists, "tar – tee", as a hint
	Current bool
}

// Listing is a page of a folder's index that the generator writes itself: page 2 onwards of
// a long folder, and page 1 too when the folder has no index page but more entries than the
// sidebar lists (its "N more" links must lead somewhere).
type Listing struct {
	URL  string
	sec  *site.Section   // a folder's index, or
	kind playbooks.Kind  // a kind's listing, or
	tag  string          // a tag's listing, or
	role *playbooks.Page // the pages naming a role (page 1 is the role page itself)
	k    int
}

// Listings are the listing pages of a site the generator writes besides the first page of each
// kind and tag listing (see Renderer.Listings); the reserve step needs them before there is a
// renderer.
func Listings(s *site.Site) []Listing {
	return (&Renderer{site: s, nav: buildNav(s)}).Listings()
}

// Listings are the listing pages the generator writes besides the first page of each kind and
// tag listing: folder index pages in folder order, then the further pages of kind and tag
// listings, then the further pages of the pages naming each role.
func (r *Renderer) Listings() []Listing {
	var out []Listing
	var walk func(sec *site.Section)
	walk = func(sec *site.Section) {
		es := r.nav.entries[sec]
		first := 2
		if sec.Index == nil && sec.Page == nil && r.nav.linked(sec) {
			first = 1 // a folder without a page of its own: its index is generated
		}
		for k := first; k <= pages(len(es)); k++ {
			out = append(out, Listing{URL: pageURL(r.nav.urls[sec], k), sec: sec, k: k})
		}
		for _, e := range es {
			if e.Section != nil {
				walk(e.Section)
			}
		}
	}
	if r.site.Root != nil {
		walk(r.site.Root)
	}
	// Page 1 of a kind's or a tag's listing is written with the others of its kind.
	for _, kind := range playbooks.Kinds {
		if kind == playbooks.KindPage {
			continue
		}
		for k := 2; k <= r.KindPages(kind); k++ {
			out = append(out, Listing{URL: pageURL(KindURL(kind), k), kind: kind, k: k})
		}
	}
	for _, tag := range slices.Sorted(maps.Keys(r.site.Tags)) {
		for k := 2; k <= pages(len(r.site.Tags[tag])); k++ {
			out = append(out, Listing{URL: pageURL(TagURL(tag), k), tag: tag, k: k})
		}
	}
	for _, role := range r.site.Kinds[playbooks.KindRole] {
		for k := 2; k <= pages(len(r.site.RoleUsers[role.Slug()])); k++ {
			out = append(out, Listing{URL: roleUsersURL(role, k), role: role, k: k})
		}
	}
	return out
}

// Listing renders one listing page with the "list" layout.
func (r *Renderer) Listing(l Listing) ([]byte, error) {
	switch {
	case l.kind != "":
		return r.Kind(l.kind, l.k)
	case l.tag != "":
		return r.Tag(l.tag, l.k)
	case l.role != nil:
		return r.roleUsers(l.role, l.k)
	}
	title := l.sec.Title
	home := l.sec.Parent == nil && l.k == 1
	if home {
		title = r.cfg.Title // a site without a home page: its sections are the way in
	}
	if n := pages(len(r.nav.entries[l.sec])); n > 1 {
		title += " (page " + strconv.Itoa(l.k) + " of " + strconv.Itoa(n) + ")"
	}
	d := r.data(l.URL, title)
	d.Nav = template.HTML(r.nav.forListing(d, l.sec, l.k))
	r.listing(d, l.sec, l.k)
	if home {
		return r.exec(d, "home", "list")
	}
	return r.exec(d, "list")
}

// folderSummary describes a folder without an index page by what is in it: "Overview, Roles,
// Review and 4 more".
func folderSummary(es []site.Entry) string {
	const named = 3
	var s string
	for i, e := range es[:min(named, len(es))] {
		if i > 0 {
			s += ", "
		}
		s += entryTitle(e)
	}
	if len(es) > named {
		s += " and " + strconv.Itoa(len(es)-named) + " more"
	}
	return s
}

// listing fills d with page k of a folder's entries and the pager between its pages.
func (r *Renderer) listing(d *Data, sec *site.Section, k int) {
	es := r.nav.entries[sec]
	lo, hi := (k-1)*IndexPageSize, min(k*IndexPageSize, len(es))
	for _, e := range es[max(0, min(lo, hi)):hi] {
		if e.Page != nil {
			d.Children = append(d.Children, r.link(d, e.Page))
			continue
		}
		if r.nav.linked(e.Section) {
			l := Link{Title: e.Section.Title, URL: d.Rel(r.nav.urls[e.Section]), Count: len(e.Section.Pages)}
			if p := e.Section.Index; p != nil {
				l.Summary, l.Kind = p.Summary, p.Kind
			} else if p := e.Section.Page; p != nil {
				l.Summary, l.Kind = p.Summary, p.Kind
			} else {
				l.Summary = folderSummary(r.nav.entries[e.Section])
			}
			d.Children = append(d.Children, l)
		}
	}
	d.Number = k
	d.SetPager(k, pages(len(es)), func(i int) string { return pageURL(r.nav.urls[sec], i) }, func(i int) string {
		return entryTitle(es[(i-1)*IndexPageSize]) + " – " + entryTitle(es[min(i*IndexPageSize, len(es))-1])
	})
}

// SetPager fills d.Pager for page k of n, each page at url(i) with hint(i) as its tooltip: the
// first and last pages and pagerReach pages either side of k, gaps between. One page has no
// pager.
func (d *Data) SetPager(k, n int, url, hint func(i int) string) {
	d.Pager = append(d.Pager, d.pagerLinks(k, n, url, hint)...)
}

// pagerLinks are the entries of a pager for page k of n (see SetPager).
func (d *Data) pagerLinks(k, n int, url, hint func(i int) string) []PageLink {
	var out []PageLink
	if n < 2 {
		return nil
	}
	gap := false
	for i := 1; i <= n; i++ {
		if i != 1 && i != n && (i < k-pagerReach || i > k+pagerReach) {
			if !gap {
				out = append(out, PageLink{Label: "…"})
			}
			gap = true
			continue
		}
		gap = false
		pl := PageLink{Label: strconv.Itoa(i), Current: i == k}
		if hint != nil {
			pl.Range = hint(i)
		}
		if !pl.Current {
			pl.URL = d.Rel(url(i))
		}
		out = append(out, pl)
	}
	return out
}

func entryTitle(e site.Entry) string {
	if e.Page != nil {
		return e.Page.Title
	}
	return e.Section.Title
}

// pages is how many index pages list n entries.
func pages(n int) int { return max(1, (n+IndexPageSize-1)/IndexPageSize) }
