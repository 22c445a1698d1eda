package generator

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/cmplay/cmplay/generator/internal/search"
	"github.com/cmplay/cmplay/internal/browsertest"
	"github.com/cmplay/cmplay/internal/sitetest"
)

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

// browserSearch runs queries through window.cmplaySearch on the site's results page and returns
// the addresses of the results of each, relative to the site root.
func browserSearch(t *testing.T, ctx context.Context, base string, queries []string, limit int) [][]string {
	t.Helper()
	qs, _ := json.Marshal(queries)
	var got [][]string
	err := chromedp.Run(ctx, chromedp.Navigate(base+"search/"),
		chromedp.WaitReady("#search-page-q"),
		chromedp.Poll(`!!window.cmplaySearch`, nil),
		chromedp.Evaluate(fmt.Sprintf(`(async () => {
			const root = new URL("../", location.href).href;
			const out = [];
			for (const q of %s) {
				const r = await window.cmplaySearch.search(q, {limit: %d});
				out.push(r.results.map(x => "/" + x.url.slice(root.length)));
			}
			return out;
		})()`, qs, limit), &got, awaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestSearchBrowserQuestions runs the natural-language questions table (TestSearchQuestions)
// through the theme's JavaScript in Chromium and wants the same hit rate as Go.
func TestSearchBrowserQuestions(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	out, _ := shipped(t, "/")
	base := browsertest.Serve(t, out, "/")
	var queries []string
	for _, c := range questions {
		queries = append(queries, c.query)
	}
	checkQuestions(t, "Chromium", browserSearch(t, ctx, base, queries, 3))
}

// TestSearchBrowserRelevance runs the relevance table through the theme's JavaScript in
// Chromium, against the built site served over HTTP.
func TestSearchBrowserRelevance(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	out, _ := shipped(t, "/")
	base := browsertest.Serve(t, out, "/")
	var queries []string
	for _, c := range relevance {
		queries = append(queries, c.query)
	}
	qs, _ := json.Marshal(queries)
	var firsts []string
	err := chromedp.Run(ctx, chromedp.Navigate(base+"search/"),
		chromedp.WaitReady("#search-page-q"),
		chromedp.Poll(`!!window.cmplaySearch`, nil),
		chromedp.Evaluate(`(async () => {
			const root = new URL("../", location.href).href;
			const out = [];
			for (const q of `+string(qs)+`) {
				const r = await window.cmplaySearch.search(q, {limit: 1});
				out.push(r.results.length ? "/" + r.results[0].url.slice(root.length) : "");
			}
			return out;
		})()`, &firsts, awaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range relevance {
		if firsts[i] != c.first {
			t.Errorf("browser %q: first is %q, want %s", c.query, firsts[i], c.first)
		}
	}
}

// typeAndEnter focuses the header search box with "/", types a query, waits for the results,
// presses Enter and returns the address it lands on and the results it saw (once the first
// result holds expect, or after five seconds).
func typeAndEnter(t *testing.T, ctx context.Context, start, query, expect string) (string, []string) {
	t.Helper()
	var options []string
	var landed string
	err := chromedp.Run(ctx, chromedp.Navigate(start),
		chromedp.WaitReady("#search-q[role=combobox]"), // the theme script has run
		chromedp.KeyEvent("/"),
		chromedp.Poll(`document.activeElement.id === "search-q"`, nil, chromedp.WithPollingTimeout(5*time.Second)),
		// DevTools types "/" as a separate char event, which preventDefault on keydown does not
		// stop as it does for a real key press; start from an empty box.
		chromedp.Evaluate(`document.getElementById("search-q").value = ""`, nil),
		chromedp.SendKeys("#search-q", query),
		chromedp.WaitVisible(".search-popup [role=option]"),
		// The results of a shorter query ("kids") may show while the last key's search runs;
		// wait for the first option to be the one wanted, or for the timeout (then reported).
		chromedp.ActionFunc(func(ctx context.Context) error {
			_ = chromedp.Poll(fmt.Sprintf(`(document.querySelector(".search-popup [role=option]") || {textContent: ""}).textContent.includes(%q)`, expect),
				nil, chromedp.WithPollingTimeout(5*time.Second)).Do(ctx)
			return nil
		}),
		chromedp.Evaluate(`[...document.querySelectorAll(".search-popup [role=option]")].map(a => a.textContent)`, &options),
		chromedp.KeyEvent(kb.Enter),
	)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		var ready string
		if err := chromedp.Run(ctx, chromedp.Location(&landed), chromedp.Evaluate(`document.readyState`, &ready)); err == nil && landed != start && ready == "complete" {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	return landed, options
}

// TestSearchBrowserEnter types in the header box, presses Enter and lands on the section, over
// HTTP at the root, under a sub-path, and from a file:// build.
func TestSearchBrowserEnter(t *testing.T) {
	const query, want = "kids platfor", "guidelines/industries/#kids-platforms"
	for _, tc := range []struct{ name, base string }{{"root", "/"}, {"subpath", "/sub/"}, {"file", "file"}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := browsertest.New(t)
			out, _ := shipped(t, tc.base)
			var start, results string
			switch tc.base {
			case "file":
				start = "file://" + out + "/guidelines/escalation/index.html"
				results = "file://" + out + "/search/index.html"
			default:
				site := browsertest.Serve(t, out, tc.base)
				start, results = site+"guidelines/escalation/", site+"search/"
			}
			landed, options := typeAndEnter(t, ctx, start, query, "Kids’ platforms")
			if len(options) == 0 || !strings.Contains(options[0], "Kids’ platforms") {
				t.Fatalf("first result %q, want the Kids’ platforms section", options)
			}
			wantURL := want
			if tc.base == "file" {
				wantURL = strings.Replace(want, "/#", "/index.html#", 1)
			}
			if !strings.HasSuffix(landed, wantURL) {
				t.Fatalf("landed on %s, want …%s", landed, wantURL)
			}
			var found bool
			if err := chromedp.Run(ctx, chromedp.Evaluate(`!!document.getElementById(decodeURIComponent(location.hash.slice(1)))`, &found)); err != nil || !found {
				t.Fatalf("no element for %s (%v)", landed, err)
			}
			// The shareable results page finds the same section, with a link that works here.
			var first string
			err := chromedp.Run(ctx, chromedp.Navigate(results+"?q=kids+platforms&kind=guideline"),
				chromedp.WaitVisible("#search-page-results a"),
				chromedp.Evaluate(`document.querySelector("#search-page-results a").href`, &first))
			if err != nil || !strings.HasSuffix(first, wantURL) {
				t.Fatalf("results page: first link %q (%v), want …%s", first, err, wantURL)
			}
		})
	}
}

// TestSearchBrowserEscapes builds a site whose page title and text are markup, and checks the
// results show them as text: no element is made from them and no script runs.
func TestSearchBrowserEscapes(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	src := t.TempDir()
	evil := `<img src=x onerror="window.__xss=1;alert(1)">`
	sitetest.Write(t, src, map[string]string{
		"content/_index.md": "---\ntitle: Home\n---\nWelcome.\n",
		"content/evil.md":   "---\ntitle: '" + evil + "'\n---\n## Onerror <b>bold</b> heading\n\nText about onerror and `<script>window.__xss=2</script>` &lt;img src=x onerror=alert(2)&gt;.\n",
	})
	out := filepath.Join(t.TempDir(), "site")
	if _, err := Build(Config{Source: src, Out: out}); err != nil {
		t.Fatal(err)
	}
	dialogs := 0
	chromedp.ListenTarget(ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			dialogs++
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(false))
		}
	})
	base := browsertest.Serve(t, out, "/")
	var res struct {
		Titles []string
		Imgs   int
		XSS    any
	}
	err := chromedp.Run(ctx, chromedp.Navigate(base),
		chromedp.WaitReady("#search-q[role=combobox]"),
		chromedp.Click("#search-q"),
		chromedp.SendKeys("#search-q", "onerror"),
		chromedp.WaitVisible(".search-popup [role=option]"),
		// The popup fills in as the index loads: wait for the page whose title is markup.
		chromedp.Poll(`[...document.querySelectorAll(".search-popup .search-result-title")].some(e => e.textContent.includes("onerror="))`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Evaluate(`({
			Titles: [...document.querySelectorAll(".search-popup .search-result-title")].map(e => e.textContent),
			Imgs: document.querySelectorAll(".search-popup img, .search-popup script, .search-popup b").length,
			XSS: window.__xss ?? null,
		})`, &res))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Titles) == 0 || !strings.Contains(strings.Join(res.Titles, "\n"), evil) {
		t.Errorf("titles %q, want the markup shown as text", res.Titles)
	}
	if res.Imgs != 0 || res.XSS != nil || dialogs != 0 {
		t.Errorf("markup from the content became elements: %d elements, __xss=%v, %d dialogs", res.Imgs, res.XSS, dialogs)
	}
}

// TestSearchBrowserParity checks that the browser splits text into words and parses queries
// exactly as the Go code that built the index does, on tricky strings and on the text of every
// page of the shipped playbook.
func TestSearchBrowserParity(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	out, res := shipped(t, "/")
	texts := []string{"Don't re-post", "Über uns — café’s 3rd week", "İstanbul ǅemal ﬁne ΟΔΟΣ οδος", "e\u0301cole", "日本語のテキスト", "a'b ''", "x\u2028y"}
	for _, p := range res.Site.Pages {
		texts = append(texts, p.Title+"\n"+p.Text)
	}
	queries := []string{`"human voice" tone -legal`, "how to escalate", "escalation ", `-"quoted" x`, `a "b c`, "-", "Café-bar's", "90 days",
		"who do I escalate to", "to", "the"}
	var goWords [][]string
	for _, s := range texts {
		goWords = append(goWords, search.Words(s))
	}
	var goQueries []search.Query
	for _, q := range queries {
		goQueries = append(goQueries, search.ParseQuery(q))
	}
	in, _ := json.Marshal(map[string]any{"texts": texts, "queries": queries})
	var got struct {
		Words   [][]string
		Queries []struct {
			Terms []struct {
				Word   string
				Prefix bool
			}
			Phrases  [][]string
			Excludes []string
		}
	}
	base := browsertest.Serve(t, out, "/")
	err := chromedp.Run(ctx, chromedp.Navigate(base+"search/"),
		chromedp.Poll(`!!window.cmplaySearch`, nil),
		chromedp.Evaluate(`(async () => {
			const input = `+string(in)+`;
			const s = window.cmplaySearch;
			return { Words: input.texts.map(t => s.words(t)), Queries: await Promise.all(input.queries.map(q => s.parse(q))) };
		})()`, &got, awaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range goWords {
		if strings.Join(w, " ") != strings.Join(got.Words[i], " ") {
			t.Errorf("words of %.40q: Go %q, browser %q", texts[i], w, got.Words[i])
		}
	}
	for i, q := range goQueries {
		g, _ := json.Marshal(q)
		b, _ := json.Marshal(got.Queries[i])
		norm := func(s []byte) string {
			return strings.ToLower(strings.NewReplacer(`"Terms":null`, `"Terms":[]`, `"Phrases":null`, `"Phrases":[]`, `"Excludes":null`, `"Excludes":[]`).Replace(string(s)))
		}
		if norm(g) != norm(b) {
			t.Errorf("query %q: Go %s, browser %s", queries[i], g, b)
		}
	}
}

// TestSearchBrowserOpenItems ticks a checklist item on its page, then checks that "only my open
// items" leaves it out of the results while the plain search still finds it.
func TestSearchBrowserOpenItems(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	out, _ := shipped(t, "/")
	base := browsertest.Serve(t, out, "/")
	const id = "onboarding/first-90-days/fill-in-the-names-in-the"
	itemsFor := func(query string) []string {
		var urls []string
		err := chromedp.Run(ctx, chromedp.Navigate(base+"search/?"+query),
			chromedp.Poll(`document.querySelector(".search-status[role=status]").textContent.includes("result")`, nil, chromedp.WithPollingTimeout(10*time.Second)),
			chromedp.Evaluate(`[...document.querySelectorAll("#search-page-results a")].map(a => a.getAttribute("href"))`, &urls))
		if err != nil {
			t.Fatal(err)
		}
		return urls
	}
	has := func(urls []string) bool {
		for _, u := range urls {
			if strings.HasSuffix(u, "#task-"+id) {
				return true
			}
		}
		return false
	}
	if urls := itemsFor("q=escalation+table&open=1"); !has(urls) {
		t.Fatalf("open items before ticking: %v, want the item", urls)
	}
	var ticked bool
	err := chromedp.Run(ctx, chromedp.Navigate(base+"onboarding/first-90-days/"),
		// The build writes the boxes disabled; the checklist script enables them once it has read
		// the reader's progress.
		chromedp.Poll(`!document.getElementById("task-`+id+`").disabled`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Evaluate(`document.getElementById("task-`+id+`").click(); document.getElementById("task-`+id+`").checked`, &ticked))
	if err != nil || !ticked {
		t.Fatalf("tick the item: %v (checked=%v)", err, ticked)
	}
	if urls := itemsFor("q=escalation+table&open=1"); has(urls) {
		t.Errorf("open items after ticking still has the item: %v", urls)
	}
	if urls := itemsFor("q=escalation+table&items=1"); !has(urls) {
		t.Errorf("all items after ticking: %v, want the item", urls)
	}
}

// TestSearchBrowserMatchesGo runs queries with and without filters through the browser and the
// Go searcher on the shipped playbook and wants the same results in the same order.
func TestSearchBrowserMatchesGo(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	out, _ := shipped(t, "/")
	s := shippedSearch(t)
	type check struct {
		Q    string
		Opts map[string]any
		f    search.Filter
	}
	checks := []check{
		{"community", nil, search.Filter{}},
		{"community manager", nil, search.Filter{}},
		{"commun", map[string]any{"kind": "program"}, search.Filter{Kind: "program"}},
		{"community", map[string]any{"role": "internal-community-manager"}, search.Filter{Role: "internal-community-manager"}},
		{"escalation", map[string]any{"items": true}, search.Filter{Items: true}},
		{`"weekly practices" -daily`, nil, search.Filter{}},
		{"moderatoin feedbak", nil, search.Filter{}},
		{"escalations", nil, search.Filter{}},
		{"escalate angry customer", nil, search.Filter{}},
		{"troll", nil, search.Filter{}},
		{"CoC", map[string]any{"kind": "guideline"}, search.Filter{Kind: "guideline"}},
		{"how do I deal with trolls", nil, search.Filter{}},
		{"strategist", nil, search.Filter{}},
		{`"community manager" hiring`, nil, search.Filter{}},
		{"what does a community manager do every day", map[string]any{"items": true}, search.Filter{Items: true}},
	}
	in, _ := json.Marshal(checks)
	var got [][]string
	base := browsertest.Serve(t, out, "/")
	err := chromedp.Run(ctx, chromedp.Navigate(base+"search/"),
		chromedp.Poll(`!!window.cmplaySearch`, nil),
		chromedp.Evaluate(`(async () => {
			const root = new URL("../", location.href).href;
			const out = [];
			for (const c of `+string(in)+`) {
				const r = await window.cmplaySearch.search(c.Q, Object.assign({limit: 30}, c.Opts || {}));
				out.push(r.results.map(x => "/" + x.url.slice(root.length)));
			}
			return out;
		})()`, &got, awaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range checks {
		var want []string
		c.f.Limit = 30
		for _, r := range s.Search(c.Q, c.f) {
			want = append(want, r.URL)
		}
		if len(want) == 0 {
			t.Errorf("%q %v: no results in Go", c.Q, c.Opts)
		}
		if strings.Join(want, "\n") != strings.Join(got[i], "\n") {
			t.Errorf("%q %v:\nGo      %q\nbrowser %q", c.Q, c.Opts, want, got[i])
		}
	}
}

// TestSearchBrowserKeys moves through the results with the arrow keys and closes them with Esc.
func TestSearchBrowserKeys(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	out, _ := shipped(t, "/")
	base := browsertest.Serve(t, out, "/")
	var first, down, wrapped, expanded string
	var hidden bool
	active := `document.getElementById("search-q").getAttribute("aria-activedescendant")`
	err := chromedp.Run(ctx, chromedp.Navigate(base),
		chromedp.WaitReady("#search-q[role=combobox]"),
		chromedp.Click("#search-q"),
		chromedp.SendKeys("#search-q", "escalat"),
		chromedp.WaitVisible(".search-popup [role=option]"),
		chromedp.Evaluate(active, &first),
		chromedp.KeyEvent(kb.ArrowDown),
		chromedp.Evaluate(active, &down),
		chromedp.KeyEvent(kb.ArrowUp),
		chromedp.KeyEvent(kb.ArrowUp),
		chromedp.Evaluate(active+` + " " + document.querySelectorAll(".search-popup [role=option]").length`, &wrapped),
		chromedp.KeyEvent(kb.Escape),
		chromedp.Evaluate(`document.querySelector(".search-popup").hidden`, &hidden),
		chromedp.Evaluate(`document.getElementById("search-q").getAttribute("aria-expanded")`, &expanded),
	)
	if err != nil {
		t.Fatal(err)
	}
	if first != "search-opt-0" || down != "search-opt-1" {
		t.Errorf("active option: %q, then after ↓ %q", first, down)
	}
	var last, n int
	if _, err := fmt.Sscanf(wrapped, "search-opt-%d %d", &last, &n); err != nil || last != n-1 || n < 3 {
		t.Errorf("↑ from the first option: %q, want the last of several", wrapped)
	}
	if !hidden || expanded != "false" {
		t.Errorf("after Esc: hidden=%v aria-expanded=%s", hidden, expanded)
	}
}

// TestSearchBrowserMissing types a word no page has in the header box: the popup says so and
// offers the site's nearest words, the same as Searcher.Missing in Go, and clicking one searches
// for it.
func TestSearchBrowserMissing(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	out, _ := shipped(t, "/")
	base := browsertest.Serve(t, out, "/")
	const query = "moderatoinn zzzqx"
	want := shippedSearch(t).Missing(query)
	if len(want) != 2 || want[0].Word != "moderatoinn" || len(want[0].Suggest) == 0 || !strings.HasPrefix(want[0].Suggest[0], "moderat") {
		t.Fatalf("Go Missing(%q) = %+v, want moderatoinn → a form of moderate first", query, want)
	}
	var got []search.Missing
	var status, after string
	err := chromedp.Run(ctx, chromedp.Navigate(base),
		chromedp.WaitReady("#search-q[role=combobox]"),
		chromedp.Click("#search-q"),
		chromedp.SendKeys("#search-q", "moderatoinn"),
		chromedp.Poll(`!!document.querySelector(".search-popup .search-suggest")`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Evaluate(`document.querySelector(".search-popup .search-status").textContent`, &status),
		chromedp.Click(".search-popup .search-suggest"),
		chromedp.Poll(`!!document.querySelector(".search-popup [role=option]")`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Evaluate(`document.getElementById("search-q").value`, &after),
		chromedp.Evaluate(`window.cmplaySearch.search(`+fmt.Sprintf("%q", query)+`).then(r => r.missing)`, &got, awaitPromise),
	)
	if err != nil {
		t.Fatal(err)
	}
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("missing words: browser %s, Go %s", g, w)
	}
	if !strings.Contains(status, "No page has “moderatoinn”. Did you mean "+want[0].Suggest[0]) {
		t.Errorf("status %q", status)
	}
	if after != want[0].Suggest[0] {
		t.Errorf("after clicking the suggestion the box holds %q, want %s", after, want[0].Suggest[0])
	}
}

// TestSearchBrowserGroups checks what the results page shows: results grouped by page (a page's
// best result with its kind and breadcrumb, its other results under it), and every form of the
// query's words in titles and snippets highlighted, none left plain.
func TestSearchBrowserGroups(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	out, _ := shipped(t, "/")
	base := browsertest.Serve(t, out, "/")
	var got struct {
		Rows []struct {
			Sub         bool
			Title, Meta string
		}
		Plain []string
		Marks []string
	}
	err := chromedp.Run(ctx, chromedp.Navigate(base+"search/?q=escalation+"),
		chromedp.Poll(`document.querySelector(".search-status[role=status]").textContent.includes("of results")`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Evaluate(`(() => {
			const rows = [...document.querySelectorAll("#search-page-results > li")].map(li => ({
				Sub: li.classList.contains("search-sub"),
				Title: li.querySelector(".search-result-title").textContent,
				Meta: (li.querySelector(".search-result-meta") || {textContent: ""}).textContent,
			}));
			const plain = [];
			const walk = document.createTreeWalker(document.getElementById("search-page-results"), NodeFilter.SHOW_TEXT);
			for (let n = walk.nextNode(); n; n = walk.nextNode()) {
				if (!n.parentElement.closest("mark") && /\bescalat/i.test(n.textContent)) plain.push(n.textContent);
			}
			const marks = [...document.querySelectorAll("#search-page-results mark")].map(m => m.textContent.toLowerCase());
			return {Rows: rows, Plain: plain, Marks: marks};
		})()`, &got))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Rows) < 3 || got.Rows[0].Sub || !got.Rows[1].Sub {
		t.Fatalf("rows %+v, want a page's best result and others under it", got.Rows)
	}
	if !strings.HasPrefix(got.Rows[0].Title, "Escalation") || got.Rows[0].Meta != "Guideline · Guidelines" {
		t.Errorf("first row %+v, want the Escalation guideline with its kind and breadcrumb", got.Rows[0])
	}
	pages := 0
	for _, r := range got.Rows {
		if !r.Sub {
			pages++
			if r.Meta == "" {
				t.Errorf("page row %+v has no kind", r)
			}
		}
	}
	if pages < 3 {
		t.Errorf("%d pages listed, want several", pages)
	}
	if len(got.Plain) > 0 {
		t.Errorf("forms of escalation not highlighted: %q", got.Plain)
	}
	forms := map[string]bool{}
	for _, m := range got.Marks {
		forms[m] = true
	}
	if !forms["escalation"] || !forms["escalate"] {
		t.Errorf("highlighted %v, want escalation and escalate among them", forms)
	}
}
