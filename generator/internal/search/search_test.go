package search

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/cmplay/cmplay/playbooks"
)

func TestTokenize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Escalate: NOW!", []string{"escalate", "now"}},
		{"Don't re-post", []string{"dont", "re", "post"}},
		{"Über uns, café", []string{"über", "uns", "café"}},
		{"90 days — 3rd week", []string{"90", "days", "3rd", "week"}},
		{"'' <img src=x>", []string{"img", "src", "x"}},
	} {
		if got := Words(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Words(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	toks := Tokenize("a Don't b")
	if toks[1].Word != "dont" || toks[1].Start != 2 || toks[1].End != 7 {
		t.Errorf("span of Don't = %+v", toks[1])
	}
}

func TestStemAndIndexed(t *testing.T) {
	for w, want := range map[string]string{"escalation": "escal", "escalate": "escal", "controversial": "controversi",
		"controversy": "controversi", "moderators": "moder", "café": "café"} {
		if got := Stem(w); got != want {
			t.Errorf("Stem(%q) = %q, want %q", w, got, want)
		}
	}
	for w, want := range map[string]bool{"the": false, "x": false, "5": true, "go": true, "escalate": true} {
		if Indexed(w) != want {
			t.Errorf("Indexed(%q) = %v", w, !want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Query
	}{
		{"escalat", Query{Terms: []Term{{"escalat", true}}}},
		{"escalation ", Query{Terms: []Term{{"escalation", false}}}},
		{"how to escalate", Query{Terms: []Term{{"escalate", true}}}},
		{`"human voice" tone -legal`, Query{Terms: []Term{{"human", false}, {"voice", false}, {"tone", false}},
			Phrases: [][]string{{"human", "voice"}}, Excludes: []string{"legal"}}},
		{"a", Query{}},
	} {
		if got := ParseQuery(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseQuery(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestOneEdit(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"escalation", "escalatoin", true}, {"escalation", "escalations", true}, {"escalation", "escalaton", true},
		{"escalation", "escalasion", true}, {"escalation", "escalation", false}, {"escalation", "escolatoin", false},
		{"café", "cafe", true},
	} {
		if oneEdit(c.a, c.b) != c.want {
			t.Errorf("oneEdit(%q, %q) = %v", c.a, c.b, !c.want)
		}
	}
}

func TestPostingsRoundTrip(t *testing.T) {
	ps := []posting{{0, false, 1}, {3, true, 31}, {4, false, 32}, {700, false, 1234}, {70000, true, 5}}
	got, err := decodePostings(encodePostings(ps))
	if err != nil || !reflect.DeepEqual(got, ps) {
		t.Fatalf("round trip = %v, %v", got, err)
	}
	if _, err := decodePostings("A?"); err == nil {
		t.Error("bad character accepted")
	}
}

// synthetic makes n pages with a vocabulary large enough to need many chunks.
func synthetic(n int) []*playbooks.Page {
	var ps []*playbooks.Page
	for i := 0; i < n; i++ {
		var text strings.Builder
		for j := 0; j < 60; j++ {
			fmt.Fprintf(&text, "word%dx%d ", (i*7+j)%500, j%13)
		}
		text.WriteString("escalating an escalation.")
		p := &playbooks.Page{URL: fmt.Sprintf("/p%d/", i), Text: text.String()}
		p.Title = fmt.Sprintf("Page %d", i)
		p.Kind = playbooks.KindGuideline
		p.Sections = []playbooks.Section{{Text: "intro"}, {ID: "s", Title: "Section", Text: text.String()}}
		p.Items = []playbooks.Item{{ID: fmt.Sprintf("p%d/a", i), Text: "Check the escalation path"}}
		ps = append(ps, p)
	}
	return ps
}

func TestChunksKeepStemsTogether(t *testing.T) {
	ix := Build(Input{Pages: synthetic(200), ChunkBytes: 2048})
	chunks, firsts, _ := ix.chunks()
	if len(chunks) < 5 {
		t.Fatalf("%d chunks, want several", len(chunks))
	}
	where := map[string]int{}
	for i, c := range chunks {
		if i > 0 && c.Words[0] != firsts[i] {
			t.Errorf("chunk %d starts at %q, manifest says %q", i, c.Words[0], firsts[i])
		}
		for _, w := range c.Words {
			st := ix.words[w]
			if j, ok := where[st]; ok && j != i {
				t.Errorf("stem %q split between chunks %d and %d", st, j, i)
			}
			where[st] = i
		}
	}
	if chunkOf := where[Stem("escalation")]; chunkOf != where[Stem("escalating")] {
		t.Error("escalation and escalating in different chunks")
	}
}

func TestSearchSynthetic(t *testing.T) {
	pages := synthetic(50)
	pages[7].Title = "Escalation guide"
	ix := Build(Input{Pages: pages, ChunkBytes: 1024})
	s, err := Open(ix.Files())
	if err != nil {
		t.Fatal(err)
	}
	rs := s.Search("escalat", Filter{})
	if len(rs) == 0 || rs[0].URL != "/p7/" {
		t.Fatalf("escalat: first %v, want the page titled Escalation", rs[:min(3, len(rs))])
	}
	rs = s.Search("escalation path", Filter{Items: true})
	if len(rs) == 0 || !strings.HasPrefix(rs[0].URL, "/p7/#task-p7/a") {
		t.Errorf("items: %v", rs[:min(3, len(rs))])
	}
	if rs := s.Search("escalate ", Filter{}); len(rs) == 0 || rs[0].URL != "/p7/" {
		t.Errorf("escalate (a form the text never uses): %v", rs[:min(3, len(rs))])
	}
	if rs := s.Search(`"path escalation"`, Filter{}); len(rs) != 0 {
		t.Errorf("phrase in the wrong order matched %v", rs[0])
	}
	if rs := s.Search(`"escalation path"`, Filter{}); len(rs) == 0 {
		t.Error("phrase not found")
	}
	if rs := s.Search("escalation -path", Filter{}); len(rs) == 0 || strings.Contains(rs[0].URL, "#task-") {
		t.Errorf("-path kept an item: %v", rs)
	}
}

// BenchmarkSearchIndex measures building and encoding the index of 1,000 pages, and reports
// the bytes of index per page and the bytes a first one-word query loads (manifest and chunk).
func BenchmarkSearchIndex(b *testing.B) {
	pages := synthetic(1000)
	var files map[string][]byte
	for i := 0; i < b.N; i++ {
		files = Build(Input{Pages: pages}).Files()
	}
	total := 0
	for _, f := range files {
		total += len(f)
	}
	s, err := Open(files)
	if err != nil {
		b.Fatal(err)
	}
	first := len(files[ManifestPath]) + len(files[fmt.Sprintf("%sc%d.js", s.m.Dir, s.find("escalation"))])
	b.ReportMetric(float64(total)/float64(len(pages)), "bytes/page")
	b.ReportMetric(float64(first), "first-query-bytes")
}

// FuzzSearch feeds arbitrary queries to the parser and the searcher: nothing may panic, and every
// result must name a page of the index.
func FuzzSearch(f *testing.F) {
	for _, q := range []string{"escalat", `"a b" -c`, "-", `"`, "İ ς x", "\xff\xfe", "a\"b\"c -\"d e\"", "word1x2 word3"} {
		f.Add(q)
	}
	ix := Build(Input{Pages: synthetic(20), ChunkBytes: 512})
	s, err := Open(ix.Files())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		ParseQuery(q)
		for _, r := range s.Search(q, Filter{}) {
			if !strings.HasPrefix(r.URL, "/p") {
				t.Fatalf("result %v", r)
			}
		}
	})
}
