package search

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
)

// A stem's postings are cut into tiers, so that a first query loads a bounded number of bytes
// however large the site. The first tier is in the dictionary chunk: the postings of the pages
// where the stem scores best (the page's best document decides), whole pages at a time, up to
// Tuning.TierCap postings. Tier k after it holds the next pages, up to TierCap·TierGrowth^k
// postings, in its own file (search/<hash>/t<N>.js). Within a tier the postings are in document
// order, encoded as always. The chunk records, for each stem with more tiers, the number of its
// first tier file, the size of all its postings, and the highest score in each later tier: that
// bounds what the tiers not loaded yet can add to a document (see tierState).

// TierGrowth is how much larger each tier is than the one before it: the loads a query needs
// grow as it goes deeper, so the number of files it loads stays small.
const TierGrowth = 4

// tail describes a stem's tiers after the first, in a chunk: [stem, first file, size, then for
// each tier after the first its highest score, the length of its postings and its lead: the
// page that scores best in it, the lowest numbered of those that score as well]. Tier k (k ≥ 1)
// is in file first+k-1; size is the length of all its encoded tiers, the measure of how common
// the stem is (the most common stems are kept when a prefix reaches too many).
type tail []int

// packed is a posting in 8 bytes, as the build handles the long lists it cuts into tiers: the
// document in the upper half, the encoded score×2 + item in the lower.
type packed uint64

func (p packed) doc() int   { return int(p >> 32) }
func (p packed) score() int { return int(uint32(p) >> 1) }

// unpack decodes postings as packed: a list of a site of tens of thousands of pages holds
// hundreds of thousands of postings, which as posting structs would be three times larger.
func unpack(s string) []packed {
	out := make([]packed, 0, len(s)/2)
	n, doc, first := 0, 0, true
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(digits64, s[i])
		if d >= 32 {
			n = n*32 + d - 32
			continue
		}
		n = n*32 + d
		if first {
			doc += n
		} else {
			out = append(out, packed(uint64(doc)<<32|uint64(n)))
		}
		n, first = 0, !first
	}
	return out
}

// pageRun is the postings of one page in a stem's list: ps[lo:hi], best its best score.
type pageRun struct{ page, best, lo, hi int32 }

// cutTiers cuts a stem's postings, in document order, into tiers of whole pages (firstDoc[p] is
// page p's first document): the pages by their best score, ties to the lower page, the first
// tier up to limit postings and each next one TierGrowth times more; a page larger than its tier
// has a tier to itself. Each tier is its pages in page order. It returns one tier when limit ≤ 0
// or all postings fit in it, and the lead page of each tier (see tail). As pages are taken best
// first and ties to the lower page, a page in a later tier that scores as well as a tier's lead
// is numbered after it.
func cutTiers(ps []packed, firstDoc []int, limit int) ([][]pageRun, []int) {
	var runs []pageRun
	for i := 0; i < len(ps); {
		page := sort.Search(len(firstDoc), func(p int) bool { return firstDoc[p] > ps[i].doc() }) - 1
		r := pageRun{page: int32(page), lo: int32(i)}
		for ; i < len(ps) && (page+1 == len(firstDoc) || ps[i].doc() < firstDoc[page+1]); i++ {
			r.best = max(r.best, int32(ps[i].score()))
		}
		r.hi = int32(i)
		runs = append(runs, r)
	}
	if limit <= 0 || len(ps) <= limit {
		return [][]pageRun{runs}, []int{-1}
	}
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].best > runs[j].best })
	var tiers [][]pageRun
	var leads []int
	size, room, start := 0, limit, 0
	for i := 0; i <= len(runs); i++ {
		if i == len(runs) || i > start && size+int(runs[i].hi-runs[i].lo) > room {
			tier := runs[start:i]
			leads = append(leads, int(tier[0].page))
			sort.Slice(tier, func(a, b int) bool { return tier[a].page < tier[b].page })
			tiers = append(tiers, tier)
			size, room, start = 0, room*TierGrowth, i
		}
		if i < len(runs) {
			size += int(runs[i].hi - runs[i].lo)
		}
	}
	return tiers, leads
}

// encodeRuns encodes the postings of a tier's pages.
func encodeRuns(ps []packed, tier []pageRun) string {
	var l postingList
	for _, r := range tier {
		for _, p := range ps[r.lo:r.hi] {
			l.add(p.doc(), p&1 == 1, p.score())
		}
	}
	return l.enc.String()
}

// tierFiles cuts a stem's postings (enc, as encodePostings writes them) into tiers: the first
// tier's postings for the chunk, the later tiers' for their own files, and the stem's tail entry
// but for its first two numbers, which the chunks give (see tail).
func tierFiles(enc string, firstDoc []int, limit int) (first string, rest []string, meta []int) {
	ps := unpack(enc)
	tiers, leads := cutTiers(ps, firstDoc, limit)
	if len(tiers) == 1 {
		return enc, nil, nil
	}
	first = encodeRuns(ps, tiers[0])
	size := len(first)
	var more []int
	for k, tier := range tiers[1:] {
		enc := encodeRuns(ps, tier)
		rest = append(rest, enc)
		size += len(enc)
		high := 0
		for _, r := range tier {
			high = max(high, int(r.best))
		}
		more = append(more, high, len(enc), leads[k+1])
	}
	return first, rest, append([]int{size}, more...)
}

// tier cuts every list longer than Tuning.TierCap into tiers, once, when the index is built: the
// whole list is then let go, so a large site holds its postings once.
func (ix *Index) tier() {
	limit := ix.in.Tuning.TierCap
	if limit <= 0 {
		return
	}
	firstDoc := make([]int, len(ix.perPage))
	for p := 1; p < len(ix.perPage); p++ {
		firstDoc[p] = firstDoc[p-1] + ix.perPage[p-1]
	}
	for _, l := range ix.postings {
		if l.n <= limit {
			continue
		}
		first, rest, meta := tierFiles(l.enc.String(), firstDoc, limit)
		if rest != nil {
			l.enc.Reset()
			l.enc.WriteString(first)
			l.rest, l.meta = rest, meta
		}
	}
}

// stemTiers is what the Go searcher knows of one stem: its tiers decoded, the highest score and
// the encoded length of each, and the size of all its postings.
type stemTiers struct {
	tiers [][]posting
	high  []int
	bytes []int
	lead  []int
	size  int
}

// openTiers decodes a chunk's postings and the files of its tails.
func openTiers(c chunk, files map[string][]byte, dir string) ([]stemTiers, error) {
	out := make([]stemTiers, len(c.Postings))
	for i, enc := range c.Postings {
		p, err := decodePostings(enc)
		if err != nil {
			return nil, err
		}
		high := 0
		for _, x := range p {
			high = max(high, x.score)
		}
		out[i] = stemTiers{tiers: [][]posting{p}, high: []int{high}, bytes: []int{len(enc)}, lead: []int{-1}, size: len(enc)}
	}
	for _, t := range c.Tails {
		if len(t) < 6 || len(t)%3 != 0 || t[0] < 0 || t[0] >= len(out) {
			return nil, fmt.Errorf("bad tail %v", t)
		}
		st := &out[t[0]]
		st.size = t[2]
		for k := 0; 3+3*k < len(t); k++ {
			high := t[3+3*k]
			var enc string
			if err := unscript(files[fmt.Sprintf("%st%d.js", dir, t[1]+k)], "t", &enc); err != nil {
				return nil, fmt.Errorf("tail %d: %w", t[1]+k, err)
			}
			p, err := decodePostings(enc)
			if err != nil {
				return nil, err
			}
			st.tiers = append(st.tiers, p)
			st.high = append(st.high, high)
			st.bytes = append(st.bytes, t[4+3*k])
			st.lead = append(st.lead, t[5+3*k])
		}
	}
	return out, nil
}

// tierState is what one search has loaded: how many tiers of each stem (one when not named),
// and the pages each stem's loaded tiers cover. The browser loads a tier's file when the search
// first needs it; the Go searcher holds every file but reads only the tiers loaded, so that both
// rank from the same postings.
type tierState struct {
	s     *Searcher
	n     map[stemKey]int
	pages map[stemKey]map[int]bool
}

func (s *Searcher) newTiers() *tierState {
	return &tierState{s: s, n: map[stemKey]int{}, pages: map[stemKey]map[int]bool{}}
}

func (st *tierState) loaded(k stemKey) int {
	if n, ok := st.n[k]; ok {
		return n
	}
	return 1
}

// each calls fn with every posting of the tiers of k loaded.
func (st *tierState) each(k stemKey, fn func(p posting)) {
	for _, tier := range st.s.stems[k.chunk][k.stem].tiers[:st.loaded(k)] {
		for _, p := range tier {
			fn(p)
		}
	}
}

// hidden reports whether k has tiers not loaded.
func (st *tierState) hidden(k stemKey) bool {
	return st.loaded(k) < len(st.s.stems[k.chunk][k.stem].tiers)
}

// bound is the highest score of k in the tiers not loaded, 0 when all are.
func (st *tierState) bound(k stemKey) int {
	t := &st.s.stems[k.chunk][k.stem]
	if n := st.loaded(k); n < len(t.tiers) {
		return t.high[n]
	}
	return 0
}

// lead is the lowest page that may hold a posting of k not loaded that scores bound(k); -1 when
// all are loaded.
func (st *tierState) lead(k stemKey) int {
	t := &st.s.stems[k.chunk][k.stem]
	if n := st.loaded(k); n < len(t.tiers) {
		return t.lead[n]
	}
	return -1
}

// top is the highest score of k anywhere: the first tier holds its best page.
func (st *tierState) top(k stemKey) int { return st.s.stems[k.chunk][k.stem].high[0] }

// all loads every tier of k, as an exclusion needs.
func (st *tierState) all(k stemKey) {
	st.n[k] = len(st.s.stems[k.chunk][k.stem].tiers)
	delete(st.pages, k)
}

// deeper loads one more tier of each stem in ks that has one, when their postings together are
// at most *budget bytes (a negative budget has no limit), and takes them from the budget. It
// reports whether it loaded any.
func (st *tierState) deeper(ks []stemKey, budget *int) bool {
	cost := 0
	for _, k := range ks {
		if st.hidden(k) {
			cost += st.s.stems[k.chunk][k.stem].bytes[st.loaded(k)]
		}
	}
	if cost == 0 || *budget >= 0 && cost > *budget {
		return false
	}
	if *budget >= 0 {
		*budget -= cost
	}
	for _, k := range ks {
		if st.hidden(k) {
			st.n[k] = st.loaded(k) + 1
			delete(st.pages, k)
		}
	}
	return true
}

// covers reports whether every stem of ks has its postings on page loaded: then a document of
// the page scores, for those stems, what the tiers loaded say.
func (st *tierState) covers(ks []stemKey, page int) bool {
	for _, k := range ks {
		ps, ok := st.pages[k]
		if !ok {
			ps = map[int]bool{}
			st.each(k, func(p posting) { ps[st.s.pageOf[p.doc]] = true })
			st.pages[k] = ps
		}
		if !ps[page] {
			return false
		}
	}
	return true
}

// hiddenOf lists, once each, the stems of the matches with tiers not loaded.
func hiddenOf(ms []match) []stemKey {
	var out []stemKey
	for _, m := range ms {
		for _, k := range m.hidden {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// files counts the tier files loaded.
func (st *tierState) files() int {
	n := 0
	for _, v := range st.n {
		n += v - 1
	}
	return n
}

// certain reports whether the groups chosen from the tiers loaded are those the whole postings
// would give. That holds when no query word has a tier not loaded. Otherwise it holds when, with
// no phrase (whose check depends on the order of every document before), all of these hold:
//   - limit pages were found;
//   - every page chosen is covered: each stem not wholly loaded has that page's postings loaded,
//     so the page's documents have their whole scores and the page its true results;
//   - no other document can pass the best result of the last page chosen, d: a document seen
//     has, for each word that does not cover its page, at most the word's bound (and Coverage,
//     when it was not seen with it); a document seen nowhere at most Coverage plus the bound
//     for each word with tiers not loaded. Reaching d's key is passing it when the document is
//     numbered before d: for a document seen nowhere, unless it can only be on a page after d's
//     (a word's lead, see tail), as ties go to the lower document.
//
// Keys are compared with a margin of rounding (same), so that the two searchers, which add in
// the same order, also agree where a bound and a key are equal.
func (s *Searcher) certain(ms []match, groups []*group, key map[int]float64, limit int, f Filter, st *tierState, phrases bool) bool {
	cov := s.m.Tune.Coverage
	unseen, open, lead := 0.0, false, -1
	for _, m := range ms {
		if len(m.hidden) > 0 {
			unseen += cov + m.bound
			open = true
			lead = max(lead, m.lead)
		}
	}
	if !open {
		return true
	}
	if phrases || len(groups) < limit {
		return false
	}
	chosen := map[int]bool{}
	for _, g := range groups {
		chosen[g.page] = true
		for _, m := range ms {
			if !st.covers(m.hidden, g.page) {
				return false
			}
		}
	}
	d := groups[len(groups)-1].docs[0]
	last := key[d]
	if passes(unseen, last) || same(unseen, last) && lead <= s.pageOf[d] {
		return false
	}
	for e, k := range key {
		page := s.pageOf[e]
		if chosen[page] || !s.keep(e, f) {
			continue
		}
		up := k
		for _, m := range ms {
			if st.covers(m.hidden, page) {
				continue
			}
			if v, ok := m.scores[e]; ok {
				up += max(v, m.bound) - v
			} else {
				up += cov + m.bound
			}
		}
		if passes(up, last) || same(up, last) && e < d {
			return false
		}
	}
	return true
}

// same reports whether two keys are equal but for rounding; passes whether a is above b by more.
func same(a, b float64) bool   { return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b)) }
func passes(a, b float64) bool { return a > b && !same(a, b) }
