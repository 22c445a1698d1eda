package acknowledge

import (
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// MaxVersions is how many earlier versions of a page get a diff to now. A reader who
// acknowledged an older version is sent to the page's history instead; the cap keeps the
// output linear in the page's size whatever its history.
const MaxVersions = 8

// Repo reads files as they were at earlier commits.
type Repo struct{ r *git.Repository }

// Open opens the repository whose work tree is root.
func Open(root string) (*Repo, error) {
	r, err := git.PlainOpenWithOptions(root, &git.PlainOpenOptions{EnableDotGitCommonDir: true})
	if err != nil {
		return nil, err
	}
	return &Repo{r}, nil
}

// File returns the file (slash-separated, from the repository root) at commit; ok is false when
// the commit or the file cannot be read (a blobless clone, a path the file did not have then).
func (r *Repo) File(commit, name string) (data []byte, ok bool) {
	c, err := r.r.CommitObject(plumbing.NewHash(commit))
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
