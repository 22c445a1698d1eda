package history

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/cmplay/cmplay/playbooks"
)

// Site is what the theme shows of the history: the log joined with the site's pages and the
// forge the repository lives on. Templates reach it as .Site.History.
type Site struct {
	Log   *Log
	Forge Forge
	// Uncommitted names the pages whose file differs from HEAD (set under cmplay serve).
	Uncommitted map[string]bool

	pages  map[string]*playbooks.Page // by file
	byHist map[string]*playbooks.Page // by the URL of their full history
	byC    map[*Commit][]*File
	order  map[*Commit]int     // position in Log.Commits, newest first
	deps   map[string][]string // page file → the files its includes read (Include)
	usedBy map[string][]string // an included file → the page files that include it
}

// NewSite joins a log with the site's pages.
func NewSite(log *Log, forge Forge, pages []*playbooks.Page) *Site {
	s := &Site{Log: log, Forge: forge, pages: map[string]*playbooks.Page{}, byHist: map[string]*playbooks.Page{}, byC: map[*Commit][]*File{}}
	for _, p := range pages {
		s.pages[p.File] = p
		s.byHist[URL(p.URL)] = p
	}
	for _, p := range slices.Sorted(maps.Keys(log.Files)) {
		f := log.Files[p]
		for _, c := range f.Commits {
			s.byC[c] = append(s.byC[c], f)
		}
	}
	s.order = make(map[*Commit]int, len(log.Commits))
	for i, c := range log.Commits {
		s.order[c] = i
	}
	return s
}

// Include tells the history which files each page's includes read (page file → files, as the
// markdown stage expanded them). A commit that changes an included file changes what the page
// says: it is on the page's history (For, History), in the version readers acknowledge, and its
// changelog entry names the page.
func (s *Site) Include(deps map[string][]string) {
	s.deps = deps
	s.usedBy = map[string][]string{}
	for _, page := range slices.Sorted(maps.Keys(deps)) {
		for _, f := range deps[page] {
			if !slices.Contains(s.usedBy[f], page) {
				s.usedBy[f] = append(s.usedBy[f], page)
			}
		}
	}
}

// change is a commit on a page's history and what it did: to the page's own file, or, when via
// is set, to that included file.
type change struct {
	c   *Commit
	ch  Change
	via string
}

// changes are the commits that changed a page: those of its own file, then those of its
// included files that are not already among them, newest first.
func (s *Site) changes(file string) []change {
	var out []change
	seen := map[*Commit]bool{}
	if f := s.Log.Files[file]; f != nil {
		for _, c := range f.Commits {
			ch, _ := f.ChangeFor(c)
			out = append(out, change{c: c, ch: ch})
			seen[c] = true
		}
	}
	own := len(out)
	for _, dep := range s.deps[file] {
		f := s.Log.Files[dep]
		if f == nil {
			continue
		}
		for _, c := range f.Commits {
			if !seen[c] {
				ch, _ := f.ChangeFor(c)
				out = append(out, change{c: c, ch: ch, via: dep})
				seen[c] = true
			}
		}
	}
	if len(out) > own {
		slices.SortStableFunc(out, func(a, b change) int { return s.position(a.c) - s.position(b.c) })
	}
	return out
}

// position is where a commit is in the log, newest first.
func (s *Site) position(c *Commit) int {
	if i, ok := s.order[c]; ok {
		return i
	}
	return len(s.order)
}

// History is a page's history in the form playbooks.Page carries it: the commits of its file
// and of the files it includes (see Include), newest first.
func (s *Site) History(file string) []playbooks.Commit {
	cs := s.changes(file)
	if len(cs) == 0 {
		return nil
	}
	out := make([]playbooks.Commit, len(cs))
	for i, c := range cs {
		out[i] = c.c.Commit
	}
	return out
}

// URL is the site path of a page's full history: "/roles/cm/" → "/history/roles/cm/".
func URL(pageURL string) string { return "/history" + pageURL }

// Forge makes links to commits and pull requests on GitHub or GitLab (also self-hosted: a URL
// with "gitlab" in it uses GitLab's paths).
type Forge struct{ RepoURL string }

func (f Forge) base() string {
	return strings.TrimSuffix(strings.TrimSuffix(f.RepoURL, "/"), ".git")
}

func (f Forge) gitlab() bool { return strings.Contains(f.RepoURL, "gitlab") }

// CommitURL is the forge's page of a commit, "" without a repository URL.
func (f Forge) CommitURL(hash string) string {
	switch {
	case f.RepoURL == "" || hash == "":
		return ""
	case f.gitlab():
		return f.base() + "/-/commit/" + hash
	}
	return f.base() + "/commit/" + hash
}

// PRURL is the forge's page of a pull (merge) request, "" when unknown.
func (f Forge) PRURL(n int) string {
	switch {
	case f.RepoURL == "" || n == 0:
		return ""
	case f.gitlab():
		return fmt.Sprintf("%s/-/merge_requests/%d", f.base(), n)
	}
	return fmt.Sprintf("%s/pull/%d", f.base(), n)
}

// PRLabel is how a PR is named on its forge: "#12" or "!12".
func (f Forge) PRLabel(n int) string {
	if f.gitlab() {
		return fmt.Sprintf("!%d", n)
	}
	return fmt.Sprintf("#%d", n)
}

// CommitView is a commit as the theme shows it.
type CommitView struct {
	playbooks.Commit
	Short   string // abbreviated hash
	URL     string // on the forge, "" without repo_url
	PRURL   string
	PRLabel string
	Shown   string // the subject as the theme shows it before the PR label
	Change  Change // what it did to the page shown, on a page's history
	// Via is set when the commit changed the page shown only through a file the page includes:
	// that file, and Change is what the commit did to it.
	Via string
}

func (s *Site) view(c *Commit) CommitView {
	v := CommitView{Commit: c.Commit, Short: c.Hash[:min(len(c.Hash), 7)], URL: s.Forge.CommitURL(c.Hash), Shown: c.Subject}
	if c.PR != 0 {
		v.PRURL, v.PRLabel = s.Forge.PRURL(c.PR), s.Forge.PRLabel(c.PR)
		// The theme shows the PR once, after the subject (linked when the forge is known), so a
		// squash merge's "Subject (#47)" drops its own copy; a subject that names the PR some
		// other way ("Merge pull request #47 from …") keeps it and, without a link to add, is
		// shown as it is.
		if paren := "(" + v.PRLabel + ")"; strings.HasSuffix(v.Subject, paren) {
			v.Shown = strings.TrimSpace(strings.TrimSuffix(v.Subject, paren))
		} else if v.PRURL == "" && strings.Contains(v.Subject, v.PRLabel) {
			v.PRLabel = ""
		}
	}
	return v
}

// PageView is the history of one page.
type PageView struct {
	Last        *CommitView
	Created     *CommitView // nil when older than a shallow clone's boundary
	Recent      []CommitView
	All         []CommitView
	More        int // commits not in Recent
	Truncated   bool
	Boundary    time.Time
	Uncommitted bool
	URL         string  // site path of the full history
	Head        string  // hash of the last change, for "changed since your last visit"
	Visits      []Visit // recent commits for the visits script
}

// RecentCount is how many commits a page footer lists.
const RecentCount = 5

// For is the history of a page, nil when the page has none (and no uncommitted edits).
func (s *Site) For(p *playbooks.Page) *PageView {
	if s == nil || p == nil {
		return nil
	}
	f := s.Log.Files[p.File]
	cs := s.changes(p.File)
	v := &PageView{Uncommitted: s.Uncommitted[p.File], URL: URL(p.URL), Boundary: s.Log.Boundary}
	if f == nil && len(cs) == 0 {
		if !v.Uncommitted {
			return nil
		}
		return v
	}
	for _, c := range cs {
		cv := s.view(c.c)
		cv.Change, cv.Via = c.ch, c.via
		v.All = append(v.All, cv)
	}
	if len(v.All) > 0 {
		v.Last = &v.All[0]
		v.Head = v.Last.Hash
	}
	if f != nil {
		v.Truncated = f.Truncated
		if f.Created != nil {
			c := s.view(f.Created)
			v.Created = &c
		}
	}
	v.Recent = v.All[:min(len(v.All), RecentCount)]
	v.More = len(v.All) - len(v.Recent)
	v.Visits = visits(v.All)
	return v
}

// ForURL is the history shown on a page's full-history page, by that page's URL.
func (s *Site) ForURL(historyURL string) *PageView {
	if s == nil {
		return nil
	}
	return s.For(s.byHist[historyURL])
}

// Visit is a commit as the "changed since your last visit" script reads it. The theme emits the
// list as JSON in a <script type="application/json"> block, which content cannot forge.
type Visit struct {
	Hash    string `json:"h"`
	Date    string `json:"d"`
	Author  string `json:"a"`
	Subject string `json:"s"`
	URL     string `json:"u,omitempty"`
}

// visits lists up to 50 recent commits for the "changed since your last visit" script.
func visits(cs []CommitView) []Visit {
	out := make([]Visit, 0, min(len(cs), 50))
	for _, c := range cs[:min(len(cs), 50)] {
		out = append(out, Visit{c.Hash, c.Date.Format("2006-01-02"), c.Author, c.Subject, c.URL})
	}
	return out
}

// Month is one month of the changelog.
type Month struct {
	Title   string // "November 2026"
	ID      string // "2026-11"
	Commits []Entry
}

// Entry is one commit of the changelog with the pages it changed.
type Entry struct {
	CommitView
	Pages []PageRef
	Other []Change // files that are not pages now: static files, removed or renamed-away pages
	// More counts the files left out of Pages and Other: an entry names at most EntryFiles,
	// so a commit that touched thousands of files (an import) does not make a page of its own.
	More int
}

// EntryFiles is how many files one changelog entry names; the commit on the forge lists all.
const EntryFiles = 30

// PageRef names a page a commit changed.
type PageRef struct {
	Title  string
	URL    string // site path
	Change Change
	Via    string // the included file through which the commit changed the page, if not its own
}

// ChangelogPageSize is how many commits one page of the changelog lists: the changelog of a
// long history is paged, newest first, so no page grows with the history.
const ChangelogPageSize = 100

// ChangelogURL is the site path of page k (from 1) of the changelog: "/changelog/", then
// "/changelog/page/2/"…
func ChangelogURL(k int) string {
	if k <= 1 {
		return "/changelog/"
	}
	return fmt.Sprintf("/changelog/page/%d/", k)
}

// ChangelogPages is how many pages the changelog has (at least one, which may be empty).
func (s *Site) ChangelogPages() int {
	if s == nil {
		return 1
	}
	return max(1, (len(s.Log.Commits)+ChangelogPageSize-1)/ChangelogPageSize)
}

// Changelog is page k (from 1) of the commits that changed the content, newest first, grouped
// by month; a month that spans two pages has a heading on each.
func (s *Site) Changelog(k int) []Month {
	if s == nil {
		return nil
	}
	lo := min(len(s.Log.Commits), max(0, (k-1)*ChangelogPageSize))
	hi := min(len(s.Log.Commits), lo+ChangelogPageSize)
	var months []Month
	for _, c := range s.Log.Commits[lo:hi] {
		e := Entry{CommitView: s.view(c)}
		covered := map[string]bool{}
		for _, f := range s.byC[c] {
			ch, _ := f.ChangeFor(c)
			covered[ch.Path] = true
			if p := s.pages[f.Path]; p != nil {
				e.Pages = append(e.Pages, PageRef{Title: p.Title, URL: p.URL, Change: ch})
			} else {
				e.Other = append(e.Other, Change{Path: f.Path, Kind: ch.Kind, From: ch.From})
			}
		}
		// The pages that include a changed file changed too, unless their own file did.
		for _, f := range s.byC[c] {
			for _, file := range s.usedBy[f.Path] {
				if p := s.pages[file]; p != nil && !slices.ContainsFunc(e.Pages, func(r PageRef) bool { return r.URL == p.URL }) {
					ch, _ := f.ChangeFor(c)
					e.Pages = append(e.Pages, PageRef{Title: p.Title, URL: p.URL, Change: ch, Via: f.Path})
				}
			}
		}
		for _, ch := range c.Changes {
			if !covered[ch.Path] {
				e.Other = append(e.Other, ch)
			}
		}
		sort.Slice(e.Pages, func(i, j int) bool { return e.Pages[i].URL < e.Pages[j].URL })
		sort.Slice(e.Other, func(i, j int) bool { return e.Other[i].Path < e.Other[j].Path })
		if n := len(e.Pages) + len(e.Other); n > EntryFiles {
			e.More = n - EntryFiles
			e.Pages = e.Pages[:min(len(e.Pages), EntryFiles)]
			e.Other = e.Other[:EntryFiles-len(e.Pages)]
		}
		id := c.Date.Format("2006-01")
		if len(months) == 0 || months[len(months)-1].ID != id {
			months = append(months, Month{Title: c.Date.Format("January 2006"), ID: id})
		}
		m := &months[len(months)-1]
		m.Commits = append(m.Commits, e)
	}
	return months
}

// BlobHash is git's hash of a file's content, to compare a work-tree file with HEAD without
// asking go-git for the status of the whole work tree.
func BlobHash(data []byte) string {
	h := sha1.New()
	fmt.Fprintf(h, "blob %d\x00", len(data))
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}
