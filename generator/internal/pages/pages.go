// Package pages is the parse stage: it turns each loaded Markdown file into a playbooks.Page with
// typed front matter, a title and a URL, and reports pages that would land on the same URL.
package pages

import (
	"bufio"
	"bytes"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/cmplay/cmplay/generator/internal/load"
	"github.com/cmplay/cmplay/internal/glob"
	"github.com/cmplay/cmplay/internal/parallel"
	"github.com/cmplay/cmplay/playbooks"
)

// Options are what the parse stage takes from the site's configuration.
type Options struct {
	Drafts bool // keep pages marked draft
	// Keys says what to do with front matter keys cmplay does not know ([frontmatter] in
	// cmplay.toml).
	Keys playbooks.KeyPolicy
	// Checklists, when not nil, are the globs of the pages whose task lists are checklists a
	// reader ticks; the task lists of other pages stay plain GitHub checkboxes.
	Checklists []string
}

// Parse builds the pages of a site from its sources. Drafts are dropped unless drafts is true.
// Pages whose URLs collide are reported and only the first (in file order) is kept.
func Parse(sources []load.Source, drafts bool) ([]*playbooks.Page, playbooks.Diagnostics) {
	return ParseWith(sources, Options{Drafts: drafts})
}

// ParseWith is Parse with the site's options.
func ParseWith(sources []load.Source, opt Options) ([]*playbooks.Page, playbooks.Diagnostics) {
	drafts := opt.Drafts
	parsed := make([]*playbooks.Page, len(sources))
	found := make([]playbooks.Diagnostics, len(sources))
	// Front matter decoding is the costly part and each file is independent.
	parallel.For(len(sources), func(_, i int) {
		parsed[i], found[i] = parseOne(sources[i], opt)
	})
	var diags playbooks.Diagnostics
	pages := make([]*playbooks.Page, 0, len(sources))
	for i, p := range parsed {
		diags = append(diags, found[i]...)
		if p.Draft && !drafts {
			continue
		}
		pages = append(pages, p)
	}
	OneIndex(pages)
	pages, ds := dedupe(pages)
	return pages, append(diags, ds...)
}

func parseOne(src load.Source, opt Options) (*playbooks.Page, playbooks.Diagnostics) {
	block, body, diags := playbooks.SplitFrontMatter(src.File, src.Data)
	fm, ds := opt.Keys.Decode(src.File, block)
	diags = append(diags, ds...)
	if fm.Kind == "" {
		fm.Kind = playbooks.KindPage
	}
	p := &playbooks.Page{
		File:        src.File,
		IsIndex:     IsIndexFile(src.File),
		FrontMatter: fm,
		Format:      block.Format,
		BodyLine:    block.EndLine + 1,
		Body:        body,
	}
	p.URL = URL(src.File)
	p.PlainTasks = fm.Checklist != nil && !*fm.Checklist || opt.Checklists != nil && !glob.Under(opt.Checklists, src.File)
	if p.Title == "" {
		p.Title, p.TitleLine = firstHeading(body)
	}
	if p.Title == "" {
		p.Title = titleFromFile(src.File, p.IsIndex)
	}
	return p, append(diags, ownURL(p)...)
}

// indexRank orders the files that may be a folder's page: Hugo's _index.md, then index.md
// (Jekyll, MkDocs), then README.md (GitHub, GitBook). A folder often has two — index.md for the
// site and README.md for GitHub — and the first is the folder's page.
func indexRank(file string) int {
	switch strings.ToLower(path.Base(file)) {
	case "_index.md":
		return 0
	case "index.md":
		return 1
	}
	return 2
}

// OneIndex keeps one index page per folder (see indexRank); the others become ordinary pages of
// the folder, at the URL of their file name ("/guide/readme/"). Parse applies it; a caller that
// assembles pages parsed one at a time applies it to the whole set.
func OneIndex(ps []*playbooks.Page) {
	best := map[string]*playbooks.Page{}
	for _, p := range ps {
		if !p.IsIndex {
			continue
		}
		if b, ok := best[p.Dir()]; !ok || indexRank(p.File) < indexRank(b.File) {
			best[p.Dir()] = p
		}
	}
	for _, p := range ps {
		if !p.IsIndex || best[p.Dir()] == p {
			continue
		}
		fileURL := URL(p.File)
		p.IsIndex = false
		if p.URL == fileURL {
			p.URL = pageURL(p.File)
		}
		if _, titled := p.KeyLines["title"]; !titled && p.TitleLine == 0 { // titled after its file
			p.Title = titleFromFile(p.File, false)
		}
	}
}

// IsIndexFile reports whether a file is its folder's own page.
func IsIndexFile(file string) bool {
	switch strings.ToLower(path.Base(file)) {
	case "_index.md", "readme.md", "index.md":
		return true
	}
	return false
}

// firstHeading returns the plain text of the first level-1 heading outside fenced code (ATX,
// or HTML as READMEs write it), and its line.
func firstHeading(body []byte) (string, int) {
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 64*1024), len(body)+1)
	fence := ""
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), " \t\r")
		trimmed := strings.TrimLeft(line, " ")
		if len(line)-len(trimmed) > 3 {
			continue
		}
		if f := fenceOf(trimmed); f != "" {
			if fence == "" {
				fence = f
			} else if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		}
		if fence == "" && (strings.HasPrefix(trimmed, "# ") || trimmed == "#") {
			t := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(trimmed[1:]), "#"))
			if i := strings.LastIndex(t, " {"); i >= 0 && strings.HasSuffix(t, "}") {
				t = strings.TrimSpace(t[:i])
			}
			if t := headingTitle(t); t != "" {
				return t, n
			}
		}
		if t := htmlTitle(trimmed); fence == "" && t != "" {
			return t, n
		}
	}
	return "", 0
}

func fenceOf(line string) string {
	for _, f := range []string{"```", "~~~"} {
		if strings.HasPrefix(line, f) {
			n := len(line) - len(strings.TrimLeft(line, f[:1]))
			return strings.Repeat(f[:1], n)
		}
	}
	return ""
}

func titleFromFile(file string, index bool) string {
	name := path.Base(file)
	if index {
		name = path.Base(path.Dir(file))
		if name == "." {
			return "Home"
		}
	}
	if t := playbooks.TitleFromName(strings.TrimSuffix(name, path.Ext(name))); t != "" {
		return t
	}
	return file
}

// dedupe reports every set of pages that map to one URL, keeping the first.
func dedupe(pages []*playbooks.Page) ([]*playbooks.Page, playbooks.Diagnostics) {
	sort.SliceStable(pages, func(i, j int) bool { return pages[i].File < pages[j].File })
	byURL := map[string]*playbooks.Page{}
	var diags playbooks.Diagnostics
	kept := pages[:0]
	for _, p := range pages {
		if first, ok := byURL[p.URL]; ok {
			diags = append(diags, playbooks.Diagnostic{File: p.File, Line: 1, Col: 1, Severity: playbooks.Error, Rule: "duplicate-url",
				Msg: fmt.Sprintf("%s and %s both map to the URL %s; %s is not built", first.File, p.File, p.URL, p.File),
				Fix: "rename one of the files"})
			continue
		}
		byURL[p.URL] = p
		kept = append(kept, p)
	}
	return kept, diags
}
