package search

import (
	"math"
	"strings"
)

// docTerms is a document as the scoring needs it: the number of words in each field, and each
// stem once with how often it occurs in each field. The index keeps this rather than each
// document's list of words, which holds a string for every word of the site at once: on a site of
// tens of thousands of pages the word lists were the peak of a build's memory.
type docTerms struct {
	item  bool
	lens  [numFields]int32
	terms []docTerm
}

// docTerm is one stem of a document, by number, and its occurrences in each field: 16 bytes.
// A count stops at 65,535: BM25 saturates long before that, so only a document repeating one
// word that often could tell.
type docTerm struct {
	stem uint32
	n    [numFields]uint16
}

// termCounter counts the words of documents by stem for one worker, numbering the stems it
// meets (names[id] is stem id); at holds each stem's place in the document being counted.
type termCounter struct {
	ids   map[string]uint32
	names []string
	at    []int32
}

// count counts the words of d by stem.
func (c *termCounter) count(d *doc) docTerms {
	out := docTerms{item: d.item}
	for f, ts := range d.fields {
		out.lens[f] = int32(len(ts))
		for _, t := range ts {
			id, ok := c.ids[t]
			if !ok {
				id = uint32(len(c.names))
				c.ids[t] = id
				c.names = append(c.names, t)
				c.at = append(c.at, -1)
			}
			i := c.at[id]
			if i < 0 {
				i = int32(len(out.terms))
				c.at[id] = i
				out.terms = append(out.terms, docTerm{stem: id})
			}
			if out.terms[i].n[f] < math.MaxUint16 {
				out.terms[i].n[f]++
			}
		}
	}
	for _, t := range out.terms {
		c.at[t.stem] = -1
	}
	out.terms = out.terms[:len(out.terms):len(out.terms)]
	return out
}

// postingList is the postings of one stem encoded as they are scored, document after document:
// two or three bytes a document instead of a struct of 24.
type postingList struct {
	enc  strings.Builder
	prev int // the last document added
	n    int // documents added
	// Once cut into tiers (Index.tier), enc is the first tier; rest the later ones, and meta
	// the stem's tail entry but for its first two numbers.
	rest []string
	meta []int
}

func (l *postingList) add(doc int, item bool, score int) {
	putVarint(&l.enc, doc-l.prev)
	n := score * 2
	if item {
		n++
	}
	putVarint(&l.enc, n)
	l.prev = doc
	l.n++
}

// score computes every (stem, document) score with BM25F: the field frequencies, each
// normalised by its field's length and boosted, are summed before the saturation, so a word in a
// title and a body counts once, strongly. The documents are scored in order, so each stem's
// postings are appended in order of document numbers.
func (ix *Index) score(docs []docTerms, names []string) {
	var avg [numFields]float64
	var count [numFields]int
	df := make([]int, len(names))
	for _, d := range docs {
		for f, n := range d.lens {
			if n > 0 {
				avg[f] += float64(n)
				count[f]++
			}
		}
		for _, t := range d.terms {
			df[t.stem]++
		}
	}
	for f := range avg {
		if count[f] > 0 {
			avg[f] /= float64(count[f])
		}
	}
	n := float64(len(docs))
	lists := make([]postingList, len(names))
	for i := range docs {
		d := &docs[i]
		var step [numFields]float64 // what one occurrence in each field adds to a term's frequency
		for f, l := range d.lens {
			if l > 0 {
				step[f] = boosts[f] / (1 - b + b*float64(l)/avg[f])
			}
		}
		for _, t := range d.terms {
			// Added one occurrence at a time, field after field, as the words occur: the
			// sums, and so the rounded scores, stay those of counting word by word.
			tf := 0.0
			for f, c := range t.n {
				for range c {
					tf += step[f]
				}
			}
			idf := math.Log(1 + (n-float64(df[t.stem])+0.5)/(float64(df[t.stem])+0.5))
			s := idf * tf * (k1 + 1) / (tf + k1)
			lists[t.stem].add(i, d.item, max(1, int(math.Round(s*10))))
		}
		d.terms = nil // scored: let the collector have it while the others are scored
	}
	for id, st := range names {
		ix.postings[st] = &lists[id]
	}
}
