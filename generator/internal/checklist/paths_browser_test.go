package checklist_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// pathFiles add to siteFiles a second dated checklist that belongs to another role, a page to
// read, and an onboarding path for the new hire: the onboarding checklist, the daily practice
// (a habit) and the page.
var pathFiles = map[string]string{
	"content/other.md": `---
title: Hiring manager
kind: checklist
---

## Day 1 {due="day 1"}

- [ ] Welcome the new hire at the door
- [ ] Introduce them to the team
`,
	"content/rules.md": "---\ntitle: Community rules\n---\n\nBe kind.\n",
	"content/paths/new-hire.md": `---
title: New hire
kind: path
---

1. [Onboarding](../onboarding.md)
2. [Community rules](../rules.md)
3. [Daily](../daily.md)
`,
}

// TestPickingAPathScopesFigures: with no path chosen the dashboard counts everything; once the
// reader picks the new hire's path, the overall figure, the home meter and "Overdue" cover that
// path only, the daily practice is shown apart as a habit, and "Show everything" brings the
// whole site back.
func TestPickingAPathScopesFigures(t *testing.T) {
	s := newSiteWith(t, pathFiles)
	s.at("2026-11-23T10:00")
	s.open("progress/")
	s.setStart("2026-11-20")
	// Everything: home 1, onboarding 5, daily 3, hiring manager 2.
	if got := s.text(".dash-overall .meter-text"); got != "1 of 11 done" {
		t.Fatalf("overall before choosing %q", got)
	}
	if got := s.text(".dash-overdue h2"); got != "Overdue (4)" {
		t.Fatalf("overdue before choosing %q", got)
	}
	s.run(chromedp.SetValue(".path-choice", "/paths/new-hire/", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector(".path-choice").dispatchEvent(new Event("change"))`, nil))
	if got := s.text(".dash-overall .meter-text"); got != "1 of 5 done" {
		t.Fatalf("overall on the path %q", got)
	}
	if got := s.text("#dash-overall"); got != "Your path: New hire" {
		t.Fatalf("overall heading %q", got)
	}
	if got := s.text(".dash-overdue"); !strings.HasPrefix(got, "Overdue (2)") || strings.Contains(got, "Hiring manager") {
		t.Fatalf("overdue on the path %q", got)
	}
	if got := s.text(".dash-habits"); !strings.Contains(got, "Daily") || !strings.Contains(got, "0 of 3 done") {
		t.Fatalf("habits %q", got)
	}
	if got := s.text(".dash-reads"); !strings.Contains(got, "Community rules") {
		t.Fatalf("reads %q", got)
	}
	var urls []string
	s.eval(`[...document.querySelectorAll(".dash-lists li")].map(l => l.dataset.url)`, &urls)
	if strings.Join(urls, " ") != "/onboarding/" {
		t.Fatalf("checklists on the path %v", urls)
	}
	s.click(".dash-overall .show-all")
	if got := s.text(".dash-overall .meter-text"); got != "1 of 11 done" {
		t.Fatalf("overall after show everything %q", got)
	}
	s.open("")
	if got := s.text("[data-site-progress] .meter-text"); got != "1 of 5 done" {
		t.Fatalf("home meter on the path %q", got)
	}
	if got := s.text("[data-site-progress] .site-scope"); !strings.Contains(got, "New hire") {
		t.Fatalf("home scope %q", got)
	}
	// The record covers the path only: a tick on another role's checklist is not in it.
	s.open("other/")
	s.click(box("other/welcome-the-new-hire-at-the"))
	s.open("onboarding/")
	s.click(box(meet))
	s.open("progress/record/")
	var lists []string
	s.eval(`[...document.querySelectorAll(".record-checklist h2")].map(h => h.textContent)`, &lists)
	if strings.Join(lists, "|") != "Onboarding" {
		t.Fatalf("record on the path lists %v", lists)
	}
	if got := s.text(".record-name-print"); !strings.Contains(got, "Path: New hire") {
		t.Fatalf("record names %q", got)
	}
	// The choice is kept with the progress, in the export.
	var path string
	s.eval(`JSON.parse(localStorage.getItem(Object.keys(localStorage).find(k => k.endsWith(":progress")))).path`, &path)
	if path != "/paths/new-hire/" {
		t.Fatalf("stored path %q", path)
	}
}
