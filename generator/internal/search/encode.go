package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
)

// pageData is what the browser loads to show a page's results: its address, title, kind and
// roles, the text of each section (for snippets and phrase checks) and its checklist items.
type pageData struct {
	URL      string      `json:"u"`
	Title    string      `json:"t"`
	Kind     string      `json:"k"`
	Roles    []string    `json:"r,omitempty"`
	Path     []string    `json:"b,omitempty"` // titles of the pages above it, for the breadcrumb
	Sections [][3]string `json:"s"`           // anchor, heading, text; the first is the intro
	Items    [][4]string `json:"i,omitempty"` // id, text, anchor of the section above, "1" if ticked by default
}

// chunk is a range of the dictionary: sorted words, the stem each belongs to (an index into
// Postings) and each stem's encoded postings.
type chunk struct {
	Words    []string `json:"w"`
	Stems    []int    `json:"s"`
	Postings []string `json:"p"`
	Families [][]int  `json:"f,omitempty"` // stems of one family (see familyKey), as indexes into Postings
	Tails    []tail   `json:"t,omitempty"` // the stems whose postings go on in tier files (tiers.go)
}

// manifest is the small file a search loads first.
type manifest struct {
	Version  int      `json:"v"`
	Dir      string   `json:"dir"`   // folder of the chunk and page files, relative to the site root
	Pages    int      `json:"pages"` // number of pages
	Docs     string   `json:"docs"`  // number of documents of each page, as variable-length numbers
	FileURLs bool     `json:"file"`  // links to folders need index.html
	Stop     []string `json:"stop"`  // words never indexed, dropped from queries
	Chunks   []string `json:"chunks"`
	Tune     Tuning   `json:"tune"` // the query engine's weights and limits
	// Synonyms: a query word → the words or phrases it also finds, each as its indexed words.
	Synonyms map[string][][]string `json:"syn,omitempty"`
	// PageFiles is how many pages each page file p<n>.js holds, in page order, as
	// variable-length numbers (see packPages).
	PageFiles string `json:"pf"`
}

// filters is loaded when a reader filters by kind or role: the kind and roles of every page.
type filters struct {
	Kinds     []string    `json:"kinds"`
	PageKinds []int       `json:"pk"`
	Roles     [][2]string `json:"roles"` // slug, title
	PageRoles [][]int     `json:"pr"`
}

// Callback is the global function every index file calls with its data, so the files load as
// plain <script> elements: that works from file:// and under any sub-path, where fetch does not.
const Callback = "__cmplaySearch"

// ManifestPath is the site path of the manifest. It never changes, so pages need not be
// rendered again when only the index changed (the incremental rebuild of cmplay serve relies on
// that); the files it names live in a folder named after a hash of their content, so a new
// build never mixes with files a browser cached from an old one.
const ManifestPath = "search/index.js"

// Files encodes the index as the files the browser loads, by site path ("search/…"). The
// manifest is at ManifestPath.
func (ix *Index) Files() map[string][]byte {
	chunks, firsts, tails := ix.chunks()
	body := map[string][]byte{}
	for i, c := range chunks {
		body[fmt.Sprintf("c%d.js", i)] = script("c", i, c)
	}
	for i, t := range tails {
		body[fmt.Sprintf("t%d.js", i)] = script("t", i, t)
	}
	var pageFiles strings.Builder
	for i, group := range packPages(ix.pages) {
		body[fmt.Sprintf("p%d.js", i)] = script("p", i, group)
		putVarint(&pageFiles, len(group))
	}
	body["f.js"] = script("f", 0, ix.filters())
	hash := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(body)) {
		hash.Write([]byte(name))
		hash.Write(body[name])
	}
	sum := hex.EncodeToString(hash.Sum(nil))[:10]
	dir := "search/" + sum + "/"
	files := map[string][]byte{}
	for name, data := range body {
		files[dir+name] = data
	}
	var docs strings.Builder
	for _, n := range ix.perPage {
		putVarint(&docs, n)
	}
	m := manifest{Version: 3, Dir: dir, Pages: len(ix.pages), Docs: docs.String(), PageFiles: pageFiles.String(), FileURLs: ix.in.FileURLs, Stop: StopWords(), Chunks: firsts,
		Tune: *ix.in.Tuning, Synonyms: ix.synonyms()}
	files[ManifestPath] = script("m", 0, m)
	return files
}

// Pages go into page files of consecutive pages, each closed when the next page would take it
// past pageFileBytes of JSON, or at pageFilePages pages. A site of small pages (tldr-pages: a
// kilobyte each) writes a page file for every few dozen pages instead of one each — creating
// files is what a large build spends much of its time on — while a result still downloads at
// most about pageFileBytes (gzip: a third of it) beside the text of its own page.
const (
	pageFileBytes = 16 << 10
	pageFilePages = 64
)

// packPages groups the pages' data, in order, into page files.
func packPages(pages []pageData) [][]json.RawMessage {
	var out [][]json.RawMessage
	var cur []json.RawMessage
	size := 0
	for _, p := range pages {
		data, _ := json.Marshal(p) // script escapes it as it writes the file
		if len(cur) > 0 && (size+len(data) > pageFileBytes || len(cur) == pageFilePages) {
			out = append(out, cur)
			cur, size = nil, 0
		}
		cur = append(cur, data)
		size += len(data)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// script wraps data in a call of the callback: __cmplaySearch.c(3,{…});
func script(kind string, n int, v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true) // also escapes U+2028 and U+2029, which old engines reject in strings
	buf.WriteString(Callback + "." + kind + "(" + fmt.Sprint(n) + ",")
	_ = enc.Encode(v)
	buf.Truncate(buf.Len() - 1) // Encode's newline
	buf.WriteString(");\n")
	return buf.Bytes()
}

func (ix *Index) filters() filters {
	var f filters
	kinds := map[string]int{}
	roles := map[string]int{}
	for _, p := range ix.pages {
		k, ok := kinds[p.Kind]
		if !ok {
			k = len(f.Kinds)
			kinds[p.Kind] = k
			f.Kinds = append(f.Kinds, p.Kind)
		}
		f.PageKinds = append(f.PageKinds, k)
		var rs []int
		for _, r := range p.Roles {
			i, ok := roles[r]
			if !ok {
				i = len(f.Roles)
				roles[r] = i
				title := ix.in.RoleTitles[r]
				if title == "" {
					title = r
				}
				f.Roles = append(f.Roles, [2]string{r, title})
			}
			rs = append(rs, i)
		}
		f.PageRoles = append(f.PageRoles, rs)
	}
	return f
}

// chunks splits the sorted dictionary into chunks of about ChunkBytes. All the words of one stem
// stay in one chunk, so a word found in a chunk finds every form of its stem there too. It
// returns the chunks, the first word of each (the first is always "") and the postings of the
// tiers after the first, numbered across the site (see tiers.go).
func (ix *Index) chunks() ([]chunk, []string, []string) {
	words := make([]string, 0, len(ix.words))
	for w := range ix.words {
		words = append(words, w)
	}
	sort.Strings(words)
	// A cut before words[i] is allowed when no stem has words on both sides of it.
	// A stem's family (familyKey) is kept in one chunk too, so a word finds its family there.
	last := map[string]int{}
	for i, w := range words {
		last[familyKey(ix.words[w])] = i
	}
	reach := make([]int, len(words)) // reach[i]: the furthest last index of any family seen up to i
	far := -1
	for i, w := range words {
		far = max(far, last[familyKey(ix.words[w])])
		reach[i] = far
	}
	var out []chunk
	var firsts, tails []string
	var cur *chunk
	var local map[string]int
	var fams map[string][]int
	size := 0
	for i, w := range words {
		if cur == nil || size >= ix.in.ChunkBytes && reach[i-1] < i {
			if cur != nil {
				cur.Families = families(fams)
			}
			fams = map[string][]int{}
			out = append(out, chunk{})
			cur = &out[len(out)-1]
			local = map[string]int{}
			size = 0
			if len(firsts) == 0 {
				firsts = append(firsts, "")
			} else {
				firsts = append(firsts, w)
			}
		}
		st := ix.words[w]
		s, ok := local[st]
		if !ok {
			s = len(cur.Postings)
			local[st] = s
			fams[familyKey(st)] = append(fams[familyKey(st)], s)
			l := ix.postings[st]
			enc := l.enc.String()
			if l.rest != nil {
				cur.Tails = append(cur.Tails, append(tail{s, len(tails)}, l.meta...))
				tails = append(tails, l.rest...)
			}
			cur.Postings = append(cur.Postings, enc)
			size += len(enc) + 3
		}
		cur.Words = append(cur.Words, w)
		cur.Stems = append(cur.Stems, s)
		size += len(w) + 5
	}
	if cur != nil {
		cur.Families = families(fams)
	}
	return out, firsts, tails
}

// families lists the families of more than one stem, in the order of their first stem.
func families(byKey map[string][]int) [][]int {
	var out [][]int
	for _, f := range byKey {
		if len(f) > 1 {
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// synonyms normalises Input.Synonyms for the manifest: each key is one normalised word, each
// value the indexed words of a word or phrase. Keys of more than one word cannot be matched by
// a query word and are left out (the config stage reports them).
func (ix *Index) synonyms() map[string][][]string {
	if len(ix.in.Synonyms) == 0 {
		return nil
	}
	out := map[string][][]string{}
	for k, vs := range ix.in.Synonyms {
		key := Words(k)
		if len(key) != 1 {
			continue
		}
		for _, v := range vs {
			var ws []string
			for _, w := range Words(v) {
				if Indexed(w) {
					ws = append(ws, w)
				}
			}
			if len(ws) > 0 {
				out[key[0]] = append(out[key[0]], ws)
			}
		}
	}
	return out
}

// The postings of a stem are a string of variable-length numbers, two for each document: its
// number minus the previous one's, and its score times two, plus one for a checklist item. A
// number is written most significant digit first in base 32, one character per digit: the
// characters of digits64[32:] mark "more digits follow", those of digits64[:32] end the number.
const digits64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

func encodePostings(ps []posting) string {
	var l postingList
	for _, p := range ps {
		l.add(p.doc, p.item, p.score)
	}
	return l.enc.String()
}

func putVarint(b *strings.Builder, n int) {
	var tmp [13]byte
	i := len(tmp) - 1
	tmp[i] = digits64[n&31]
	for n >>= 5; n > 0; n >>= 5 {
		i--
		tmp[i] = digits64[32+n&31]
	}
	b.Write(tmp[i:])
}

func decodePostings(s string) ([]posting, error) {
	nums, err := decodeVarints(s)
	if err != nil || len(nums)%2 != 0 {
		return nil, fmt.Errorf("postings: %q is not pairs of numbers", s)
	}
	out := make([]posting, 0, len(nums)/2)
	doc := 0
	for i := 0; i < len(nums); i += 2 {
		doc += nums[i]
		out = append(out, posting{doc, nums[i+1]%2 == 1, nums[i+1] / 2})
	}
	return out, nil
}

func decodeVarints(s string) ([]int, error) {
	var out []int
	n := 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(digits64, s[i])
		if d < 0 {
			return nil, fmt.Errorf("postings: bad character %q", s[i])
		}
		if d >= 32 {
			n = n*32 + d - 32
			continue
		}
		out = append(out, n*32+d)
		n = 0
	}
	if n != 0 {
		return nil, fmt.Errorf("postings: truncated")
	}
	return out, nil
}
