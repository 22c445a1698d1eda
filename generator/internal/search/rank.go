package search

import (
	"sort"
	"strings"
)

// match is what one query word reaches: the score it gives each document, and the words it
// stands for in the text (every form of every stem it reached, and the words of its synonyms),
// for the proximity boost and the highlighting.
type match struct {
	scores map[int]float64
	words  map[string]bool
	prefix string // the word itself when it is a prefix: every word it begins counts as found
}

// termMatch reaches a query word's documents: through its own stems, and through the synonyms
// the site declares for it. A synonym of several words counts for a document that has them all,
// with the mean of their scores.
func (s *Searcher) termMatch(t Term) match {
	m := match{scores: map[int]float64{}, words: map[string]bool{}}
	if t.Prefix {
		m.prefix = t.Word
	}
	for k, w := range s.expand(t) {
		s.addWords(m.words, k)
		for _, p := range s.post[k.chunk][k.stem] {
			m.scores[p.doc] = max(m.scores[p.doc], w*float64(p.score))
		}
	}
	syn := s.m.Tune.Synonym
	for _, alt := range s.synonymsOf(t.Word) {
		var parts []map[int]float64
		for _, w := range alt {
			part := map[int]float64{}
			for k, wt := range s.expand(Term{Word: w}) {
				s.addWords(m.words, k)
				for _, p := range s.post[k.chunk][k.stem] {
					part[p.doc] = max(part[p.doc], wt*float64(p.score))
				}
			}
			parts = append(parts, part)
		}
	docs:
		for d := range parts[0] {
			sum := 0.0
			for _, part := range parts {
				v, ok := part[d]
				if !ok {
					continue docs
				}
				sum += v
			}
			m.scores[d] = max(m.scores[d], syn*(sum/float64(len(parts))))
		}
	}
	return m
}

// synonymsOf returns the synonyms declared for a word, or for the word less a common ending
// ("trolls" → "troll").
func (s *Searcher) synonymsOf(w string) [][]string {
	if alts, ok := s.m.Synonyms[w]; ok {
		return alts
	}
	if base := strip(w, s.m.Tune.Endings); base != "" {
		return s.m.Synonyms[base]
	}
	return nil
}

func (s *Searcher) addWords(into map[string]bool, k stemKey) {
	c := s.chunks[k.chunk]
	for i, st := range c.Stems {
		if st == k.stem {
			into[c.Words[i]] = true
		}
	}
}

// has reports whether a word of the text stands for the query word.
func (m match) has(w string) bool {
	return m.words[w] || m.prefix != "" && strings.HasPrefix(w, m.prefix)
}

// rank scores every document any query word reaches: Tuning.Coverage for each query word it
// matches, plus the sum of the words' BM25F scores, added in the order of the words.
func rank(ms []match, cov float64) (key, sum map[int]float64, count map[int]int) {
	sum = map[int]float64{}
	count = map[int]int{}
	for _, m := range ms {
		for d, v := range m.scores {
			sum[d] += v
			count[d]++
		}
	}
	key = map[int]float64{}
	for d, v := range sum {
		key[d] = float64(count[d])*cov + v
	}
	return key, sum, count
}

// group is one page's results: its best document first.
type group struct {
	page int
	docs []int
}

// Search runs a query and returns the results of up to f.Limit pages (10 when 0): the pages
// ordered by their best result, each page's results together, its best first and up to
// Tuning.PerPage in all.
func (s *Searcher) Search(q string, f Filter) []Result {
	tu := &s.m.Tune
	limit := f.Limit
	if limit <= 0 {
		limit = 10
	}
	pq := ParseQuery(q)
	var ms []match
	for _, t := range pq.Terms {
		ms = append(ms, s.termMatch(t))
	}
	key, sum, count := rank(ms, tu.Coverage)
	for _, w := range pq.Excludes {
		for k := range s.expand(Term{Word: w}) {
			for _, p := range s.post[k.chunk][k.stem] {
				delete(key, p.doc)
			}
		}
	}
	order := make([]int, 0, len(key))
	for d := range key {
		order = append(order, d)
	}
	sort.Slice(order, func(i, j int) bool { return better(key, order[i], order[j]) })
	var groups []*group
	byPage := map[int]*group{}
	checked := 0
	for _, d := range order {
		page := s.pageOf[d]
		if !s.keep(d, f) {
			continue
		}
		g := byPage[page]
		if g != nil && len(g.docs) >= tu.PerPage || g == nil && len(groups) >= limit {
			continue
		}
		if len(pq.Phrases) > 0 {
			if checked >= tu.MaxChecked {
				break
			}
			checked++
			if !hasPhrases(s.docText(d), pq.Phrases) {
				continue
			}
		}
		if g == nil {
			g = &group{page: page}
			byPage[page] = g
			groups = append(groups, g)
		}
		g.docs = append(g.docs, d)
	}
	// The proximity boost: among the results chosen, those whose text has the query's words
	// close together move up, within their coverage.
	final := map[int]float64{}
	for _, g := range groups {
		for _, d := range g.docs {
			near := 0.0
			if len(ms) > 1 { // one query word has no neighbours
				near = closeness(Words(s.docText(d)), ms)
			}
			final[d] = float64(count[d])*tu.Coverage + sum[d]*(1+tu.Prox*near)
		}
		sort.SliceStable(g.docs, func(i, j int) bool { return better(final, g.docs[i], g.docs[j]) })
	}
	sort.SliceStable(groups, func(i, j int) bool { return better(final, groups[i].docs[0], groups[j].docs[0]) })
	var out []Result
	for _, g := range groups {
		for i, d := range g.docs {
			r := s.result(d, final[d])
			r.Sub = i > 0
			out = append(out, r)
		}
	}
	return out
}

// better orders documents by score, then by number.
func better(score map[int]float64, a, b int) bool {
	if score[a] != score[b] {
		return score[a] > score[b]
	}
	return a < b
}

// closeness is how near one another the query words stand in a document's words: k/w for the
// narrowest window of w words holding one of each of the k query words found there, so 1 when
// they stand side by side; 0 when fewer than two are found.
func closeness(words []string, ms []match) float64 {
	var at [][]int // positions of each query word found
	for _, m := range ms {
		var ps []int
		for i, w := range words {
			if m.has(w) {
				ps = append(ps, i)
			}
		}
		if len(ps) > 0 {
			at = append(at, ps)
		}
	}
	k := len(at)
	if k < 2 {
		return 0
	}
	// Sweep the positions in order, keeping the last position of each query word seen.
	type pos struct{ at, term int }
	var all []pos
	for t, ps := range at {
		for _, p := range ps {
			all = append(all, pos{p, t})
		}
	}
	sort.Slice(all, func(i, j int) bool {
		return all[i].at < all[j].at || all[i].at == all[j].at && all[i].term < all[j].term
	})
	last := make([]int, k)
	for i := range last {
		last[i] = -1
	}
	seen, best := 0, len(words)+1
	for _, p := range all {
		if last[p.term] < 0 {
			seen++
		}
		last[p.term] = p.at
		if seen == k {
			lo := p.at
			for _, l := range last {
				lo = min(lo, l)
			}
			best = min(best, p.at-lo+1)
		}
	}
	return float64(k) / float64(best)
}

func hasPhrases(text string, phrases [][]string) bool {
	if len(phrases) == 0 {
		return true
	}
	t := " " + strings.Join(Words(text), " ") + " "
	for _, ph := range phrases {
		if !strings.Contains(t, " "+strings.Join(ph, " ")+" ") {
			return false
		}
	}
	return true
}
