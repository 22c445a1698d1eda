package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Query is a parsed search: the words every result must match, quoted phrases and excluded
// words. It is the same parse as parseQuery in search-core.js.
type Query struct {
	Terms    []Term
	Phrases  [][]string
	Excludes []string
}

// Term is one query word; Prefix is set on the last word while it may still be being typed.
type Term struct {
	Word   string
	Prefix bool
}

// ParseQuery reads a query: words, "quoted phrases" and -excluded words. The last word is a
// prefix unless the query ends in a space or a quote, so results follow the typing.
func ParseQuery(q string) Query {
	var out Query
	var last string
	seen := map[Term]bool{}
	add := func(t Term) {
		if !seen[t] {
			seen[t] = true
			out.Terms = append(out.Terms, t)
		}
	}
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == '"':
			end := strings.IndexByte(q[i+1:], '"')
			text := q[i+1:]
			if end >= 0 {
				text = q[i+1 : i+1+end]
				i += end + 2
			} else {
				i = len(q)
			}
			ws := Words(text)
			if len(ws) > 0 {
				out.Phrases = append(out.Phrases, ws)
			}
			for _, w := range ws {
				if Indexed(w) {
					add(Term{Word: w})
				}
			}
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		default:
			j := i
			for j < len(q) && !strings.ContainsRune(" \t\n\r\"", rune(q[j])) {
				j++
			}
			part := q[i:j]
			i = j
			if len(part) > 1 && part[0] == '-' {
				for _, w := range Words(part[1:]) {
					if Indexed(w) {
						out.Excludes = append(out.Excludes, w)
					}
				}
				continue
			}
			ws := Words(part)
			for k, w := range ws {
				if j == len(q) && k == len(ws)-1 {
					last = w
				} else if Indexed(w) {
					add(Term{Word: w})
				}
			}
		}
	}
	// The last word is a prefix while it is being typed. A stop word there ("who do I escalate
	// to") is taken as a prefix only when it is the whole query: "to" may be the start of
	// "topic", but after other words it is most likely the end of a question.
	if utf8.RuneCountInString(last) >= 2 && (Indexed(last) || len(out.Terms) == 0) {
		add(Term{Word: last, Prefix: true})
	}
	return out
}

// Searcher answers queries from the index files, as the browser does. It exists so the ranking
// can be tested in Go, and the file format with it.
type Searcher struct {
	m      manifest
	chunks []chunk
	stems  [][]stemTiers // each stem's tiers, decoded, by chunk and stem
	pages  []pageData
	filt   filters
	pageOf []int // page of each document
	first  []int // first document of each page
}

// Open reads the files written by Index.Files.
func Open(files map[string][]byte) (*Searcher, error) {
	s := &Searcher{}
	if err := unscript(files[ManifestPath], "m", &s.m); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	for i := range s.m.Chunks {
		var c chunk
		if err := unscript(files[fmt.Sprintf("%sc%d.js", s.m.Dir, i)], "c", &c); err != nil {
			return nil, fmt.Errorf("chunk %d: %w", i, err)
		}
		ts, err := openTiers(c, files, s.m.Dir)
		if err != nil {
			return nil, fmt.Errorf("chunk %d: %w", i, err)
		}
		s.chunks = append(s.chunks, c)
		s.stems = append(s.stems, ts)
	}
	perFile, err := decodeVarints(s.m.PageFiles)
	if err != nil {
		return nil, fmt.Errorf("page files: %w", err)
	}
	for i, n := range perFile {
		var group []pageData
		if err := unscript(files[fmt.Sprintf("%sp%d.js", s.m.Dir, i)], "p", &group); err != nil {
			return nil, fmt.Errorf("page file %d: %w", i, err)
		}
		if len(group) != n {
			return nil, fmt.Errorf("page file %d holds %d pages, the manifest says %d", i, len(group), n)
		}
		s.pages = append(s.pages, group...)
	}
	if len(s.pages) != s.m.Pages {
		return nil, fmt.Errorf("page files hold %d pages, the manifest says %d", len(s.pages), s.m.Pages)
	}
	if err := unscript(files[s.m.Dir+"f.js"], "f", &s.filt); err != nil {
		return nil, fmt.Errorf("filters: %w", err)
	}
	counts, err := decodeVarints(s.m.Docs)
	if err != nil || len(counts) != s.m.Pages {
		return nil, fmt.Errorf("manifest: bad document counts")
	}
	for p, n := range counts {
		s.first = append(s.first, len(s.pageOf))
		for range n {
			s.pageOf = append(s.pageOf, p)
		}
	}
	return s, nil
}

func unscript(data []byte, kind string, v any) error {
	pre := []byte(Callback + "." + kind + "(")
	if !bytes.HasPrefix(data, pre) || !bytes.HasSuffix(data, []byte(");\n")) {
		return fmt.Errorf("not a %s.%s call", Callback, kind)
	}
	body := data[len(pre) : len(data)-3]
	_, body, _ = bytes.Cut(body, []byte(","))
	return json.Unmarshal(body, v)
}

// Filter narrows results.
type Filter struct {
	Kind  string // page kind, "" for any
	Role  string // role slug, "" for any
	Items bool   // checklist items only
	Limit int    // pages of results; 10 when 0
	Exact bool   // load every tier the results need to be those of the whole postings
}

// Result is one document found.
type Result struct {
	Doc    int
	Page   int
	URL    string // page URL with the anchor of the section or item: "/guidelines/escalation/#when"
	Title  string // page title
	Kind   string
	Roles  []string
	Within string   // section heading or item text, "" for the page's intro
	Path   []string // titles of the pages above the page
	Sub    bool     // shown under the page's best result
	Score  float64
}

// stemKey names a stem by where its postings are.
type stemKey struct{ chunk, stem int }

// locate returns a document's page, and its section number (0 for the intro) or item number.
func (s *Searcher) locate(d int) (page, n int, item bool) {
	page = s.pageOf[d]
	n = d - s.first[page]
	if secs := len(s.pages[page].Sections); n >= secs {
		return page, n - secs, true
	}
	return page, n, false
}

func (s *Searcher) keep(d int, f Filter) bool {
	page, _, item := s.locate(d)
	if f.Items && !item {
		return false
	}
	if f.Kind != "" && s.filt.Kinds[s.filt.PageKinds[page]] != f.Kind {
		return false
	}
	if f.Role != "" {
		for _, r := range s.filt.PageRoles[page] {
			if s.filt.Roles[r][0] == f.Role {
				return true
			}
		}
		return false
	}
	return true
}

// docText is the text a phrase must occur in: the heading and text of a section (with the
// title for the intro), or the text of an item.
func (s *Searcher) docText(d int) string {
	page, n, item := s.locate(d)
	p := s.pages[page]
	if item {
		return p.Items[n][1]
	}
	sec := p.Sections[n]
	if n == 0 {
		return p.Title + "\n" + sec[2]
	}
	return sec[1] + "\n" + sec[2]
}

func (s *Searcher) result(d int, score float64) Result {
	page, n, item := s.locate(d)
	p := s.pages[page]
	r := Result{Doc: d, Page: page, URL: p.URL, Title: p.Title, Kind: p.Kind, Roles: p.Roles, Path: p.Path, Score: score}
	if item {
		it := p.Items[n]
		r.Within = it[1]
		if it[0] != "" {
			r.URL += "#task-" + it[0]
		} else if it[2] != "" {
			r.URL += "#" + it[2]
		}
	} else if n > 0 {
		sec := p.Sections[n]
		r.Within = sec[1]
		r.URL += "#" + sec[0]
	}
	return r
}

// expand finds the stems a query word reaches, with the weight of each: the word itself and the
// other stems of its family, the words it begins (for a prefix), or, failing both, words one
// typo away from a long word, or the words that begin with it less a common ending.
func (s *Searcher) expand(t Term) map[stemKey]float64 {
	tu := &s.m.Tune
	out := map[stemKey]float64{}
	note := func(k stemKey, w float64) {
		if w > out[k] {
			out[k] = w
		}
	}
	exact := func(k stemKey) {
		note(k, tu.Exact)
		for _, f := range s.chunks[k.chunk].Families {
			if slices.Contains(f, k.stem) {
				for _, st := range f {
					note(stemKey{k.chunk, st}, tu.Related)
				}
			}
		}
	}
	if t.Prefix {
		type cand struct {
			k    stemKey
			size int
		}
		var cs []cand
		seen := map[stemKey]bool{}
		var whole []stemKey
		lo, hi := s.prefixChunks(t.Word)
		for c := lo; c < hi; c++ {
			for i, w := range s.chunks[c].Words {
				if !strings.HasPrefix(w, t.Word) {
					continue
				}
				k := stemKey{c, s.chunks[c].Stems[i]}
				if w == t.Word {
					whole = append(whole, k)
				}
				if !seen[k] {
					seen[k] = true
					cs = append(cs, cand{k, s.stems[c][k.stem].size})
				}
			}
		}
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].size > cs[j].size })
		for i, c := range cs {
			if i == tu.MaxExpand {
				break
			}
			note(c.k, tu.Prefix)
		}
		for _, k := range whole {
			exact(k)
		}
	} else {
		c := s.find(t.Word)
		ws := s.chunks[c].Words
		if i := sort.SearchStrings(ws, t.Word); i < len(ws) && ws[i] == t.Word {
			exact(stemKey{c, s.chunks[c].Stems[i]})
		}
	}
	if len(out) > 0 || utf8.RuneCountInString(t.Word) < tu.TypoMinLen {
		return out
	}
	// Typos are looked for among the words that share the first two letters, then, when there
	// are none, the first letter: most typos are past the second letter, and the first search
	// loads fewer chunks.
	rs := []rune(t.Word)
	for _, pre := range []string{string(rs[:2]), string(rs[:1])} {
		lo, hi := s.prefixChunks(pre)
		for c := lo; c < hi; c++ {
			for i, w := range s.chunks[c].Words {
				if strings.HasPrefix(w, pre) && oneEdit(t.Word, w) {
					note(stemKey{c, s.chunks[c].Stems[i]}, tu.Typo)
				}
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	// A form of the word the site never uses ("escalation" where the text only says
	// "escalate"): cut a common ending and take the words that begin with the rest.
	if base := strip(t.Word, tu.Endings); base != "" {
		for k := range s.expand(Term{Word: base, Prefix: true}) {
			note(k, tu.Typo)
		}
	}
	return out
}

// strip cuts the first of endings a word has, when at least four letters remain; the same as
// strip in search-core.js.
func strip(w string, endings []string) string {
	for _, e := range endings {
		if strings.HasSuffix(w, e) && utf8.RuneCountInString(w)-utf8.RuneCountInString(e) >= 4 {
			return strings.TrimSuffix(w, e)
		}
	}
	return ""
}

// find returns the chunk whose range holds word.
func (s *Searcher) find(word string) int {
	return sort.Search(len(s.m.Chunks), func(i int) bool { return s.m.Chunks[i] > word }) - 1
}

// prefixChunks returns the chunks [lo, hi) that may hold words beginning with prefix: the one
// whose range holds the prefix itself, and those after it whose first word has the prefix.
func (s *Searcher) prefixChunks(prefix string) (lo, hi int) {
	lo = s.find(prefix)
	hi = lo + 1
	for hi < len(s.m.Chunks) && strings.HasPrefix(s.m.Chunks[hi], prefix) {
		hi++
	}
	return lo, hi
}

// oneEdit reports whether a and b differ by exactly one insertion, deletion, substitution or
// swap of two neighbouring letters.
func oneEdit(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(y)-len(x) > 1 {
		return false
	}
	i := 0
	for i < len(x) && x[i] == y[i] {
		i++
	}
	if i == len(x) {
		return len(y) == len(x)+1
	}
	if len(x) == len(y) {
		if string(x[i+1:]) == string(y[i+1:]) {
			return true // substitution
		}
		return i+1 < len(x) && x[i] == y[i+1] && x[i+1] == y[i] && string(x[i+2:]) == string(y[i+2:])
	}
	return string(x[i:]) == string(y[i+1:])
}

// Pages returns the number of pages in the index.
func (s *Searcher) Pages() int { return len(s.pages) }
