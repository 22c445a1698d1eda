package checklist_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/generator"
	"github.com/cmplay/cmplay/internal/browsertest"
	"github.com/cmplay/cmplay/internal/sitetest"
)

// The browser tests build a small real site with generator.Build, serve it over HTTP under a
// sub-path and drive Chromium through it. The clock is injected as a reader's browser never
// can: window.__cmplayNow, set before the page's scripts run (see clock.js and site.at).

var siteFiles = map[string]string{
	"content/_index.md": "---\ntitle: Home\n---\n\nWelcome.\n\n- [ ] Open the onboarding checklist\n",
	"content/onboarding.md": `---
title: Onboarding
kind: checklist
---

## Day 1 {due="day 1"}

- [ ] Meet your manager
- [x] Collect your laptop
- [ ] Read the community rules and the moderation guide before your first shift

## Week 1 {due="week 1"}

- [ ] Meet the product lead {#product-lead}
- [ ] Write a short hello post for the community forum
`,
	"content/daily.md": `---
title: Daily
kind: practice
cadence: daily
---

- [ ] Read new posts
- [ ] Answer open questions
- [ ] Thank a helpful member
`,
}

// buildSite writes the content into src (with edits applied over siteFiles) and builds it into
// out.
func buildSite(t testing.TB, src, out string, edits map[string]string) error {
	t.Helper()
	files := maps.Clone(siteFiles)
	maps.Copy(files, edits)
	sitetest.Write(t, src, files)
	res, err := generator.Build(generator.Config{Source: src, Out: out, BaseURL: "/sub/", Title: "Test playbook"})
	if err == nil && len(res.Diagnostics) > 0 {
		err = fmt.Errorf("build diagnostics: %v", res.Diagnostics)
	}
	return err
}

// sharedSite is the test site built once for the tests that only read it.
func sharedSite(t testing.TB) string {
	return sitetest.Once(t, "site", func(out string) error {
		return buildSite(t, filepath.Join(filepath.Dir(out), "src"), out, nil)
	})
}

type site struct {
	t     *testing.T
	ctx   context.Context
	base  string // "http://127.0.0.1:port/sub/"
	src   string
	out   string
	clock page.ScriptIdentifier // the script that sets the injected clock, if any
}

// at sets the theme's clock for the pages opened from now on (an ISO time in local time,
// "2026-11-23T10:00"), through a script Chromium runs before the page's own.
func (s *site) at(when string) {
	s.t.Helper()
	s.run(chromedp.ActionFunc(func(ctx context.Context) error {
		if s.clock != "" {
			if err := page.RemoveScriptToEvaluateOnNewDocument(s.clock).Do(ctx); err != nil {
				return err
			}
		}
		id, err := page.AddScriptToEvaluateOnNewDocument(fmt.Sprintf("window.__cmplayNow = %q;", when)).Do(ctx)
		s.clock = id
		return err
	}))
}

// newSite serves the test site built once for the package and opens a tab, with empty storage,
// that fails the test on any uncaught script error. The test runs in parallel with the others.
func newSite(t *testing.T) *site {
	t.Helper()
	browsertest.Require(t)
	t.Parallel()
	s := &site{t: t, out: sharedSite(t)}
	return s.serve()
}

// newOwnSite is newSite with a build of its own in s.src and s.out, for a test that rebuilds it.
func newOwnSite(t *testing.T) *site {
	return newSiteWith(t, nil)
}

// newSiteWith is newOwnSite with edits applied over siteFiles.
func newSiteWith(t *testing.T, edits map[string]string) *site {
	t.Helper()
	browsertest.Require(t) // before the build, which a skipped test does not need
	t.Parallel()
	s := &site{t: t, src: t.TempDir(), out: filepath.Join(t.TempDir(), "public")}
	if err := buildSite(t, s.src, s.out, edits); err != nil {
		t.Fatal(err)
	}
	return s.serve()
}

func (s *site) serve() *site {
	s.t.Helper()
	s.ctx = browsertest.New(s.t)
	s.base = browsertest.Serve(s.t, s.out, "/sub/")
	watchErrors(s.t, s.ctx)
	return s
}

func watchErrors(t *testing.T, ctx context.Context) {
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			t.Errorf("script error: %s", e.ExceptionDetails.Error())
		}
	})
}

// setStart types a start date into the page's start-date field, as a reader does.
func (s *site) setStart(date string) {
	s.t.Helper()
	s.run(chromedp.SetValue(".start-date", date, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector(".start-date").dispatchEvent(new Event("change"))`, nil))
}

func (s *site) run(actions ...chromedp.Action) {
	s.t.Helper()
	if err := chromedp.Run(s.ctx, actions...); err != nil {
		s.t.Fatal(err)
	}
}

// open loads a page of the site and waits for the checklist script to have run.
func (s *site) open(path string) {
	s.t.Helper()
	s.run(chromedp.Navigate(s.base+path), chromedp.WaitReady("body"), chromedp.Poll(`document.readyState === "complete"`, nil))
}

func (s *site) eval(js string, out any) {
	s.t.Helper()
	s.run(chromedp.Evaluate(js, out))
}

func (s *site) text(sel string) string {
	s.t.Helper()
	var out string
	s.eval(fmt.Sprintf(`(document.querySelector(%q) || {textContent: "<missing>"}).textContent.trim()`, sel), &out)
	return out
}

// ticks lists the ids of the ticked boxes of the page.
func (s *site) ticks() string {
	s.t.Helper()
	var out []string
	s.eval(`[...document.querySelectorAll(".task-box")].filter(b => b.checked).map(b => b.dataset.id)`, &out)
	return strings.Join(out, " ")
}

func (s *site) click(sel string) {
	s.t.Helper()
	s.run(chromedp.Click(sel, chromedp.ByQuery))
}

// box is the selector of an item's checkbox by id.
func box(id string) string { return fmt.Sprintf(`.task-box[data-id=%q]`, id) }

const (
	meet   = "onboarding/meet-your-manager"
	laptop = "onboarding/collect-your-laptop"
	rules  = "onboarding/read-the-community-rules-and-the"
	hello  = "onboarding/write-a-short-hello-post-for"
)

func TestTickReloadAndProgress(t *testing.T) {
	s := newSite(t)
	s.open("onboarding/")
	var disabled bool
	s.eval(`document.querySelector(".task-box").disabled`, &disabled)
	if disabled {
		t.Fatal("the script did not enable the checkboxes")
	}
	if got := s.ticks(); got != laptop {
		t.Fatalf("before ticking: %q (want only the default tick)", got)
	}
	if got := s.text(".page-meter .meter-text"); got != "1 of 5 done" {
		t.Fatalf("page meter %q", got)
	}
	s.click(box(meet))
	if got := s.text(".page-meter .meter-text"); got != "2 of 5 done" {
		t.Fatalf("page meter after a tick %q", got)
	}
	var bar []float64
	s.eval(`[document.querySelector(".page-meter progress").value, document.querySelector(".page-meter progress").max]`, &bar)
	if fmt.Sprint(bar) != "[2 5]" {
		t.Fatalf("page bar %v", bar)
	}
	if got := s.text("#day-1 + .section-meter .meter-text"); got != "2 of 3 done" {
		t.Fatalf("section meter %q", got)
	}
	if got := s.text(".checklist-status [aria-live]"); !strings.Contains(got, "Meet your manager") || !strings.Contains(got, "2 of 5 done") {
		t.Fatalf("announcement %q", got)
	}
	// Unticking a default tick is progress too.
	s.click(box(laptop))
	s.run(chromedp.Reload(), chromedp.Poll(`document.readyState === "complete"`, nil))
	if got := s.ticks(); got != meet {
		t.Fatalf("after reload: %q", got)
	}
	if got := s.text(".page-meter .meter-text"); got != "1 of 5 done" {
		t.Fatalf("page meter after reload %q", got)
	}

	s.open("progress/")
	if got := s.text(".dash-overall .meter-text"); got != "1 of 9 done" {
		t.Fatalf("dashboard overall %q", got)
	}
	if got := s.text(`.dash-checklists li[data-url="/onboarding/"] .meter-text`); got != "1 of 5 done" {
		t.Fatalf("dashboard onboarding %q", got)
	}
	if got := s.text(".continue a"); got != "Onboarding" {
		t.Fatalf("continue link %q", got)
	}
	var href string
	s.eval(`document.querySelector(".continue a").href`, &href)
	if href != s.base+"onboarding/#task-"+laptop { // the item touched last
		t.Fatalf("continue link goes to %q", href)
	}
	s.open("onboarding/#task-" + laptop)
	var found bool
	s.eval(`document.getElementById(decodeURIComponent(location.hash.slice(1))) === document.querySelector(`+"`"+box(laptop)+"`"+`)`, &found)
	if !found {
		t.Fatal("the continue link does not point at the item")
	}

	s.open("")
	if got := s.text("[data-site-progress] .meter-text"); got != "1 of 9 done" {
		t.Fatalf("home site bar %q", got)
	}
}

func TestDueDatesAndOverdue(t *testing.T) {
	s := newSite(t)
	s.at("2026-11-23T10:00")
	s.open("onboarding/")
	if got := s.text(".start-hint"); !strings.Contains(got, "start date") {
		t.Fatalf("no start date hint: %q", got)
	}
	s.setStart("2026-11-20")
	var got struct {
		Overdue []string
		Due     string
		Section bool
	}
	s.eval(`({
		Overdue: [...document.querySelectorAll("li.is-overdue .task-box")].map(b => b.dataset.id),
		Due: document.querySelector('li:has(> .task > [data-id="product-lead"]) .task-due').textContent,
		Section: document.querySelector("#day-1 + .section-meter").classList.contains("is-overdue"),
	})`, &got)
	// Day 1 was 2026-11-20: its open items are overdue, the default-ticked laptop is not.
	if fmt.Sprint(got.Overdue) != fmt.Sprint([]string{meet, rules}) || !got.Section {
		t.Fatalf("overdue %v, section %v", got.Overdue, got.Section)
	}
	// Week 1 ends on day 7: 2026-11-26.
	if !strings.Contains(got.Due, "26") || strings.TrimSpace(got.Due)[:4] != "due " {
		t.Fatalf("due text %q", got.Due)
	}
	s.at("2026-11-23T10:00")
	s.open("progress/")
	if n := s.text(".dash-overdue h2"); n != "Overdue (2)" {
		t.Fatalf("dashboard overdue heading %q", n)
	}
	if n := s.text(".dash-next h2"); n != "Due next (2)" {
		t.Fatalf("dashboard due next heading %q", n)
	}
}

func TestKeyboardTicking(t *testing.T) {
	s := newSite(t)
	s.open("onboarding/")
	s.run(chromedp.Focus(box(meet), chromedp.ByQuery), chromedp.KeyEvent(" "))
	s.run(chromedp.KeyEvent("\t"), chromedp.KeyEvent("\t"), chromedp.KeyEvent(" "))
	if got := s.ticks(); got != meet+" "+laptop+" "+rules {
		t.Fatalf("ticks after keyboard: %q", got)
	}
	s.run(chromedp.KeyEvent(" "))
	if got := s.ticks(); got != meet+" "+laptop {
		t.Fatalf("untick by keyboard: %q", got)
	}
	s.run(chromedp.KeyEvent(" "), chromedp.Reload(), chromedp.Poll(`document.readyState === "complete"`, nil))
	if got := s.ticks(); got != meet+" "+laptop+" "+rules {
		t.Fatalf("keyboard ticks after reload: %q", got)
	}
}

func TestRewordedItemIsFlagged(t *testing.T) {
	s := newOwnSite(t)
	s.open("onboarding/")
	s.click(box(rules))
	s.click(box(hello))
	s.click(box("product-lead"))
	// The author rewords the end of one item (same id), the start of another (new id) and a
	// pinned one, and leaves the rest alone.
	body := siteFiles["content/onboarding.md"]
	body = strings.Replace(body, "moderation guide before your first shift", "moderation handbook", 1)
	body = strings.Replace(body, "Write a short hello post for the community forum", "Post a short hello in the community forum", 1)
	body = strings.Replace(body, "Meet the product lead", "Meet the head of product", 1)
	if err := buildSite(t, s.src, s.out, map[string]string{"content/onboarding.md": body}); err != nil {
		t.Fatal(err)
	}
	// A new address: a rebuild within the same second as the first build has the same
	// Last-Modified, and a reload could get "304 Not Modified" for the old page.
	s.open("onboarding/?rebuilt")
	newHello := "onboarding/post-a-short-hello-in-the"
	if got := s.ticks(); got != laptop+" "+rules+" product-lead "+newHello {
		t.Fatalf("ticks after the rewording: %q", got)
	}
	var flagged []string
	s.eval(`[...document.querySelectorAll("li:has(> .task-changed) .task-box")].map(b => b.dataset.id)`, &flagged)
	if fmt.Sprint(flagged) != fmt.Sprint([]string{rules, "product-lead", newHello}) {
		t.Fatalf("flagged %v", flagged)
	}
	s.open("progress/")
	if got := s.text(".dash-changed h2"); got != "Changed since you ticked them (3)" {
		t.Fatalf("dashboard %q", got)
	}
	s.open("onboarding/")
	s.click(`li:has(> .task > [data-id="product-lead"]) .task-changed button`)
	s.run(chromedp.Reload(), chromedp.Poll(`document.readyState === "complete"`, nil))
	var n int
	s.eval(`document.querySelectorAll(".task-changed").length`, &n)
	if n != 2 || !strings.Contains(s.ticks(), "product-lead") {
		t.Fatalf("after confirming: %d flags, ticks %q", n, s.ticks())
	}
}

func TestExportResetImport(t *testing.T) {
	s := newSite(t)
	downloads := t.TempDir()
	done := make(chan string, 1)
	chromedp.ListenTarget(s.ctx, func(ev any) {
		if e, ok := ev.(*browser.EventDownloadProgress); ok && e.State == browser.DownloadProgressStateCompleted {
			done <- e.GUID
		}
	})
	s.run(browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllowAndName).WithDownloadPath(downloads).WithEventsEnabled(true).
		WithBrowserContextID(chromedp.FromContext(s.ctx).BrowserContextID))
	s.open("onboarding/")
	s.click(box(meet))
	s.click(box(laptop))
	s.setStart("2026-11-02")
	want := s.ticks()

	s.open("progress/")
	s.click(".dash-tools .tool-row > button") // Export progress
	var file string
	select {
	case guid := <-done:
		file = filepath.Join(downloads, guid)
	case <-time.After(20 * time.Second):
		t.Fatal("the export did not download")
	}
	data, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(data), `"format": "cmplay-progress"`) || !strings.Contains(string(data), meet) {
		t.Fatalf("export file: %v\n%s", err, data)
	}

	s.click(".dash-tools .confirm ~ button, .dash-tools span > .button:not(.danger)")
	s.click(".dash-tools .confirm .danger")
	if got := s.text(".dash-overall .meter-text"); got != "1 of 9 done" {
		t.Fatalf("after reset: %q", got)
	}
	s.open("onboarding/")
	if got := s.ticks(); got != laptop {
		t.Fatalf("ticks after reset: %q", got)
	}

	s.open("progress/")
	s.run(chromedp.SetUploadFiles(".import-file", []string{file}, chromedp.ByQuery), chromedp.WaitVisible(".import-preview button", chromedp.ByQuery))
	pv := s.text(".import-preview")
	if !strings.Contains(pv, "change 2 things") || !strings.Contains(pv, "Tick: Meet your manager") || !strings.Contains(pv, "Untick: Collect your laptop") {
		t.Fatalf("preview: %q", pv)
	}
	s.click(".import-preview .primary")
	if got := s.text(".dash-overall .meter-text"); got != "1 of 9 done" {
		t.Fatalf("after import: %q", got)
	}
	s.open("onboarding/")
	if got := s.ticks(); got != want {
		t.Fatalf("ticks after import %q, want %q", got, want)
	}
	var start string
	s.eval(`document.querySelector(".start-date").value`, &start)
	if start != "2026-11-02" {
		t.Fatalf("start date after import %q", start)
	}
}

func TestShareLinkIsReadOnly(t *testing.T) {
	s := newSite(t)
	s.open("onboarding/")
	s.click(box(meet))
	s.click(box(hello))
	s.open("progress/")
	s.click(`.tool-row > button:nth-of-type(2)`) // Create share link
	var link string
	s.eval(`document.querySelector(".share-url").value`, &link)
	if !strings.Contains(link, "#share=") {
		t.Fatalf("share link %q", link)
	}
	// A mentor opens it in a browser that has no progress of this site: everything they see
	// comes from the link.
	s.eval(`localStorage.clear()`, nil)
	m := s
	m.run(chromedp.Navigate("about:blank"))
	m.run(chromedp.Navigate(link))
	m.run(chromedp.Poll(`document.readyState === "complete"`, nil))
	if got := m.text(".dash-overall .meter-text"); got != "3 of 9 done" {
		t.Fatalf("shared dashboard %q", got)
	}
	var tools int
	m.eval(`document.querySelectorAll(".dash-tools, .start-date").length`, &tools)
	if tools != 0 || !strings.Contains(m.text(".share-banner"), "read-only") {
		t.Fatalf("shared view is not read-only (%d tools)", tools)
	}
	var page string
	m.eval(`document.querySelector('.dash-checklists li[data-url="/onboarding/"] a').href`, &page)
	if !strings.HasSuffix(page, "/onboarding/"+link[strings.Index(link, "#"):]) {
		t.Fatalf("shared dashboard links to %q", page)
	}
	m.run(chromedp.Navigate(page), chromedp.Poll(`document.readyState === "complete"`, nil))
	if got := m.ticks(); got != meet+" "+laptop+" "+hello {
		t.Fatalf("shared page ticks %q", got)
	}
	var enabled int
	m.eval(`[...document.querySelectorAll(".task-box")].filter(b => !b.disabled).length`, &enabled)
	if enabled != 0 {
		t.Fatalf("%d boxes can be ticked in the shared view", enabled)
	}
	// Looking stored nothing: the mentor's own progress is untouched.
	var stored int
	m.eval(`localStorage.length`, &stored)
	if stored != 0 {
		t.Fatalf("the shared view wrote %d keys", stored)
	}
	m.open("onboarding/")
	if got := m.ticks(); got != laptop {
		t.Fatalf("mentor's own ticks %q", got)
	}
}

func TestDailyChecklistResets(t *testing.T) {
	s := newSite(t)
	s.at("2026-11-23T08:00")
	s.open("daily/")
	s.click(box("daily/read-new-posts"))
	s.click(box("daily/answer-open-questions"))
	s.at("2026-11-23T23:30")
	s.open("daily/")
	if got := s.ticks(); got != "daily/read-new-posts daily/answer-open-questions" {
		t.Fatalf("later the same day: %q", got)
	}
	s.at("2026-11-24T07:00")
	s.open("daily/")
	if got := s.ticks(); got != "" {
		t.Fatalf("next day: %q", got)
	}
	if got := s.text(".page-meter .meter-text"); got != "0 of 3 done" {
		t.Fatalf("next day meter %q", got)
	}
	if got := s.text(".cadence-history"); !strings.Contains(got, "2 of 3") {
		t.Fatalf("history %q", got)
	}
	s.at("2026-11-24T07:00")
	s.open("progress/")
	if got := s.text(`.dash-checklists li[data-url="/daily/"] .cadence-history`); !strings.Contains(got, "2 of 3") {
		t.Fatalf("dashboard history %q", got)
	}
}

func TestCorruptStorageIsSetAside(t *testing.T) {
	for name, raw := range map[string]string{"not json": "{not json", "foreign": `{"items":[1,2,3]}`} {
		t.Run(name, func(t *testing.T) {
			s := newSite(t)
			s.open("onboarding/")
			s.eval(fmt.Sprintf(`localStorage.setItem("cmplay:/sub/:progress", %q)`, raw), nil)
			s.run(chromedp.Reload(), chromedp.Poll(`document.readyState === "complete"`, nil))
			if got := s.text(".progress-notice"); !strings.Contains(got, "set aside") {
				t.Fatalf("notice %q", got)
			}
			s.click(box(meet))
			if got := s.text(".page-meter .meter-text"); got != "2 of 5 done" {
				t.Fatalf("meter %q", got)
			}
			var kept []string
			s.eval(`Object.keys(localStorage).filter(k => k.startsWith("cmplay:/sub/:progress:corrupt:")).map(k => localStorage.getItem(k))`, &kept)
			if len(kept) != 1 || kept[0] != raw {
				t.Fatalf("set aside %q", kept)
			}
			s.open("progress/")
			if got := s.text(".dash-overall .meter-text"); got != "2 of 9 done" {
				t.Fatalf("dashboard %q", got)
			}
		})
	}
}

func TestWithoutJavaScript(t *testing.T) {
	t.Parallel()
	s := &site{t: t, out: sharedSite(t)}
	html, err := os.ReadFile(filepath.Join(s.out, "onboarding", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(html)
	if strings.Count(page, `class="task-box"`) != 5 || strings.Count(page, " disabled>") != 5 || strings.Count(page, " checked disabled>") != 1 {
		t.Fatalf("page:\n%s", page)
	}
	for _, f := range []string{"checklists.js", "checklists.json", "progress/index.html"} {
		if _, err := os.Stat(filepath.Join(s.out, f)); err != nil {
			t.Error(err)
		}
	}
}

// Two playbooks served from one host keep their progress apart: the key names the site's root.
func TestTwoSitesOnOneHostDoNotMix(t *testing.T) {
	browsertest.Require(t)
	t.Parallel()
	root := t.TempDir()
	for _, name := range []string{"a", "b"} {
		src := sitetest.Write(t, t.TempDir(), siteFiles)
		if _, err := generator.Build(generator.Config{Source: src, Out: filepath.Join(root, name), BaseURL: "/" + name + "/"}); err != nil {
			t.Fatal(err)
		}
	}
	s := &site{t: t, ctx: browsertest.New(t)}
	watchErrors(t, s.ctx)
	s.base = browsertest.Serve(t, root, "/")
	s.open("a/onboarding/")
	s.click(box(meet))
	s.open("b/onboarding/")
	if got := s.ticks(); got != laptop {
		t.Fatalf("site b shows %q", got)
	}
	s.click(box(hello))
	s.open("a/onboarding/")
	if got := s.ticks(); got != meet+" "+laptop {
		t.Fatalf("site a shows %q", got)
	}
}

// Progress of the right version with odd parts (hand-edited, half-written) keeps what is usable,
// sets a copy of the whole aside and says so, without a script error anywhere.
func TestOddStoredValuesAreTolerated(t *testing.T) {
	s := newSite(t)
	s.open("onboarding/")
	odd := fmt.Sprintf(`{"v":1,"start":"soon","last":7,"items":{"x":7,%q:{"d":true},"y":null},"hist":{"/daily/":5,"/other/":{"past":"no","cur":[]}}}`, meet)
	s.eval(fmt.Sprintf(`localStorage.setItem("cmplay:/sub/:progress", %q)`, odd), nil)
	for i, page := range []string{"onboarding/", "daily/", "progress/", ""} {
		s.open(page)
		if i == 0 && !strings.Contains(s.text(".progress-notice"), "set aside") {
			t.Fatalf("no notice that part of the progress was set aside: %q", s.text(".progress-notice"))
		}
	}
	s.open("daily/")
	s.click(box("daily/read-new-posts"))
	s.open("onboarding/")
	if got := s.ticks(); got != meet+" "+laptop {
		t.Fatalf("ticks %q", got)
	}
	var kept []string
	s.eval(`Object.keys(localStorage).filter(k => k.startsWith("cmplay:/sub/:progress:corrupt:")).map(k => localStorage.getItem(k))`, &kept)
	if len(kept) != 1 || kept[0] != odd {
		t.Fatalf("set aside %q, want the odd value once", kept)
	}
	var stored string
	s.eval(`localStorage.getItem("cmplay:/sub/:progress")`, &stored)
	for _, bad := range []string{"soon", `"x":7`, `"y":null`, `"/other/"`, `"last":7`} {
		if strings.Contains(stored, bad) {
			t.Errorf("stored progress still holds %s: %s", bad, stored)
		}
	}
}
