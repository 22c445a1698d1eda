package themes_test

import (
	"context"
	"encoding/json"
	"hash/fnv"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/evanw/esbuild/pkg/api"

	"github.com/cmplay/cmplay/internal/browsertest"
	"github.com/cmplay/cmplay/internal/sitetest"
	"github.com/cmplay/cmplay/playbooks"
)

func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }

// pureEntry bundles the theme's pure functions, as the theme's own modules export them, onto
// window.T. Importing the modules starts nothing: main.js does that.
const pureEntry = `
import { tokenize, words, parseQuery, oneEdit } from "./js/search-core.js";
import { localDate, periodOf, load, update, follow as followIn } from "./js/progress-store.js";
import { clean } from "./js/progress-valid.js";
import { writeJSON } from "./js/store.js";
import { merge as mergeIn, parseImport, shortHash, readShare } from "./js/progress-portable.js";
import { dueOn, overdue, fmtDate, pageKey } from "./js/progress.js";
// The store changes progress only inside update; these wrap its pure parts for the table.
const valid = (v) => clean(v).dropped === 0;
const tidy = (v) => clean(v).state;
const replace = (s) => writeJSON("progress", s);
const merge = (inc) => update((s) => mergeIn(s, clean(inc).state));
const follow = (key, items) => { let n = 0; update((s) => { n = followIn(s, key, items); return n > 0; }); return n; };
window.T = { tokenize, words, parseQuery, oneEdit, localDate, periodOf, valid, tidy, replace, load, follow,
  merge, parseImport, shortHash, readShare, dueOn, overdue, fmtDate, pageKey };
`

// pureCase is one row: a JavaScript expression over window.T and the JSON of its value
// (or "throws: <message>").
type pureCase struct{ name, js, want string }

// pureCases are the tokeniser, the date helpers and the progress merge. Dates run in
// America/New_York (set by the test), so "local" and "UTC" differ by hours and a helper that
// used UTC dates would fail.
var pureCases = []pureCase{
	// The tokeniser: what search.Tokenize does in Go (TestSearchBrowserParity holds the two equal
	// on the whole playbook); these rows pin the rules themselves.
	{"words apostrophes and hyphens", `T.words("Don't re-post it’s")`, `["dont","re","post","its"]`},
	{"words dotted capital I", `T.words("İstanbul")`, `["istanbul"]`},
	{"words final sigma", `T.words("ΟΔΟΣ οδος")`, `["οδοσ","οδοσ"]`},
	{"words combining mark", `T.words("e\u0301cole")`, `["e\u0301cole"]`},
	{"words no spaces", `T.words("日本語のテキスト, 3rd")`, `["日本語のテキスト","3rd"]`},
	{"words punctuation only", `T.words("— … !")`, `[]`},
	{"tokenize offsets", `T.tokenize("a  Bc")`, `[{"word":"a","start":0,"end":1},{"word":"bc","start":3,"end":5}]`},
	{"query phrase, word, exclusion", `T.parseQuery('"human voice" tone -legal', new Set())`,
		`{"terms":[{"word":"human","prefix":false},{"word":"voice","prefix":false},{"word":"tone","prefix":false}],"phrases":[["human","voice"]],"excludes":["legal"]}`},
	{"query last word is a prefix", `T.parseQuery("the escal", new Set(["the"]))`, `{"terms":[{"word":"escal","prefix":true}],"phrases":[],"excludes":[]}`},
	{"query one letter and digits", `T.parseQuery("a 9 days", new Set())`, `{"terms":[{"word":"9","prefix":false},{"word":"days","prefix":true}],"phrases":[],"excludes":[]}`},
	{"query unclosed quote", `T.parseQuery('x "bc de', new Set())`, `{"terms":[{"word":"bc","prefix":false},{"word":"de","prefix":false}],"phrases":[["bc","de"]],"excludes":[]}`},
	{"query one-letter phrase words are not terms", `T.parseQuery('"b c" dd', new Set())`, `{"terms":[{"word":"dd","prefix":true}],"phrases":[["b","c"]],"excludes":[]}`},
	{"query lone minus", `T.parseQuery("-", new Set())`, `{"terms":[],"phrases":[],"excludes":[]}`},
	{"one edit: deletion", `T.oneEdit("escalate", "escalte")`, `true`},
	{"one edit: swap", `T.oneEdit("form", "from")`, `true`},
	{"one edit: insertion", `T.oneEdit("ab", "abc")`, `true`},
	{"one edit: equal is not", `T.oneEdit("abc", "abc")`, `false`},
	{"one edit: two apart", `T.oneEdit("cat", "dog")`, `false`},
	{"one edit: astral letters", `T.oneEdit("a😀b", "ab")`, `true`},

	// Dates are the reader's local dates.
	{"localDate is local", `T.localDate(new Date("2026-11-30T03:00:00Z"))`, `"2026-11-29"`},
	{"daily period", `T.periodOf("daily", new Date(2026, 10, 30, 23, 59))`, `"2026-11-30"`},
	{"weekly period from a Sunday", `T.periodOf("weekly", new Date(2026, 10, 29))`, `"w2026-11-23"`},
	{"weekly period from a Monday", `T.periodOf("weekly", new Date(2026, 10, 30))`, `"w2026-11-30"`},
	{"weekly period across a year", `T.periodOf("weekly", new Date(2027, 0, 2))`, `"w2026-12-28"`},
	{"monthly period", `T.periodOf("monthly", new Date(2026, 0, 31))`, `"2026-01"`},
	{"no cadence, no period", `T.periodOf("", new Date(2026, 0, 31))`, `""`},
	{"due 30 days after the start", `T.localDate(T.dueOn(30, "2026-11-02"))`, `"2026-12-02"`},
	{"due across the DST change", `T.localDate(T.dueOn(1, "2026-10-31"))`, `"2026-11-01"`},
	{"no due without a start", `T.dueOn(30, "")`, `null`},
	{"no due without days", `T.dueOn("", "2026-11-02")`, `null`},
	{"overdue yesterday", `(window.__cmplayNow = "2026-11-24T09:00", T.overdue(new Date(2026, 10, 23, 23)))`, `true`},
	{"not overdue today", `(window.__cmplayNow = "2026-11-24T09:00", T.overdue(new Date(2026, 10, 24, 0, 1)))`, `false`},
	{"not overdue late tonight in UTC", `(window.__cmplayNow = "2026-11-24T21:00", T.overdue(new Date("2026-11-25T01:00:00Z")))`, `false`},
	// The wording of a date is the browser's (en-GB here); the theme decides what is in it.
	{"date as the built pages write it", `(window.__cmplayNow = "2026-11-24T09:00", T.fmtDate(new Date(2026, 10, 30)))`, `"30 November 2026"`},
	{"date in another year, from local parts", `(window.__cmplayNow = "2026-11-24T09:00", T.fmtDate(new Date(2027, 0, 4)))`, `"4 January 2027"`},
	{"page key", `[T.pageKey("/onboarding/first-90-days/"), T.pageKey("/")]`, `["onboarding/first-90-days","home"]`},

	// Stored progress is validated, tidied and merged; these rows run against real localStorage.
	{"valid progress", `[T.valid({v: 1, items: {}}), T.valid({v: 2, items: {}}), T.valid({v: 1, items: []}), T.valid(null), T.valid({v: 1, items: {}, hist: []})]`, `[true,false,false,false,false]`},
	{"tidy drops what is malformed", `T.tidy({v: 1, items: {a: {d: true}, b: 3, c: null}, hist: {"/p/": {past: [{p: "x"}, 4], cur: {p: 1}}, "/q/": 5}, start: "30 Nov", last: []})`,
		`{"v":1,"items":{"a":{"d":true,"h":"","t":0}},"hist":{}}`},
	{"import that is not JSON", `T.parseImport("{")`, `throws: This file is not JSON.`},
	{"import of another format", `T.parseImport('{"v": 7, "items": {}}')`, `throws: This file does not hold cmplay progress this site understands.`},
	{"import of an export file", `T.parseImport('{"format": "cmplay-progress", "progress": {"v": 1, "items": {"a": {"d": true, "t": 1}}}}')`, `{"state":{"v":1,"items":{"a":{"d":true,"h":"","t":1}},"hist":{}},"dropped":0}`},
	{"merge: the newer tick wins, per item", `(T.replace({v: 1, items: {a: {d: true, t: 5}, b: {d: false, t: 9}}}),
		T.merge({v: 1, items: {a: {d: false, t: 7}, b: {d: true, t: 3}, c: {d: true, t: 1}}}), T.load().items)`,
		`{"a":{"d":false,"h":"","t":7},"b":{"d":false,"h":"","t":9},"c":{"d":true,"h":"","t":1}}`},
	{"merge: an entry without a time loses to one with", `(T.replace({v: 1, items: {a: {d: true, t: 1}}}), T.merge({v: 1, items: {a: {d: false}}}), T.load().items)`, `{"a":{"d":true,"h":"","t":1}}`},
	{"merge: histories are joined, newest first, the newer current period wins", `(T.replace({v: 1, items: {}, hist: {"/d/": {cur: {p: "2026-11-23", d: 1, n: 3}, past: [{p: "2026-11-20", d: 3, n: 3}, {p: "2026-11-18", d: 1, n: 3}]}}}),
		T.merge({v: 1, items: {}, hist: {"/d/": {cur: {p: "2026-11-24", d: 2, n: 3}, past: [{p: "2026-11-21", d: 2, n: 3}, {p: "2026-11-20", d: 0, n: 3}]}, "/w/": {past: [{p: "w2026-11-16", d: 1, n: 1}]}}}), T.load().hist)`,
		`{"/d/":{"cur":{"p":"2026-11-24","d":2,"n":3},"past":[{"p":"2026-11-21","d":2,"n":3},{"p":"2026-11-20","d":3,"n":3},{"p":"2026-11-18","d":1,"n":3}]},"/w/":{"past":[{"p":"w2026-11-16","d":1,"n":1}]}}`},
	{"merge: histories keep twelve periods", `(T.replace({v: 1, items: {}, hist: {"/d/": {past: Array.from({length: 8}, (_, i) => ({p: "2026-10-" + String(10 + i), d: 1, n: 1}))}}}),
		T.merge({v: 1, items: {}, hist: {"/d/": {past: Array.from({length: 8}, (_, i) => ({p: "2026-11-" + String(10 + i), d: 1, n: 1}))}}}), T.load().hist["/d/"].past.map((x) => x.p))`,
		`["2026-11-17","2026-11-16","2026-11-15","2026-11-14","2026-11-13","2026-11-12","2026-11-11","2026-11-10","2026-10-17","2026-10-16","2026-10-15","2026-10-14"]`},
	{"merge: start date and last checklist", `(T.replace({v: 1, items: {}, start: "2026-11-02", last: {u: "/a/", at: 5}}), T.merge({v: 1, items: {}, start: "2026-12-01", last: {u: "/b/", at: 3}}), [T.load().start, T.load().last.u])`, `["2026-12-01","/a/"]`},
	{"merge: no incoming start keeps mine", `(T.replace({v: 1, items: {}, start: "2026-11-02"}), T.merge({v: 1, items: {}, last: {u: "/b/", at: 9}}), [T.load().start, T.load().last.u])`, `["2026-11-02","/b/"]`},
	{"share link read back", `(() => { const s = T.readShare("#share=" + btoa(JSON.stringify({v: 1, s: "2026-11-02", d: [T.shortHash("a")], u: [T.shortHash("b")]}))); return [s.start, s.done("a", false), s.done("b", true), s.done("c", true)]; })()`, `["2026-11-02",true,false,true]`},
	{"share link that does not decode", `T.readShare("#share=%%%").problem !== ""`, `true`},
}

// TestPureFunctions runs the pureCases table through the theme's own modules in Chromium. The
// share-link hash is held against Go's FNV-1a as well.
func TestPureFunctions(t *testing.T) {
	ctx := pureTab(t)
	cases := pureCases
	for _, id := range []string{"", "a", "onboarding/first-90-days/fill-in-the-names-in-the", "é"} {
		h := fnv.New32a()
		for _, u := range utf16.Encode([]rune(id)) {
			// shortHash folds UTF-16 code units; below 0x100 FNV-1a over them is FNV-1a over bytes.
			if u > 0xff {
				t.Fatalf("shortHash case %q is outside what this check covers", id)
			}
			h.Write([]byte{byte(u)})
		}
		cases = append(cases, pureCase{"shortHash " + id, "T.shortHash(" + strconv.Quote(id) + ")", strconv.Quote(strconv.FormatUint(uint64(h.Sum32()), 36))})
	}
	var fns []string
	for _, c := range cases {
		fns = append(fns, "() => ("+c.js+")")
	}
	var got []string
	err := chromedp.Run(ctx,
		chromedp.Evaluate(`[`+strings.Join(fns, ",\n")+`].map((f) => {
			try { return JSON.stringify(f()) ?? "undefined"; } catch (e) { return "throws: " + e.message; }
		})`, &got))
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		if !sameJSON(got[i], c.want) {
			t.Errorf("%s:\n  %s\n  = %s\n  want %s", c.name, c.js, got[i], c.want)
		}
	}
}

// sameJSON compares two JSON texts as values (key order aside); anything else as text.
func sameJSON(got, want string) bool {
	var g, w any
	if json.Unmarshal([]byte(got), &g) != nil || json.Unmarshal([]byte(want), &w) != nil {
		return got == want
	}
	return reflect.DeepEqual(g, w)
}

// pureTab opens a page that has the theme's pure functions on window.T, in America/New_York.
func pureTab(t *testing.T) context.Context {
	t.Helper()
	ctx := browsertest.New(t)
	dir := sitetest.Write(t, t.TempDir(), map[string]string{
		"index.html": `<!doctype html><html lang="en-GB"><meta charset="utf-8"><meta name="cmplay-root" content="./"><script src="t.js"></script>`,
		"t.js":       bundlePure(t),
	})
	err := chromedp.Run(ctx,
		emulation.SetTimezoneOverride("America/New_York"),
		chromedp.Navigate(browsertest.Serve(t, dir, "/")),
		chromedp.Poll(`!!window.T`, nil))
	if err != nil {
		t.Fatal(err)
	}
	return ctx
}

// rewordPairs are an item's old and new text. playbooks.Reworded decides for cmplay check
// --base; the theme's follow decides whether a reader's tick moves to the new item.
var rewordPairs = [][2]string{
	{"Meet your sponsor over coffee", "Have coffee with your sponsor"}, // Dice 0.6, Jaccard 0.43
	{"Write a short hello post for the community forum", "Post a short hello in the community forum"},
	{"alpha beta", "alpha gamma"},               // exactly the threshold
	{"alpha beta gamma", "alpha delta epsilon"}, // a third in common
	{"Write your first post", "Say hello in the welcome thread"},
	{"Read the rules.", "READ — the RULES!"},           // case and punctuation only
	{"ΟΔΟΣ ΚΑΛΟΣ", "οδος καλος"},                       // a final sigma
	{"İstanbul office hours", "istanbul office hours"}, // İ lowers to i and a combining dot
	{"½ cup of sugar", "½ spoon of salt"},              // a number that is not a digit
	{"école visit", "école visit"},                    // the same word, two spellings: different words
	{"", "anything"},
	{"3 days", "3 weeks"},
}

// TestRewordParity runs the rewording rule in Go (playbooks.Reworded) and in the browser (the
// theme's follow, which moves a vanished item's tick to the new item when the rule holds) on
// the same pairs: the two must agree on every one.
func TestRewordParity(t *testing.T) {
	ctx := pureTab(t)
	in, _ := json.Marshal(rewordPairs)
	var moved []int
	err := chromedp.Run(ctx, chromedp.Evaluate(`(`+string(in)+`).map(([old, cur]) => {
		T.replace({v: 1, items: {"p/old": {d: true, h: "0", t: 1, x: old}}});
		return T.follow("p", [{id: "p/new", text: cur}]);
	})`, &moved))
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range rewordPairs {
		if goSays, browser := playbooks.Reworded(p[0], p[1]), moved[i] == 1; goSays != browser {
			t.Errorf("%q → %q: Go says reworded=%v (similarity %.2f), the browser %v", p[0], p[1], goSays, playbooks.Similarity(p[0], p[1]), browser)
		}
	}
	if !playbooks.Reworded(rewordPairs[0][0], rewordPairs[0][1]) || playbooks.Reworded(rewordPairs[3][0], rewordPairs[3][1]) {
		t.Error("the rule itself changed: see playbooks.Reworded's doc for the pairs it must and must not match")
	}
}

// bundlePure bundles pureEntry against the theme's modules on disk, as the build bundles main.js.
func bundlePure(t *testing.T) string {
	t.Helper()
	res := api.Build(api.BuildOptions{
		Stdin:    &api.StdinOptions{Contents: pureEntry, ResolveDir: filepath.Join("default", "assets"), Sourcefile: "pure-test.js"},
		Bundle:   true,
		Write:    false,
		Target:   api.ES2020,
		Charset:  api.CharsetUTF8,
		LogLevel: api.LogLevelSilent,
	})
	for _, m := range res.Errors {
		t.Errorf("bundle: %s", m.Text)
	}
	if len(res.OutputFiles) != 1 {
		t.Fatalf("bundle: %d output files", len(res.OutputFiles))
	}
	return string(res.OutputFiles[0].Contents)
}
