package search

import (
	"reflect"
	"strings"
	"testing"

	"github.com/cmplay/cmplay/playbooks"
)

func TestFamilyKey(t *testing.T) {
	same := [][2]string{{"angry", "anger"}, {"hungry", "hunger"}, {"strategy", "strategist"}, {"member", "membership"},
		{"contribute", "contributor"}, {"partner", "partnership"}}
	apart := [][2]string{{"lead", "leader"}, {"every", "ever"}, {"commit", "committee"}, {"company", "component"}, {"user", "usi"}}
	for _, p := range same {
		if a, b := familyKey(Stem(p[0])), familyKey(Stem(p[1])); a != b {
			t.Errorf("%s (%s) and %s (%s): want one family", p[0], a, p[1], b)
		}
	}
	for _, p := range apart {
		if a, b := familyKey(Stem(p[0])), familyKey(Stem(p[1])); a == b {
			t.Errorf("%s and %s: both %s, want two families", p[0], p[1], a)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{{"trol", "troll", 1}, {"moderatoinn", "moderation", 2}, {"ab", "ba", 1}, {"", "abc", 3}, {"café", "cafe", 1}, {"same", "same", 0}} {
		if got := playbooks.EditDistance(c.a, c.b); got != c.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestClosenessPrefersWordsTogether(t *testing.T) {
	ms := []match{{words: map[string]bool{"brand": true}}, {words: map[string]bool{"voice": true}}}
	near := closeness(Words("keep the brand voice the same"), ms)
	far := closeness(Words("brand guidelines and many other words before the voice"), ms)
	if near != 1 || far >= near || far <= 0 {
		t.Errorf("closeness: together %v, apart %v", near, far)
	}
	if c := closeness(Words("only the brand"), ms); c != 0 {
		t.Errorf("one word found: closeness %v, want 0", c)
	}
}

func TestParseQueryStopWordAtEnd(t *testing.T) {
	for q, want := range map[string][]Term{
		"who do I escalate to": {{"escalate", false}},
		"to":                   {{"to", true}},
		"community to":         {{"community", false}},
		"community top":        {{"community", false}, {"top", true}},
	} {
		if got := ParseQuery(q).Terms; !reflect.DeepEqual(got, want) {
			t.Errorf("ParseQuery(%q).Terms = %v, want %v", q, got, want)
		}
	}
}

// page makes a page with an intro, sections (heading → text) and items.
func page(url, title string, sections [][2]string, items ...string) *playbooks.Page {
	p := &playbooks.Page{URL: url}
	p.Title = title
	p.Kind = playbooks.KindGuideline
	p.Sections = []playbooks.Section{{Text: "About " + strings.ToLower(title) + "."}}
	for _, s := range sections {
		p.Sections = append(p.Sections, playbooks.Section{ID: strings.ReplaceAll(strings.ToLower(s[0]), " ", "-"), Title: s[0], Text: s[1]})
	}
	for i, it := range items {
		p.Items = append(p.Items, playbooks.Item{ID: url[1:] + "item" + string(rune('a'+i)), Text: it})
	}
	return p
}

func searcher(t *testing.T, in Input) *Searcher {
	t.Helper()
	s, err := Open(Build(in).Files())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func urls(rs []Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.URL)
	}
	return out
}

// TestRanking checks the rules of the ranking on a small site, one rule a case.
func TestRanking(t *testing.T) {
	pages := []*playbooks.Page{
		page("/guidelines/", "Guidelines", nil),
		page("/guidelines/moderation/", "Moderation and troublemakers", [][2]string{
			{"A ladder of responses", "Warn the troublemaker first, then suspend, then ban when the rules say so."},
			{"Related pages", "Escalation\nBrand voice"},
		}),
		page("/guidelines/escalation/", "Escalation", [][2]string{
			{"When to escalate", "Escalate a customer problem when a member is angry and the answer is not yours to give."},
			{"Related pages", "Moderation and troublemakers"},
		}),
		page("/guidelines/brand-voice/", "Brand voice", [][2]string{{"Tone", "Write with one voice across channels."}}),
		// Rare words by accident: "zebra" and "quokka" appear nowhere else.
		page("/misc/", "Miscellany", [][2]string{{"Animals", "A zebra and a quokka walked in."}}),
		page("/anger/", "Handle anger", [][2]string{{"Stay calm", "Anger passes when you listen."}}),
	}
	s := searcher(t, Input{Pages: pages, Synonyms: map[string][]string{"troll": {"troublemaker"}, "CoC": {"code of conduct", "rules"}}})
	first := func(q string) string {
		rs := s.Search(q, Filter{})
		if len(rs) == 0 {
			return ""
		}
		return rs[0].URL
	}
	for q, want := range map[string]string{
		// All words beat some: only the escalation section has escalate, customer and angry.
		"escalate angry customer": "/guidelines/escalation/#when-to-escalate",
		// Most words beat a few rare ones matched by accident.
		"zebra escalate customer member": "/guidelines/escalation/#when-to-escalate",
		// A synonym declared by the site, and one of several words.
		"troll ": "/guidelines/moderation/",
		"coc ":   "/guidelines/moderation/#a-ladder-of-responses",
		// A link-only section never outranks prose: "brand voice" is the brand voice page.
		"brand voice": "/guidelines/brand-voice/",
	} {
		if got := first(q); got != want {
			t.Errorf("%q: first %s, want %s (all: %v)", q, got, want, urls(s.Search(q, Filter{})))
		}
	}
	// A family the stemmer leaves apart: angry and anger find each other.
	for _, q := range []string{"anger ", "angry "} {
		got := urls(s.Search(q, Filter{}))
		if !strings.Contains(strings.Join(got, " "), "/anger/") || !strings.Contains(strings.Join(got, " "), "/guidelines/escalation/#when-to-escalate") {
			t.Errorf("%q: %v, want the anger page and the angry section", q, got)
		}
	}
	for _, r := range s.Search("troublemakers ", Filter{}) {
		if strings.HasSuffix(r.URL, "#related-pages") {
			t.Errorf("troublemakers: a link-only section was found: %v", r.URL)
		}
	}
	// Results are grouped by page: each page's results together, its best first.
	rs := s.Search("escalate", Filter{})
	seen := map[int]bool{}
	for i, r := range rs {
		if seen[r.Page] && rs[i-1].Page != r.Page {
			t.Errorf("results of page %d are not together: %v", r.Page, urls(rs))
		}
		if r.Sub != (i > 0 && rs[i-1].Page == r.Page) {
			t.Errorf("result %d (%s): Sub = %v", i, r.URL, r.Sub)
		}
		seen[r.Page] = true
	}
	if len(rs) == 0 || !reflect.DeepEqual(rs[0].Path, []string{"Guidelines"}) {
		t.Errorf("breadcrumb of %v", rs)
	}
	// A word no page has, too short for the typo rule, gets the nearest words of the site.
	if m := s.Missing("zbra escalate"); len(m) != 1 || m[0].Word != "zbra" || !reflect.DeepEqual(m[0].Suggest, []string{"zebra"}) {
		t.Errorf("Missing(zbra escalate) = %+v, want zbra → zebra", m)
	}
}
