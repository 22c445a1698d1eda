package playbooks

import (
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Page is one Markdown file of a playbook, as it moves through the build. The load and parse
// stages fill the source fields; the markdown stage fills the rendered ones.
type Page struct {
	File    string // path below the content folder, slash-separated: "roles/internal.md"
	URL     string // site-relative URL path, "/" at both ends: "/roles/internal/"
	IsIndex bool   // _index.md or README.md: the page of its folder
	FrontMatter
	// TitleLine is the line of the heading the title was taken from, 0 when the front matter or
	// the file name gave it; the markdown stage leaves that heading out, since the layout shows
	// the title.
	TitleLine int
	// Language is the page's language tag when it differs from the site's: its own, or its
	// folder's from [languages] in cmplay.toml; "" means the site's.
	Language string
	// TranslationOf is the file of the page this one translates: "guide.md" for "guide.fr.md"
	// (a file named <name>.<language>.md beside <name>.md); "" for every other page.
	TranslationOf string
	Format        string // front matter format: "yaml", "toml" or ""
	BodyLine      int    // first line of the body (after the front matter)
	Body          []byte // the file with its front matter blanked out: same line numbers as the file
	// PlainTasks renders the page's task lists as plain GitHub checkboxes rather than checklist
	// items (`checklist: false`, or a page outside the `checklists` globs of cmplay.toml).
	PlainTasks bool

	// Filled by the markdown stage.
	HTML     string    // rendered body
	Headings []Heading // every heading in document order, with its anchor
	Items    []Item    // checklist items in document order
	Links    []Link    // links and images found in the body, before rewriting
	Text     string    // plain text of the body, for search and summaries
	Sections []Section // the body's text split at headings, for search

	// Filled by the history stage: commits that changed the file, newest first.
	History []Commit
	// Moved lists the URLs the page had before git renames (exact renames, as `git mv` makes),
	// newest first: the build redirects them here and the browser carries ticks over.
	Moved []string
	// AckDiffs is, for a page readers acknowledge, the word diff of its text from each earlier
	// version (by commit) to now: [[op, text], …] with op "=", "-" or "+" (filled at build time
	// from git; see generator/internal/acknowledge).
	AckDiffs map[string][][2]string
}

// Dir is the folder the page belongs to: its own folder for an index page, else the folder of
// its file ("" at the root).
func (p *Page) Dir() string {
	d := path.Dir(p.File)
	if d == "." {
		return ""
	}
	return d
}

// Section is the top-level folder of the page ("" for pages at the root).
func (p *Page) Section() string {
	s, _, _ := strings.Cut(p.Dir(), "/")
	return s
}

// Slug is the page's file name without extension; role pages are named by it in `roles`.
func (p *Page) Slug() string {
	if p.IsIndex {
		return path.Base(p.Dir())
	}
	return strings.TrimSuffix(path.Base(p.File), path.Ext(p.File))
}

// FrontMatterLine is the line a front matter key is written on, or the first line of the file.
func (p *Page) FrontMatterLine(key string) int {
	if l, ok := p.KeyLines[key]; ok {
		return l
	}
	return 1
}

// IsChecklist reports whether readers can tick anything on the page.
func (p *Page) IsChecklist() bool { return len(p.Items) > 0 }

// Heading is a heading of a page with its anchor id.
type Heading struct {
	Level int
	ID    string
	Text  string
	Due   string // due offset from a {due="…"} attribute, if any
	Line  int
}

// Link is a link or image destination as written in the source.
type Link struct {
	Dest  string
	Image bool
	Line  int
	Col   int
}

// Item is one checklist item (a GitHub task-list item) of a page.
type Item struct {
	ID      string // stable id, unique across the site
	Pinned  bool   // the id was written by the author as {#id}
	Text    string // plain text of the item
	HTML    string // rendered inline content of the item
	Hash    string // hash of the normalised text; changes when the item is reworded
	Checked bool   // ticked by default ("- [x]")
	Section string // anchor of the nearest heading above the item
	Phase   string // text of that heading
	Due     string // due offset of the phase, e.g. "day 30"
	Line    int
}

// Section is the text of a page between one heading and the next, for search.
type Section struct {
	ID    string // anchor of the heading ("" for the text before the first heading)
	Title string
	Text  string
}

// Commit is one change to a page in the site's git history.
type Commit struct {
	Hash    string
	Author  string
	Email   string
	Date    time.Time
	Subject string
	PR      int // pull request number named in the subject, 0 if none
}

// TitleFromName is the title of a page or folder that has none of its own, made from its file or
// folder name without extension: dashes and underscores become spaces and the first letter (not
// the first byte: "über-uns" is "Über uns") is upper-cased. It returns "" for an empty name.
func TitleFromName(name string) string {
	name = strings.TrimSpace(strings.NewReplacer("-", " ", "_", " ").Replace(name))
	if name == "" {
		return ""
	}
	r, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[size:]
}
