package generator

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cmplay/cmplay/generator/internal/search"
	"testing"
)

// questions is what a reader of the shipped playbook types into the search box, in their own
// words, and the page or section they want: a page ("/guidelines/escalation/") is found by any
// of its results, a section or item ("…/#when-to-escalate") only by itself. Several wanted
// answers are separated by "|". A query passes when a wanted answer is among the results of
// the first three pages listed. The table runs in Go (TestSearchQuestions) and in Chromium
// through the theme's JavaScript (TestSearchBrowserQuestions).
var questions = []struct{ query, want string }{
	{"escalate angry customer", "/guidelines/escalation/"},
	{"angry customer", "/guidelines/anger-and-controversy/"},
	{"brand voice", "/guidelines/brand-consistency/"},
	{"troll", "/guidelines/moderation-and-troublemakers/"},
	{"how do I deal with trolls", "/guidelines/moderation-and-troublemakers/"},
	{"someone broke the code of conduct", "/guidelines/moderation-and-troublemakers/|/guidelines/code-of-conduct/"},
	{"when should I escalate an issue", "/guidelines/escalation/#when-to-escalate"},
	{"who do I escalate to", "/guidelines/escalation/#what-goes-to-whom"},
	{"how to ban a bully in a kids community", "/guidelines/child-safety/#identify-and-ban-bullies"},
	{"keeping children safe online", "/guidelines/child-safety/"},
	{"how to measure community success", "/guidelines/measuring/"},
	{"return on investment of a community", "/guidelines/measuring/#return-on-investment|/frameworks/community-strategist-view/#return-on-investment"},
	{"reporting to executives", "/guidelines/measuring/#reporting-to-executive-sponsors|/programs/metrics-and-executive-reporting/"},
	{"does my company need a community manager", "/guidelines/when-to-hire/"},
	{"questions to ask before hiring", "/guidelines/when-to-hire/#questions-to-ask-before-hiring"},
	{"interview a community manager", "/onboarding/hiring-manager/#interview-for-temperament"},
	{"what should I do in my first week", "/onboarding/first-90-days/|/onboarding/internal-track/|/onboarding/external-track/"},
	{"onboarding plan for a new community manager", "/onboarding/first-90-days/|/onboarding/"},
	{"what does a community manager do every day", "/practices/daily-practices/|/practices/day-in-the-life/"},
	{"daily routine", "/practices/day-in-the-life/"},
	{"weekly checklist", "/practices/weekly-practices/"},
	{"how to reply to complaints in public", "/guidelines/human-voice/#the-three-part-public-reply"},
	{"send product feedback to the product team", "/guidelines/feedback-loop/"},
	{"find and reward advocates", "/guidelines/recognising-advocates/"},
	{"recognize advocates", "/guidelines/recognising-advocates/"},
	{"newsletter for facilitators", "/programs/advocate-newsletter/"},
	{"run a user survey", "/programs/user-surveys/"},
	{"community plan for the year", "/programs/yearly-community-plan/"},
	{"get people to complete their profiles", "/programs/profile-completion/"},
	{"train partners", "/programs/partner-enablement/"},
	{"promotional campaign", "/programs/promotional-campaigns/"},
	{"refresh featured content", "/programs/featured-content-refresh/"},
	{"onboard new employee groups", "/programs/onboarding-new-groups/"},
	{"difference between practices and programs", "/frameworks/practices-vs-programs/"},
	{"what are the six categories of community management", "/frameworks/six-categories/"},
	{"who runs the company blog", "/frameworks/responsibilities-and-goals/#run-the-company-blog|/guidelines/brand-consistency/#the-blog-as-a-brand-channel"},
	{"administer the product forum", "/frameworks/responsibilities-and-goals/#administer-the-product-forum"},
	{"internal community manager role", "/roles/internal-community-manager/"},
	{"social media marketing", "/roles/marketing-program-roles/#social-media-marketing-manager"},
	{"community management in games", "/guidelines/industries/#games"},
	{"controversial decisions", "/guidelines/anger-and-controversy/"},
	{"grow a thick skin", "/guidelines/anger-and-controversy/#grow-a-teflon-skin"},
	{"keep moderation fair", "/guidelines/moderation-and-troublemakers/#keeping-moderation-fair"},
	{"reports of inappropriate behaviour", "/guidelines/moderation-and-troublemakers/#handling-reports-of-inappropriate-use"},
	{"CoC", "/guidelines/moderation-and-troublemakers/|/guidelines/code-of-conduct/"},
	{"track visibility and influence", "/frameworks/responsibilities-and-goals/#track-and-report-visibility-and-influence|/guidelines/measuring/#visibility-and-influence-online"},
	{"what does a community strategist do", "/roles/community-strategist/|/frameworks/community-strategist-view/"},
	{"who is on the escalation list", "/guidelines/escalation/|/onboarding/first-90-days/"},
}

// topPages keeps the results of the first n pages a result list names, in order.
func topPages(urls []string, n int) []string {
	var pages []string
	var out []string
	for _, u := range urls {
		page, _, _ := strings.Cut(u, "#")
		seen := false
		for _, p := range pages {
			seen = seen || p == page
		}
		if !seen {
			if len(pages) == n {
				continue
			}
			pages = append(pages, page)
		}
		out = append(out, u)
	}
	return out
}

// hit reports whether one of the wanted answers ("a|b") is among urls: a page by any of its
// results, a section or item by its own address.
func hit(urls []string, want string) bool {
	for _, w := range strings.Split(want, "|") {
		for _, u := range urls {
			page, _, _ := strings.Cut(u, "#")
			if u == w || !strings.Contains(w, "#") && page == w {
				return true
			}
		}
	}
	return false
}

// minQuestionHits is the number of questions that must find their answer in the first three
// pages. It only goes up: a change that loses a question fails the test.
const minQuestionHits = 43

// checkQuestions logs every query whose wanted answer is not in the first three pages, and
// fails when fewer than minQuestionHits find it.
func checkQuestions(t *testing.T, who string, got [][]string) {
	t.Helper()
	checkHits(t, who, got, minQuestionHits)
}

func checkHits(t *testing.T, who string, got [][]string, minQuestionHits int) {
	t.Helper()
	hits := 0
	for i, c := range questions {
		top := topPages(got[i], 3)
		if hit(top, c.want) {
			hits++
			continue
		}
		t.Logf("%s %q: want %s in the first three pages, got %q", who, c.query, c.want, pagesOf(top))
	}
	t.Logf("%s: top-3 hit rate %d/%d", who, hits, len(questions))
	if hits < minQuestionHits {
		t.Errorf("%s: %d of %d questions found their answer in the first three pages, want at least %d", who, hits, len(questions), minQuestionHits)
	}
}

// pagesOf lists the pages of result addresses, each once.
func pagesOf(urls []string) []string {
	var out []string
	for _, u := range urls {
		page, _, _ := strings.Cut(u, "#")
		if !slices.Contains(out, page) {
			out = append(out, page)
		}
	}
	return out
}

func TestSearchQuestions(t *testing.T) {
	s := shippedSearch(t)
	var got [][]string
	for _, c := range questions {
		var urls []string
		for _, r := range s.Search(c.query, search.Filter{Limit: 3}) {
			urls = append(urls, r.URL)
		}
		got = append(got, urls)
	}
	checkQuestions(t, "Go", got)
}

// noiseQuestions is the second table: the shipped playbook among 1,000 generated pages whose
// titles, headings, text and checklist items are drawn from the playbook's own vocabulary
// (writeZipfCorpus), so every query word is on hundreds of pages that are not about it.
// minNoiseHits only goes up.
const minNoiseHits = 37

func TestSearchQuestionsAmongGeneratedPages(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 1,061 pages")
	}
	src := t.TempDir()
	noise := t.TempDir()
	writeZipfCorpus(t, noise, 1000)
	if err := os.CopyFS(filepath.Join(src, "content"), os.DirFS("../content")); err != nil {
		t.Fatal(err)
	}
	gen, _ := filepath.Glob(filepath.Join(noise, "content", "s*"))
	for _, d := range gen {
		if err := os.Rename(d, filepath.Join(src, "content", "generated-"+filepath.Base(d))); err != nil {
			t.Fatal(err)
		}
	}
	toml, err := os.ReadFile("../cmplay.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "cmplay.toml"), toml, 0o644); err != nil {
		t.Fatal(err)
	}
	s := siteSearch(t, src)
	if n := s.Pages(); n < 1000 {
		t.Fatalf("%d pages, want over 1,000", n)
	}
	var got [][]string
	for _, c := range questions {
		var urls []string
		for _, r := range s.Search(c.query, search.Filter{Limit: 3}) {
			urls = append(urls, r.URL)
		}
		got = append(got, urls)
	}
	checkHits(t, "Go, 1,061 pages", got, minNoiseHits)
}
