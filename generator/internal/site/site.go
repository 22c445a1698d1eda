// Package site is the assemble stage: it arranges parsed pages into the structure the theme
// presents — a tree of sections ordered by weight, reading order for previous/next, the role
// index (each role page with every page that names it), kind and tag listings — and checks the
// references between pages that only make sense once all pages are known.
package site

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/cmplay/cmplay/playbooks"
)

// Site is the assembled playbook.
type Site struct {
	Pages  []*playbooks.Page          // every page, in reading order
	Root   *Section                   // the content folder
	ByFile map[string]*playbooks.Page // by content path
	ByURL  map[string]*playbooks.Page
	// Roles maps a role slug to its role page; RoleUsers to the pages that name it in `roles`.
	Roles     map[string]*playbooks.Page
	RoleUsers map[string][]*playbooks.Page
	Kinds     map[playbooks.Kind][]*playbooks.Page
	Tags      map[string][]*playbooks.Page
	// FolderTitles name folders without an index page, by path, where the site's outline
	// (mkdocs.yml's nav) gives them a title; Assemble reads it.
	FolderTitles map[string]string
	static       map[string]bool
	dirs         map[string]string // folder → URL of its index page
}

// Section is a folder of the content with its index page, pages and sub-folders.
type Section struct {
	Dir      string
	Index    *playbooks.Page // may be nil when the folder has no _index.md or README.md
	Title    string
	Weight   int
	Pages    []*playbooks.Page // pages of the folder, without its index, in order
	Children []*Section
	Parent   *Section
	// Page is the page beside a folder without an index page that has the folder's URL
	// ("chapter.md" beside "chapter/", as GitBook books are laid out): it stands for the folder,
	// which then gets no generated index. Nil otherwise.
	Page *playbooks.Page
	url  string
}

// URL is the address of the folder's own page: its index page, or else the index the generator
// writes for it, at the URL its pages' URLs start with ("docs/a.md" at /docs/a/ puts the folder
// at /docs/). Every folder with an entry has one, so none is a dead label in the sidebar; it is
// "" only for a folder whose pages all took URLs elsewhere (permalink) and that has no
// sub-folder.
func (s *Section) URL() string { return s.url }

// setURLs gives every folder below sec, and sec, its URL (see Section.URL), and finds the
// pages that stand for folders (Section.Page).
func (s *Site) setURLs(sec *Section) {
	for _, c := range sec.Children {
		s.setURLs(c)
	}
	defer func() {
		sec.Page = nil
		if p := s.ByURL[sec.url]; sec.Index == nil && sec.url != "" && p != nil && !p.IsIndex {
			sec.Page = p
			if s.FolderTitles[sec.Dir] == "" {
				sec.Title = NavTitle(p)
			}
		}
	}()
	switch {
	case sec.Index != nil:
		sec.url = sec.Index.URL
	case sec.Parent == nil:
		sec.url = "/"
	default:
		sec.url = ""
		for _, p := range sec.Pages {
			if p.Permalink == "" && p.URLSlug == "" {
				sec.url = parentURL(p.URL)
				return
			}
		}
		for _, c := range sec.Children {
			if c.url != "" {
				sec.url = parentURL(c.url)
				return
			}
		}
	}
}

// parentURL is "/a/" for "/a/b/".
func parentURL(u string) string {
	t := strings.TrimSuffix(u, "/")
	return t[:strings.LastIndexByte(t, '/')+1]
}

// New indexes pages by file and URL, so the markdown stage can resolve links before Assemble.
func New(pages []*playbooks.Page, static []string) *Site {
	s := &Site{ByFile: map[string]*playbooks.Page{}, ByURL: map[string]*playbooks.Page{},
		static: map[string]bool{}, dirs: map[string]string{}}
	for _, p := range pages {
		s.ByFile[p.File] = p
		s.ByURL[p.URL] = p
		if p.IsIndex {
			s.dirs[p.Dir()] = p.URL
		}
	}
	for _, f := range static {
		s.static[f] = true
	}
	s.Pages = pages
	return s
}

// Move gives a page another URL, before any link to it is rewritten.
func (s *Site) Move(p *playbooks.Page, url string) {
	if s.ByURL[p.URL] == p {
		delete(s.ByURL, p.URL)
	}
	p.URL = url
	s.ByURL[url] = p
	if p.IsIndex {
		s.dirs[p.Dir()] = url
	}
	if s.Root != nil {
		s.setURLs(s.Root)
	}
}

// PageURL resolves a content path ("roles/a.md", or a folder "roles") to a page URL.
func (s *Site) PageURL(file string) (string, bool) {
	file = strings.TrimSuffix(file, "/")
	if p, ok := s.ByFile[file]; ok {
		return p.URL, true
	}
	if u, ok := s.dirs[file]; ok {
		return u, true
	}
	if path.Ext(file) == "" {
		if p, ok := s.ByFile[file+".md"]; ok {
			return p.URL, true
		}
	}
	return "", false
}

// Static reports whether the content folder has the static file.
func (s *Site) Static(file string) bool { return s.static[file] }

// Assemble builds the section tree, reading order and indexes, and reports roles that name no
// role page.
func (s *Site) Assemble() playbooks.Diagnostics {
	s.Root = &Section{Dir: "", Title: "Home"}
	secs := map[string]*Section{"": s.Root}
	var get func(dir string) *Section
	get = func(dir string) *Section {
		if sec, ok := secs[dir]; ok {
			return sec
		}
		parent := get(parentDir(dir))
		sec := &Section{Dir: dir, Title: playbooks.TitleFromName(path.Base(dir)), Parent: parent}
		if t := s.FolderTitles[dir]; t != "" {
			sec.Title = t
		}
		parent.Children = append(parent.Children, sec)
		secs[dir] = sec
		return sec
	}
	for _, p := range s.Pages {
		sec := get(p.Dir())
		if p.IsIndex {
			sec.Index, sec.Title, sec.Weight = p, NavTitle(p), p.Weight
		} else {
			sec.Pages = append(sec.Pages, p)
		}
	}
	s.setURLs(s.Root) // before weighing: a page standing for a folder gives it its weight
	weighFolders(s.Root)
	sortSection(s.Root)
	s.Pages = s.Pages[:0]
	s.walk(s.Root)
	return s.index()
}

// NavTitle is the title the sidebar shows for a page: its short title when it has one
// (linkTitle, sidebar_label, an outline's), else its title.
func NavTitle(p *playbooks.Page) string {
	if p.NavTitle != "" {
		return p.NavTitle
	}
	return p.Title
}

// weighFolders gives a folder without an index page the smallest weight among what it holds,
// so a folder whose pages come first (by weight, or in a SUMMARY.md or mkdocs.yml) comes first
// too, instead of after every weighted entry.
func weighFolders(sec *Section) int {
	least := 0
	consider := func(w int) {
		if w != 0 && (least == 0 || w < least) {
			least = w
		}
	}
	for _, p := range sec.Pages {
		consider(p.Weight)
	}
	for _, c := range sec.Children {
		consider(weighFolders(c))
	}
	if sec.Index == nil && sec.Parent != nil {
		sec.Weight = least
		if sec.Page != nil && sec.Page.Weight != 0 {
			sec.Weight = sec.Page.Weight
		}
	}
	if sec.Weight != 0 {
		return sec.Weight
	}
	return least
}

func (s *Site) walk(sec *Section) {
	if sec.Index != nil {
		s.Pages = append(s.Pages, sec.Index)
	} else if sec.Page != nil {
		s.Pages = append(s.Pages, sec.Page)
	}
	for _, e := range sec.Entries() {
		if e.Page != nil {
			s.Pages = append(s.Pages, e.Page)
		} else {
			s.walk(e.Section)
		}
	}
}

// Entry is one line of a section's listing: a page or a sub-section.
type Entry struct {
	Page    *playbooks.Page
	Section *Section
}

// Entries lists a section's pages and sub-sections interleaved in weight order. A page that
// stands for a sub-folder (Section.Page) is listed as that folder.
func (sec *Section) Entries() []Entry {
	out := make([]Entry, 0, len(sec.Pages)+len(sec.Children))
	standing := map[*playbooks.Page]bool{}
	for _, c := range sec.Children {
		if c.Page != nil {
			standing[c.Page] = true
		}
	}
	for _, p := range sec.Pages {
		if !standing[p] {
			out = append(out, Entry{Page: p})
		}
	}
	for _, c := range sec.Children {
		out = append(out, Entry{Section: c})
	}
	sort.SliceStable(out, func(i, j int) bool { return less(out[i].key(), out[j].key()) })
	return out
}

type sortKey struct {
	weight int
	title  string
	id     string
}

func (e Entry) key() sortKey {
	if e.Page != nil {
		return sortKey{e.Page.Weight, NavTitle(e.Page), e.Page.File}
	}
	return sortKey{e.Section.Weight, e.Section.Title, e.Section.Dir}
}

// less orders by weight (pages without one last), then title, then path.
func less(a, b sortKey) bool {
	if (a.weight == 0) != (b.weight == 0) {
		return a.weight != 0
	}
	if a.weight != b.weight {
		return a.weight < b.weight
	}
	if ta, tb := strings.ToLower(a.title), strings.ToLower(b.title); ta != tb {
		return ta < tb
	}
	return a.id < b.id
}

func sortSection(sec *Section) {
	sort.SliceStable(sec.Pages, func(i, j int) bool {
		return less(Entry{Page: sec.Pages[i]}.key(), Entry{Page: sec.Pages[j]}.key())
	})
	for _, c := range sec.Children {
		sortSection(c)
	}
}

func (s *Site) index() playbooks.Diagnostics {
	s.Roles = map[string]*playbooks.Page{}
	s.RoleUsers = map[string][]*playbooks.Page{}
	s.Kinds = map[playbooks.Kind][]*playbooks.Page{}
	s.Tags = tagIndex(s.Pages)
	var diags playbooks.Diagnostics
	for _, p := range s.Pages {
		s.Kinds[p.Kind] = append(s.Kinds[p.Kind], p)
		if p.Kind != playbooks.KindRole {
			continue
		}
		// Pages name roles by file name, so two role pages with one file name in different
		// folders cannot both be named: the first in reading order keeps it.
		if first, taken := s.Roles[p.Slug()]; taken {
			diags = append(diags, playbooks.Diagnostic{File: p.File, Line: p.FrontMatterLine("kind"), Col: 1,
				Severity: playbooks.Warning, Rule: "duplicate-role",
				Msg: fmt.Sprintf("%s is also a role page, and roles are named by file name: `roles: [%s]` means that one", first.File, p.Slug()),
				Fix: "give one of the two role pages another file name"})
			continue
		}
		s.Roles[p.Slug()] = p
	}
	for _, p := range s.Pages {
		for _, r := range p.Roles {
			if _, ok := s.Roles[r]; !ok {
				diags = append(diags, playbooks.Diagnostic{File: p.File, Line: p.FrontMatterLine("roles"), Col: 1,
					Severity: playbooks.Warning, Rule: "unknown-role",
					Msg: fmt.Sprintf("roles names %q, but no page of kind role has that file name", r),
					Fix: "use the file name (without .md) of a role page" + suggestRole(r, s.Roles)})
				continue
			}
			s.RoleUsers[r] = append(s.RoleUsers[r], p)
		}
	}
	return diags
}

func parentDir(dir string) string {
	d := path.Dir(dir)
	if d == "." || d == "/" {
		return ""
	}
	return d

}

func suggestRole(r string, roles map[string]*playbooks.Page) string {
	slugs := make([]string, 0, len(roles))
	for slug := range roles {
		slugs = append(slugs, slug)
	}
	return playbooks.Suggest(r, slugs)
}
