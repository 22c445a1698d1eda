package search

import (
	"html"
	"maps"
	"strings"

	"github.com/cmplay/cmplay/internal/parallel"
	"github.com/cmplay/cmplay/playbooks"
)

// Input is what the index is built from.
type Input struct {
	Pages      []*playbooks.Page // in reading order; a page's number in the index is its position
	RoleTitles map[string]string // role slug → title of its role page, for the role filter
	FileURLs   bool              // the site is built for file://: links to folders need index.html
	ChunkBytes int               // target size of one dictionary chunk; DefaultChunkBytes when 0
	// Synonyms maps a word a reader may type to the words or phrases the site uses for it
	// ("troll" → "troublemaker"; "coc" → "code of conduct"). Keys are single words.
	Synonyms map[string][]string
	Tuning   *Tuning // the query engine's weights and limits; DefaultTuning when nil
}

// DefaultChunkBytes keeps a chunk small enough that a first query on a large site loads little,
// and large enough that a site of a few hundred pages needs only a handful of files.
const DefaultChunkBytes = 12 << 10

// The fields of a document, with their boosts in the BM25F sum. A section or item carries its
// page's title as a weak "context" field, so "escalation timing" finds the timing section of the
// escalation page even when the section itself never says "escalation".
const (
	fieldTitle   = iota // page title (the page's intro document)
	fieldMeta           // summary written in the front matter, and tags
	fieldHeading        // the section's heading
	fieldBody           // the section's text
	fieldItem           // a checklist item's text
	fieldContext        // the page title, on its sections and items
	numFields
)

var boosts = [numFields]float64{fieldTitle: 8, fieldMeta: 2, fieldHeading: 4, fieldBody: 1, fieldItem: 2, fieldContext: 1}

// BM25 parameters: the usual ones.
const (
	k1 = 1.2
	b  = 0.75
)

// doc is one search result: a page's intro (title, summary, tags and the text before the first
// heading), one of its sections, or one of its checklist items. Documents are numbered across
// the site in that order, page after page, so a page's documents are a range of numbers.
type doc struct {
	item   bool
	fields [numFields][]string
}

// Index is a built search index, ready to be written as files.
type Index struct {
	in       Input
	words    map[string]string       // surface word → stem
	postings map[string]*postingList // stem → its postings, encoded (see encodePostings)
	pages    []pageData
	docs     int
	perPage  []int // documents of each page
}

// posting is one document a stem occurs in, with its precomputed score.
type posting struct {
	doc   int
	item  bool
	score int // BM25F score × 10, at least 1
}

// Build indexes the pages: every page's intro, every section (Page.Sections) and every
// checklist item is a document.
func Build(in Input) *Index {
	if in.ChunkBytes <= 0 {
		in.ChunkBytes = DefaultChunkBytes
	}
	if in.Tuning == nil {
		in.Tuning = &DefaultTuning
	}
	ix := &Index{in: in, words: map[string]string{}, postings: map[string]*postingList{}}
	site := siteOf(in.Pages)
	// Pages are tokenised and stemmed in parallel, each worker with its own memo of stems and
	// its own numbering of them, and each document is kept only as its counts (docTerms), not as
	// its list of words; the stems are then numbered for the site and the documents in page
	// order, so the index does not depend on scheduling.
	type built struct {
		docs   []docTerms
		page   pageData
		worker int
	}
	out := make([]built, len(in.Pages))
	workers := parallel.Workers(len(in.Pages))
	memos := make([]stems, workers)
	counters := make([]termCounter, workers)
	for w := range memos {
		memos[w], counters[w] = stems{}, termCounter{ids: map[string]uint32{}}
	}
	parallel.For(len(in.Pages), func(w, i int) {
		docs, page := pageDocs(in.Pages[i], site, memos[w])
		out[i].page, out[i].worker = page, w
		out[i].docs = make([]docTerms, len(docs))
		for j := range docs {
			out[i].docs[j] = counters[w].count(&docs[j])
		}
	})
	for _, m := range memos {
		maps.Copy(ix.words, m)
	}
	// The site's number of each worker's stems.
	siteIDs := map[string]uint32{}
	var names []string
	renumber := make([][]uint32, workers)
	for w, c := range counters {
		renumber[w] = make([]uint32, len(c.names))
		for local, st := range c.names {
			id, ok := siteIDs[st]
			if !ok {
				id = uint32(len(names))
				siteIDs[st] = id
				names = append(names, st)
			}
			renumber[w][local] = id
		}
	}
	docs := make([]docTerms, 0, len(in.Pages))
	for i := range out {
		for _, d := range out[i].docs {
			for k := range d.terms {
				d.terms[k].stem = renumber[out[i].worker][d.terms[k].stem]
			}
			docs = append(docs, d)
		}
		ix.perPage = append(ix.perPage, len(out[i].docs))
		ix.pages = append(ix.pages, out[i].page)
		out[i].docs = nil
	}
	ix.docs = len(docs)
	ix.score(docs, names)
	ix.tier()
	return ix
}

// pageDocs turns one page into its documents and the data the browser shows for it. Text is
// unescaped: the typographer leaves entities such as &rsquo; in the collected text, and the
// browser puts everything in text nodes, where an entity would show as written.
func pageDocs(p *playbooks.Page, site siteInfo, memo stems) ([]doc, pageData) {
	pd := pageData{URL: p.URL, Title: p.Title, Kind: string(p.Kind), Roles: p.Roles, Path: site.breadcrumb(p.URL)}
	intro := doc{}
	intro.fields[fieldTitle] = memo.terms(p.Title)
	meta := strings.Join(p.Tags, " ")
	if s := strings.TrimSuffix(p.Summary, "…"); s != "" && !strings.HasPrefix(p.Text, s) {
		meta = p.Summary + " " + meta // written in the front matter, not the first words of the text
	}
	intro.fields[fieldMeta] = memo.terms(meta)
	introText := ""
	secs := p.Sections
	if len(secs) > 0 && secs[0].ID == "" {
		introText, secs = html.UnescapeString(secs[0].Text), secs[1:]
	}
	intro.fields[fieldBody] = memo.terms(introText)
	pd.Sections = append(pd.Sections, [3]string{"", "", introText})
	docs := []doc{intro}
	ctx := intro.fields[fieldTitle]
	for _, s := range secs {
		d := doc{}
		title, text := html.UnescapeString(s.Title), html.UnescapeString(s.Text)
		d.fields[fieldHeading] = memo.terms(title)
		if site.linkOnly(title, text) {
			// A list of links to other pages ("Related pages") would outrank the pages it
			// names: only its heading is indexed, without the page title, and the list is
			// not shipped.
			text = ""
		} else {
			d.fields[fieldContext] = ctx
		}
		d.fields[fieldBody] = memo.terms(text)
		docs = append(docs, d)
		pd.Sections = append(pd.Sections, [3]string{s.ID, title, text})
	}
	for _, it := range p.Items {
		d := doc{item: true}
		text := html.UnescapeString(it.Text)
		d.fields[fieldItem] = memo.terms(text)
		d.fields[fieldContext] = ctx
		docs = append(docs, d)
		checked := ""
		if it.Checked {
			checked = "1"
		}
		pd.Items = append(pd.Items, [4]string{it.ID, text, it.Section, checked})
	}
	return docs, pd
}

// stems memoises the stemmer: surface word → stem.
type stems map[string]string

// terms returns the stems of the indexed words of s, and records each surface word's stem.
func (m stems) terms(s string) []string {
	var out []string
	eachWord(s, func(w string, _, _ int) {
		if !Indexed(w) {
			return
		}
		st, ok := m[w]
		if !ok {
			st = Stem(w)
			m[w] = st
		}
		out = append(out, st)
	})
	return out
}

// Stats describe a built index.
type Stats struct {
	Pages, Docs, Words, Stems int
}

// Stats counts what the index holds.
func (ix *Index) Stats() Stats {
	return Stats{Pages: len(ix.pages), Docs: ix.docs, Words: len(ix.words), Stems: len(ix.postings)}
}
