// Package history is the history stage: it reads the site's git history and tells, for every
// content file, which commits changed it.
//
// # Two routes, one result
//
// With a git binary on PATH, Read runs two `git log` in parallel (the graph and messages of
// every commit; raw changes below the content folder), about as fast as `git log` itself.
// Without one, or when it fails, it walks the repository with go-git, about 20 times slower on
// a long history (BenchmarkHistory). Both make the same nodes, from which the rest is computed
// by the same code; the tests read every fixture both ways and require identical logs.
//
// # One walk
//
// The go-git route walks the commit graph from HEAD once. For each commit it compares the tree of the
// content folder with the same tree in each parent by hash and descends only into subtrees whose
// hashes differ, so a commit that does not touch the content costs a few tree lookups. It never
// reads a blob (blobless clones have none) and never asks go-git for per-file logs, which would
// re-diff the whole history for every file.
//
// A merge counts for a path only when the path differs from every parent, as in `git log`: a
// clean merge changes nothing by itself. A commit at a shallow clone's boundary has parents the
// clone does not hold, so it is never reported as creating anything; files that already existed
// there are marked Truncated instead.
//
// # Renames
//
// A rename shows in trees as one path deleted and another added. When both sides of such a pair
// have the same blob hash in one commit (an exact rename, as `git mv` makes), or, failing that,
// their contents share at least half their lines (a rename with edits), the newer path's
// history continues with the older path's, like `git log --follow` (see renames.go). Only the
// second test reads blobs, and only for the few commits that add and delete files; in a
// partial (blobless) clone it is skipped, so renames with edits start a page's history there.
//
// # Pull requests
//
// A commit's PR number comes from its subject, "Fix typo (#123)" (squash merges) or "Merge pull
// request #123 from …" (merge commits), or GitLab's "See merge request group/project!123". The
// commits a PR merge brings in from its second parent inherit the merge's number, so the history
// of a page changed on a merged branch still names the PR.
//
// # Cache
//
// The result of the walk is cached per repository and content folder, keyed by HEAD. A rebuild
// after new commits walks only those. Beside the commits the cache keeps the finished log at
// HEAD in a file of its own, so a rebuild at the same HEAD decodes that file and does nothing
// else (a few milliseconds beyond reading it, on 16,000 commits).
package history

import (
	"time"

	"github.com/cmplay/cmplay/playbooks"
)

// Log is the history of one content folder.
type Log struct {
	Root   string // work-tree root of the repository
	Prefix string // the content folder inside the repository, slash-separated, "" at the root
	Head   string // commit the history was read at

	// Commits are the commits that changed anything in the content folder, newest first.
	Commits []*Commit
	// Files are the files of the content folder at HEAD, by path below the content folder.
	Files map[string]*File

	// Shallow is set when the repository is a shallow clone: history older than Boundary (the
	// oldest commit the clone holds) is missing.
	Shallow  bool
	Boundary time.Time
}

// Commit is a commit that changed the content folder, with what it changed.
type Commit struct {
	playbooks.Commit
	Changes []Change // sorted by path
}

// ChangeKind says what a commit did to a path.
type ChangeKind uint8

const (
	Modified ChangeKind = iota
	Added
	Deleted
	Renamed // Path was renamed from From, perhaps with edits
)

func (k ChangeKind) String() string {
	return [...]string{"modified", "added", "deleted", "renamed"}[k]
}

// Change is one path a commit changed, relative to the content folder.
type Change struct {
	Path string
	Kind ChangeKind
	From string // the old path of a rename
}

// File is the history of one file present at HEAD.
type File struct {
	Path    string
	Blob    string    // blob hash at HEAD, to tell uncommitted edits apart
	Commits []*Commit // commits that changed it (following exact renames), newest first
	// Created is the commit that added the file (its latest creation, if it was deleted and
	// added again); nil when that is older than a shallow clone's boundary.
	Created *Commit
	// Truncated is set when the file existed at a shallow clone's boundary: older changes are
	// missing.
	Truncated bool
}

// History is the page history in the form playbooks.Page carries it.
func (f *File) History() []playbooks.Commit {
	out := make([]playbooks.Commit, len(f.Commits))
	for i, c := range f.Commits {
		out[i] = c.Commit
	}
	return out
}

// ChangeFor is what commit c did to this file (under whatever name it had then).
func (f *File) ChangeFor(c *Commit) (Change, bool) {
	name := f.Path
	for _, fc := range f.Commits {
		ch, ok := fc.change(name)
		if fc == c {
			return ch, ok
		}
		if ok && ch.Kind == Renamed {
			name = ch.From
		}
	}
	return Change{}, false
}

// Renamed lists the names the file had before exact renames, newest first, without repeats and
// without its own current name (a file moved away and back).
func (f *File) Renamed() []string {
	var out []string
	seen := map[string]bool{f.Path: true}
	name := f.Path
	for _, c := range f.Commits {
		if ch, ok := c.change(name); ok && ch.Kind == Renamed {
			name = ch.From
			if !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
		}
	}
	return out
}

func (c *Commit) change(path string) (Change, bool) {
	lo, hi := 0, len(c.Changes)
	for lo < hi {
		m := (lo + hi) / 2
		if c.Changes[m].Path < path {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(c.Changes) && c.Changes[lo].Path == path {
		return c.Changes[lo], true
	}
	for _, ch := range c.Changes {
		if ch.Kind == Renamed && ch.From == path {
			return Change{Path: path, Kind: Deleted}, true
		}
	}
	return Change{}, false
}
