package history

import (
	"errors"
	"io"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/cmplay/cmplay/playbooks"
)

// node is one commit of the graph as the walk records it; the cache stores these.
type node struct {
	Hash     plumbing.Hash
	Parents  []plumbing.Hash // parents present in the repository
	When     time.Time       // committer date
	Boundary bool            // a shallow clone's boundary: parents missing
	PR       int             // PR number its own message names
	Rec      *Commit         // nil when it changed nothing in the content folder
}

// walker reads commits and trees from one repository.
type walker struct {
	r       *repo
	prefix  []string // the content folder's path components inside the repository
	shallow map[plumbing.Hash]bool
	trees   map[plumbing.Hash]*tree
	content map[plumbing.Hash]plumbing.Hash // commit → tree hash of its content folder
}

// tree is a decoded tree with an index by name.
type tree struct {
	entries []object.TreeEntry
	byName  map[string]int
}

var emptyTree = &tree{}

func (t *tree) get(name string) (object.TreeEntry, bool) {
	if i, ok := t.byName[name]; ok {
		return t.entries[i], true
	}
	return object.TreeEntry{}, false
}

func newWalker(r *repo, prefix string) (*walker, error) {
	w := &walker{r: r, shallow: map[plumbing.Hash]bool{}, trees: map[plumbing.Hash]*tree{}, content: map[plumbing.Hash]plumbing.Hash{}}
	if prefix != "" {
		w.prefix = strings.Split(prefix, "/")
	}
	sh, err := r.store.Shallow()
	if err != nil {
		return nil, err
	}
	for _, h := range sh {
		w.shallow[h] = true
	}
	return w, nil
}

func (w *walker) tree(h plumbing.Hash) (*tree, error) {
	if h.IsZero() {
		return emptyTree, nil
	}
	if t, ok := w.trees[h]; ok {
		return t, nil
	}
	ot, err := object.GetTree(w.r.store, h)
	if err != nil {
		return nil, err
	}
	t := &tree{entries: ot.Entries, byName: make(map[string]int, len(ot.Entries))}
	for i, e := range ot.Entries {
		t.byName[e.Name] = i
	}
	// A walk mostly revisits the trees of the last few commits; keep memory bounded.
	if len(w.trees) > 1<<16 {
		clear(w.trees)
	}
	w.trees[h] = t
	return t, nil
}

// contentTree is the hash of the content folder's tree in a commit, zero when it has none.
func (w *walker) contentTree(c *object.Commit) (plumbing.Hash, error) {
	if h, ok := w.content[c.Hash]; ok {
		return h, nil
	}
	h := c.TreeHash
	for _, part := range w.prefix {
		t, err := w.tree(h)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		e, ok := t.get(part)
		if !ok || e.Mode != filemode.Dir {
			h = plumbing.ZeroHash
			break
		}
		h = e.Hash
	}
	w.content[c.Hash] = h
	return h, nil
}

// visit records one commit: its parents, and what it changed in the content folder.
func (w *walker) visit(c *object.Commit) (*node, error) {
	n := &node{Hash: c.Hash, When: normTime(c.Committer.When), PR: prNumber(c.Message), Boundary: w.shallow[c.Hash]}
	cur, err := w.contentTree(c)
	if err != nil {
		return nil, err
	}
	var parents []plumbing.Hash
	if !n.Boundary {
		for _, ph := range c.ParentHashes {
			pc, err := object.GetCommit(w.r.store, ph)
			if errors.Is(err, plumbing.ErrObjectNotFound) {
				// A parent the clone does not hold: treat the commit as a boundary.
				n.Boundary = true
				break
			}
			if err != nil {
				return nil, err
			}
			n.Parents = append(n.Parents, ph)
			t, err := w.contentTree(pc)
			if err != nil {
				return nil, err
			}
			parents = append(parents, t)
		}
	}
	if n.Boundary {
		n.Parents = nil
		return n, nil
	}
	var raw []rawChange
	if err := w.diff("", cur, parents, &raw); err != nil {
		return nil, err
	}
	if len(raw) == 0 {
		return n, nil
	}
	n.Rec = &Commit{Commit: commitInfo(c, n.PR), Changes: pairRenames(raw, w.blobReader())}
	return n, nil
}

func commitInfo(c *object.Commit, pr int) playbooks.Commit {
	subject, _, _ := strings.Cut(strings.TrimSpace(c.Message), "\n")
	return commitFields(c.Hash.String(), c.Author.Name, c.Author.Email, normTime(c.Committer.When), strings.TrimSpace(subject), pr)
}

// commitFields is the one place both routes (go-git and the git binary) make a commit record.
func commitFields(hash, author, email string, when time.Time, subject string, pr int) playbooks.Commit {
	return playbooks.Commit{Hash: hash, Author: author, Email: email, Date: when, Subject: subject, PR: pr}
}

// rawChange is a changed path with the blob hash on the side that has one.
type rawChange struct {
	Change
	blob plumbing.Hash
}

// diff records the paths below dir whose entries in cur differ from the same entries in every
// parent tree, descending only into subtrees whose hashes differ. Kinds are relative to the
// first parent.
func (w *walker) diff(dir string, cur plumbing.Hash, parents []plumbing.Hash, out *[]rawChange) error {
	for _, p := range parents {
		if p == cur {
			return nil
		}
	}
	ct, err := w.tree(cur)
	if err != nil {
		return err
	}
	pts := make([]*tree, len(parents))
	for i, p := range parents {
		if pts[i], err = w.tree(p); err != nil {
			return err
		}
	}
	if len(parents) == 0 {
		pts = []*tree{emptyTree} // a root commit adds everything
	}
	seen := map[string]bool{}
	for _, t := range append([]*tree{ct}, pts...) {
		for _, e := range t.entries {
			if seen[e.Name] {
				continue
			}
			seen[e.Name] = true
			if err := w.diffEntry(dir, e.Name, ct, pts, out); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *walker) diffEntry(dir, name string, ct *tree, pts []*tree, out *[]rawChange) error {
	ce, cok := ct.get(name)
	pes := make([]object.TreeEntry, len(pts))
	poks := make([]bool, len(pts))
	for i, pt := range pts {
		pes[i], poks[i] = pt.get(name)
		if poks[i] == cok && (!cok || pes[i].Hash == ce.Hash && pes[i].Mode == ce.Mode) {
			return nil
		}
	}
	isDir := func(e object.TreeEntry, ok bool) bool { return ok && e.Mode == filemode.Dir }
	// The folder side: recurse with the subtree of each side that is a folder.
	sub := plumbing.ZeroHash
	anyDir := isDir(ce, cok)
	if anyDir {
		sub = ce.Hash
	}
	subs := make([]plumbing.Hash, len(pts))
	for i := range pts {
		if isDir(pes[i], poks[i]) {
			subs[i], anyDir = pes[i].Hash, true
		}
	}
	if anyDir {
		if err := w.diff(dir+name+"/", sub, subs, out); err != nil {
			return err
		}
	}
	// The file side.
	cFile := cok && !isDir(ce, cok)
	anyFile := cFile
	for i := range pts {
		pFile := poks[i] && !isDir(pes[i], poks[i])
		if pFile == cFile && (!cFile || pes[i].Hash == ce.Hash && pes[i].Mode == ce.Mode) {
			return nil
		}
		anyFile = anyFile || pFile
	}
	if !anyFile {
		return nil
	}
	p0File := poks[0] && !isDir(pes[0], poks[0])
	ch := rawChange{Change: Change{Path: dir + name, Kind: Modified}, blob: ce.Hash}
	switch {
	case !p0File:
		ch.Kind = Added
	case !cFile:
		ch.Kind, ch.blob = Deleted, pes[0].Hash
	}
	*out = append(*out, ch)
	return nil
}

func baseName(p string) string { return p[strings.LastIndexByte(p, '/')+1:] }

// normTime keeps a date's instant and offset but not its zone name, so dates read from the
// repository and from the cache are equal and format alike.
func normTime(t time.Time) time.Time {
	_, off := t.Zone()
	if off == 0 {
		return time.Unix(t.Unix(), 0).UTC()
	}
	return time.Unix(t.Unix(), 0).In(time.FixedZone("", off))
}

// blobReader is how rename detection reads blobs with go-git: not at all in a partial clone.
func (w *walker) blobReader() func(plumbing.Hash) ([]byte, bool) {
	if w.r.partial {
		return nil
	}
	return w.blob
}

// blob reads a file's content with go-git, for rename detection; false when the repository
// does not hold it (a blobless clone) or it is larger than renameMaxBlob.
func (w *walker) blob(h plumbing.Hash) ([]byte, bool) {
	b, err := object.GetBlob(w.r.store, h)
	if err != nil || b.Size > renameMaxBlob {
		return nil, false
	}
	r, err := b.Reader()
	if err != nil {
		return nil, false
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	return data, err == nil
}
