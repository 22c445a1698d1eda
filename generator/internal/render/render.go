package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/cmplay/cmplay/generator/internal/site"
	"github.com/cmplay/cmplay/playbooks"
)

// Config is what the templates need to know about the build.
type Config struct {
	Title    string
	Language string
	BaseURL  string // absolute or "/", always ending in "/"
	BasePath string // the path part of BaseURL: "/" or "/playbook/"
	FileURLs bool   // links to folders end in index.html
	RepoURL  string // forge URL of the repository, for edit links
	EditBase string // path of the content folder inside the repository, "" at its root
	Branch   string
	Assets   map[string]string // bundle name ("main.css") → site path
	// Manifest is the site path of the checklist manifest script, named by a hash of its
	// content so a browser never runs a stale cached copy; "" for "/checklists.js".
	Manifest string
	// History is the history stage's view of the site; nil outside a repository (never a nil
	// *history.Site inside the interface, which templates would take for a history).
	History HistoryView
	// Progress is whether the site has anything a reader's progress covers (a checklist, a page
	// to acknowledge); without it there is no "My progress" link and no dashboard, as a reader of
	// a Docusaurus or MkDocs site expects.
	Progress bool
	// Head and Foot are HTML the generator adds to every page's <head> and the end of <body>
	// (the live-reload script under serve); empty in build output.
	Head, Foot template.HTML
}

// Renderer renders the pages of one site with one theme.
type Renderer struct {
	theme *Theme
	site  *site.Site
	cfg   Config
	nav   *navigation

	transOnce sync.Once
	trans     map[string][]*playbooks.Page // see byOriginal
	originals []*playbooks.Page            // the reading order without translations
	order     map[*playbooks.Page]int      // index in originals
}

// New prepares shared parts (navigation) once.
func New(theme *Theme, s *site.Site, cfg Config) *Renderer {
	return &Renderer{theme: theme, site: s, cfg: cfg, nav: buildNav(s)}
}

// Link is a title with a URL, already relative to the page it appears on.
type Link struct {
	Title   string
	URL     string
	Summary string
	Kind    playbooks.Kind
	Count   int
	Lang    string // the target's language, for links to translations
}

// Data is the value every layout executes with.
type Data struct {
	Site     *Config
	Page     *playbooks.Page // nil on generated pages
	URL      string          // this page's site path
	Title    string
	Summary  string
	Kind     playbooks.Kind
	Layout   string
	Content  template.HTML
	Nav      template.HTML
	Crumbs   []Link
	Prev     *Link
	Next     *Link
	TOC      []playbooks.Heading
	Children []Link     // pages of a section index, or of a listing page
	Pager    []PageLink // the pages of a long folder index or changelog; empty when it fits on one
	Number   int        // which page of a paged listing this is, from 1
	More     int        // entries a capped list leaves out
	Groups   []Group
	Roles    []Link // role pages this page applies to
	Tags     []Link
	Users    []Link // on a role page: the first IndexPageSize pages that name the role
	// UsersPager leads from a role page to the further pages of the pages naming it.
	UsersPager []PageLink
	// Translations are the other languages of the page: its translations, or, on a translation,
	// the original and the other translations.
	Translations []Link
	KindNav      []Link // header links to the kind listings
	EditURL      string
	Canon        string
	fileURLs     bool
	absolute     bool // links are root-relative under BasePath (the 404 page)
}

// Group is a titled list of links on a listing page.
type Group struct {
	Title string
	URL   string
	Links []Link
	More  int // links left out; the page at URL lists them
}

// Rel makes a site path relative to the page being rendered.
func (d *Data) Rel(to string) string {
	if d.absolute {
		return strings.TrimSuffix(d.Site.BasePath, "/") + to
	}
	return playbooks.RelURL(d.URL, to, d.fileURLs)
}

// ManifestScript is the relative URL of the checklist manifest script (see Config.Manifest).
func (d *Data) ManifestScript() string {
	if d.Site.Manifest == "" {
		return d.Rel("/checklists.js")
	}
	return d.Rel(d.Site.Manifest)
}

// Asset is the relative URL of a bundled asset ("main.css").
func (d *Data) Asset(name string) string {
	p, ok := d.Site.Assets[name]
	if !ok {
		return ""
	}
	return d.Rel(p)
}

func (r *Renderer) data(url, title string) *Data {
	d := &Data{Site: &r.cfg, URL: url, Title: title, fileURLs: r.cfg.FileURLs}
	if strings.HasPrefix(r.cfg.BaseURL, "http://") || strings.HasPrefix(r.cfg.BaseURL, "https://") {
		d.Canon = strings.TrimSuffix(r.cfg.BaseURL, "/") + url
	}
	for _, k := range playbooks.Kinds {
		if n := len(r.site.Kinds[k]); n > 0 && k != playbooks.KindPage {
			d.KindNav = append(d.KindNav, Link{Title: k.Plural(), URL: d.Rel(KindURL(k)), Kind: k, Count: n})
		}
	}
	return d
}

// KindURL is the listing page of a kind.
func KindURL(k playbooks.Kind) string { return "/kinds/" + string(k) + "/" }

// TagURL is the listing page of a tag.
func TagURL(tag string) string { return "/tags/" + site.TagSlug(tag) + "/" }

func (r *Renderer) link(d *Data, p *playbooks.Page) Link {
	return Link{Title: p.Title, URL: d.Rel(p.URL), Summary: p.Summary, Kind: p.Kind}
}

// Page renders one content page.
func (r *Renderer) Page(p *playbooks.Page, prev, next *playbooks.Page) ([]byte, error) {
	d := r.data(p.URL, p.Title)
	d.Page, d.Summary, d.Kind = p, p.Summary, p.Kind
	d.Content = template.HTML(p.HTML)
	prev, next = r.readingNeighbours(p, prev, next)
	d.Nav = template.HTML(r.nav.forPage(d, p))
	d.Crumbs = r.nav.crumbs(d, p)
	if prev != nil {
		l := r.link(d, prev)
		d.Prev = &l
	}
	if next != nil {
		l := r.link(d, next)
		d.Next = &l
	}
	for _, h := range p.Headings {
		if h.Level == 2 || h.Level == 3 {
			d.TOC = append(d.TOC, h)
		}
	}
	for _, slug := range p.Roles {
		if rp, ok := r.site.Roles[slug]; ok {
			d.Roles = append(d.Roles, r.link(d, rp))
		}
	}
	for _, t := range p.Tags {
		d.Tags = append(d.Tags, Link{Title: t, URL: d.Rel(TagURL(t))})
	}
	if p.Kind == playbooks.KindRole {
		r.roleUsersPage(d, p, 1)
	}
	d.Translations = r.translations(d, p)
	stands := r.nav.stands[p] // a page standing for a folder lists it, as an index page does
	if p.IsIndex {
		if sec := r.nav.folders[p.Dir()]; sec != nil {
			r.listing(d, sec, 1)
		}
	} else if stands != nil {
		r.listing(d, stands, 1)
	}
	if r.cfg.RepoURL != "" {
		d.EditURL = EditURL(r.cfg.RepoURL, r.cfg.Branch, joinPath(r.cfg.EditBase, p.File))
	}
	names := []string{string(p.Kind), "page"}
	if p.URL == "/" {
		names = []string{"home", "page"}
	} else if p.IsIndex || stands != nil {
		names = []string{"section", "page"}
	}
	return r.exec(d, names...)
}

func joinPath(a, b string) string {
	if a == "" || a == "." {
		return b
	}
	return strings.TrimSuffix(a, "/") + "/" + b
}

// EditURL is the forge's "edit this file" address for GitHub- and GitLab-style URLs.
func EditURL(repo, branch, file string) string {
	repo = strings.TrimSuffix(strings.TrimSuffix(repo, "/"), ".git")
	if branch == "" {
		branch = "main"
	}
	if strings.Contains(repo, "gitlab") {
		return repo + "/-/edit/" + branch + "/" + file
	}
	return repo + "/edit/" + branch + "/" + file
}

// FileURL is the forge's page of a file ("blob") or folder ("tree") of the repository, for
// GitHub- and GitLab-style URLs.
func FileURL(repo, branch, file string, folder bool) string {
	repo = strings.TrimSuffix(strings.TrimSuffix(repo, "/"), ".git")
	if branch == "" {
		branch = "main"
	}
	kind := "blob"
	if folder {
		kind = "tree"
	}
	file = (&url.URL{Path: file}).EscapedPath()
	if strings.Contains(repo, "gitlab") {
		return repo + "/-/" + kind + "/" + branch + "/" + file
	}
	return repo + "/" + kind + "/" + branch + "/" + file
}

func (r *Renderer) exec(d *Data, names ...string) ([]byte, error) {
	t, name := r.theme.Layout(names...)
	if t == nil {
		return nil, fmt.Errorf("the theme has none of the layouts %s", strings.Join(names, ", "))
	}
	d.Layout = name
	var buf bytes.Buffer
	buf.Grow(16 << 10)
	if err := t.Execute(&buf, d); err != nil {
		// text/template says "template: page.html:3:5: executing …", which names the file already.
		if msg, ok := strings.CutPrefix(err.Error(), "template: "); ok {
			return nil, errors.New(msg)
		}
		return nil, fmt.Errorf("layout %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// Kind renders page n (from 1) of the listing of a kind's pages, IndexPageSize a page. The role
// listing doubles as the role index: each role followed by the first roleUsers pages that
// name it (its role page lists them, paged), roleIndexPage roles a page.
func (r *Renderer) Kind(k playbooks.Kind, n int) ([]byte, error) {
	d := r.data(pageURL(KindURL(k), n), k.Plural())
	d.Kind = k
	d.Nav = template.HTML(r.nav.forGenerated(d))
	if k != playbooks.KindRole {
		r.paged(d, r.site.Kinds[k], KindURL(k), n)
		return r.exec(d, "list")
	}
	roles := r.site.Kinds[k]
	total := r.KindPages(k)
	if total > 1 {
		d.Title += " (page " + strconv.Itoa(n) + " of " + strconv.Itoa(total) + ")"
	}
	lo := min(len(roles), (n-1)*roleIndexPage)
	for _, p := range roles[lo:min(len(roles), lo+roleIndexPage)] {
		g := Group{Title: p.Title, URL: d.Rel(p.URL)}
		users := r.site.RoleUsers[p.Slug()]
		for _, u := range users[:min(len(users), roleUsers)] {
			g.Links = append(g.Links, r.link(d, u))
		}
		g.More = len(users) - len(g.Links)
		d.Groups = append(d.Groups, g)
	}
	d.Number = n
	d.SetPager(n, total, func(i int) string { return pageURL(KindURL(k), i) }, nil)
	return r.exec(d, "list")
}

const (
	roleIndexPage = 50 // roles on one page of the role index
	roleUsers     = 20 // pages named under each role there
)

// KindPages is how many pages the listing of a kind has.
func (r *Renderer) KindPages(k playbooks.Kind) int {
	if k == playbooks.KindRole {
		return max(1, (len(r.site.Kinds[k])+roleIndexPage-1)/roleIndexPage)
	}
	return pages(len(r.site.Kinds[k]))
}

// paged lists page n of ps, a listing at base, with the pager between its pages.
func (r *Renderer) paged(d *Data, ps []*playbooks.Page, base string, n int) {
	total := pages(len(ps))
	if total > 1 {
		d.Title += " (page " + strconv.Itoa(n) + " of " + strconv.Itoa(total) + ")"
	}
	lo := min(len(ps), (n-1)*IndexPageSize)
	for _, p := range ps[lo:min(len(ps), lo+IndexPageSize)] {
		d.Children = append(d.Children, r.link(d, p))
	}
	d.Number = n
	d.SetPager(n, total, func(i int) string { return pageURL(base, i) }, func(i int) string {
		return ps[(i-1)*IndexPageSize].Title + " – " + ps[min(i*IndexPageSize, len(ps))-1].Title
	})
}

// Tags renders the tag cloud page; Tag one tag's listing.
func (r *Renderer) Tags() ([]byte, error) {
	d := r.data("/tags/", "Tags")
	d.Nav = template.HTML(r.nav.forGenerated(d))
	for _, t := range slices.Sorted(maps.Keys(r.site.Tags)) {
		d.Children = append(d.Children, Link{Title: t, URL: d.Rel(TagURL(t)), Count: len(r.site.Tags[t])})
	}
	return r.exec(d, "list")
}

// Tag renders page n (from 1) of the listing of one tag.
func (r *Renderer) Tag(tag string, n int) ([]byte, error) {
	d := r.data(pageURL(TagURL(tag), n), "Tagged “"+tag+"”")
	d.Nav = template.HTML(r.nav.forGenerated(d))
	r.paged(d, r.site.Tags[tag], TagURL(tag), n)
	return r.exec(d, "list")
}

// NotFound renders 404.html. A server shows it at any address, so its links are root-relative.
func (r *Renderer) NotFound() ([]byte, error) {
	d := r.data("/404.html", "Page not found")
	d.absolute = true
	d.Nav = template.HTML(r.nav.forGenerated(d))
	return r.exec(d, "404", "list")
}

// Generated is a page the generator makes from a layout of its own (the progress dashboard,
// search results, the changelog): url is its site path, layout the theme layout it uses.
func (r *Renderer) Generated(url, title, layout string, extra func(*Data)) ([]byte, error) {
	d := r.data(url, title)
	d.Nav = template.HTML(r.nav.forGenerated(d))
	if extra != nil {
		extra(d)
	}
	return r.exec(d, layout, "list")
}
