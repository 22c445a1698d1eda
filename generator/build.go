package generator

import (
	"encoding/xml"
	"fmt"
	"html"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark"

	"github.com/cmplay/cmplay/generator/internal/assets"
	"github.com/cmplay/cmplay/generator/internal/checklist"
	"github.com/cmplay/cmplay/generator/internal/load"
	"github.com/cmplay/cmplay/generator/internal/markdown"
	"github.com/cmplay/cmplay/generator/internal/pages"
	"github.com/cmplay/cmplay/generator/internal/render"
	"github.com/cmplay/cmplay/generator/internal/site"
	"github.com/cmplay/cmplay/generator/output"
	"github.com/cmplay/cmplay/internal/parallel"
	"github.com/cmplay/cmplay/playbooks"
	"github.com/cmplay/cmplay/themes"
)

// Result summarises a build.
type Result struct {
	Pages       int
	Checklists  int
	Items       int
	Files       int // files written, pages and static files together
	Diagnostics playbooks.Diagnostics
	Notes       []string // things the build could not do that are not problems: "not a git repository"
	Duration    time.Duration
	Stages      []StageTime // how long each stage took, in pipeline order
	Out         string      // the output folder, or "" when written to a Writer
	Site        *site.Site  // nil when Unchanged
	// Unchanged is set when no input changed since the build in the output folder, which was
	// left as it was (Config.SkipUnchanged): the counts and diagnostics are that build's.
	Unchanged bool
}

// StageTime is the duration of one stage of a build.
type StageTime struct {
	Stage    string
	Duration time.Duration
}

// Summary is the one line the command line prints after a build.
func (r *Result) Summary() string {
	where := ""
	if r.Out != "" {
		where = " → " + r.Out
	}
	for _, n := range r.Notes {
		where += " (" + n + ")"
	}
	if r.Unchanged {
		where += " (up to date: no input changed since the last build, nothing written; --force rebuilds)"
	}
	return fmt.Sprintf("built %d pages (%d checklists, %d checklist items), %d errors, %d warnings in %s%s",
		r.Pages, r.Checklists, r.Items, r.Diagnostics.Errors(), r.Diagnostics.Warnings(), round(r.Duration), where)
}

func round(d time.Duration) time.Duration {
	if d > time.Second {
		return d.Round(10 * time.Millisecond)
	}
	return d.Round(time.Millisecond)
}

// Build runs the pipeline once: load → parse and assemble → render Markdown → history → checklist
// manifest → search index → assets → templates → write (see the package documentation). Problems
// in the content are collected as diagnostics and the build goes on; an error is
// returned only when no complete site could be written (a broken theme, an unwritable output
// folder), and then the previous output is left as it was.
func Build(cfg Config) (*Result, error) {
	return run(cfg, fullBuild, nil)
}

// plan says which of the pipeline's optional steps a run takes.
type plan struct {
	output  bool // bundle assets, execute templates, write acknowledgements (Check only analyses)
	search  bool // build the search index (LiveUpdate leaves it to the complete build after it)
	preview bool // the output is a live preview: pages show edits not committed yet
}

// fullBuild is the plan of `cmplay build`: every step.
var fullBuild = plan{output: true, search: true}

// run is the pipeline: each step in order, timed, its error wrapped with its name. c holds the
// work of earlier builds of a Session to reuse; nil (a one-off build) reuses nothing, and the
// steps read the same either way (see cache).
func run(cfg Config, p plan, c *cache) (*Result, error) {
	start := time.Now()
	cfg = cfg.withDefaults()
	b, err := newBuild(cfg, p, c)
	if err != nil {
		return nil, err
	}
	defer func() {
		// A panic that a caller recovers from (serve keeps running) must not keep the output
		// folder's lock held or the work folder half-written.
		if r := recover(); r != nil {
			b.abort()
			panic(r)
		}
	}()
	if res, ok := b.upToDate(start); ok {
		b.dir.Keep()
		return res, nil
	}
	b.readHistory()
	res := &Result{}
	s := steps{res: res}
	s.run("load", b.load)
	s.run("parse", b.parse)
	s.run("markdown", b.markdown)
	s.run("history", b.history)
	s.run("reserve", b.reserve)
	if p.output {
		s.run("acknowledge", b.acknowledgements)
	}
	s.run("checklists", b.checklists)
	if p.output {
		// The search index and the pages only read the site: on a cold build the index's
		// mostly single-threaded work overlaps the templates' parallel work.
		var search []step
		if p.search {
			search = []step{{"search", b.searchIndex}}
		}
		s.together(search, []step{{"assets", b.assets}, {"templates", b.templates}})
	}
	if s.err == nil {
		b.result(res)
	}
	s.run("write", b.commit)
	if s.err != nil {
		b.abort()
		return nil, s.err
	}
	b.record(res)
	res.Duration = time.Since(start)
	return res, nil
}

// result fills in what the build made.
func (b *build) result(res *Result) {
	b.diags.Sort()
	res.Diagnostics = b.diags
	res.Notes = b.hist.notes
	res.Site = b.site
	res.Pages = len(b.site.Pages)
	for _, p := range b.site.Pages {
		if len(p.Items) > 0 {
			res.Checklists++
			res.Items += len(p.Items)
		}
	}
	res.Files = b.files
	if b.dir != nil {
		res.Out = b.dir.Target()
	}
}

// steps runs the pipeline's steps one after another until one fails, recording how long each
// took.
type steps struct {
	res *Result
	err error
}

func (s *steps) run(name string, step func() error) {
	if s.err != nil {
		return
	}
	t := time.Now()
	if err := step(); err != nil {
		s.err = fmt.Errorf("%s: %w", name, err)
		return
	}
	s.res.Stages = append(s.res.Stages, StageTime{name, time.Since(t)})
}

// step is one named step of the pipeline.
type step struct {
	name string
	run  func() error
}

// together runs two sequences of steps at the same time, each in its order; the first error
// in either stops the pipeline once both are done. The stages are recorded in the order given.
func (s *steps) together(a, b []step) {
	if s.err != nil {
		return
	}
	seq := func(list []step) *steps {
		out := &steps{res: &Result{}}
		for _, st := range list {
			out.run(st.name, st.run)
		}
		return out
	}
	done := make(chan *steps, 1)
	var panicked any
	go func() {
		// A panic goes to the caller's goroutine, where serve recovers from it.
		defer func() {
			if r := recover(); r != nil {
				panicked = r
				done <- nil
			}
		}()
		done <- seq(a)
	}()
	sb := seq(b)
	sa := <-done
	if sa == nil {
		panic(panicked)
	}
	for _, r := range []*steps{sa, sb} {
		s.res.Stages = append(s.res.Stages, r.res.Stages...)
		if s.err == nil {
			s.err = r.err
		}
	}
}

// build is the state of one run of the pipeline.
type build struct {
	cfg      Config
	content  fs.FS
	theme    fs.FS
	baseURL  string
	basePath string
	fileURLs bool

	plan   plan
	dir    *output.Dir
	writer output.Writer
	files  int
	mu     sync.Mutex

	cache  *cache // results of earlier builds of a Session to reuse; nil for a one-off build
	keys   keys   // this build's fingerprints for cache lookups
	rc     render.Config
	hist   histState // set by the history step
	loaded load.Result
	site   *site.Site
	bundle *assets.Bundle
	diags  playbooks.Diagnostics
	// manifestJS is the site path of the checklist manifest script, set by the checklists step.
	manifestJS string
	// includes fingerprints, by page file, the files each page's includes read (includes.go),
	// and deps lists them.
	includes map[string]uint64
	deps     map[string][]string
	// inputs is the fingerprint of everything the build reads, when SkipUnchanged asked for it
	// (uptodate.go), and stamps the site's files it read; both recorded after the build.
	inputs string
	stamps map[string]stamp

	// Set by the reserve step: the table of generated output, the pages not written because a
	// generated page takes their URL, and each page's aliases that may be written.
	outputs   []Generated
	skipPage  map[string]bool
	aliasURLs map[*playbooks.Page][]string
}

func newBuild(cfg Config, p plan, c *cache) (*build, error) {
	base, bpath, fileURLs, err := basePath(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if err := CheckLinkURL(cfg.RepoURL); err != nil {
		return nil, fmt.Errorf("config: repo_url %q: %w", cfg.RepoURL, err)
	}
	b := &build{cfg: cfg, plan: p, cache: c, baseURL: base, basePath: bpath, fileURLs: fileURLs}
	contentDir := filepath.Join(cfg.Source, cfg.ContentDir)
	if st, err := os.Stat(contentDir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("load: no content folder at %s (set content_dir in %s, or pass --source)", contentDir, File)
	}
	b.content = c.content(os.DirFS(contentDir))
	b.theme = themes.Default()
	themeDir := filepath.Join(cfg.Source, "themes", cfg.Theme)
	if st, err := os.Stat(themeDir); err == nil && st.IsDir() {
		b.theme = themes.Overlay(os.DirFS(themeDir), themes.Default())
	} else if cfg.Theme != "default" {
		return nil, fmt.Errorf("templates: theme %q not found at %s", cfg.Theme, themeDir)
	}
	if cfg.Writer != nil {
		b.writer = cfg.Writer
		return b, nil
	}
	out := cfg.Out
	if out == "" {
		out = filepath.Join(cfg.Source, "public")
	}
	if b.dir, err = output.NewDirWith(out, cfg.Source, output.Options{Waiting: cfg.Waiting}); err != nil {
		return nil, err
	}
	b.writer = b.dir
	return b, nil
}

func (b *build) write(name string, data []byte) error {
	b.mu.Lock()
	b.files++
	b.mu.Unlock()
	return b.writer.WriteFile(name, data)
}

func (b *build) report(ds playbooks.Diagnostics) {
	b.mu.Lock()
	b.diags = append(b.diags, ds...)
	b.mu.Unlock()
}

// load reads the content folder, skipping what belongs to the site but is not content when the
// content folder is the site root (themes, the output folder).
func (b *build) load() error {
	opt := load.Options{Strict: filepath.Clean(b.cfg.ContentDir) == ".", Ignore: b.cfg.Ignore, Include: b.cfg.Include}
	contentAbs, _ := filepath.Abs(filepath.Join(b.cfg.Source, b.cfg.ContentDir))
	if b.dir != nil {
		if rel, err := filepath.Rel(contentAbs, b.dir.Target()); err == nil && !strings.HasPrefix(rel, "..") {
			opt.Skip = append(opt.Skip, filepath.ToSlash(rel))
		}
	}
	if opt.Strict {
		opt.Skip = append(opt.Skip, "themes", "public")
	}
	var diags playbooks.Diagnostics
	b.loaded, diags = load.Load(b.content, opt)
	b.report(prefixFiles(diags, b.cfg.ContentDir))
	return nil
}

func (b *build) parse() error {
	toc, tocDiags := b.readOutline()
	ps, diags := b.cache.parse(b.loaded.Sources, b.parseOptions(b.cfg.Drafts))
	pages.OneIndex(ps) // pages a Session parsed one at a time
	diags = append(diags, playbooks.UnknownKeys(ps)...)
	b.report(prefixFiles(diags, b.cfg.ContentDir))
	b.report(append(tocDiags, applyOutline(toc, ps)...)) // named from the site folder already
	static := make([]string, len(b.loaded.Static))
	for i, s := range b.loaded.Static {
		static[i] = s.File
	}
	b.site = site.New(ps, static)
	if toc != nil {
		b.site.FolderTitles = toc.FolderTitles()
	}
	b.report(prefixFiles(b.site.Assemble(), b.cfg.ContentDir))
	b.setLanguages()
	b.relocate()
	return nil
}

// markdown renders every page body in parallel with one shared goldmark instance.
func (b *build) markdown() error {
	md := markdown.New(markdown.Options{Unsafe: b.cfg.UnsafeHTML, FileURLs: b.fileURLs, Resolver: b.site, RepoFile: b.repoFile,
		Extensions: []goldmark.Extender{checklist.New()}, ReservedIDs: themeIDs(b.theme)})
	parallel.Each(len(b.site.Pages), 0, func(i int) error {
		p := b.site.Pages[i]
		x := b.expandIncludes(p)
		resolver := func() uint64 { return b.resolver() ^ b.includeKey(p.File) }
		diags := b.cache.markdown(p, resolver, func() playbooks.Diagnostics { return renderExpanded(md, p, x) })
		b.report(prefixFiles(diags, b.cfg.ContentDir))
		return nil
	})
	return nil
}

func (b *build) assets() error {
	bundle, err := b.cache.buildAssets(b.theme)
	if err != nil {
		return err
	}
	b.bundle = bundle
	static, err := assets.Static(b.theme)
	if err != nil {
		return err
	}
	for _, files := range []map[string][]byte{bundle.Files, static} {
		for _, name := range slices.Sorted(maps.Keys(files)) {
			if err := b.write(name, files[name]); err != nil {
				return err
			}
		}
	}
	return nil
}

// templates renders every page, the generated listings, and copies static files.
func (b *build) templates() error {
	theme, err := b.cache.loadTheme(b.theme)
	if err != nil {
		return err
	}
	b.rc = render.Config{
		Title: b.cfg.Title, Language: b.cfg.Language, BaseURL: b.baseURL, BasePath: b.basePath,
		FileURLs: b.fileURLs, RepoURL: b.cfg.RepoURL, EditBase: editBase(b.cfg.ContentDir), Branch: b.cfg.Branch,
		Assets: b.bundle.Paths, Manifest: b.manifestJS, Head: b.cfg.Head, Foot: b.cfg.Foot, Progress: b.hasProgress(),
	}
	if b.hist.site != nil { // an untyped nil outside a repository, so templates see "no history"
		b.rc.History = b.hist.site
	}
	r := render.New(theme, b.site, b.rc)
	ps := b.site.Pages
	err = parallel.Each(len(ps), 0, func(i int) error {
		if b.skipPage[ps[i].File] {
			return nil // on a generated URL: reported by the reserve step
		}
		var prev, next *playbooks.Page
		if i > 0 {
			prev = ps[i-1]
		}
		if i+1 < len(ps) {
			next = ps[i+1]
		}
		p := ps[i]
		html, err := b.cache.html(p.File, true, b.pageKey(p.File, p.URL), func() ([]byte, error) { return r.Page(p, prev, next) })
		if err != nil {
			return fmt.Errorf("%s: %w", ps[i].File, err)
		}
		return b.write(pageFile(ps[i].URL), html)
	})
	if err != nil {
		return err
	}
	if err := b.generated(r); err != nil {
		return err
	}
	return b.static()
}

// generated writes the pages of the table of generated output (see reserve), then the sitemap
// and the redirects of aliases.
func (b *build) generated(r *render.Renderer) error {
	var pages []Generated
	for _, g := range b.outputs {
		if g.Page != "" {
			pages = append(pages, g)
		}
	}
	err := parallel.Each(len(pages), 0, func(i int) error {
		g := pages[i]
		data, err := b.cache.html(g.URL, false, b.listingKey(g.URL), func() ([]byte, error) { return b.generatedPage(r, g) })
		if err != nil {
			return fmt.Errorf("%s: %w", g.URL, err)
		}
		return b.write(pageFile(g.URL), data)
	})
	if err != nil {
		return err
	}
	if b.hist.site != nil {
		if err := b.write("changelog.xml", b.hist.site.Atom(b.cfg.Title, b.baseURL)); err != nil {
			return err
		}
	}
	if err := b.aliases(); err != nil {
		return err
	}
	return b.write("sitemap.xml", b.sitemap())
}

// generatedPage renders one generated page of the table.
func (b *build) generatedPage(r *render.Renderer, g Generated) ([]byte, error) {
	switch g.Page {
	case "kind":
		return r.Kind(g.Kind, 1)
	case "tags":
		return r.Tags()
	case "tag":
		return r.Tag(g.Tag, 1)
	case "listing":
		return r.Listing(g.Listing)
	case "progress":
		return b.progressPage(r)
	case "search":
		return b.searchPage(r)
	case "404":
		return r.NotFound()
	case "record":
		return r.Generated(g.URL, "Completion record", "record", nil)
	case "changelog":
		return b.changelogPage(r, g)
	case "history":
		p := g.Of
		return r.Generated(g.URL, "History of "+p.Title, "history", func(d *render.Data) {
			d.Summary = "Every change to “" + p.Title + "”, newest first."
			d.Children = []render.Link{{Title: p.Title, URL: d.Rel(p.URL), Kind: p.Kind}}
		})
	}
	return nil, fmt.Errorf("no renderer for generated page %q", g.Page)
}

// aliases writes a small redirecting page at each old URL a page lists in `aliases`, and at each
// URL git shows it was renamed from (Page.Moved), that the reserve step let through.
func (b *build) aliases() error {
	for _, p := range b.site.Pages {
		for _, u := range slices.Sorted(slices.Values(b.aliasURLs[p])) {
			target := html.EscapeString(playbooks.RelURL(u, p.URL, b.fileURLs))
			doc := fmt.Sprintf("<!doctype html><html lang=\"%s\"><meta charset=\"utf-8\"><title>%s</title><link rel=\"canonical\" href=\"%s\"><meta name=\"robots\" content=\"noindex\"><meta http-equiv=\"refresh\" content=\"0; url=%s\"><p>This page has moved to <a href=\"%s\">%s</a>.</p></html>\n",
				html.EscapeString(b.cfg.Language), html.EscapeString(p.Title), target, target, target, html.EscapeString(p.Title))
			if err := b.write(pageFile(u), []byte(doc)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (b *build) sitemap() []byte {
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []url    `xml:"url"`
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, p := range b.site.Pages {
		u := url{Loc: strings.TrimSuffix(b.baseURL, "/") + p.URL}
		if len(p.History) > 0 { // the date of the page's last commit, when git knows it
			u.LastMod = p.History[0].Date.UTC().Format("2006-01-02")
		}
		set.URLs = append(set.URLs, u)
	}
	sort.Slice(set.URLs, func(i, j int) bool { return set.URLs[i].Loc < set.URLs[j].Loc })
	out, _ := xml.MarshalIndent(set, "", "  ")
	return append([]byte(xml.Header), append(out, '\n')...)
}

// static copies the content folder's other files as they are.
func (b *build) static() error {
	return parallel.Each(len(b.loaded.Static), 0, func(i int) error {
		f := b.loaded.Static[i].File
		data, err := fs.ReadFile(b.content, f)
		if err != nil {
			b.report(playbooks.Diagnostics{{File: path.Join(b.cfg.ContentDir, f), Severity: playbooks.Error, Rule: "read", Msg: fmt.Sprintf("cannot read: %v", err)}})
			return nil
		}
		return b.write(f, data)
	})
}

func (b *build) commit() error {
	if b.dir == nil {
		return nil
	}
	return b.dir.Commit()
}

func (b *build) abort() {
	if b.dir != nil {
		b.dir.Abort()
	}
}

// pageFile is the file a URL is served from: "/roles/a/" → "roles/a/index.html".
func pageFile(url string) string {
	if strings.HasSuffix(url, "/") {
		return strings.TrimPrefix(url, "/") + "index.html"
	}
	return strings.TrimPrefix(url, "/")
}

func editBase(contentDir string) string {
	c := filepath.ToSlash(filepath.Clean(contentDir))
	if c == "." {
		return ""
	}
	return c
}

// prefixFiles makes diagnostics name files relative to the site folder, as an author sees them.
func prefixFiles(ds playbooks.Diagnostics, contentDir string) playbooks.Diagnostics {
	base := editBase(contentDir)
	for i := range ds {
		if base != "" && ds[i].File != "" && !strings.HasPrefix(ds[i].File, base+"/") {
			ds[i].File = path.Join(base, ds[i].File)
		}
	}
	return ds
}
