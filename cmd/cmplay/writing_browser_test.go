package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/internal/browsertest"
)

// writingPage uses every writing block: the five GitHub alerts, MkDocs admonitions, headings
// and a code block.
const writingPage = "---\ntitle: Writing blocks\nkind: guideline\nowner: Community team\nreview_by: 2099-01-01\n---\n" +
	"Intro.\n\n## Before you start\n\n> [!NOTE]\n> Read the code of conduct.\n\n> [!TIP]\n> Ask early.\n\n" +
	"> [!IMPORTANT]\n> Log every report.\n\n> [!WARNING]\n> Never share a reporter's name.\n\n> [!CAUTION]\n> Bans are final.\n\n" +
	"## Escalation\n\n!!! danger \"Legal threats\"\n    Forward them to legal the same day.\n\n!!! info\n    Office hours are on Tuesdays.\n\n" +
	"```sh\ncmplay check --format github\n```\n"

// axeSource returns axe-core's axe.min.js, installed with npm into a folder of the system's
// temporary directory that later runs reuse. Without npm the test is skipped, except under
// CI=true where that is a failure.
func axeSource(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(os.TempDir(), "cmplay-test-axe-core")
	file := filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
	if data, err := os.ReadFile(file); err == nil {
		return string(data)
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("axe-core: npm is not installed and CI=true")
		}
		t.Skip("axe-core check skipped: npm is not installed (it installs axe-core for the test)")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(npm, "install", "--no-audit", "--no-fund", "--silent", "--prefix", dir, "axe-core@4")
	if out, err := cmd.CombinedOutput(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("npm install axe-core: %v\n%s", err, out)
		}
		t.Skipf("axe-core check skipped: npm install axe-core failed (offline?): %v\n%s", err, out)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestWritingBlocksInBrowser builds a site with every page type (buildPageTypes) and opens it in
// Chromium: callouts are notes named by their title, headings carry working permalinks, the copy
// button copies a code block to the clipboard and says so, an included partial's checklist items
// take the including page's ids, and axe-core finds no violation on any page type of pageTypes,
// in light and in dark mode, on screen and printed.
func TestWritingBlocksInBrowser(t *testing.T) {
	browsertest.Require(t)
	// The package's longest test: it starts beside TestBinary instead of before it.
	t.Parallel()
	out := buildPageTypes(t)
	axe := axeSource(t)
	ctx := browsertest.New(t)
	site := browsertest.Serve(t, out, "/")

	var notes []string
	var anchor, hash, copied, status string
	var included []string
	// The permission goes to the test's own browser context, which may share a browser.
	grant := func(name string) chromedp.Action {
		return chromedp.ActionFunc(func(ctx context.Context) error {
			p := browser.SetPermission(&browser.PermissionDescriptor{Name: name}, browser.PermissionSettingGranted).WithOrigin(strings.TrimSuffix(site, "/"))
			c := chromedp.FromContext(ctx)
			if c.BrowserContextID != "" {
				p = p.WithBrowserContextID(c.BrowserContextID)
			}
			return p.Do(cdp.WithExecutor(ctx, c.Browser))
		})
	}
	err := chromedp.Run(ctx,
		grant("clipboard-read"),
		grant("clipboard-write"),
		chromedp.Navigate(site+"guidelines/writing/"),
		chromedp.WaitVisible(".code-copy"),
		chromedp.Evaluate(`[...document.querySelectorAll('[role=note]')].map(n => n.className + ": " + document.getElementById(n.getAttribute("aria-labelledby")).textContent)`, &notes),
		chromedp.Evaluate(`document.querySelector("h2 .heading-anchor").getAttribute("href")`, &anchor),
		chromedp.Click(`h2 .heading-anchor`, chromedp.ByQuery),
		chromedp.Evaluate(`location.hash`, &hash),
		chromedp.Click(`.code-copy`, chromedp.ByQuery),
		chromedp.Poll(`document.querySelector(".code-block [role=status]").textContent`, &status),
		chromedp.Evaluate(`navigator.clipboard.readText()`, &copied, awaitPromise),
		chromedp.Evaluate(`[...document.querySelectorAll(".task-box")].map(b => b.id)`, &included),
	)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"callout callout-note: Note", "callout callout-tip: Tip", "callout callout-important: Important",
		"callout callout-warning: Warning", "callout callout-caution: Caution", "callout callout-caution: Legal threats", "callout callout-note: Note"}
	if strings.Join(notes, "|") != strings.Join(want, "|") {
		t.Errorf("callouts:\n%q\nwant\n%q", notes, want)
	}
	if anchor != "#before-you-start" || hash != "#before-you-start" {
		t.Errorf("permalink href %q, after a click location.hash %q", anchor, hash)
	}
	if copied != "cmplay check --format github" || status != "Code copied to the clipboard" {
		t.Errorf("copy button: clipboard %q, status %q", copied, status)
	}

	if !slices.Equal(included, []string{"task-guidelines/writing/read-the-escalation-guideline", "task-guidelines/writing/tell-the-team"}) {
		t.Errorf("the included checklist's items: %q", included)
	}

	printedInDark(t, ctx, site+"guidelines/writing/")
	printedInDark(t, ctx, site+"progress/record/")
	// The page types are checked in two halves at once, each in tabs of its own: axe-core mostly
	// waits on the browser, so two tabs keep it busier. A tab lives for 90 seconds, and on a
	// busy machine axe-core takes seconds a page, so every two pages get a new tab. Each page
	// is loaded once and checked in light, then in dark.
	t.Run("axe", func(t *testing.T) {
		for half := range 2 {
			t.Run(fmt.Sprint(half), func(t *testing.T) {
				t.Parallel()
				var ctx context.Context
				for i, p := range pageTypes {
					if i%2 != half {
						continue
					}
					if ctx == nil || i%4 == half {
						ctx = browsertest.New(t)
					}
					for scheme, vs := range axeRun(t, ctx, axe, site+p.url, p.prepare, p.print) {
						for _, v := range vs {
							t.Errorf("%s, /%s (%s): %s", p.what, p.url, scheme, v)
						}
					}
				}
			})
		}
	})
	t.Logf("axe-core: %d page types, %d checks", len(pageTypes), 2*len(pageTypes))
}

// printedInDark checks what a page prints like from a browser in dark mode: dark text on white,
// and no buttons (the completion record used to print its own Print and Download buttons).
func printedInDark(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	var colours []string
	var shownButtons int
	err := chromedp.Run(ctx,
		emulation.SetEmulatedMedia().WithMedia("print").WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}),
		chromedp.Navigate(url),
		chromedp.WaitReady("body"),
		chromedp.Evaluate(`[...document.querySelectorAll("main p, main li, main h1, main h2, .callout-title")].map(e => getComputedStyle(e).color).concat(getComputedStyle(document.body).backgroundColor)`, &colours),
		chromedp.Evaluate(`[...document.querySelectorAll("button")].filter(b => getComputedStyle(b).display !== "none").length`, &shownButtons),
		emulation.SetEmulatedMedia().WithMedia(""),
	)
	if err != nil {
		t.Fatal(err)
	}
	bg := colours[len(colours)-1]
	if bg != "rgb(255, 255, 255)" {
		t.Errorf("%s prints on %s in dark mode, want white", url, bg)
	}
	for _, c := range colours[:len(colours)-1] {
		var r, g, b int
		// Black, or the muted #333 (12.6:1 on white); dark mode's light greys are far above 80.
		if _, err := fmt.Sscanf(c, "rgb(%d, %d, %d)", &r, &g, &b); err != nil || max(r, g, b) > 80 {
			t.Errorf("%s prints text in %s in dark mode, want black or near black", url, c)
			break
		}
	}
	if shownButtons > 0 {
		t.Errorf("%s prints %d buttons", url, shownButtons)
	}
}

// axeRun opens url with the colour scheme (and print media, when print is set) emulated,
// injects axe-core and returns its violations, one line each.
func axeRun(t *testing.T, ctx context.Context, axe, url, prepare string, print bool) map[string][]string {
	t.Helper()
	var status int
	media := ""
	if print {
		media = "print"
	}
	scheme := func(s string) chromedp.Action {
		return emulation.SetEmulatedMedia().WithMedia(media).WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: s}})
	}
	actions := []chromedp.Action{
		scheme("light"),
		chromedp.Navigate(url),
		chromedp.WaitReady("body"),
		chromedp.Evaluate(`fetch(location.href).then(r => r.status)`, &status, awaitPromise),
	}
	if prepare != "" {
		var n int
		actions = append(actions, chromedp.Evaluate(prepare, &n, awaitPromise), chromedp.ActionFunc(func(context.Context) error {
			if n == 0 {
				return fmt.Errorf("preparing the page found nothing to show")
			}
			return nil
		}))
	}
	// Working out a unique CSS selector for every node axe-core looks at is a good part of its
	// time, and only a violation's nodes are ever reported: axe-core runs without selectors, and
	// again with them only when it found something to report (should that second run find
	// nothing, the first run's violations are still reported, without their nodes).
	run := func(options string) string {
		return `((o) => axe.run(document, {...o, selectors: false}).then(r => r.violations.length ? axe.run(document, o).then(s => s.violations.length ? s : r) : r))(` + options + `)` +
			`.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 3), count: v.nodes.length}))))`
	}
	var light, dark, lightBg, darkBg string
	background := `getComputedStyle(document.body).backgroundColor`
	err := chromedp.Run(ctx, append(actions,
		chromedp.Evaluate(axe, nil),
		chromedp.Evaluate(background, &lightBg),
		chromedp.Evaluate(run(`{resultTypes: ["violations"]}`), &light, awaitPromise),
		// The colour scheme is a media feature: the page restyles in place, as when a reader's
		// system switches to dark, so the same loaded page is checked again.
		scheme("dark"),
		chromedp.Evaluate(background, &darkBg),
		// Only colours change with the scheme, so dark runs the rules about colour; the rest of
		// the page (names, roles, structure) was checked in light.
		chromedp.Evaluate(run(`{resultTypes: ["violations"], runOnly: {type: "rule", values: ["color-contrast", "link-in-text-block"]}}`), &dark, awaitPromise),
	)...)
	if err != nil {
		t.Fatalf("axe on %s: %v", url, err)
	}
	if !print && lightBg == darkBg {
		t.Errorf("%s: the page kept its %s background when the colour scheme turned dark: the dark check checked light", url, lightBg)
	}
	if want := 200; status != want && !strings.HasSuffix(url, "404.html") {
		t.Errorf("%s: HTTP %d", url, status)
	}
	out := map[string][]string{}
	for name, raw := range map[string]string{"light": light, "dark": dark} {
		var vs []struct {
			ID, Impact string
			Nodes      []string
			Count      int
		}
		if err := json.Unmarshal([]byte(raw), &vs); err != nil {
			t.Fatal(err)
		}
		out[name] = []string{}
		for _, v := range vs {
			out[name] = append(out[name], fmt.Sprintf("%s (%s) ×%d at %s", v.ID, v.Impact, v.Count, strings.Join(v.Nodes, ", ")))
		}
	}
	return out
}
