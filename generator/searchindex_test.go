package generator

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cmplay/cmplay/generator/search"
)

// relevance is what a reader of the shipped playbook types and the page, section or checklist
// item that must come first. The same table runs in Chromium through the theme's JavaScript
// (TestSearchBrowserRelevance).
var relevance = []struct{ query, first string }{
	{"escalat", "/guidelines/escalation/"},                  // a prefix while typing
	{"escalatoin", "/guidelines/escalation/"},               // one typo
	{"escalations", "/guidelines/escalation/"},              // a form not in the text: one letter off
	{"controversial", "/guidelines/anger-and-controversy/"}, // the stem of "controversy"
	{"child safety", "/guidelines/child-safety/"},
	{"troublemakers", "/guidelines/moderation-and-troublemakers/"},
	{"kids platforms", "/guidelines/industries/#kids-platforms"}, // a section
	{"judgement on controversial topics", "/guidelines/anger-and-controversy/#judgement-on-controversial-topics"},
	{"six categories", "/frameworks/six-categories/"}, // frameworks
	{"practices vs programs", "/frameworks/practices-vs-programs/"},
	{"responsibilities and goals", "/frameworks/responsibilities-and-goals/"},
	{"community strategist", "/roles/community-strategist/"}, // roles
	{"partner marketing manager", "/roles/partner-marketing-manager/"},
	{"advocate newsletter", "/programs/advocate-newsletter/"}, // programs
	{"yearly plan", "/programs/yearly-community-plan/"},
	{"survey", "/programs/user-surveys/"},
	{"profile completion", "/programs/profile-completion/"},
	{"first 90 days", "/onboarding/first-90-days/"},
	{`"human voice"`, "/guidelines/human-voice/"},                                                                                      // a phrase
	{"fill in the names in the escalation table", "/onboarding/first-90-days/#task-onboarding/first-90-days/fill-in-the-names-in-the"}, // a checklist item
}

// shippedSearch opens the search index of the shipped playbook as the browser reads it.
func shippedSearch(t testing.TB) *search.Searcher {
	t.Helper()
	out, _ := shipped(t, "/")
	files := map[string][]byte{}
	for n, data := range readTree(t, filepath.Join(out, "search")) {
		files["search/"+n] = data
	}
	s, err := search.Open(files)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSearchRelevance(t *testing.T) {
	s := shippedSearch(t)
	for _, c := range relevance {
		rs := s.Search(c.query, search.Filter{})
		if len(rs) == 0 {
			t.Errorf("%q: no results, want %s first", c.query, c.first)
			continue
		}
		if rs[0].URL != c.first {
			var top []string
			for i := 0; i < len(rs) && i < 3; i++ {
				top = append(top, rs[i].URL)
			}
			t.Errorf("%q: first is %s, want %s (top: %v)", c.query, rs[0].URL, c.first, top)
		}
	}
}

// TestSearchFilters checks the filters and exclusion on the shipped playbook.
func TestSearchFilters(t *testing.T) {
	s := shippedSearch(t)
	for _, r := range s.Search("escalation", search.Filter{Items: true}) {
		if !strings.Contains(r.URL, "#task-") {
			t.Errorf("items only: got %s", r.URL)
		}
	}
	rs := s.Search("community", search.Filter{Kind: "program"})
	if len(rs) == 0 {
		t.Fatal("kind program: no results")
	}
	for _, r := range rs {
		if r.Kind != "program" || !strings.HasPrefix(r.URL, "/programs/") {
			t.Errorf("kind program: got %s (%s)", r.URL, r.Kind)
		}
	}
	all := s.Search("community", search.Filter{})
	rs = s.Search("community", search.Filter{Role: "internal-community-manager"})
	if len(rs) == 0 || len(rs) >= len(all) {
		t.Fatalf("role filter: %d results of %d", len(rs), len(all))
	}
	for _, r := range rs {
		if !slices.Contains(r.Roles, "internal-community-manager") {
			t.Errorf("role filter: got %s for roles %v", r.URL, r.Roles)
		}
	}
	for _, r := range s.Search("escalation -moderation", search.Filter{}) {
		if strings.Contains(strings.ToLower(r.Within+" "), "moderation") {
			t.Errorf("-moderation: got %s (%s)", r.URL, r.Within)
		}
	}
	perPage := map[string]int{}
	for _, r := range s.Search("community", search.Filter{}) {
		page, _, _ := strings.Cut(r.URL, "#")
		if perPage[page]++; perPage[page] > 3 {
			t.Errorf("more than 3 results from %s", page)
		}
	}
}
