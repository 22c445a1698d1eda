package render

import (
	"bytes"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"

	"github.com/cmplay/cmplay/generator/site"
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
	// History is the history stage's view of the site (a *history.Site: templates call its
	// For, ForURL and Forge methods); nil outside a repository. It is an interface so the
	// templates stage does not depend on the history stage.
	History any
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
}

// New prepares shared parts (navigation) once.
func New(theme *Theme, s *site.Site, cfg Config) *Renderer {
	return &Renderer{theme: theme, site: s, cfg: cfg, nav: buildNav(s, cfg.FileURLs)}
}

// Link is a title with a URL, already relative to the page it appears on.
type Link struct {
	Title   string
	URL     string
	Summary string
	Kind    playbooks.Kind
	Count   int
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
	Children []Link // pages of a section index, or of a listing page
	Groups   []Group
	Roles    []Link // role pages this page applies to
	Tags     []Link
	Users    []Link // on a role page: pages that name the role
	KindNav  []Link // header links to the kind listings
	EditURL  string
	Canon    string
	fileURLs bool
	absolute bool // links are root-relative under BasePath (the 404 page)
}

// Group is a titled list of links on a listing page.
type Group struct {
	Title string
	URL   string
	Links []Link
}

// Rel makes a site path relative to the page being rendered.
func (d *Data) Rel(to string) string {
	if d.absolute {
		return strings.TrimSuffix(d.Site.BasePath, "/") + to
	}
	return playbooks.RelURL(d.URL, to, d.fileURLs)
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
func TagURL(tag string) string { return "/tags/" + tagSlug(tag) + "/" }

func (r *Renderer) link(d *Data, p *playbooks.Page) Link {
	return Link{Title: p.Title, URL: d.Rel(p.URL), Summary: p.Summary, Kind: p.Kind}
}

// Page renders one content page.
func (r *Renderer) Page(p *playbooks.Page, prev, next *playbooks.Page) ([]byte, error) {
	d := r.data(p.URL, p.Title)
	d.Page, d.Summary, d.Kind = p, p.Summary, p.Kind
	d.Content = template.HTML(p.HTML)
	d.Nav = template.HTML(r.nav.forPage(p))
	for _, c := range r.site.Breadcrumbs(p) {
		d.Crumbs = append(d.Crumbs, r.link(d, c))
	}
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
		for _, u := range r.site.RoleUsers[p.Slug()] {
			d.Users = append(d.Users, r.link(d, u))
		}
	}
	if p.IsIndex {
		d.Children = r.children(d, p)
	}
	if r.cfg.RepoURL != "" {
		d.EditURL = EditURL(r.cfg.RepoURL, r.cfg.Branch, joinPath(r.cfg.EditBase, p.File))
	}
	names := []string{string(p.Kind), "page"}
	if p.URL == "/" {
		names = []string{"home", "page"}
	} else if p.IsIndex {
		names = []string{"section", "page"}
	}
	return r.exec(d, names...)
}

func (r *Renderer) children(d *Data, p *playbooks.Page) []Link {
	sec := r.sectionOf(p.Dir())
	if sec == nil {
		return nil
	}
	var out []Link
	for _, e := range sec.Entries() {
		if e.Page != nil {
			out = append(out, r.link(d, e.Page))
		} else if e.Section.Index != nil {
			l := r.link(d, e.Section.Index)
			l.Count = len(e.Section.Pages)
			out = append(out, l)
		}
	}
	return out
}

func (r *Renderer) sectionOf(dir string) *site.Section {
	sec := r.site.Root
	if dir == "" {
		return sec
	}
	for _, part := range strings.Split(dir, "/") {
		var next *site.Section
		for _, c := range sec.Children {
			if c.Dir == joinPath(sec.Dir, part) {
				next = c
			}
		}
		if next == nil {
			return nil
		}
		sec = next
	}
	return sec
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

func (r *Renderer) exec(d *Data, names ...string) ([]byte, error) {
	t, name := r.theme.Layout(names...)
	if t == nil {
		return nil, fmt.Errorf("the theme has none of the layouts %s", strings.Join(names, ", "))
	}
	d.Layout = name
	var buf bytes.Buffer
	buf.Grow(16 << 10)
	if err := t.Execute(&buf, d); err != nil {
		return nil, fmt.Errorf("layout %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// Kind renders the listing of every page of a kind; the role listing doubles as the role
// index, with each role followed by the pages that name it.
func (r *Renderer) Kind(k playbooks.Kind) ([]byte, error) {
	d := r.data(KindURL(k), k.Plural())
	d.Kind = k
	d.Nav = template.HTML(r.nav.forURL(d.URL))
	for _, p := range r.site.Kinds[k] {
		if k == playbooks.KindRole {
			g := Group{Title: p.Title, URL: d.Rel(p.URL)}
			for _, u := range r.site.RoleUsers[p.Slug()] {
				g.Links = append(g.Links, r.link(d, u))
			}
			d.Groups = append(d.Groups, g)
			continue
		}
		d.Children = append(d.Children, r.link(d, p))
	}
	return r.exec(d, "list")
}

// Tags renders the tag cloud page; Tag one tag's listing.
func (r *Renderer) Tags() ([]byte, error) {
	d := r.data("/tags/", "Tags")
	d.Nav = template.HTML(r.nav.forURL(d.URL))
	for _, t := range slices.Sorted(maps.Keys(r.site.Tags)) {
		d.Children = append(d.Children, Link{Title: t, URL: d.Rel(TagURL(t)), Count: len(r.site.Tags[t])})
	}
	return r.exec(d, "list")
}

// Tag renders the listing of one tag.
func (r *Renderer) Tag(tag string) ([]byte, error) {
	d := r.data(TagURL(tag), "Tagged “"+tag+"”")
	d.Nav = template.HTML(r.nav.forURL(d.URL))
	for _, p := range r.site.Tags[tag] {
		d.Children = append(d.Children, r.link(d, p))
	}
	return r.exec(d, "list")
}

// NotFound renders 404.html. A server shows it at any address, so its links are root-relative.
func (r *Renderer) NotFound() ([]byte, error) {
	d := r.data("/404.html", "Page not found")
	d.absolute = true
	d.Nav = template.HTML(r.nav.absolute(r.cfg.BasePath))
	return r.exec(d, "404", "list")
}

// Generated is a page the generator makes from a layout of its own (the progress dashboard,
// search results, the changelog): url is its site path, layout the theme layout it uses.
func (r *Renderer) Generated(url, title, layout string, extra func(*Data)) ([]byte, error) {
	d := r.data(url, title)
	d.Nav = template.HTML(r.nav.forURL(d.URL))
	if extra != nil {
		extra(d)
	}
	return r.exec(d, layout, "list")
}

func tagSlug(t string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(t) {
		switch {
		case r == ' ' || r == '/' || r == '-' || r == '_':
			b.WriteByte('-')
		case r == '.' || r == '#' || r == '?' || r == '%' || r == '\\':
		default:
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return fmt.Sprintf("%x", t)
	}
	return b.String()
}
