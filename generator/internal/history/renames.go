package history

import (
	"bytes"
	"sort"

	"github.com/go-git/go-git/v5/plumbing"
)

// Rename detection pairs a deleted path with an added one in the same commit, as `git log
// --follow` does, so a page keeps its history across a move:
//   - first, exact renames: both sides have the same blob (read from trees only);
//   - then, among the paths left, renames with edits: the pair whose contents share the most
//     lines, counted in bytes, at least renameMinScore of the larger file.
//
// The second step reads blobs, so it is skipped where they are missing (a blobless clone keeps
// exact renames only), for files over renameMaxBlob, and for a commit that would compare more
// than renameMaxPairs pairs (like git's diff.renameLimit). Both routes (go-git and the git
// binary) call pairRenames with the same blobs, so they pair alike.
const (
	renameMinScore = 50 // percent, git's default
	renameMaxBlob  = 1 << 20
	renameMaxPairs = 250_000
)

// emptyBlob is the hash of an empty file; two empty files are not a rename.
var emptyBlob = plumbing.NewHash("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")

// pairRenames turns deleted and added paths of one commit into renames (see above), preferring
// pairs with the same file name, and sorts the changes by path. blob reads a file's content;
// it may be nil, or answer false, and then only exact renames are found.
func pairRenames(raw []rawChange, blob func(plumbing.Hash) ([]byte, bool)) []Change {
	// The go-git walk and `git log` list changes in different orders; pairing in path order
	// makes both routes pair alike when several files share a blob.
	sort.SliceStable(raw, func(i, j int) bool { return raw[i].Path < raw[j].Path })
	from := map[int]int{} // added index → deleted index
	used := map[int]bool{}
	deleted := map[plumbing.Hash][]int{}
	for i, c := range raw {
		if c.Kind == Deleted && c.blob != emptyBlob {
			deleted[c.blob] = append(deleted[c.blob], i)
		}
	}
	for i, c := range raw {
		if c.Kind != Added || len(deleted[c.blob]) == 0 {
			continue
		}
		cands := deleted[c.blob]
		pick := 0
		for j, di := range cands {
			if baseName(raw[di].Path) == baseName(c.Path) {
				pick = j
				break
			}
		}
		from[i], used[cands[pick]] = cands[pick], true
		deleted[c.blob] = append(cands[:pick:pick], cands[pick+1:]...)
	}
	if blob != nil {
		pairSimilar(raw, from, used, blob)
	}
	out := make([]Change, 0, len(raw))
	for i, c := range raw {
		if used[i] {
			continue
		}
		if di, ok := from[i]; ok {
			c.Kind, c.From = Renamed, raw[di].Path
		}
		out = append(out, c.Change)
	}
	return out
}

// pairSimilar pairs the added and deleted paths left unpaired whose contents are similar
// enough, each added path (in path order) with its most similar deleted one.
func pairSimilar(raw []rawChange, from map[int]int, used map[int]bool, blob func(plumbing.Hash) ([]byte, bool)) {
	var adds, dels []int
	for i, c := range raw {
		switch {
		case c.blob == emptyBlob:
		case c.Kind == Added && !hasKey(from, i):
			adds = append(adds, i)
		case c.Kind == Deleted && !used[i]:
			dels = append(dels, i)
		}
	}
	if len(adds) == 0 || len(dels) == 0 || len(adds)*len(dels) > renameMaxPairs {
		return
	}
	lines := map[int]map[string]int{}
	size := map[int]int{}
	for _, i := range dels {
		if data, ok := blob(raw[i].blob); ok {
			lines[i], size[i] = lineCounts(data), len(data)
		}
	}
	// Every added blob is read even when no deleted one was: the git route learns this way
	// which blobs to fetch in one batch.
	for _, a := range adds {
		data, ok := blob(raw[a].blob)
		if !ok {
			continue
		}
		best, bestScore := -1, 0
		for _, d := range dels {
			if used[d] || lines[d] == nil {
				continue
			}
			score := similarity(lines[d], size[d], data)
			better := score > bestScore || score == bestScore && best >= 0 &&
				baseName(raw[d].Path) == baseName(raw[a].Path) && baseName(raw[best].Path) != baseName(raw[a].Path)
			if score >= renameMinScore && better {
				best, bestScore = d, score
			}
		}
		if best >= 0 {
			from[a], used[best] = best, true
		}
	}
}

func hasKey(m map[int]int, k int) bool { _, ok := m[k]; return ok }

// lineCounts counts each line of a file.
func lineCounts(data []byte) map[string]int {
	m := map[string]int{}
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			i = len(data) - 1
		}
		m[string(data[:i+1])]++
		data = data[i+1:]
	}
	return m
}

// similarity is the percentage of the larger file made of lines both files have.
func similarity(src map[string]int, srcSize int, dst []byte) int {
	left := make(map[string]int, len(src))
	for l, n := range src {
		left[l] = n
	}
	common := 0
	for data := dst; len(data) > 0; {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			i = len(data) - 1
		}
		if l := string(data[:i+1]); left[l] > 0 {
			left[l]--
			common += len(l)
		}
		data = data[i+1:]
	}
	return common * 100 / max(srcSize, len(dst), 1)
}
