package generator

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/cmplay/cmplay/generator/internal/history"
	"github.com/cmplay/cmplay/generator/internal/pages"
	"github.com/cmplay/cmplay/generator/internal/render"
	"github.com/cmplay/cmplay/playbooks"
)

// Generated is one place in the built site that cmplay fills itself, whatever the content says.
// The table of them (build.outputs) is the one home of the rule: the templates step renders its
// pages from it, and the reserve step checks every page URL, alias and static file against it,
// in build and in check alike.
type Generated struct {
	URL  string // site path: "/search/" for a page, "/favicon.svg" for a file
	Page string // which generated page ("search", "kind", "tag", "history", …); "" for a file
	Tree bool   // every path below URL is cmplay's too (search/, assets/)
	// Shallow narrows a Tree to the paths directly in the folder, not those in its sub-folders.
	Shallow bool
	// Theme marks a theme's static file, which a content file of the same path replaces (a
	// site's own favicon.svg); aliases and pages still may not take its place.
	Theme bool
	Kind  playbooks.Kind
	Tag   string
	Of    *playbooks.Page // the page a history page is about
	// Listing is a page of a folder's index, or a further page of a kind's or tag's listing.
	Listing render.Listing
	Number  int // which page of the changelog, from 1
}

// generatedTable lists what this build generates: the listings of the kinds and tags in use, the
// dashboard, completion record, search, 404, the sitemap and checklist manifest, the theme's
// static files and bundled assets, the search index, and with git history the changelog, its feed
// and the history page of every page whose history does not fit in its footer.
func (b *build) generatedTable() []Generated {
	var t []Generated
	for _, k := range playbooks.Kinds {
		if k != playbooks.KindPage && len(b.site.Kinds[k]) > 0 {
			t = append(t, Generated{URL: render.KindURL(k), Page: "kind", Kind: k})
		}
	}
	if len(b.site.Tags) > 0 {
		t = append(t, Generated{URL: "/tags/", Page: "tags"})
		for _, tag := range slices.Sorted(maps.Keys(b.site.Tags)) {
			t = append(t, Generated{URL: render.TagURL(tag), Page: "tag", Tag: tag})
		}
	}
	for _, l := range render.Listings(b.site) {
		t = append(t, Generated{URL: l.URL, Page: "listing", Listing: l})
	}
	if b.hasProgress() {
		t = append(t, Generated{URL: ProgressURL, Page: "progress"}, Generated{URL: RecordURL, Page: "record"})
	}
	t = append(t,
		Generated{URL: SearchURL, Page: "search"},
		Generated{URL: "/404.html", Page: "404"},
		Generated{URL: "/sitemap.xml"},
		Generated{URL: "/checklists.json"},
		Generated{URL: "/checklists.js"},
		Generated{URL: "/search/", Tree: true},
		// The bundles are files directly in assets/; a site's own assets/images/… (Jekyll
		// keeps its images there) are left to the site.
		Generated{URL: "/assets/", Tree: true, Shallow: true},
	)
	_ = fs.WalkDir(b.theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			t = append(t, Generated{URL: "/" + strings.TrimPrefix(p, "static/"), Theme: true})
		}
		return nil
	})
	if hs := b.hist.site; hs != nil {
		for k := 1; k <= hs.ChangelogPages(); k++ {
			t = append(t, Generated{URL: history.ChangelogURL(k), Page: "changelog", Number: k})
		}
		t = append(t, Generated{URL: "/changelog.xml"})
		for _, p := range b.site.Pages {
			if v := hs.For(p); v != nil && v.More > 0 {
				t = append(t, Generated{URL: history.URL(p.URL), Page: "history", Of: p})
			}
		}
	}
	return t
}

// RecordURL is the site path of the completion record.
const RecordURL = "/progress/record/"

// reservation answers whether a site path is taken by a generated page or file.
type reservation struct {
	exact   map[string]Generated
	trees   []string // folders every path below which is cmplay's, ending in "/"
	shallow []string // folders every path directly in which is cmplay's, ending in "/"
	files   map[string]bool
	theme   map[string]bool // theme static files, by path without the leading "/"
}

func newReservation(t []Generated) *reservation {
	r := &reservation{exact: map[string]Generated{}, files: map[string]bool{}, theme: map[string]bool{}}
	for _, g := range t {
		if g.Tree && g.Shallow {
			r.shallow = append(r.shallow, g.URL)
			continue
		}
		if g.Tree {
			r.trees = append(r.trees, g.URL)
			continue
		}
		r.exact[g.URL] = g
		if g.Theme {
			r.theme[strings.TrimPrefix(g.URL, "/")] = true
		}
		if !strings.HasSuffix(g.URL, "/") {
			r.files[strings.TrimPrefix(g.URL, "/")] = true
		}
	}
	return r
}

// taken reports what generated output a page or alias at the folder URL u (ending in "/")
// would clash with: the same URL, a folder cmplay fills, or a generated file where u needs a
// folder ("/favicon.svg/" cannot be written beside the file favicon.svg).
func (r *reservation) taken(u string) (string, bool) {
	if g, ok := r.exact[u]; ok {
		return g.URL, true
	}
	for _, tree := range r.trees {
		if strings.HasPrefix(u, tree) {
			return tree, true
		}
	}
	for _, dir := range r.shallow {
		if rest, ok := strings.CutPrefix(u, dir); ok && !strings.Contains(strings.TrimSuffix(rest, "/"), "/") {
			return dir, true
		}
	}
	for dir := strings.Trim(u, "/"); dir != "" && dir != "."; dir = path.Dir(dir) {
		if r.files[dir] {
			return "/" + dir, true
		}
	}
	return "", false
}

// reserve is the pipeline step that checks the site against the table of generated output: a
// page on a generated URL is not written (the generated page is), an alias that would replace a
// generated page or file, a page, another alias or a static file is not written, and a static
// file that cmplay generates itself is not copied. Each gets a diagnostic at its file and line;
// the build goes on. It runs in check too, so both report the same findings.
func (b *build) reserve() error {
	b.outputs = b.generatedTable()
	res := newReservation(b.outputs)
	b.skipPage = map[string]bool{}
	var ds playbooks.Diagnostics
	for _, p := range b.site.Pages {
		if what, ok := res.taken(p.URL); ok {
			b.skipPage[p.File] = true
			if what != p.URL {
				what = p.URL + " needs " + what + ", which"
			}
			ds = append(ds, playbooks.Diagnostic{File: p.File, Line: 1, Col: 1, Severity: playbooks.Error, Rule: "duplicate-url",
				Msg: fmt.Sprintf("%s is generated by cmplay; this page is not built", what), Fix: "rename the file or folder"})
		}
	}
	static := map[string]bool{}
	for _, s := range b.loaded.Static {
		static[s.File] = true
		if what, ok := res.taken("/" + s.File + "/"); ok && !(res.theme[s.File] && what == "/"+s.File) {
			ds = append(ds, playbooks.Diagnostic{File: s.File, Severity: playbooks.Error, Rule: "duplicate-url",
				Msg: fmt.Sprintf("/%s is generated by cmplay (%s); this file is not copied", s.File, what), Fix: "rename the file or folder"})
			b.skipStatic(s.File)
		}
	}
	aliased := map[string]*playbooks.Page{}
	b.aliasURLs = map[*playbooks.Page][]string{}
	for _, p := range b.site.Pages {
		for _, a := range p.Aliases {
			d := playbooks.Diagnostic{File: p.File, Line: p.FrontMatterLine("aliases"), Col: 1, Severity: playbooks.Error, Rule: "duplicate-url"}
			u, err := pages.AliasURL(a)
			var clash string
			if err != nil {
				clash = fmt.Sprintf("alias %q: %v", a, err)
			} else if what, ok := res.taken(u); ok {
				clash = fmt.Sprintf("alias %s would replace %s, which cmplay generates", a, what)
			} else if other := b.site.ByURL[u]; other != nil {
				clash = fmt.Sprintf("alias %s is the URL of %s", a, other.File)
			} else if other := aliased[u]; other != nil {
				clash = fmt.Sprintf("alias %s is also an alias of %s", a, other.File)
			} else if f := staticClash(static, u); f != "" {
				clash = fmt.Sprintf("alias %s would replace the file %s", a, f)
			}
			if clash != "" {
				d.Msg, d.Fix = clash+"; no redirect is written", "remove the alias or pick another URL"
				ds = append(ds, d)
				continue
			}
			aliased[u] = p
			b.aliasURLs[p] = append(b.aliasURLs[p], u)
		}
	}
	// A URL a page had before a git rename redirects to it, unless anything else is there now;
	// that needs no diagnostic (the old URL simply belongs to something else).
	for _, p := range b.site.Pages {
		for _, u := range p.Moved {
			if _, ok := res.taken(u); ok || b.site.ByURL[u] != nil || aliased[u] != nil || staticClash(static, u) != "" {
				continue
			}
			aliased[u] = p
			b.aliasURLs[p] = append(b.aliasURLs[p], u)
		}
	}
	b.report(prefixFiles(ds, b.cfg.ContentDir))
	return nil
}

// staticClash returns the static file a folder URL would need to replace: the file itself, or a
// file where one of its folders goes.
func staticClash(static map[string]bool, u string) string {
	for dir := strings.Trim(u, "/"); dir != "" && dir != "."; dir = path.Dir(dir) {
		if static[dir] {
			return dir
		}
	}
	return ""
}

// skipStatic drops a static file from the files the templates step copies.
func (b *build) skipStatic(file string) {
	kept := b.loaded.Static[:0]
	for _, s := range b.loaded.Static {
		if s.File != file {
			kept = append(kept, s)
		}
	}
	b.loaded.Static = kept
}
