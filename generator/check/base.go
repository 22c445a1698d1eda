package check

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/cmplay/cmplay/generator/internal/history"
	"github.com/cmplay/cmplay/playbooks"
)

// Revision is one commit of the site's git repository, to read files as they were then. Close
// releases the repository.
type Revision struct {
	Name string // as the user wrote it: "origin/main"
	tree *object.Tree
	repo *history.Repo
}

// OpenRevision resolves rev (a branch, tag, commit or expression such as "HEAD~1") in the git
// repository holding dir, opened as the history step opens it (history.Open), and returns it
// with the repository's root folder.
func OpenRevision(dir, rev string) (*Revision, string, error) {
	hr, err := history.Open(dir)
	if err != nil {
		return nil, "", fmt.Errorf("%s is not in a git repository: %w", dir, err)
	}
	r, root, err := resolveRevision(hr, rev)
	if err != nil {
		hr.Close()
	}
	return r, root, err
}

func resolveRevision(hr *history.Repo, rev string) (*Revision, string, error) {
	repo, err := git.Open(hr.Storer(), nil)
	if err != nil {
		return nil, "", fmt.Errorf("open git repository: %w", err)
	}
	h, err := repo.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return nil, "", fmt.Errorf("unknown revision %q (in a shallow CI clone, fetch it first: actions/checkout with fetch-depth: 0): %w", rev, err)
	}
	c, err := repo.CommitObject(*h)
	if err != nil {
		return nil, "", fmt.Errorf("revision %q: %w", rev, err)
	}
	tree, err := c.Tree()
	if err != nil {
		return nil, "", fmt.Errorf("revision %q: %w", rev, err)
	}
	return &Revision{Name: rev, tree: tree, repo: hr}, hr.Root(), nil
}

// Close releases the repository the revision was read from.
func (r *Revision) Close() error { return r.repo.Close() }

// ReadFile returns a file (a slash-separated path from the repository root) as it was at the
// revision; ok is false when it did not exist then.
func (r *Revision) ReadFile(name string) ([]byte, bool, error) {
	f, err := r.tree.File(filepath.ToSlash(name))
	if errors.Is(err, object.ErrFileNotFound) || errors.Is(err, object.ErrDirectoryNotFound) || errors.Is(err, object.ErrEntryNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	s, err := f.Contents()
	return []byte(s), err == nil, err
}

// Files lists the files below dir (slash-separated, from the repository root; "" for all) as
// they were at the revision, by path below dir.
func (r *Revision) Files(dir string) ([]string, error) {
	t := r.tree
	if dir != "" {
		sub, err := r.tree.Tree(dir)
		if errors.Is(err, object.ErrDirectoryNotFound) || errors.Is(err, object.ErrEntryNotFound) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		t = sub
	}
	var out []string
	err := t.Files().ForEach(func(f *object.File) error {
		out = append(out, f.Name)
		return nil
	})
	return out, err
}

// Gone is a checklist page of the base revision whose file is no longer there.
type Gone struct {
	File  string           // path below the content folder at the base revision
	URL   string           // its URL then
	Data  []byte           // the file at the base revision
	Items []playbooks.Item // its items then
}

// New is a checklist page whose file did not exist at the base revision.
type New struct {
	File  string
	Data  []byte // the file now
	Items []playbooks.Item
}

// MovedPages reports what readers' ticks become when checklist pages disappear since the base
// revision. A gone page is taken to have moved to a new page when at least half of its items'
// texts are there (Dice coefficient of the two sets of item hashes); the best match wins. An
// exact move (same bytes, as `git mv` alone makes) is a rename git's history shows, so the build
// redirects the old URL and readers keep their ticks (checklist-moved, a note as a warning). A
// move with edits in the same change is not a rename to git: ticks are lost (checklist-moved
// too, saying so). A gone page with no such match was deleted (checklist-deleted). dir is the
// content folder, for messages that name files as the author sees them.
func MovedPages(gone []Gone, added []New, dir, rev string) playbooks.Diagnostics {
	var ds playbooks.Diagnostics
	used := map[int]bool{}
	for _, g := range gone {
		best, score := -1, 0.5
		for i, n := range added {
			if s := itemOverlap(g.Items, n.Items); !used[i] && s >= score {
				best, score = i, s
			}
		}
		if best < 0 {
			ds = append(ds, playbooks.Diagnostic{File: g.File, Line: g.Items[0].Line, Col: 1, Severity: playbooks.Warning, Rule: "checklist-deleted",
				Msg: fmt.Sprintf("checklist page %s (at %s) is deleted: readers lose the ticks of its %d items", path.Join(dir, g.File), rev, len(g.Items)),
				Fix: "if the page moved, move it with git mv and no other edit in the same commit, so readers keep their ticks"})
			continue
		}
		used[best] = true
		n := added[best]
		line := n.Items[0].Line
		if string(g.Data) == string(n.Data) {
			ds = append(ds, playbooks.Diagnostic{File: n.File, Line: line, Col: 1, Severity: playbooks.Warning, Rule: "checklist-moved",
				Msg: fmt.Sprintf("checklist page moved from %s (at %s): readers keep the ticks of its %d items, and %s redirects here", path.Join(dir, g.File), rev, len(g.Items), g.URL),
				Fix: "nothing to do; keep the move in a commit of its own (merge without squashing it into edits of the page)"})
			continue
		}
		ds = append(ds, playbooks.Diagnostic{File: n.File, Line: line, Col: 1, Severity: playbooks.Warning, Rule: "checklist-moved",
			Msg: fmt.Sprintf("checklist page moved from %s (at %s) and edited in the same change: git does not see a rename, so readers lose the ticks of its %d items and %s answers 404", path.Join(dir, g.File), rev, len(g.Items), g.URL),
			Fix: "commit the move alone (git mv, no edits), then the edits in another commit, and merge without squashing"})
	}
	return ds
}

// itemOverlap is the Dice coefficient of two pages' sets of item text hashes.
func itemOverlap(a, b []playbooks.Item) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	hb := map[string]bool{}
	for _, it := range b {
		hb[it.Hash] = true
	}
	ha := map[string]bool{}
	common := 0
	for _, it := range a {
		if !ha[it.Hash] && hb[it.Hash] {
			common++
		}
		ha[it.Hash] = true
	}
	return 2 * float64(common) / float64(len(ha)+len(hb))
}

// ChangedIDs reports checklist items of a page whose id differs from the page at the base
// revision, so that readers' ticks — stored under the old id — would silently be lost. A new id
// is taken to be a reworded old item when that old id is gone and playbooks.Reworded says so
// (the rule the theme uses to carry ticks over); the most similar vanished item
// wins, one in the same section on a tie. Items the author pinned with {#id} are deliberate and
// not reported; an old item without a similar counterpart was deleted, which loses nothing worth
// a warning.
func ChangedIDs(file string, base, cur []playbooks.Item, rev string) playbooks.Diagnostics {
	has := map[string]bool{}
	for _, it := range cur {
		has[it.ID] = true
	}
	had := map[string]bool{}
	var gone []playbooks.Item
	for _, it := range base {
		had[it.ID] = true
		if !has[it.ID] {
			gone = append(gone, it)
		}
	}
	var ds playbooks.Diagnostics
	for _, it := range cur {
		if had[it.ID] || len(gone) == 0 {
			continue
		}
		best, score := -1, 0.0
		for i, old := range gone {
			s := playbooks.Similarity(old.Text, it.Text)
			if s < playbooks.RewordThreshold {
				continue
			}
			sameSection := old.Section == it.Section && (best < 0 || gone[best].Section != it.Section)
			if best < 0 || s > score || s == score && sameSection {
				best, score = i, s
			}
		}
		if best < 0 {
			continue
		}
		old := gone[best]
		gone = append(gone[:best], gone[best+1:]...)
		if it.Pinned {
			continue
		}
		ds = append(ds, playbooks.Diagnostic{File: file, Line: it.Line, Col: 1, Severity: playbooks.Error, Rule: "item-id-changed",
			Msg: fmt.Sprintf("checklist item id changed from %q (at %s) to %q: readers who ticked %q lose that tick",
				old.ID, rev, it.ID, shorten(old.Text, 60)),
			Fix: fmt.Sprintf("keep the ticks by ending the item with {#%s}; if the item now asks for something else, pin a new id with {#…}", old.ID)})
	}
	return ds
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
