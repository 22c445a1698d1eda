package generator

import (
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cmplay/cmplay/generator/internal/search"
	"github.com/cmplay/cmplay/generator/output"
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
	{"partner marketing manager", "/roles/marketing-program-roles/#partner-marketing-manager"},
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

// siteSearch builds a site with its cmplay.toml in memory and opens its search index as the
// browser reads it.
func siteSearch(t testing.TB, source string) *search.Searcher {
	t.Helper()
	mem := output.NewMemory()
	cfg, _, err := LoadConfig(source)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Writer = mem
	if _, err := Build(cfg); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, n := range mem.Names() {
		if strings.HasPrefix(n, "search/") {
			files[n], _ = mem.File(n)
		}
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
	// Results are capped by pages, not documents: compare with every page allowed.
	all := s.Search("community", search.Filter{Limit: 1000})
	rs = s.Search("community", search.Filter{Role: "internal-community-manager", Limit: 1000})
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
		if perPage[page]++; perPage[page] > search.DefaultTuning.PerPage {
			t.Errorf("more than PerPage results from %s", page)
		}
	}
}

// TestSearchSynonymsConfig reads [search.synonyms] from cmplay.toml: the synonyms reach the
// index, and a key of several words, which no query word can match, is reported with its line.
func TestSearchSynonymsConfig(t *testing.T) {
	src := t.TempDir()
	files := map[string]string{
		"cmplay.toml":         "title = \"T\"\n\n[search.synonyms]\ntroll = [\"troublemaker\"]\n\"code of conduct\" = [\"rules\"]\n",
		"content/_index.md":   "---\ntitle: Home\n---\nWelcome.\n",
		"content/moderate.md": "---\ntitle: Moderation\n---\n## Troublemakers\n\nWarn a troublemaker once.\n",
	}
	for name, body := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg, diags, err := LoadConfig(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) != 1 || diags[0].Line != 5 || !strings.Contains(diags[0].Msg, `"code of conduct" is not one word`) {
		t.Errorf("diagnostics %v, want one warning on line 5 about the key of several words", diags)
	}
	if got := cfg.Synonyms["troll"]; len(got) != 1 || got[0] != "troublemaker" {
		t.Errorf("synonyms %v", cfg.Synonyms)
	}
	rs := siteSearch(t, src).Search("troll ", search.Filter{})
	if len(rs) == 0 || !strings.HasPrefix(rs[0].URL, "/moderate/") {
		t.Errorf("troll: %v, want the moderation page through its synonym", rs)
	}
}

// TestSearchShippedOneTier wants every posting list of the shipped playbook in its first tier:
// the index has no tier file, so its chunks are those of an index without tiers
// (TestTiersSmallSiteUnchanged) and every search ranks exactly as before tiers.
func TestSearchShippedOneTier(t *testing.T) {
	out, _ := shipped(t, "/")
	for n := range readTree(t, filepath.Join(out, "search")) {
		if strings.HasPrefix(path.Base(n), "t") {
			t.Errorf("shipped playbook has tier file %s: raise Tuning.TierCap or say why", n)
		}
	}
	s := shippedSearch(t)
	for _, q := range []string{"community", "community manager", "escalate angry customer", "commun", "moderatoin -legal"} {
		if _, o := s.Find(q, search.Filter{Limit: 30}); !o.Exact || o.Tiers != 0 {
			t.Errorf("%q: %+v, want exact from the first tiers", q, o)
		}
	}
}
