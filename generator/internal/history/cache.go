package history

import (
	"bufio"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// cacheVersion changes whenever what the cache holds changes meaning.
const cacheVersion = 2

// cache is the walk's result on disk for one repository and content folder. Every commit the
// walk visited is kept, with its parents, so a later walk stops at any of them; a cache that
// cannot be read is ignored, one that cannot be written is skipped: it only saves time.
type cache struct {
	file    string
	shallow []string
}

type cacheFile struct {
	Version int
	Shallow []string // a clone deepened or unshallowed since invalidates the cache
	Head    plumbing.Hash
	Nodes   []*node
}

// finished is a Log as the cache keeps it: commits as indexes into the log's commits (gob
// does not keep pointers shared).
type finished struct {
	Head     plumbing.Hash
	Commits  []*Commit
	Files    []fileRec
	Boundary time.Time
}

type fileRec struct {
	Path, Blob string
	Commits    []int32 // indexes into finished.Commits
	Created    int32   // -1 when unknown
	Truncated  bool
}

// finish is what the cache keeps of a finished log.
func finish(log *Log) *finished {
	index := make(map[*Commit]int32, len(log.Commits))
	for i, c := range log.Commits {
		index[c] = int32(i)
	}
	f := &finished{Head: plumbing.NewHash(log.Head), Commits: log.Commits, Boundary: log.Boundary}
	for _, p := range slices.Sorted(maps.Keys(log.Files)) {
		lf := log.Files[p]
		r := fileRec{Path: lf.Path, Blob: lf.Blob, Created: -1, Truncated: lf.Truncated, Commits: make([]int32, len(lf.Commits))}
		for i, c := range lf.Commits {
			r.Commits[i] = index[c]
		}
		if lf.Created != nil {
			r.Created = index[lf.Created]
		}
		f.Files = append(f.Files, r)
	}
	return f
}

// restore fills log (whose Root, Prefix, Head and Shallow are set) from the cache.
func (f *finished) restore(log *Log) {
	log.Commits, log.Boundary = f.Commits, f.Boundary
	if !log.Boundary.IsZero() {
		log.Boundary = normTime(log.Boundary)
	}
	for _, c := range log.Commits {
		c.Date = normTime(c.Date)
	}
	log.Files = make(map[string]*File, len(f.Files))
	for _, r := range f.Files {
		lf := &File{Path: r.Path, Blob: r.Blob, Truncated: r.Truncated, Commits: make([]*Commit, len(r.Commits))}
		for i, ci := range r.Commits {
			lf.Commits[i] = log.Commits[ci]
		}
		if r.Created >= 0 {
			lf.Created = log.Commits[r.Created]
		}
		log.Files[r.Path] = lf
	}
}

func openCache(dir, gitDir, prefix string, shallow []string) *cache {
	if dir == "" {
		return &cache{}
	}
	sum := sha256.Sum256([]byte(gitDir + "\x00" + prefix))
	return &cache{file: filepath.Join(dir, hex.EncodeToString(sum[:10])+".gob"), shallow: shallow}
}

// load reads the finished log when the cache holds it at head, and the cached commits
// otherwise. The two are separate files so that a build at the same HEAD decodes only the
// first.
func (c *cache) load(head plumbing.Hash) (map[plumbing.Hash]*node, *finished) {
	nodes := map[plumbing.Hash]*node{}
	if c.file == "" {
		return nodes, nil
	}
	var done doneFile
	if c.read(c.file+".done", &done) && done.Version == cacheVersion && slices.Equal(done.Shallow, c.shallow) && done.Log.Head == head {
		return nodes, done.Log
	}
	var cf cacheFile
	if !c.read(c.file, &cf) || cf.Version != cacheVersion || !slices.Equal(cf.Shallow, c.shallow) {
		return nodes, nil
	}
	for _, n := range cf.Nodes {
		n.When = normTime(n.When)
		if n.Rec != nil {
			n.Rec.Date = normTime(n.Rec.Date)
		}
		nodes[n.Hash] = n
	}
	return nodes, nil
}

// doneFile holds the finished log at one HEAD.
type doneFile struct {
	Version int
	Shallow []string
	Log     *finished
}

func (c *cache) read(name string, v any) bool {
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	return gob.NewDecoder(bufio.NewReader(f)).Decode(v) == nil
}

// save writes the commits reachable from head and the finished log, each file replaced
// atomically.
func (c *cache) save(head plumbing.Hash, order []*node, done *finished) {
	if c.file == "" {
		return
	}
	if err := os.MkdirAll(filepath.Dir(c.file), 0o755); err != nil {
		return
	}
	if c.write(c.file, cacheFile{Version: cacheVersion, Shallow: c.shallow, Head: head, Nodes: order}) {
		c.write(c.file+".done", doneFile{Version: cacheVersion, Shallow: c.shallow, Log: done})
	}
}

func (c *cache) write(name string, v any) bool {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".history-*")
	if err != nil {
		return false
	}
	w := bufio.NewWriter(tmp)
	err = gob.NewEncoder(w).Encode(v)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return false
	}
	return true
}
