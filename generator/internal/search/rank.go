package search

import (
	"sort"
	"strings"
)

// match is what one query word reaches: the score it gives each document, and the words it
// stands for in the text (every form of every stem it reached, and the words of its synonyms),
// for the proximity boost and the highlighting. The scores are those of the tiers loaded;
// hidden lists the stems reached with tiers not loaded, and bound is the most any of those
// tiers may give a document for this word.
type match struct {
	scores map[int]float64
	words  map[string]bool
	prefix string // the word itself when it is a prefix: every word it begins counts as found
	hidden []stemKey
	bound  float64
	lead   int // a document that gets bound from the tiers not loaded is on this page or after; -1 when unknown
}

// termMatch reaches a query word's documents: through its own stems, and through the synonyms
// the site declares for it. A synonym of several words counts for a document that has them all,
// with the mean of their scores.
func (s *Searcher) termMatch(t Term, st *tierState) match {
	m := match{scores: map[int]float64{}, words: map[string]bool{}, lead: -1}
	if t.Prefix {
		m.prefix = t.Word
	}
	for k, w := range s.expand(t) {
		s.addWords(m.words, k)
		st.each(k, func(p posting) { m.scores[p.doc] = max(m.scores[p.doc], w*float64(p.score)) })
		if st.hidden(k) {
			m.hidden = append(m.hidden, k)
			m.raise(w*float64(st.bound(k)), st.lead(k))
		}
	}
	syn := s.m.Tune.Synonym
	for _, alt := range s.synonymsOf(t.Word) {
		var parts []map[int]float64
		hidden, top := false, 0.0 // a part's mean is at most its best part's best score
		for _, w := range alt {
			part := map[int]float64{}
			for k, wt := range s.expand(Term{Word: w}) {
				s.addWords(m.words, k)
				st.each(k, func(p posting) { part[p.doc] = max(part[p.doc], wt*float64(p.score)) })
				top = max(top, wt*float64(st.top(k)))
				if st.hidden(k) {
					m.hidden = append(m.hidden, k)
					hidden = true
				}
			}
			parts = append(parts, part)
		}
		if hidden {
			m.raise(syn*top, -1)
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

// raise takes bound as the match's bound if it is higher, with the lead page of the tiers it
// comes from; of equal bounds, the lower lead holds for both.
func (m *match) raise(bound float64, lead int) {
	switch {
	case bound > m.bound:
		m.bound, m.lead = bound, lead
	case bound == m.bound:
		m.lead = min(m.lead, lead)
	}
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
	out, _ := s.Find(q, f)
	return out
}

// Outcome tells how a search was answered.
type Outcome struct {
	// Exact is set when the results are those the whole postings give (see certain); otherwise
	// they were ranked from the tiers loaded, within Tuning.TierBudget.
	Exact bool
	Tiers int // tier files loaded, beyond the dictionary chunks
}

// Find is Search, and tells how the results were found. It ranks from the first tier of each
// stem, then loads further tiers while the results are not certain: until they are when
// f.Exact is set, while the fewer than f.Limit pages found leave room for more (and phrases
// have not used their Tuning.MaxChecked), or while the next tiers fit in Tuning.TierBudget.
// An excluded word's tiers are all loaded: a document it is in must go, wherever it ranks.
func (s *Searcher) Find(q string, f Filter) ([]Result, Outcome) {
	tu := &s.m.Tune
	limit := f.Limit
	if limit <= 0 {
		limit = 10
	}
	pq := ParseQuery(q)
	st := s.newTiers()
	var excluded []stemKey
	for _, w := range pq.Excludes {
		for k := range s.expand(Term{Word: w}) {
			st.all(k)
			excluded = append(excluded, k)
		}
	}
	budget := tu.TierBudget
	for {
		var ms []match
		for _, t := range pq.Terms {
			ms = append(ms, s.termMatch(t, st))
		}
		key, sum, count := rank(ms, tu.Coverage)
		for _, k := range excluded {
			st.each(k, func(p posting) { delete(key, p.doc) })
		}
		// A phrase is never certain (its check follows the order of every document): its
		// search takes the tiers its budget allows before it checks page text.
		if len(pq.Phrases) > 0 && st.deeper(hiddenOf(ms), &budget) {
			continue
		}
		groups, spent := s.choose(key, f, limit, pq.Phrases)
		sure := s.certain(ms, groups, key, limit, f, st, len(pq.Phrases) > 0)
		hidden := hiddenOf(ms)
		if !sure {
			unlimited := -1
			if f.Exact || len(groups) < limit && !spent {
				if st.deeper(hidden, &unlimited) {
					continue
				}
			} else if st.deeper(hidden, &budget) {
				continue
			}
		}
		return s.finish(groups, ms, key, sum, count), Outcome{Exact: sure, Tiers: st.files()}
	}
}

// choose takes the documents in order of their keys, as rank says, into groups by page: up to
// limit pages, up to Tuning.PerPage documents each, those that pass the filter and have the
// phrases. It reports whether it stopped at Tuning.MaxChecked documents checked for phrases.
func (s *Searcher) choose(key map[int]float64, f Filter, limit int, phrases [][]string) ([]*group, bool) {
	tu := &s.m.Tune
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
		if len(phrases) > 0 {
			if checked >= tu.MaxChecked {
				return groups, true
			}
			checked++
			if !hasPhrases(s.docText(d), phrases) {
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
	return groups, false
}

// finish orders the results chosen again with the proximity boost: among them, those whose
// text has the query's words close together move up, within their coverage.
func (s *Searcher) finish(groups []*group, ms []match, key, sum map[int]float64, count map[int]int) []Result {
	tu := &s.m.Tune
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
