package search

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cmplay/cmplay/playbooks"
)

// Missing is a query word no page has, with the site's words nearest to it.
type Missing struct {
	Word    string   `json:"word"`
	Suggest []string `json:"suggest"`
}

// Missing explains an empty result: the query words that reach no document, neither as written,
// nor as a prefix, a typo or a synonym, each with up to Tuning.Suggest words of the site that are
// nearest to it ("trol" → "troll", "troublemaker"…). search-core.js does the same.
func (s *Searcher) Missing(q string) []Missing {
	var out []Missing
	for _, t := range ParseQuery(q).Terms {
		if len(s.termMatch(t, s.newTiers()).scores) == 0 {
			out = append(out, Missing{Word: t.Word, Suggest: s.suggest(t.Word)})
		}
	}
	return out
}

// suggest returns the words that begin with the same letter as w and are at most two edits
// from it (one for a word under five letters), nearest first, then the most used, then in
// alphabetical order, one word per stem.
func (s *Searcher) suggest(w string) []string {
	r, _ := utf8.DecodeRuneInString(w)
	first := string(r)
	limit := 2
	if utf8.RuneCountInString(w) < s.m.Tune.TypoMinLen {
		limit = 1
	}
	type cand struct {
		word       string
		dist, size int
	}
	var cs []cand
	lo, hi := s.prefixChunks(first)
	for c := lo; c < hi; c++ {
		ch := s.chunks[c]
		best := map[int]int{} // stem → index in cs
		for i, cw := range ch.Words {
			if !strings.HasPrefix(cw, first) {
				continue
			}
			d := playbooks.EditDistance(w, cw)
			if d > limit || d == 0 {
				continue
			}
			st := ch.Stems[i]
			if j, ok := best[st]; ok {
				if d < cs[j].dist {
					cs[j].word, cs[j].dist = cw, d
				}
				continue
			}
			best[st] = len(cs)
			cs = append(cs, cand{cw, d, s.stems[c][st].size})
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.dist != b.dist {
			return a.dist < b.dist
		}
		if a.size != b.size {
			return a.size > b.size
		}
		return a.word < b.word
	})
	out := []string{}
	for i := 0; i < len(cs) && i < s.m.Tune.Suggest; i++ {
		out = append(out, cs[i].word)
	}
	return out
}
