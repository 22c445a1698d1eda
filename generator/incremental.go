package generator

import (
	"fmt"
	"hash/maphash"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/cmplay/cmplay/generator/internal/assets"
	"github.com/cmplay/cmplay/generator/internal/load"
	"github.com/cmplay/cmplay/generator/internal/markdown"
	"github.com/cmplay/cmplay/generator/internal/pages"
	"github.com/cmplay/cmplay/generator/internal/render"
	"github.com/cmplay/cmplay/generator/output"
	"github.com/cmplay/cmplay/playbooks"
)

// Session builds one site again and again, as `cmplay serve` and `cmplay build --watch` do after
// every save, redoing only what the changed files affect.
//
// Every build runs every step of the pipeline, so a step added to Build runs on incremental
// builds too; what a Session keeps are the results of the expensive, per-file work, each under a
// key that changes whenever its inputs do:
//
//   - file contents, until the watcher names the file (or a folder above it) as changed;
//   - each parsed page, by the hash of its file;
//   - each page's rendered Markdown, by the hash of its file and a fingerprint of the site's
//     files and URLs (link rewriting depends on which pages and files exist);
//   - each page's finished HTML, by the same plus the renderer's configuration, the theme and
//     the site's shape: every title, URL, summary, kind, weight, role, tag and checklist size
//     that other pages show in navigation, listings and previous/next links. An edit that only
//     changes a page's body re-executes that page's template alone; one that changes its title
//     re-executes every template but still reuses every page's Markdown; the kind, tag and 404
//     listings, by the renderer's configuration and the site's shape;
//   - the parsed theme and the asset bundle, until a file of the site's theme changes.
//
// A change to cmplay.toml needs a new Session: the configuration is fixed for its lifetime.
type Session struct {
	cfg   Config
	cache *cache
	last  *output.Memory // the last complete build LiveUpdate made
}

// NewSession prepares to build the site cfg describes. Its first Build is a full build.
func NewSession(cfg Config) *Session {
	cfg = cfg.withDefaults()
	c := &cache{
		seed:      maphash.MakeSeed(),
		files:     map[string][]byte{},
		parsed:    map[string]parsedPage{},
		rendered:  map[string]renderedPage{},
		templated: map[string]templatedPage{},
	}
	c.contentDir, _ = filepath.Abs(filepath.Join(cfg.Source, cfg.ContentDir))
	c.themeDir, _ = filepath.Abs(filepath.Join(cfg.Source, "themes", cfg.Theme))
	return &Session{cfg: cfg, cache: c}
}

// Build builds the site into w, or into the output folder (swapped in whole) when w is nil.
// changed names the files and folders that changed since the previous Build, as absolute paths
// or relative to the site folder; nil means "unknown" and every file is read again (unchanged
// ones are still recognised by their hash and not parsed or rendered again).
func (s *Session) Build(w output.Writer, changed []string) (*Result, error) {
	s.cache.invalidate(s.cfg.Source, changed)
	cfg := s.cfg
	cfg.Writer = w
	return runCached(cfg, nil, s.cache)
}

// Stats says how much of the last Build was redone.
func (s *Session) Stats() Stats { return s.cache.stats }

// Stats counts the work one incremental build did, beside the work it reused.
type Stats struct {
	Read      int  // content files read from disk
	Parsed    int  // pages whose front matter was parsed
	Rendered  int  // pages whose Markdown was rendered
	Templated int  // pages whose layout was executed
	Theme     bool // the theme's layouts were parsed and its assets bundled again
}

// cache is what a Session keeps between builds. Builds of one session run one at a time; the
// mutex guards the maps against the parallel workers inside one build.
type cache struct {
	contentDir, themeDir string
	seed                 maphash.Seed

	mu        sync.Mutex
	files     map[string][]byte // content files by slash path
	parsed    map[string]parsedPage
	rendered  map[string]renderedPage
	templated map[string]templatedPage // by page file
	theme     *render.Theme
	bundle    *assets.Bundle
	stats     Stats

	// Per build: fingerprints shared by every page of the build.
	resolverOnce, shapeOnce, configOnce sync.Once
	resolverKey, shapeKey, configKey    uint64
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

// invalidate forgets what the changed paths make stale. A path inside the theme folder drops
// the theme; one inside the content folder drops that file, or everything below a folder; any
// other path, or nil, drops every file read.
func (c *cache) invalidate(source string, changed []string) {
	c.stats = Stats{}
	c.resolverOnce, c.shapeOnce, c.configOnce = sync.Once{}, sync.Once{}, sync.Once{}
	c.configKey = 0 // until this build's renderer is configured
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

// use makes the build read through the cache and reuse its results.
func (b *build) use(c *cache) {
	if c == nil {
		return
	}
	b.cache = c
	b.content = &cachedFS{base: b.content, c: c}
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

// parsePages is the parse stage, reusing the pages of files that have not changed.
func (b *build) parsePages() ([]*playbooks.Page, playbooks.Diagnostics) {
	if b.cache == nil {
		return pages.ParseWith(b.loaded.Sources, b.parseOptions(b.cfg.Drafts))
	}
	c := b.cache
	next := make(map[string]parsedPage, len(b.loaded.Sources))
	ps := make([]*playbooks.Page, 0, len(b.loaded.Sources))
	var diags playbooks.Diagnostics
	urls := make(map[string]bool, len(b.loaded.Sources))
	dup := false
	for _, src := range b.loaded.Sources {
		h := maphash.Bytes(c.seed, src.Data)
		e, ok := c.parsed[src.File]
		if !ok || e.hash != h {
			one, ds := pages.ParseWith([]load.Source{src}, b.parseOptions(true))
			e = parsedPage{hash: h, page: *one[0], diags: ds}
			c.stats.Parsed++
		}
		next[src.File] = e
		diags = append(diags, e.diags...) // copies: prefixFiles edits the slice it is given
		if e.page.Draft && !b.cfg.Drafts {
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
		return pages.ParseWith(b.loaded.Sources, b.parseOptions(b.cfg.Drafts))
	}
	return ps, diags
}

// renderMarkdown renders one page's Markdown, or copies the result of an earlier build when the
// file and the set of files its links resolve against are the same.
func (b *build) renderMarkdown(md *markdown.Renderer, p *playbooks.Page) playbooks.Diagnostics {
	c := b.cache
	if c == nil {
		return md.Render(p)
	}
	c.resolverOnce.Do(func() { c.resolverKey = b.resolverKey() })
	c.mu.Lock()
	src, known := c.parsed[p.File]
	e, ok := c.rendered[p.File]
	c.mu.Unlock()
	if known && ok && e.hash == src.hash && e.resolver == c.resolverKey {
		// Only what this stage fills is copied back: the rest of the page is the same parse, and
		// other pages' link rewriting reads its URL meanwhile (a whole-struct write raced it).
		r := &e.page
		p.HTML, p.Headings, p.Items, p.Links, p.Text, p.Sections = r.HTML, r.Headings, r.Items, r.Links, r.Text, r.Sections
		p.Summary = r.Summary
		detach(p)
		return slices.Clone(e.diags)
	}
	diags := md.Render(p)
	if known {
		e := renderedPage{hash: src.hash, resolver: c.resolverKey, page: *p, diags: slices.Clone(diags)}
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

// resolverKey fingerprints what link rewriting asks of the site: every page's file and URL and
// every static file.
func (b *build) resolverKey() uint64 {
	var h maphash.Hash
	h.SetSeed(b.cache.seed)
	for _, f := range slices.Sorted(maps.Keys(b.site.ByFile)) {
		p := b.site.ByFile[f]
		fmt.Fprintf(&h, "%s\x00%s\x00%t\x00", f, p.URL, p.IsIndex)
	}
	for _, s := range b.loaded.Static {
		h.WriteString(s.File)
		h.WriteByte(0)
	}
	// The theme's ids are anchors a heading may not take: a theme edit that adds one changes
	// the anchors of the pages whose headings would have taken it.
	fmt.Fprintf(&h, "%t%t%q", b.cfg.UnsafeHTML, b.fileURLs, themeIDs(b.theme))
	return h.Sum64()
}

// shapeKey fingerprints what a page's HTML shows of other pages (see Session).
func (b *build) shapeKey() uint64 {
	var h maphash.Hash
	h.SetSeed(b.cache.seed)
	for _, p := range b.site.Pages {
		fmt.Fprintf(&h, "%s\x00%s\x00%s\x00%s\x00%s\x00%d\x00%t\x00%q\x00%q\x00%d\x00%d\x00",
			p.File, p.URL, p.Title, p.Summary, p.Kind, p.Weight, p.IsIndex, p.Roles, p.Tags, len(p.Items), len(p.History))
		if len(p.History) > 0 {
			h.WriteString(p.History[0].Hash)
		}
	}
	return h.Sum64()
}

// configKey fingerprints the renderer's configuration. Pointers in it are fingerprinted by what
// they hold; a pointer this function does not know makes the key unique to the build, so a new
// field can make rebuilds slower but never stale.
func (b *build) configKey(rc render.Config) uint64 {
	var h maphash.Hash
	h.SetSeed(b.cache.seed)
	if hs := b.hist.site; hs != nil {
		fmt.Fprintf(&h, "history %s %d %#v %q\x00", hs.Log.Head, len(hs.Log.Commits), hs.Forge, slices.Sorted(maps.Keys(hs.Uncommitted)))
	}
	rc.History = nil
	rc.Manifest = "" // changes with every checklist edit; only the start page shows it (renderPage)
	s := fmt.Sprintf("%#v", rc)
	if strings.Contains(s, "(0x") {
		fmt.Fprintf(&h, "%p", b)
	}
	fmt.Fprintf(&h, "%s\x00%p\x00%t", s, b.cache.theme, b.cfg.Drafts)
	return h.Sum64()
}

// loadTheme parses the theme's layouts, once per session until the theme changes.
func (b *build) loadTheme() (*render.Theme, error) {
	if b.cache != nil && b.cache.theme != nil {
		return b.cache.theme, nil
	}
	t, err := render.LoadTheme(b.theme)
	if err == nil && b.cache != nil {
		b.cache.theme = t
		b.cache.stats.Theme = true
	}
	return t, err
}

// buildAssets bundles the theme's scripts and styles, once per session until the theme changes.
func (b *build) buildAssets() (*assets.Bundle, error) {
	if b.cache != nil && b.cache.bundle != nil {
		return b.cache.bundle, nil
	}
	bundle, err := assets.Build(b.theme)
	if err == nil && b.cache != nil {
		b.cache.bundle = bundle
		b.cache.stats.Theme = true
	}
	return bundle, err
}

// renderPage executes a page's layout, or reuses the HTML of an earlier build when nothing the
// page shows has changed. rc is the renderer's configuration: a field added to it changes the
// key like every other.
func (b *build) renderPage(r *render.Renderer, rc render.Config, p, prev, next *playbooks.Page) ([]byte, error) {
	c := b.cache
	if c == nil {
		return r.Page(p, prev, next)
	}
	c.shapeOnce.Do(func() { c.shapeKey = b.shapeKey() })
	c.configOnce.Do(func() { c.configKey = b.configKey(rc) })
	c.mu.Lock()
	src := c.parsed[p.File]
	e, ok := c.templated[p.File]
	c.mu.Unlock()
	var h maphash.Hash
	h.SetSeed(c.seed)
	fmt.Fprintf(&h, "%d\x00%d\x00%d\x00%d\x00%s", c.configKey, c.shapeKey, c.resolverKey, src.hash, p.File)
	if p.URL == "/" { // the start page loads the checklist manifest by its hashed name
		fmt.Fprintf(&h, "\x00%s", rc.Manifest)
	}
	key := h.Sum64()
	if ok && e.key == key && src.hash != 0 {
		return e.html, nil
	}
	out, err := r.Page(p, prev, next)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.templated[p.File] = templatedPage{key: key, html: out}
	c.stats.Templated++
	c.mu.Unlock()
	return out, nil
}

// deferred are the steps LiveUpdate runs after the page has reloaded: their output is fetched by
// the browser later (the search index), and they cost most of a rebuild.
var deferred = map[string]bool{"search": true}

// LiveUpdate builds the site into memory for `cmplay serve` and describes the result for the
// open pages: the problems their overlay lists, and, when every changed file is a stylesheet,
// the bundled stylesheets to swap in place of a reload. The Result is nil when the build failed.
//
// So that the page reloads as soon as it can, LiveUpdate leaves out the deferred steps and
// borrows their files from the last complete build; Update.Then runs the complete build, which
// the server swaps in without a reload. Until then a search finds the text as it was one save
// earlier.
func (s *Session) LiveUpdate(changed []string) (Update, *Result, error) {
	before := s.assetPaths()
	mem := output.NewMemory()
	s.cache.invalidate(s.cfg.Source, changed)
	cfg := s.cfg
	cfg.Writer = mem
	fast := s.last != nil
	skip := map[string]bool{}
	if fast {
		skip = deferred
	}
	res, err := runCached(cfg, skip, s.cache)
	if err != nil {
		return Update{Problems: []Problem{{Msg: "build failed: " + err.Error()}}}, nil, err
	}
	u := s.update(mem, res)
	if fast {
		for _, name := range s.last.Names() {
			if _, ok := mem.File(name); !ok {
				data, _ := s.last.File(name)
				mem.WriteFile(name, data)
			}
		}
		u.Then = s.complete
	} else {
		s.last = mem
	}
	if cssOnly(changed) {
		u.CSS = []Swap{}
		after := s.assetPaths()
		for name, from := range before {
			if to := after[name]; to != from && strings.HasSuffix(name, ".css") {
				u.CSS = append(u.CSS, Swap{From: from, To: to})
			}
		}
	}
	return u, res, nil
}

// complete runs every step over what the last LiveUpdate read, for the server to swap in quietly.
func (s *Session) complete() Update {
	mem := output.NewMemory()
	res, err := s.Build(mem, []string{})
	if err != nil {
		return Update{Quiet: true, Problems: []Problem{{Msg: "build failed: " + err.Error()}}}
	}
	s.last = mem
	u := s.update(mem, res)
	u.Quiet = true
	return u
}

// update describes a finished build for the server.
func (s *Session) update(mem *output.Memory, res *Result) Update {
	u := Update{Site: mem, Errors: res.Diagnostics.Errors()}
	for _, d := range res.Diagnostics {
		if d.Severity != playbooks.Error {
			continue
		}
		pos := d.File
		if d.Line > 0 {
			pos += fmt.Sprintf(":%d:%d", d.Line, max(d.Col, 1))
		}
		u.Problems = append(u.Problems, Problem{Pos: pos, Msg: d.Msg})
	}
	return u
}

func (s *Session) assetPaths() map[string]string {
	if s.cache.bundle == nil {
		return nil
	}
	return s.cache.bundle.Paths
}

// cssOnly reports whether a change touched stylesheets and nothing else.
func cssOnly(changed []string) bool {
	for _, p := range changed {
		if !strings.EqualFold(filepath.Ext(p), ".css") {
			return false
		}
	}
	return len(changed) > 0
}

// reuseListing renders one of the generator's listing pages (kinds, tags, 404), or reuses the
// previous build's when nothing a listing shows has changed: listings show only the site's
// shape (see Session) and the renderer's configuration. Other generated pages are rendered.
func (b *build) reuseListing(url string, make func() ([]byte, error)) ([]byte, error) {
	c := b.cache
	listing := strings.HasPrefix(url, "/kinds/") || strings.HasPrefix(url, "/tags/") || url == "/404.html"
	if c == nil || !listing || c.configKey == 0 {
		return make()
	}
	c.shapeOnce.Do(func() { c.shapeKey = b.shapeKey() })
	key := c.configKey ^ c.shapeKey*31
	c.mu.Lock()
	e, ok := c.templated[url]
	c.mu.Unlock()
	if ok && e.key == key {
		return e.html, nil
	}
	out, err := make()
	if err == nil {
		c.mu.Lock()
		c.templated[url] = templatedPage{key: key, html: out}
		c.mu.Unlock()
	}
	return out, err
}
