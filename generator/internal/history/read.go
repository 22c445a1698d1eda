package history

import (
	"container/heap"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// Options say what to read.
type Options struct {
	// Dir is the content folder. The repository is found at or above it.
	Dir string
	// CacheDir is the folder the walk's result is cached in; "" reads without a cache.
	CacheDir string
	// GoGit reads with go-git even when a git binary is on PATH (the binary is many times
	// faster; both give the same log). Without a binary, or when it fails, go-git reads.
	GoGit bool
}

// Stats tell how much work a Read did.
type Stats struct {
	Walked int           // commits read from the repository
	Cached int           // commits taken from the cache
	Hit    bool          // the cache was at HEAD already
	Git    bool          // the git binary read the commits walked (else go-git did)
	Load   time.Duration // spent reading the cache file
}

// Read reads the history of the content folder. It returns ErrNoRepository when the folder is
// not in a git work tree and an *UnreadableError when the repository cannot be read.
func Read(opt Options) (*Log, Stats, error) {
	var st Stats
	r, err := open(opt.Dir)
	if err != nil {
		return nil, st, err
	}
	defer r.store.Close()
	abs, _ := filepath.Abs(opt.Dir)
	prefix, err := filepath.Rel(r.root, abs)
	if err != nil {
		return nil, st, err
	}
	prefix = filepath.ToSlash(prefix)
	if prefix == "." {
		prefix = ""
	}
	ref, err := storer.ResolveReference(r.store, plumbing.HEAD)
	if err != nil {
		// A repository without commits has no history yet.
		return &Log{Root: r.root, Prefix: prefix, Files: map[string]*File{}}, st, nil
	}
	w, err := newWalker(r, prefix)
	if err != nil {
		return nil, st, &UnreadableError{GitDir: r.gitDir, Err: err}
	}
	c := openCache(opt.CacheDir, r.gitDir, prefix, w.shallowList())
	t := time.Now()
	nodes, done := c.load(ref.Hash())
	st.Load = time.Since(t)
	st.Cached = len(nodes)
	log := &Log{Root: r.root, Prefix: prefix, Head: ref.Hash().String(), Shallow: len(w.shallow) > 0}
	if done != nil {
		// The cache holds the finished log at this HEAD: nothing to walk, join or list.
		st.Hit = true
		done.restore(log)
		return log, st, nil
	}
	st.Hit = nodes[ref.Hash()] != nil
	walked, usedGit, err := w.walkAny(opt, ref.Hash(), nodes)
	st.Git = usedGit
	if err != nil {
		return nil, st, &UnreadableError{GitDir: r.gitDir, Err: fmt.Errorf("walk history: %w", err)}
	}
	st.Walked = walked
	order := ordered(ref.Hash(), nodes)
	labels := labelPRs(order, nodes)
	for _, n := range order {
		if n.Boundary && (log.Boundary.IsZero() || n.When.Before(log.Boundary)) {
			log.Boundary = n.When
		}
		if n.Rec != nil {
			// A copy: the cached nodes keep the PR their own message names, labels are per HEAD.
			rec := *n.Rec
			if rec.PR == 0 {
				rec.PR = labels[n.Hash]
			}
			log.Commits = append(log.Commits, &rec)
		}
	}
	head, err := object.GetCommit(r.store, ref.Hash())
	if err != nil {
		return nil, st, &UnreadableError{GitDir: r.gitDir, Err: err}
	}
	root, err := w.contentTree(head)
	if err != nil {
		return nil, st, &UnreadableError{GitDir: r.gitDir, Err: err}
	}
	blobs := map[string]string{}
	if err := w.list("", root, blobs); err != nil {
		return nil, st, &UnreadableError{GitDir: r.gitDir, Err: err}
	}
	log.Files = files(log, blobs)
	c.save(ref.Hash(), order, finish(log))
	return log, st, nil
}

func (w *walker) shallowList() []string {
	out := make([]string, 0, len(w.shallow))
	for h := range w.shallow {
		out = append(out, h.String())
	}
	sort.Strings(out)
	return out
}

// walkAny walks with the git binary when there is one and opt allows it, and with go-git
// otherwise or when git fails (a parent missing outside a shallow clone's list, an old git).
func (w *walker) walkAny(opt Options, head plumbing.Hash, nodes map[plumbing.Hash]*node) (int, bool, error) {
	if nodes[head] != nil {
		return 0, false, nil
	}
	if bin := gitBinary(); bin != "" && !opt.GoGit {
		if n, err := w.walkGit(bin, head, nodes); err == nil {
			return n, true, nil
		}
	}
	n, err := w.walk(head, nodes)
	return n, false, err
}

// walk visits every commit reachable from head that nodes does not hold yet, adding it.
func (w *walker) walk(head plumbing.Hash, nodes map[plumbing.Hash]*node) (int, error) {
	stack := []plumbing.Hash{head}
	walked := 0
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if nodes[h] != nil {
			continue
		}
		c, err := object.GetCommit(w.r.store, h)
		if err != nil {
			return walked, fmt.Errorf("commit %s: %w", h, err)
		}
		n, err := w.visit(c)
		if err != nil {
			return walked, fmt.Errorf("commit %s: %w", h, err)
		}
		nodes[h] = n
		walked++
		stack = append(stack, n.Parents...)
	}
	return walked, nil
}

// list records the blob hash of every file below a tree.
func (w *walker) list(dir string, h plumbing.Hash, out map[string]string) error {
	t, err := w.tree(h)
	if err != nil {
		return err
	}
	for _, e := range t.entries {
		switch e.Mode {
		case filemode.Dir:
			if err := w.list(dir+e.Name+"/", e.Hash, out); err != nil {
				return err
			}
		case filemode.Submodule:
		default:
			out[dir+e.Name] = e.Hash.String()
		}
	}
	return nil
}

// ordered lists the commits reachable from head newest first by committer date, the order of
// `git log`, using only the graph in memory. Ties go to the lower hash, so the order never
// depends on how the graph was walked or cached.
func ordered(head plumbing.Hash, nodes map[plumbing.Hash]*node) []*node {
	q := &byDate{}
	seen := map[plumbing.Hash]bool{head: true}
	heap.Push(q, nodes[head])
	var out []*node
	for q.Len() > 0 {
		n := heap.Pop(q).(*node)
		out = append(out, n)
		for _, p := range n.Parents {
			if !seen[p] && nodes[p] != nil {
				seen[p] = true
				heap.Push(q, nodes[p])
			}
		}
	}
	return out
}

type byDate []*node

func (q byDate) Len() int { return len(q) }
func (q byDate) Less(i, j int) bool {
	if !q[i].When.Equal(q[j].When) {
		return q[i].When.After(q[j].When)
	}
	return q[i].Hash.String() < q[j].Hash.String()
}
func (q byDate) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *byDate) Push(x any)   { *q = append(*q, x.(*node)) }
func (q *byDate) Pop() any {
	old := *q
	n := old[len(old)-1]
	*q = old[:len(old)-1]
	return n
}

var (
	squashPR = regexp.MustCompile(`\(#(\d+)\)`)
	mergePR  = regexp.MustCompile(`^Merge pull request #(\d+)`)
	gitlabMR = regexp.MustCompile(`(?m)^See merge request \S+!(\d+)\s*$`)
)

// prNumber is the pull or merge request a commit message names, 0 if none.
func prNumber(msg string) int {
	subject, _, _ := strings.Cut(strings.TrimSpace(msg), "\n")
	var m []string
	if m = mergePR.FindStringSubmatch(subject); m == nil {
		if all := squashPR.FindAllStringSubmatch(subject, -1); len(all) > 0 {
			m = all[len(all)-1]
		} else {
			m = gitlabMR.FindStringSubmatch(msg)
		}
	}
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// labelPRs gives commits brought in by a PR merge's second parent the merge's PR number, by
// hash; the caller applies it to commits whose own message names none. Commits reachable along
// first parents from HEAD, the main line, get none; a commit on a branch merged by two PRs
// takes the first one seen from HEAD.
func labelPRs(order []*node, nodes map[plumbing.Hash]*node) map[plumbing.Hash]int {
	if len(order) == 0 {
		return nil
	}
	children := map[plumbing.Hash]int{}
	for _, n := range order {
		for _, p := range n.Parents {
			children[p]++
		}
	}
	label := map[plumbing.Hash]int{}
	mainline := map[plumbing.Hash]bool{order[0].Hash: true}
	queue := []*node{order[0]}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for i, ph := range n.Parents {
			p := nodes[ph]
			if p == nil {
				continue
			}
			switch {
			case i == 0 && mainline[n.Hash]:
				mainline[ph] = true
			case i > 0 && n.PR != 0:
				if label[ph] == 0 {
					label[ph] = n.PR
				}
			case label[n.Hash] != 0 && label[ph] == 0:
				label[ph] = label[n.Hash]
			}
			if children[ph]--; children[ph] == 0 {
				queue = append(queue, p)
			}
		}
	}
	out := make(map[plumbing.Hash]int, len(label))
	for h, pr := range label {
		if !mainline[h] {
			out[h] = pr
		}
	}
	return out
}

// files builds the history of every file present at HEAD.
func files(log *Log, blobs map[string]string) map[string]*File {
	type entry struct {
		c  *Commit
		ch Change
	}
	byPath := map[string][]entry{}
	for _, c := range log.Commits {
		for _, ch := range c.Changes {
			byPath[ch.Path] = append(byPath[ch.Path], entry{c, ch})
			if ch.Kind == Renamed {
				byPath[ch.From] = append(byPath[ch.From], entry{c, Change{Path: ch.From, Kind: Deleted}})
			}
		}
	}
	index := make(map[*Commit]int, len(log.Commits))
	for i, c := range log.Commits {
		index[c] = i
	}
	out := make(map[string]*File, len(blobs))
	for p, blob := range blobs {
		f := &File{Path: p, Blob: blob}
		name, after := p, -1
	follow:
		for {
			for _, e := range byPath[name] {
				if index[e.c] <= after {
					continue
				}
				f.Commits = append(f.Commits, e.c)
				if e.ch.Kind == Added && f.Created == nil {
					f.Created = e.c
				}
				if e.ch.Kind == Renamed {
					name, after = e.ch.From, index[e.c]
					continue follow
				}
			}
			break
		}
		if n := len(f.Commits); n > 0 {
			if ch, _ := f.ChangeFor(f.Commits[n-1]); ch.Kind != Added {
				f.Truncated = log.Shallow
			}
		} else {
			f.Truncated = log.Shallow
		}
		out[p] = f
	}
	return out
}
