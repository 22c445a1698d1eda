package check

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/cmplay/cmplay/generator/checklist"
	"github.com/cmplay/cmplay/generator/history"
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

// ChangedIDs reports checklist items of a page whose id differs from the page at the base
// revision, so that readers' ticks — stored under the old id — would silently be lost. A new id
// is taken to be a reworded old item when that old id is gone and checklist.Reworded says so
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
			s := checklist.Similarity(old.Text, it.Text)
			if s < checklist.RewordThreshold {
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
