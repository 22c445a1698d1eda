package history

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	gitcache "github.com/go-git/go-git/v5/plumbing/cache"
	gitconfig "github.com/go-git/go-git/v5/plumbing/format/config"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
)

// ErrNoRepository is returned by Read when the content folder is not inside a git work tree.
var ErrNoRepository = errors.New("not a git repository")

// UnreadableError is returned by Read when there is a repository that go-git cannot read.
type UnreadableError struct {
	GitDir string
	Err    error
}

func (e *UnreadableError) Error() string {
	return fmt.Sprintf("cannot read the git repository at %s: %v", e.GitDir, e.Err)
}

func (e *UnreadableError) Unwrap() error { return e.Err }

// repo is an opened repository: its object store and where its work tree starts.
type repo struct {
	store  *filesystem.Storage
	root   string // work-tree root
	gitDir string
	// partial is set for a partial (blobless) clone: no blob is read, so renames with edits
	// are not detected there, by either route alike.
	partial bool
}

// harmless are the repository extensions that change nothing for a reader of commits and trees:
// a partial (blobless) clone only lacks blobs, which the walk never reads.
var harmless = map[string]bool{"partialclone": true, "worktreeconfig": true, "preciousobjects": true, "noop": true}

// Repo is a git repository opened by Open, for readers outside this package (cmplay check
// --base reads files as they were at a revision).
type Repo struct{ r *repo }

// Open opens the repository holding dir: the one function cmplay opens repositories with.
// Close releases it.
func Open(dir string) (*Repo, error) {
	r, err := open(dir)
	if err != nil {
		return nil, err
	}
	return &Repo{r}, nil
}

// Root is the repository's work-tree root.
func (r *Repo) Root() string { return r.r.root }

// Storer is the repository's object store, for git.Open and the plumbing/object functions.
func (r *Repo) Storer() *filesystem.Storage { return r.r.store }

// Close closes the pack files the store keeps open.
func (r *Repo) Close() error { return r.r.store.Close() }

// FindRoot returns the work-tree root of the repository holding dir, looking upwards for .git
// like git does, or ErrNoRepository.
func FindRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	root, _, err := findDotGit(abs)
	return root, err
}

// open finds the repository holding dir, looking upwards for .git like git does. It opens the
// object store directly instead of through git.PlainOpen, which refuses repositories with
// extensions it does not implement (extensions.partialClone, set by every blobless clone).
func open(dir string) (*repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	root, dotGit, err := findDotGit(abs)
	if err != nil {
		return nil, err
	}
	gitDir, err := resolveGitDir(root, dotGit)
	if err != nil {
		return nil, &UnreadableError{GitDir: dotGit, Err: err}
	}
	var fs billy.Filesystem = osfs.New(gitDir)
	if common, err := os.ReadFile(filepath.Join(gitDir, "commondir")); err == nil {
		c := strings.TrimSpace(string(common))
		if !filepath.IsAbs(c) {
			c = filepath.Join(gitDir, c)
		}
		fs = dotgit.NewRepositoryFilesystem(fs, osfs.New(c))
	}
	// Keep pack files open: the walk reads thousands of objects, and reopening the pack for each
	// costs more than decoding it. Read closes the store when done.
	store := filesystem.NewStorageWithOptions(fs, gitcache.NewObjectLRUDefault(), filesystem.Options{KeepDescriptors: true, ExclusiveAccess: true})
	cfg, err := store.Config()
	if err != nil {
		return nil, &UnreadableError{GitDir: gitDir, Err: err}
	}
	if v := cfg.Core.RepositoryFormatVersion; v != "" && v != "0" && v != "1" {
		return nil, &UnreadableError{GitDir: gitDir, Err: fmt.Errorf("repository format version %s", v)}
	}
	if cfg.Raw.HasSection("extensions") {
		for _, o := range cfg.Raw.Section("extensions").Options {
			if !harmless[strings.ToLower(o.Key)] {
				return nil, &UnreadableError{GitDir: gitDir, Err: fmt.Errorf("extensions.%s is not supported", o.Key)}
			}
		}
	}
	return &repo{store: store, root: root, gitDir: gitDir, partial: partial(cfg.Raw)}, nil
}

// partial reports a partial clone (extensions.partialClone, or a promisor remote): its blobs
// may be missing, and git would try to fetch them.
func partial(raw *gitconfig.Config) bool {
	if raw.Section("extensions").Option("partialclone") != "" {
		return true
	}
	for _, sub := range raw.Section("remote").Subsections {
		if strings.EqualFold(sub.Option("promisor"), "true") {
			return true
		}
	}
	return false
}

// findDotGit returns the work-tree root at or above dir and its .git entry.
func findDotGit(dir string) (root, dotGit string, err error) {
	for d := dir; ; {
		p := filepath.Join(d, ".git")
		if _, err := os.Stat(p); err == nil {
			return d, p, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", "", ErrNoRepository
		}
		d = parent
	}
}

// resolveGitDir follows a .git file ("gitdir: …", in linked work trees and submodules).
func resolveGitDir(root, dotGit string) (string, error) {
	st, err := os.Stat(dotGit)
	if err != nil {
		return "", err
	}
	if st.IsDir() {
		return dotGit, nil
	}
	data, err := os.ReadFile(dotGit)
	if err != nil {
		return "", err
	}
	line := strings.TrimSpace(string(data))
	p, ok := strings.CutPrefix(line, "gitdir:")
	if !ok {
		return "", fmt.Errorf("%s: no gitdir line", dotGit)
	}
	p = strings.TrimSpace(p)
	if !filepath.IsAbs(p) {
		p = filepath.Join(root, p)
	}
	return p, nil
}

// FileAt returns a file (slash-separated, from the repository root) as it was at commit; ok is
// false when the commit or the file cannot be read (a blobless clone, a path the file did not
// have then).
func (r *Repo) FileAt(commit, name string) (data []byte, ok bool) {
	c, err := object.GetCommit(r.r.store, plumbing.NewHash(commit))
	if err != nil {
		return nil, false
	}
	f, err := c.File(name)
	if err != nil {
		return nil, false
	}
	s, err := f.Contents()
	if err != nil {
		return nil, false
	}
	return []byte(s), true
}
