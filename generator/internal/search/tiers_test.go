package search

import (
	"bytes"
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/cmplay/cmplay/playbooks"
)

// common makes n pages whose sections draw from a vocabulary of a dozen words, so that every
// word is on most pages (the worst case for posting lists), with counts and lengths that vary,
// so the scores do.
func common(n int) []*playbooks.Page {
	vocab := strings.Fields("community manager moderation forum escalation feedback newsletter advocate report weekly brand voice")
	r := rand.New(rand.NewSource(1))
	var ps []*playbooks.Page
	for i := 0; i < n; i++ {
		p := &playbooks.Page{URL: fmt.Sprintf("/p%d/", i)}
		p.Title = fmt.Sprintf("%s %s %d", vocab[r.Intn(len(vocab))], vocab[r.Intn(len(vocab))], i)
		p.Kind = playbooks.KindGuideline
		if i%3 == 0 {
			p.Kind = playbooks.KindProgram
		}
		for s := 0; s < 1+r.Intn(5); s++ {
			var text strings.Builder
			for range 5 + r.Intn(40) {
				text.WriteString(vocab[r.Intn(len(vocab))] + " ")
			}
			id := ""
			if s > 0 {
				id = fmt.Sprintf("s%d", s)
			}
			p.Sections = append(p.Sections, playbooks.Section{ID: id, Title: vocab[r.Intn(len(vocab))], Text: text.String()})
		}
		p.Items = []playbooks.Item{{ID: fmt.Sprintf("p%d/a", i), Text: vocab[r.Intn(len(vocab))] + " " + vocab[r.Intn(len(vocab))]}}
		p.Text = p.Sections[0].Text
		ps = append(ps, p)
	}
	return ps
}

func tiered(t *testing.T, pages []*playbooks.Page, tierCap, budget int) (*Searcher, map[string][]byte) {
	t.Helper()
	tu := DefaultTuning
	tu.TierCap, tu.TierBudget = tierCap, budget
	files := Build(Input{Pages: pages, Tuning: &tu}).Files()
	s, err := Open(files)
	if err != nil {
		t.Fatal(err)
	}
	return s, files
}

// split is cutTiers on postings, as postings.
func split(ps []posting, firstDoc []int, limit int) ([][]posting, []int) {
	packs := unpack(encodePostings(ps))
	tiers, leads := cutTiers(packs, firstDoc, limit)
	var out [][]posting
	for _, tier := range tiers {
		got, _ := decodePostings(encodeRuns(packs, tier))
		out = append(out, got)
	}
	return out, leads
}

func TestCutTiers(t *testing.T) {
	// Five pages of two documents each; the postings of one stem in document order.
	firstDoc := []int{0, 2, 4, 6, 8}
	ps := []posting{{0, false, 5}, {1, false, 9}, {2, false, 50}, {4, false, 7}, {5, false, 8}, {6, true, 40}, {7, false, 1}, {9, false, 60}}
	got, leads := split(ps, firstDoc, 2)
	// By best score: page 4 (60), 1 (50), 3 (40), 0 (9), 2 (8). The first tier takes whole
	// pages up to 2 postings; the next has room for 8, so it takes the rest; each in document order.
	want := [][]posting{
		{{2, false, 50}, {9, false, 60}},
		{{0, false, 5}, {1, false, 9}, {4, false, 7}, {5, false, 8}, {6, true, 40}, {7, false, 1}},
	}
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(leads, []int{4, 3}) {
		t.Errorf("cutTiers = %v, leads %v; want %v, leads [4 3]", got, leads, want)
	}
	if got, _ := split(ps, firstDoc, 8); len(got) != 1 || !reflect.DeepEqual(got[0], ps) {
		t.Errorf("all fit: %v", got)
	}
	if got, _ := split(ps, firstDoc, 0); len(got) != 1 {
		t.Errorf("cap 0: %d tiers, want 1", len(got))
	}
	// A page larger than a tier's room has the tier to itself.
	big := []posting{{0, false, 3}, {1, false, 3}, {2, false, 3}, {3, false, 9}}
	if got, _ := split(big, []int{0, 3}, 1); len(got) != 2 || len(got[0]) != 1 || len(got[1]) != 3 {
		t.Errorf("big page: %v", got)
	}
	// Pages that score alike stay in page order across tiers: the later tier's lead comes after.
	even := []posting{{0, false, 4}, {1, false, 4}, {2, false, 4}, {3, false, 4}}
	if got, leads := split(even, []int{0, 1, 2, 3}, 1); len(got) != 2 || got[0][0].doc != 0 || !reflect.DeepEqual(leads, []int{0, 1}) {
		t.Errorf("ties: %v, leads %v", got, leads)
	}
}

// TestTierFilesRoundTrip builds a site whose common words need several tiers, and wants the Go
// searcher to read back, tier after tier, exactly the postings of the untiered index, each tier
// of whole pages scoring no better than the tier before.
func TestTierFilesRoundTrip(t *testing.T) {
	pages := common(300)
	whole, _ := tiered(t, pages, 0, 0)
	s, files := tiered(t, pages, 40, 0)
	tails := 0
	for name := range files {
		if strings.Contains(name, "/t") {
			tails++
		}
	}
	if tails < 10 {
		t.Fatalf("%d tier files, want many", tails)
	}
	// Chunks cut at other words when their postings are shorter: stems are found by word.
	for c, ch := range whole.chunks {
		for j, word := range ch.Words {
			w := whole.stems[c][ch.Stems[j]]
			tc := s.find(word)
			i := s.chunks[tc].Stems[sortSearch(s.chunks[tc].Words, word)]
			st := s.stems[tc][i]
			var all []posting
			for k, tier := range st.tiers {
				all = append(all, tier...)
				if k > 0 && st.high[k] > st.high[k-1] {
					t.Errorf("%s: tier %d scores up to %d, above tier %d's %d", word, k, st.high[k], k-1, st.high[k-1])
				}
				if k > 0 && len(tier) == 0 {
					t.Errorf("%s: tier %d empty", word, k)
				}
			}
			if len(st.tiers) > 1 && len(st.tiers[0]) > 40 {
				t.Errorf("%s: first tier of %d postings, cap 40", word, len(st.tiers[0]))
			}
			sortPostings(all)
			if !reflect.DeepEqual(all, w.tiers[0]) {
				t.Fatalf("%s: tiers hold %d postings, the whole list %d", word, len(all), len(w.tiers[0]))
			}
		}
	}
}

func sortSearch(ws []string, w string) int { return sort.SearchStrings(ws, w) }

func sortPostings(ps []posting) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].doc < ps[j-1].doc; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// tierQueries are the kinds of query the tiers must answer: one common word, several, a prefix,
// a typo, a phrase, an exclusion, a synonym-free question.
var tierQueries = []string{"community", "escalation", "community manager", "moderation forum feedback", "comm", "esc",
	"escalatoin", `"brand voice"`, "forum -newsletter", "weekly report brand", "advocate newsletter voice manager"}

// TestTiersExact wants a search that loads the tiers it needs (Filter.Exact) to give the results
// of the untiered index, byte for byte, with and without filters, and so every search whose
// outcome says Exact.
func TestTiersExact(t *testing.T) {
	pages := common(300)
	whole, _ := tiered(t, pages, 0, 0)
	s, _ := tiered(t, pages, 40, 0)
	filters := []Filter{{Limit: 5}, {Limit: 21}, {Limit: 5, Kind: "program"}, {Limit: 10, Items: true}}
	sureSeen := 0
	for _, q := range tierQueries {
		for _, f := range filters {
			want := whole.Search(q, f)
			ex := f
			ex.Exact = true
			got, out := s.Find(q, ex)
			if !out.Exact || !reflect.DeepEqual(got, want) {
				t.Errorf("%q %+v exact: %v\n got %v\nwant %v", q, f, out, urls(got), urls(want))
			}
			got, out = s.Find(q, f)
			if out.Exact {
				sureSeen++
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%q %+v: said exact after %d tier files, got %v, want %v", q, f, out.Tiers, urls(got), urls(want))
				}
			}
		}
	}
	if sureSeen == 0 {
		t.Error("no search was certain from its first tiers")
	}
}

// TestTiersCertainFromFirstTier wants one common word decided from its first tier: the best
// pages are all in it.
func TestTiersCertainFromFirstTier(t *testing.T) {
	s, _ := tiered(t, common(300), 40, 0)
	for _, q := range []string{"community", "escalation"} {
		if _, out := s.Find(q, Filter{Limit: 5}); !out.Exact || out.Tiers != 0 {
			t.Errorf("%q: %+v, want certain with no tier file", q, out)
		}
	}
}

// TestTiersBudget wants a search that is not certain to load no more tier bytes than the
// budget allows, and at least one tier when the budget has room for it.
func TestTiersBudget(t *testing.T) {
	pages := common(300)
	none, _ := tiered(t, pages, 40, 0)
	some, _ := tiered(t, pages, 40, 1<<20)
	q := "advocate newsletter voice manager"
	if _, out := none.Find(q, Filter{Limit: 5}); out.Exact || out.Tiers != 0 {
		t.Errorf("budget 0: %+v, want an answer from the first tiers", out)
	}
	if _, out := some.Find(q, Filter{Limit: 5}); out.Tiers == 0 {
		t.Errorf("budget 1 MB: %+v, want tiers loaded", out)
	}
}

// TestTiersSmallSiteUnchanged wants a site whose lists all fit in the first tier to get the
// same chunks, and so the same results, as with no tiers at all.
func TestTiersSmallSiteUnchanged(t *testing.T) {
	pages := common(40)
	_, whole := tiered(t, pages, 0, 0)
	_, capped := tiered(t, pages, 10000, 0)
	for name, data := range whole {
		if name == ManifestPath {
			continue
		}
		if !bytes.Equal(capped[name], data) {
			t.Errorf("%s differs", name)
		}
	}
	if len(capped) != len(whole) {
		t.Errorf("%d files, want %d", len(capped), len(whole))
	}
}
