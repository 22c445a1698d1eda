package generator

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/internal/browsertest"
)

// forged is a page whose headings carry the attributes the theme's scripts once read their data
// from: a fake history block with javascript: links, a fake record mount and a heading with the
// id of the theme's own data block, ahead of the real one.
const forged = `---
title: Escalation
---
Escalate within four hours.

## Update {.page-history data-history-head="x" data-history="[{\"h\":\"x\",\"d\":\"2026-01-01\",\"a\":\"Mallory\",\"s\":\"click me\",\"u\":\"javascript:document.title=1\"}]" data-history-url="javascript:document.title=2"}

## Notes {#cmplay-visits data-head="y" data-url="javascript:document.title=3"}

## Record {data-record="1" data-commit-url="javascript:document.title=4//COMMIT"}

- [ ] Read the escalation guideline
`

// TestContentCannotForgeThemeData: with unsafe_html off, a page's own headings cannot feed the
// theme's scripts (the "changed since your last visit" box, the completion record) a link that
// runs script: the scripts read only the blocks the theme's templates emit and check every
// address they set. A javascript: repo_url is refused before the build.
func TestContentCannotForgeThemeData(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	s := newSiteRepo(t)
	policyHistory(s)
	s.write("content/escalation.md", forged)
	s.commit("Add notes", "Mallory")
	out := filepath.Join(t.TempDir(), "public")
	cfg, _, err := LoadConfig(s.dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Out = out
	// A javascript: repo_url is refused before anything is built (LoadConfig reports it at its
	// line in cmplay.toml; a Config made in code fails the build).
	cfg.RepoURL = "javascript:document.title=5//"
	if _, err := Build(cfg); err == nil || !strings.Contains(err.Error(), "repo_url") {
		t.Fatalf("Build with a javascript: repo_url: err = %v, want a repo_url error", err)
	}
	cfg.RepoURL = ""
	if _, err := Build(cfg); err != nil {
		t.Fatal(err)
	}
	base := browsertest.Serve(t, out, "/policy/")
	var since, title, record string
	var scripted []string
	// Links whose address is not http(s) (or the blob: of a download) anywhere on the page.
	const bad = `[...document.querySelectorAll("[href], [src]")].map(e => e.href || e.src).filter(u => u && !/^https?:/.test(u))`
	err = chromedp.Run(ctx,
		// A reader who last saw an older version: the page lists what changed since.
		chromedp.Navigate(base+"escalation/"),
		chromedp.Evaluate(`localStorage.setItem("cmplay:/policy/:visits", JSON.stringify({"/escalation/": {h: "0000000", t: "2026-10-01"}}))`, nil),
		chromedp.Reload(),
		chromedp.WaitVisible(".history-since"),
		chromedp.Text(".history-since", &since),
		chromedp.Evaluate(bad, &scripted),
		chromedp.Evaluate(`[...document.querySelectorAll(".history-since a")].forEach(a => a.click()); document.title`, &title),
	)
	if err != nil {
		t.Fatal(err)
	}
	if len(scripted) > 0 || !strings.Contains(title, "Escalation") {
		t.Errorf("escalation page has script links %q (title after clicks %q)", scripted, title)
	}
	if strings.Contains(since, "click me") || !strings.Contains(since, "Add notes") || !strings.Contains(since, "Escalate faster") {
		t.Errorf("changed-since box shows %q, want the real commits", since)
	}
	err = chromedp.Run(ctx,
		chromedp.Click(`input[type=checkbox]`, chromedp.ByQuery),
		chromedp.Poll(`(localStorage.getItem("cmplay:/policy/:progress") || "").includes("escalation")`, nil),
		chromedp.Navigate(base+"progress/record/"),
		chromedp.WaitVisible(".record-checklist"),
		chromedp.Text("div[data-record]", &record),
		chromedp.Evaluate(bad, &scripted),
	)
	if err != nil {
		t.Fatal(err)
	}
	if len(scripted) > 0 || !strings.Contains(record, "1 of 1 items completed") {
		t.Errorf("record page has script links %q; record %q", scripted, record)
	}
}

// TestFileBuildLinks: a build opened from disk has file: addresses of its own; the dashboard's
// links (made by the theme's scripts, through the URL check) point at the site's pages.
func TestFileBuildLinks(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	s := newSiteRepo(t)
	s.write("content/onboarding.md", "# Onboarding\n\n- [ ] Read the escalation guideline\n")
	out := filepath.Join(t.TempDir(), "site")
	cfg, _, err := LoadConfig(s.dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Out, cfg.BaseURL = out, "file://"+out+"/"
	if _, err := Build(cfg); err != nil {
		t.Fatal(err)
	}
	var links []string
	err = chromedp.Run(ctx,
		chromedp.Navigate("file://"+out+"/progress/index.html"),
		chromedp.WaitVisible(".dash-checklists a"),
		chromedp.Evaluate(`[...document.querySelectorAll(".dash-checklists a")].map(a => a.getAttribute("href"))`, &links),
	)
	if err != nil {
		t.Fatal(err)
	}
	if want := "file://" + out + "/onboarding/index.html"; len(links) != 1 || links[0] != want {
		t.Errorf("dashboard links %q, want [%s]", links, want)
	}
}
