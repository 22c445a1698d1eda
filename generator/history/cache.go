package history

import (
	"bufio"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"

	"github.com/go-git/go-git/v5/plumbing"
)

// cacheVersion changes whenever what the cache holds changes meaning.
const cacheVersion = 1

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

func openCache(dir, gitDir, prefix string, shallow []string) *cache {
	if dir == "" {
		return &cache{}
	}
	sum := sha256.Sum256([]byte(gitDir + "\x00" + prefix))
	return &cache{file: filepath.Join(dir, hex.EncodeToString(sum[:10])+".gob"), shallow: shallow}
}

func (c *cache) load() map[plumbing.Hash]*node {
	nodes := map[plumbing.Hash]*node{}
	if c.file == "" {
		return nodes
	}
	f, err := os.Open(c.file)
	if err != nil {
		return nodes
	}
	defer f.Close()
	var cf cacheFile
	if err := gob.NewDecoder(bufio.NewReader(f)).Decode(&cf); err != nil || cf.Version != cacheVersion || !slices.Equal(cf.Shallow, c.shallow) {
		return nodes
	}
	for _, n := range cf.Nodes {
		n.When = normTime(n.When)
		if n.Rec != nil {
			n.Rec.Date = normTime(n.Rec.Date)
		}
		nodes[n.Hash] = n
	}
	return nodes
}

// save writes the commits reachable from head, replacing the file atomically.
func (c *cache) save(head plumbing.Hash, order []*node) {
	if c.file == "" {
		return
	}
	if err := os.MkdirAll(filepath.Dir(c.file), 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.file), ".history-*")
	if err != nil {
		return
	}
	w := bufio.NewWriter(tmp)
	err = gob.NewEncoder(w).Encode(cacheFile{Version: cacheVersion, Shallow: c.shallow, Head: head, Nodes: order})
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return
	}
	if os.Rename(tmp.Name(), c.file) != nil {
		os.Remove(tmp.Name())
	}
}
