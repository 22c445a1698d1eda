package generator

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/generator/internal/search"
	"github.com/cmplay/cmplay/internal/browsertest"
)

// tieredSite builds 300 generated pages and writes over their index one with a first tier of 120
// postings and no budget for more, so that common words have several tiers on a small site. It
// returns the site folder, the tiered searcher and the searcher of the same pages untiered.
func tieredSite(t *testing.T) (string, *search.Searcher, *search.Searcher) {
	t.Helper()
	src, out := t.TempDir(), t.TempDir()
	writeZipfCorpus(t, src, 300)
	res, err := Build(Config{Source: src, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	tu := search.DefaultTuning
	tu.TierCap, tu.TierBudget = 120, 0
	files := search.Build(search.Input{Pages: res.Site.Pages, Tuning: &tu}).Files()
	tails := 0
	for name, data := range files {
		tails += strings.Count(name, "/t")
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if tails < 20 {
		t.Fatalf("%d tier files: the site does not exercise tiers", tails)
	}
	tiered, err := search.Open(files)
	if err != nil {
		t.Fatal(err)
	}
	tu.TierCap = 0
	whole, err := search.Open(search.Build(search.Input{Pages: res.Site.Pages, Tuning: &tu}).Files())
	if err != nil {
		t.Fatal(err)
	}
	return out, tiered, whole
}

// TestSearchBrowserTiers runs queries on a site whose common words need tier files, through
// the browser and the Go searcher: both must give the same results, say alike whether they are
// certain, and load the same tiers; a search asked to be exact must give the untiered index's
// results; one common word, typed whole (not a prefix), must be certain from its first tier.
func TestSearchBrowserTiers(t *testing.T) {
	browsertest.Require(t) // before the site is built
	t.Parallel()
	ctx := browsertest.New(t)
	out, tiered, whole := tieredSite(t)
	base := browsertest.Serve(t, out, "/")
	type check struct {
		Q     string
		Limit int
		Exact bool
		Kind  string
	}
	var checks []check
	for _, q := range []string{"community", "community ", "community manager", "escalat", "moderatoin", `"community manager"`, "survey -brand",
		"newsletter program members", "members"} {
		for _, limit := range []int{5, 21} {
			checks = append(checks, check{q, limit, false, ""}, check{q, limit, true, ""})
		}
		checks = append(checks, check{q, 5, false, "program"})
	}
	in, _ := json.Marshal(checks)
	type answer struct {
		URLs  []string
		Exact bool
		Tiers int
	}
	var got []answer
	err := chromedp.Run(ctx, chromedp.Navigate(base+"search/"),
		chromedp.Poll(`!!window.cmplaySearch`, nil),
		chromedp.Evaluate(`(async () => {
			const root = new URL("../", location.href).href;
			const out = [];
			for (const c of `+string(in)+`) {
				const r = await window.cmplaySearch.search(c.Q, {limit: c.Limit, exact: c.Exact, kind: c.Kind});
				out.push({URLs: r.results.map(x => "/" + x.url.slice(root.length)), Exact: r.exact, Tiers: r.tiers});
			}
			return out;
		})()`, &got, awaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	certainOnce, approx := false, 0
	for i, c := range checks {
		f := search.Filter{Limit: c.Limit, Exact: c.Exact, Kind: c.Kind}
		rs, outcome := tiered.Find(c.Q, f)
		want := urlsOf(rs)
		name := fmt.Sprintf("%q limit %d exact %v kind %q", c.Q, c.Limit, c.Exact, c.Kind)
		if len(want) == 0 {
			t.Errorf("%s: no results in Go", name)
		}
		if strings.Join(want, "\n") != strings.Join(got[i].URLs, "\n") {
			t.Errorf("%s:\nGo      %q\nbrowser %q", name, want, got[i].URLs)
		}
		if outcome.Exact != got[i].Exact || outcome.Tiers != got[i].Tiers {
			t.Errorf("%s: Go %+v, browser exact %v tiers %d", name, outcome, got[i].Exact, got[i].Tiers)
		}
		if outcome.Exact || c.Exact {
			f.Exact = false
			if exact := urlsOf(whole.Search(c.Q, f)); strings.Join(exact, "\n") != strings.Join(got[i].URLs, "\n") {
				t.Errorf("%s: said exact, got\n%q\nthe whole index gives\n%q", name, got[i].URLs, exact)
			}
		} else {
			approx++
		}
		if c.Q == "community " && !c.Exact && c.Kind == "" && got[i].Exact && got[i].Tiers == 0 {
			certainOnce = true
		}
	}
	if !certainOnce {
		t.Error(`"community ": not certain from its first tier`)
	}
	if approx == 0 {
		t.Error("every search was certain: the test does not exercise the approximate ranking")
	}
}

// TestSearchBrowserTiersMore opens the results page for a query whose first tiers cannot decide
// its ranking: it shows 20 pages from the first tiers with More results; More results loads tier
// files and shows the 40 best pages, those of the untiered index.
func TestSearchBrowserTiersMore(t *testing.T) {
	browsertest.Require(t) // before the site is built
	t.Parallel()
	ctx := browsertest.New(t)
	out, tiered, whole := tieredSite(t)
	base := browsertest.Serve(t, out, "/")
	const q = "newsletter program members"
	if _, o := tiered.Find(q, search.Filter{Limit: 21}); o.Exact {
		t.Fatalf("%q is certain from its first tiers: pick a query that is not", q)
	}
	shown := func() ([]string, bool) {
		var links []string
		var tierFiles bool
		err := chromedp.Run(ctx,
			chromedp.Evaluate(`[...document.querySelectorAll("#search-page-results a")].map(a => new URL(a.href).pathname + new URL(a.href).hash)`, &links),
			chromedp.Evaluate(`[...window.cmplaySearch.loaded].some(u => /\/t\d+\.js$/.test(u))`, &tierFiles))
		if err != nil {
			t.Fatal(err)
		}
		return links, tierFiles
	}
	err := chromedp.Run(ctx, chromedp.Navigate(base+"search/?q="+strings.ReplaceAll(q, " ", "+")),
		chromedp.Poll(`document.querySelector(".search-status[role=status]").textContent.includes("results for")`, nil, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	first, loaded := shown()
	if loaded {
		t.Error("the first search loaded tier files; its budget is 0")
	}
	var moreVisible bool
	if err := chromedp.Run(ctx, chromedp.Evaluate(`!document.querySelector(".search-more").hidden`, &moreVisible)); err != nil || !moreVisible {
		t.Fatalf("More results hidden after the first 20 pages (%v)", err)
	}
	err = chromedp.Run(ctx, chromedp.Click(".search-more", chromedp.ByQuery),
		chromedp.Poll(`document.querySelector(".search-status[role=status]").textContent.includes("40 pages")`, nil, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	after, loaded := shown()
	if !loaded {
		t.Error("More results loaded no tier file")
	}
	if len(after) <= len(first) {
		t.Errorf("More results: %d links, before %d", len(after), len(first))
	}
	var want []string
	for _, r := range whole.Search(q, search.Filter{Limit: 41}) {
		want = append(want, r.URL)
	}
	// The page shows 40 pages of the 41 asked for; the links are the results' addresses.
	if len(after) == 0 || len(after) > len(want) || strings.Join(want[:len(after)], "\n") != strings.Join(after, "\n") {
		t.Errorf("after More results:\n got %q\nwant %q", after, want)
	}
}

func urlsOf(rs []search.Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.URL)
	}
	return out
}
