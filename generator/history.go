package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"

	"github.com/cmplay/cmplay/generator/internal/history"
	"github.com/cmplay/cmplay/generator/internal/pages"
	"github.com/cmplay/cmplay/generator/internal/render"
	"github.com/cmplay/cmplay/playbooks"
)

// histState is what the history step leaves for later steps.
type histState struct {
	site  *history.Site // nil when there is no history
	notes []string      // said once per build, not warnings: "not a git repository"
	read  chan histRead // the walk started by readHistory
}

// histRead is the outcome of history.Read.
type histRead struct {
	log      *history.Log
	err      error
	panicked any
}

// readHistory starts walking the content folder's history while the stages before the history
// step run: the walk reads only the repository, and on a cold cache it is a long, mostly
// single-threaded step that the parallel Markdown stage can overlap.
func (b *build) readHistory() {
	b.hist.read = make(chan histRead, 1)
	dir := filepath.Join(b.cfg.Source, b.cfg.ContentDir)
	go func() {
		defer func() {
			// A panic goes to the history step, in the build's goroutine, where serve recovers.
			if r := recover(); r != nil {
				b.hist.read <- histRead{panicked: r}
			}
		}()
		log, _, err := history.Read(history.Options{Dir: dir, CacheDir: b.cfg.HistoryCacheDir})
		b.hist.read <- histRead{log: log, err: err}
	}()
}

// history reads the content folder's git history (package history) and gives every page the
// commits that changed it. Missing history never fails a build: outside a repository the build
// notes it once; a shallow clone or a repository go-git cannot read is one warning.
func (b *build) history() error {
	r := <-b.hist.read
	if r.panicked != nil {
		panic(r.panicked)
	}
	log, err := r.log, r.err
	var ue *history.UnreadableError
	switch {
	case errors.Is(err, history.ErrNoRepository):
		b.hist.notes = append(b.hist.notes, "not a git repository: pages are built without their history")
		return nil
	case errors.As(err, &ue):
		b.report(playbooks.Diagnostics{{File: ue.GitDir, Severity: playbooks.Warning, Rule: "history",
			Msg: fmt.Sprintf("%v; pages are built without their history", ue.Err), Fix: "build from a full clone made by git"}})
		return nil
	case err != nil:
		return err
	}
	if log.Shallow {
		b.report(playbooks.Diagnostics{{File: editBase(b.cfg.ContentDir), Severity: playbooks.Warning, Rule: "history",
			Msg: fmt.Sprintf("shallow clone: history before %s is missing, so page histories are truncated there", log.Boundary.Format("2 January 2006")),
			Fix: "clone with full history (git fetch --unshallow; actions/checkout with fetch-depth: 0)"}})
	}
	hs := history.NewSite(log, history.Forge{RepoURL: b.cfg.RepoURL}, b.site.Pages)
	hs.Include(b.deps)
	for _, p := range b.site.Pages {
		// The commits of the files a page includes are the page's too (history.Site.Include).
		if h := hs.History(p.File); h != nil {
			p.History = h
		}
		if f := log.Files[p.File]; f != nil {
			p.Moved = nil
			for _, old := range f.Renamed() {
				// A page now at the old URL is another page: its URL and ids are its own.
				if u := pages.URL(old); u != p.URL && b.site.ByURL[u] == nil && !slices.Contains(p.Moved, u) {
					p.Moved = append(p.Moved, u)
				}
			}
		}
	}
	b.hist.site = hs
	if b.plan.preview {
		b.hist.site.Uncommitted = b.uncommitted(log)
	}
	return nil
}

// uncommitted compares each page's file with its blob at HEAD by hash; unlike a work-tree
// status it reads only the pages' own files.
func (b *build) uncommitted(log *history.Log) map[string]bool {
	out := map[string]bool{}
	for _, p := range b.site.Pages {
		data, err := fs.ReadFile(b.content, p.File)
		if err != nil {
			continue
		}
		if f := log.Files[p.File]; f == nil || f.Blob != history.BlobHash(data) {
			out[p.File] = true
		}
	}
	return out
}

// changelogPage renders page g.Number of the changelog, newest first, with the pager between
// its pages.
func (b *build) changelogPage(r *render.Renderer, g Generated) ([]byte, error) {
	n, k := b.hist.site.ChangelogPages(), g.Number
	title := "Changelog"
	if k > 1 {
		title = fmt.Sprintf("Changelog (page %d of %d)", k, n)
	}
	return r.Generated(g.URL, title, "changelog", func(d *render.Data) {
		d.Number = k
		d.SetPager(k, n, history.ChangelogURL, nil)
	})
}
