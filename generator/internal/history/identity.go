package history

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// Identity names the history a build of dir reads, for a caller that wants to know whether it
// changed since an earlier build: the repository, the commit HEAD resolves to, the shallow
// clone's boundary and the repository's configuration. Read returns the same Log for the same
// identity. Outside a repository it is "no repository"; an error means the repository cannot be
// read, and a caller must then not assume anything.
func Identity(dir string) (string, error) {
	r, err := open(dir)
	if errors.Is(err, ErrNoRepository) {
		return "no repository", nil
	}
	if err != nil {
		return "", err
	}
	defer r.store.Close()
	head := "no commits"
	if ref, err := storer.ResolveReference(r.store, plumbing.HEAD); err == nil {
		head = ref.Hash().String()
	}
	shallow, _ := os.ReadFile(filepath.Join(r.gitDir, "shallow"))
	config, _ := os.ReadFile(filepath.Join(r.gitDir, "config"))
	abs, _ := filepath.Abs(dir)
	return fmt.Sprintf("%s\x00%s\x00%s\x00%s\x00%q\x00%q", r.root, r.gitDir, abs, head, shallow, config), nil
}
