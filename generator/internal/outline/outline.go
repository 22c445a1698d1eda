// Package outline reads the table of contents another documentation tool keeps beside the
// pages — GitBook's SUMMARY.md, the nav of MkDocs' mkdocs.yml — so a handbook brought from it
// keeps the order its authors chose. An outline gives order and sidebar titles only: the folders
// remain the structure, so a page is where its file is, whatever the outline nests it under.
package outline

import (
	"bufio"
	"bytes"
	"fmt"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/cmplay/cmplay/playbooks"
)

// Entry is one page of an outline, in reading order.
type Entry struct {
	File  string // the page's file, slash-separated below the content folder
	Title string // the title the outline gives it
	Line  int    // where the outline names it
	// Section is the title of the outline's section the entry is in ("Getting started"), "" at
	// the top.
	Section string
}

// Outline is the reading order of a site's pages as another tool's table of contents gives it.
type Outline struct {
	File    string // the outline's own file, for diagnostics
	Entries []Entry
	// Redirects are old addresses the tool redirected to pages (GitBook's .gitbook.yaml).
	Redirects []Redirect
}

// summaryItem is a list item holding a link: "* [Title](path.md)", "- [Title](<path.md>)".
var summaryItem = regexp.MustCompile(`^\s*[*+-]\s+\[(.*)\]\(\s*<?([^)>]*)>?\s*\)`)

// Summary reads GitBook's SUMMARY.md: every list item that links to a Markdown file is an entry,
// in the order written; headings ("## Part 2") and other lines are left out. Links are
// relative to the SUMMARY's folder (dir, "" at the content root).
func Summary(file, dir string, data []byte) Outline {
	o := Outline{File: file}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		m := summaryItem.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		if f, ok := pageFile(dir, m[2]); ok {
			o.Entries = append(o.Entries, Entry{File: f, Title: strings.TrimSpace(m[1]), Line: n})
		}
	}
	return o
}

// MkDocs reads the nav of mkdocs.yml. Its paths are relative to the docs folder (docs_dir,
// default "docs", beside mkdocs.yml); prefix is that folder's path from the content folder ("" when
// the content folder is the docs folder). Only the nav key is decoded: mkdocs.yml often holds
// Python tags (!!python/name:…) for its plugins that no YAML decoder outside Python reads.
func MkDocs(file string, data []byte, prefix string) (Outline, playbooks.Diagnostics) {
	o := Outline{File: file}
	block, line := topLevelKey(data, "nav")
	if block == nil {
		return o, nil
	}
	var doc struct {
		Nav []any `yaml:"nav"`
	}
	if err := playbooks.UnmarshalYAML(block, &doc); err != nil {
		return o, playbooks.Diagnostics{{File: file, Line: line, Col: 1, Severity: playbooks.Warning, Rule: "outline",
			Msg: "the nav of mkdocs.yml does not parse: " + strings.Split(err.Error(), "\n")[0] + "; pages are ordered by weight and title",
			Fix: "fix the YAML of nav"}}
	}
	lines := strings.Split(string(block), "\n")
	at := 0 // entries come in the order of the lines; each is found on the first line after the last
	add := func(section, title, dest string) {
		f, ok := pageFile(prefix, dest)
		if !ok {
			return
		}
		for i := at; i < len(lines); i++ {
			if strings.Contains(lines[i], dest) {
				at = i
				break
			}
		}
		o.Entries = append(o.Entries, Entry{File: f, Title: strings.TrimSpace(title), Line: line + at, Section: section})
	}
	var walk func(section string, items []any)
	walk = func(section string, items []any) {
		for _, it := range items {
			switch x := it.(type) {
			case string: // a page without a title: "about.md"
				add(section, "", x)
			case map[string]any:
				for title, v := range x { // one key: "Title: page.md" or "Section: [...]"
					switch v := v.(type) {
					case string:
						add(section, title, v)
					case []any:
						walk(strings.TrimSpace(title), v)
					}
				}
			}
		}
	}
	walk("", doc.Nav)
	return o, nil
}

// pageFile resolves a link of an outline to a Markdown file below the content folder; links
// elsewhere (a URL, a file outside) are not pages of the outline.
func pageFile(dir, dest string) (string, bool) {
	dest, _, _ = strings.Cut(strings.TrimSpace(dest), "#")
	if d, err := url.PathUnescape(dest); err == nil {
		dest = d
	}
	if dest == "" || strings.Contains(dest, "://") || !strings.EqualFold(path.Ext(dest), ".md") {
		return "", false
	}
	f := path.Clean(path.Join(dir, dest))
	if f == ".." || strings.HasPrefix(f, "../") || path.IsAbs(f) {
		return "", false
	}
	return f, true
}

// topLevelKey cuts the lines of one top-level key ("nav:" and what is indented below it) out
// of a YAML file, with the line it starts on.
func topLevelKey(data []byte, key string) ([]byte, int) {
	var out []byte
	start := 0
	lines := bytes.SplitAfter(data, []byte("\n"))
	for i, l := range lines {
		if start == 0 {
			if bytes.HasPrefix(l, []byte(key+":")) {
				start = i + 1
				out = append(out, l...)
			}
			continue
		}
		t := bytes.TrimRight(l, "\r\n")
		if len(t) > 0 && t[0] != ' ' && t[0] != '\t' && t[0] != '-' && t[0] != '#' {
			break // the next top-level key
		}
		out = append(out, l...)
	}
	if start == 0 {
		return nil, 0
	}
	return out, start
}

// FolderTitles names folders after the outline's sections: a section whose pages are all in
// one folder gives that folder its title ("Getting started" for start/), as the tool showed it.
func (o Outline) FolderTitles() map[string]string {
	dirs := map[string]string{} // section → its pages' folder, "\x00" when they are in several
	for _, e := range o.Entries {
		if e.Section == "" {
			continue
		}
		d := path.Dir(e.File)
		if prev, ok := dirs[e.Section]; ok && prev != d {
			d = "\x00"
		}
		dirs[e.Section] = d
	}
	titles := map[string]string{}
	for section, d := range dirs {
		if d != "\x00" && d != "." {
			titles[d] = section
		}
	}
	return titles
}

// Missing reports the entries of an outline that name no page of the site.
func (o Outline) Missing(exists func(file string) bool) playbooks.Diagnostics {
	var ds playbooks.Diagnostics
	for _, e := range o.Entries {
		if !exists(e.File) {
			ds = append(ds, playbooks.Diagnostic{File: o.File, Line: e.Line, Col: 1, Severity: playbooks.Warning, Rule: "outline",
				Msg: fmt.Sprintf("%s lists %s, which is not a page of the site", path.Base(o.File), e.File),
				Fix: "fix the path, or remove the entry"})
		}
	}
	return ds
}

// Redirect is an old address GitBook's .gitbook.yaml sends to a page.
type Redirect struct {
	From string // the old path, as written ("previous/page")
	File string // the page's file below the content folder
}

// GitBook is what a .gitbook.yaml at the content root says: the folder the book lives in (root,
// "" for the content folder itself), the outline's file below it, and the redirects.
type GitBook struct {
	Root, Summary string
	Redirects     []Redirect
}

// ReadGitBook reads a .gitbook.yaml. A file that does not parse is reported, and GitBook's
// defaults (the content folder, SUMMARY.md) stand.
func ReadGitBook(file string, data []byte) (GitBook, playbooks.Diagnostics) {
	gb := GitBook{Summary: "SUMMARY.md"}
	var doc struct {
		Root      string `yaml:"root"`
		Structure struct {
			Summary string `yaml:"summary"`
		} `yaml:"structure"`
		Redirects map[string]string `yaml:"redirects"`
	}
	if err := playbooks.UnmarshalYAML(data, &doc); err != nil {
		return gb, playbooks.Diagnostics{{File: file, Line: 1, Col: 1, Severity: playbooks.Warning, Rule: "outline",
			Msg: ".gitbook.yaml does not parse: " + strings.Split(err.Error(), "\n")[0], Fix: "fix its YAML"}}
	}
	if r := path.Clean(strings.TrimSpace(doc.Root)); r != "." && r != "/" && !strings.HasPrefix(r, "..") {
		gb.Root = strings.Trim(r, "/")
	}
	if doc.Structure.Summary != "" {
		gb.Summary = doc.Structure.Summary
	}
	for _, from := range slices.Sorted(maps.Keys(doc.Redirects)) {
		if f, ok := pageFile(gb.Root, doc.Redirects[from]); ok {
			gb.Redirects = append(gb.Redirects, Redirect{From: from, File: f})
		}
	}
	return gb, nil
}

// SummaryFile is the outline's file below the content folder.
func (gb GitBook) SummaryFile() string { return path.Join(gb.Root, gb.Summary) }
