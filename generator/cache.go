package generator

import (
	"hash/maphash"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/cmplay/cmplay/generator/internal/assets"
	"github.com/cmplay/cmplay/generator/internal/load"
	"github.com/cmplay/cmplay/generator/internal/pages"
	"github.com/cmplay/cmplay/generator/internal/render"
	"github.com/cmplay/cmplay/playbooks"
)

// cache is what a Session keeps between builds (see Session for what is kept under which key).
// The stages consult it through its methods, and every method works on a nil *cache: it then
// does the work and keeps nothing, which is a one-off Build. So a stage reads the same whether
// or not a Session runs it.
//
// Builds of one session run one at a time; the mutex guards the maps against the parallel
// workers inside one build.
type cache struct {
	contentDir, themeDir string
	seed                 maphash.Seed

	mu        sync.Mutex
	files     map[string][]byte // content files by slash path
	parsed    map[string]parsedPage
	rendered  map[string]renderedPage
	templated map[string]templatedPage // by page file, or by URL for listings
	theme     *render.Theme
	bundle    *assets.Bundle
	stats     Stats
}

type parsedPage struct {
	hash  uint64
	page  playbooks.Page
	diags playbooks.Diagnostics
}

type renderedPage struct {
	hash, resolver uint64
	page           playbooks.Page
	diags          playbooks.Diagnostics
}

type templatedPage struct {
	key  uint64
	html []byte
}

func newCache(cfg Config) *cache {
	c := &cache{
		seed:      maphash.MakeSeed(),
		files:     map[string][]byte{},
		parsed:    map[string]parsedPage{},
		rendered:  map[string]renderedPage{},
		templated: map[string]templatedPage{},
	}
	c.contentDir, _ = filepath.Abs(filepath.Join(cfg.Source, cfg.ContentDir))
	c.themeDir, _ = filepath.Abs(filepath.Join(cfg.Source, "themes", cfg.Theme))
	return c
}

// invalidate forgets what the changed paths make stale. A path inside the theme folder drops
// the theme; one inside the content folder drops that file, or everything below a folder; any
// other path, or nil, drops every file read.
func (c *cache) invalidate(source string, changed []string) {
	c.stats = Stats{}
	if changed == nil {
		c.files = map[string][]byte{}
		return
	}
	src, _ := filepath.Abs(source)
	for _, p := range changed {
		if !filepath.IsAbs(p) {
			p = filepath.Join(src, p)
		}
		if within(c.themeDir, p) {
			c.theme, c.bundle = nil, nil
			continue
		}
		if !within(c.contentDir, p) {
			c.files = map[string][]byte{}
			continue
		}
		rel, _ := filepath.Rel(c.contentDir, p)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			c.files = map[string][]byte{}
			continue
		}
		delete(c.files, rel)
		for name := range c.files {
			if strings.HasPrefix(name, rel+"/") {
				delete(c.files, name)
			}
		}
	}
}

// within reports whether p is dir or below it.
func within(dir, p string) bool {
	return p == dir || strings.HasPrefix(p, dir+string(filepath.Separator))
}

// content is the content folder as the load stage reads it: through the cache, which serves
// files from memory until the watcher names them as changed.
func (c *cache) content(base fs.FS) fs.FS {
	if c == nil {
		return base
	}
	return &cachedFS{base: base, c: c}
}

// cachedFS serves content files from memory until the watcher names them as changed.
type cachedFS struct {
	base fs.FS
	c    *cache
}

func (f *cachedFS) Open(name string) (fs.File, error)          { return f.base.Open(name) }
func (f *cachedFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.base, name) }
func (f *cachedFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(f.base, name) }
func (f *cachedFS) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(f.base, name) }
func (f *cachedFS) ReadLink(name string) (string, error)       { return fs.ReadLink(f.base, name) }

func (f *cachedFS) ReadFile(name string) ([]byte, error) {
	f.c.mu.Lock()
	data, ok := f.c.files[name]
	f.c.mu.Unlock()
	if ok {
		return data, nil
	}
	data, err := fs.ReadFile(f.base, name)
	if err != nil {
		return nil, err
	}
	f.c.mu.Lock()
	f.c.stats.Read++
	f.c.mu.Unlock()
	// A symbolic link changes when its target does, and the watcher names only the target.
	if info, err := fs.Lstat(f.base, name); err != nil || info.Mode()&fs.ModeSymlink != 0 {
		return data, nil
	}
	f.c.mu.Lock()
	f.c.files[name] = data
	f.c.mu.Unlock()
	return data, nil
}

// parse is the parse stage's pages.ParseWith, reusing the pages of files that have not changed.
func (c *cache) parse(srcs []load.Source, opt pages.Options) ([]*playbooks.Page, playbooks.Diagnostics) {
	if c == nil {
		return pages.ParseWith(srcs, opt)
	}
	one := opt
	one.Drafts = true // drafts are parsed and kept too; the loop below leaves them out
	next := make(map[string]parsedPage, len(srcs))
	ps := make([]*playbooks.Page, 0, len(srcs))
	var diags playbooks.Diagnostics
	urls := make(map[string]bool, len(srcs))
	dup := false
	for _, src := range srcs {
		h := maphash.Bytes(c.seed, src.Data)
		e, ok := c.parsed[src.File]
		if !ok || e.hash != h {
			parsed, ds := pages.ParseWith([]load.Source{src}, one)
			e = parsedPage{hash: h, page: *parsed[0], diags: ds}
			c.stats.Parsed++
		}
		next[src.File] = e
		diags = append(diags, e.diags...) // copies: prefixFiles edits the slice it is given
		if e.page.Draft && !opt.Drafts {
			continue
		}
		p := new(playbooks.Page)
		*p = e.page
		dup = dup || urls[p.URL]
		urls[p.URL] = true
		ps = append(ps, p)
	}
	c.parsed = next
	if dup {
		// Two files on one URL: let the stage pick and report, as a full build does.
		return pages.ParseWith(srcs, opt)
	}
	return ps, diags
}

// fileHash is the hash of a page's file as the parse step last saw it; 0 when unknown (and
// always on a nil cache).
func (c *cache) fileHash(file string) uint64 {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.parsed[file].hash
}

// markdown renders one page's Markdown with render, or copies the result of an earlier build
// when the file and the set of files its links resolve against (resolver, a fingerprint) are
// the same.
func (c *cache) markdown(p *playbooks.Page, resolver func() uint64, render func() playbooks.Diagnostics) playbooks.Diagnostics {
	if c == nil {
		return render()
	}
	key := resolver()
	c.mu.Lock()
	src, known := c.parsed[p.File]
	e, ok := c.rendered[p.File]
	c.mu.Unlock()
	if known && ok && e.hash == src.hash && e.resolver == key {
		// Only what this stage fills is copied back: the rest of the page is the same parse, and
		// other pages' link rewriting reads its URL meanwhile (a whole-struct write raced it).
		r := &e.page
		p.HTML, p.Headings, p.Items, p.Links, p.Text, p.Sections = r.HTML, r.Headings, r.Items, r.Links, r.Text, r.Sections
		p.Summary = r.Summary
		detach(p)
		return slices.Clone(e.diags)
	}
	diags := render()
	if known {
		e := renderedPage{hash: src.hash, resolver: key, page: *p, diags: slices.Clone(diags)}
		detach(&e.page)
		c.mu.Lock()
		c.rendered[p.File] = e
		c.stats.Rendered++
		c.mu.Unlock()
	}
	return diags
}

// detach gives a page its own copies of the slices later steps might change in place, so a
// cached page is never changed through a copy handed to a build.
func detach(p *playbooks.Page) {
	p.Headings = slices.Clone(p.Headings)
	p.Items = slices.Clone(p.Items)
	p.Links = slices.Clone(p.Links)
	p.Sections = slices.Clone(p.Sections)
	p.History = slices.Clone(p.History)
}

// html executes a layout with make, or reuses the HTML an earlier build kept under name when
// its key is the same. A key of 0 means "cannot tell what this page depends on": it is always
// executed and not kept. page says whether Stats counts it (pages do, listings do not).
func (c *cache) html(name string, page bool, key func() uint64, make func() ([]byte, error)) ([]byte, error) {
	if c == nil {
		return make()
	}
	k := key()
	if k == 0 {
		return make()
	}
	c.mu.Lock()
	e, ok := c.templated[name]
	c.mu.Unlock()
	if ok && e.key == k {
		return e.html, nil
	}
	out, err := make()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.templated[name] = templatedPage{key: k, html: out}
	if page {
		c.stats.Templated++
	}
	c.mu.Unlock()
	return out, nil
}

// loadTheme parses the theme's layouts, once per session until the theme changes.
func (c *cache) loadTheme(theme fs.FS) (*render.Theme, error) {
	return perTheme(c, func(c *cache) **render.Theme { return &c.theme }, render.LoadTheme, theme)
}

// buildAssets bundles the theme's scripts and styles, once per session until the theme changes.
func (c *cache) buildAssets(theme fs.FS) (*assets.Bundle, error) {
	return perTheme(c, func(c *cache) **assets.Bundle { return &c.bundle }, assets.Build, theme)
}

// perTheme returns what make made of the theme, kept in the cache's slot until the theme
// changes (invalidate empties the slot); on a nil cache it makes it every time.
func perTheme[T any](c *cache, slot func(*cache) **T, make func(fs.FS) (*T, error), theme fs.FS) (*T, error) {
	if c == nil {
		return make(theme)
	}
	p := slot(c)
	if *p != nil {
		return *p, nil
	}
	v, err := make(theme)
	if err == nil {
		*p = v
		c.stats.Theme = true
	}
	return v, err
}
