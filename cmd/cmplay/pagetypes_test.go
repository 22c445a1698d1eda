package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/cmplay/cmplay/internal/sitetest"
)

// pageType is one kind of page the build writes, at a URL of the page-types site.
type pageType struct {
	what, url string
	// prepare is a script run before the check, returning how many things it made appear
	// (0 fails the check: the state it should show was not reached).
	prepare string
	print   bool // checked as printed
}

// pageTypes are every kind of page the build writes, as the page-types site has them. The
// accessibility check runs on each in light and dark mode; a new layout or generated page
// belongs here.
var pageTypes = []pageType{
	{what: "home", url: ""},
	{what: "page with callouts, permalinks, a copy button and includes", url: "guidelines/writing/"},
	{what: "guideline leading with its rules, to acknowledge", url: "guidelines/code-of-conduct/"},
	{what: "role leading with its responsibilities", url: "roles/head-of-community/"},
	{what: "program leading with its goal", url: "programs/advocate-newsletter/"},
	{what: "practice leading with its cadence, a daily checklist", url: "practices/daily-practices/"},
	{what: "checklist with phases and due dates", url: "onboarding/first-90-days/"},
	{what: "onboarding path", url: "paths/internal-community-manager/"},
	{what: "framework", url: "frameworks/six-categories/"},
	{what: "plain page", url: "about/"},
	{what: "folder page with its role users", url: "roles/"},
	{what: "folder page of onboarding paths", url: "paths/"},
	{what: "generated folder index", url: "library/"},
	{what: "generated folder index, page 2", url: "library/page/2/"},
	{what: "kind listing", url: "kinds/guideline/"},
	{what: "kind listing, page 2", url: "kinds/framework/page/2/"},
	{what: "tag index", url: "tags/"},
	{what: "tag listing", url: "tags/library/"},
	{what: "tag listing, page 2", url: "tags/library/page/2/"},
	{what: "changelog", url: "changelog/"},
	{what: "changelog, page 2", url: "changelog/page/2/"},
	{what: "a page's history", url: "history/library/log/"},
	{what: "progress with a start date (phases as disclosures)", url: "progress/",
		prepare: `(() => { const i = document.querySelector(".dash-overall input[type=date]"); i.value = "2026-01-05"; i.dispatchEvent(new Event("change", {bubbles: true})); return document.querySelectorAll(".dash-phases details").length; })()`},
	{what: "completion record", url: "progress/record/"},
	{what: "search with results", url: "search/?q=escalation",
		prepare: `new Promise(r => { const t = Date.now(); (function w() { const n = document.querySelectorAll("#search-page-results li").length; if (n || Date.now() - t > 10000) r(n); else setTimeout(w, 50); })(); })`},
	{what: "not found", url: "404.html"},
	{what: "checklist, printed", url: "onboarding/first-90-days/", print: true},
	{what: "completion record, printed", url: "progress/record/", print: true},
}

// includedSteps is a partial the writing page includes, with checklist items of its own.
const includedSteps = "## Shared steps\n\n- [ ] Read the [escalation guideline](/guidelines/escalation.md)\n- [ ] Tell the team\n"

// buildPageTypes builds a site that has every page type of pageTypes and returns its output
// folder: the shipped playbook, a page with every writing block that includes a partial, 120
// pages in a folder without an index page (a generated, paged folder index, a paged kind and
// tag listing), in a git repository of 103 commits (a paged changelog, a page's history).
func buildPageTypes(t *testing.T) string {
	t.Helper()
	files := sitetest.ShippedFiles(t)
	files["content/guidelines/writing.md"] = writingPage + "\n<!-- include: _partials/steps.md -->\n"
	files["content/guidelines/_partials/steps.md"] = includedSteps
	for i := range 120 {
		files[fmt.Sprintf("content/library/entry-%03d.md", i)] = fmt.Sprintf("---\ntitle: Entry %d\nkind: framework\ntags: [library]\n---\nEntry number %d of the library.\n", i, i)
	}
	files["content/library/log.md"] = "---\ntitle: Log\n---\nVersion 0.\n"
	dir := sitetest.Write(t, t.TempDir(), files)

	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := r.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	commit := func(msg string) {
		t.Helper()
		when = when.Add(time.Hour)
		sig := &object.Signature{Name: "Ada", Email: "ada@example.org", When: when}
		if _, err := wt.Commit(msg, &git.CommitOptions{Author: sig}); err != nil {
			t.Fatal(err)
		}
	}
	if err := wt.AddGlob("."); err != nil {
		t.Fatal(err)
	}
	commit("Start the playbook")
	for i := 1; i <= 102; i++ {
		sitetest.Write(t, dir, map[string]string{"content/library/log.md": fmt.Sprintf("---\ntitle: Log\n---\nVersion %d.\n", i)})
		if _, err := wt.Add("content/library/log.md"); err != nil {
			t.Fatal(err)
		}
		commit(fmt.Sprintf("Log version %d (#%d)", i, i))
	}

	out := filepath.Join(t.TempDir(), "public")
	var stderr bytes.Buffer
	if code := run([]string{"build", "--source", dir, "--out", out}, &bytes.Buffer{}, &stderr); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr.String())
	}
	return out
}

// pageTypeURLs are the distinct URLs of pageTypes.
func pageTypeURLs() []string {
	var urls []string
	for _, p := range pageTypes {
		if !slices.Contains(urls, p.url) {
			urls = append(urls, p.url)
		}
	}
	return urls
}
