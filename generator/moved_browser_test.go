package generator

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/internal/browsertest"
)

const trackPage = `---
title: Internal track
kind: checklist
---

## Week 1 {due="week 1"}

- [ ] Meet the support lead
- [ ] Read the escalation guideline {#read-escalation}
- [ ] Shadow a moderator for a day
`

// TestMovedChecklistKeepsTicks: a reader ticks items of a checklist, the page is moved with git
// mv and the site rebuilt. The old URL sends the reader to the new one, and the ticks of the
// automatic ids (which name the page) are carried over, on the page and on the dashboard.
func TestMovedChecklistKeepsTicks(t *testing.T) {
	t.Parallel()
	for _, via := range []string{"http", "file"} {
		t.Run(via, func(t *testing.T) { movedKeepsTicks(t, via) })
	}
}

func movedKeepsTicks(t *testing.T, via string) {
	ctx := browsertest.New(t)
	s := newSiteRepo(t)
	s.write("content/escalation.md", "---\ntitle: Escalation\n---\nEscalate within a day.\n")
	s.write("content/onboarding/internal-track.md", trackPage)
	s.commit("Add the internal track", "Ada Lovelace")
	out := filepath.Join(t.TempDir(), "public")
	baseURL := ""
	if via == "file" {
		baseURL = "file://" + out + "/"
	}
	build := func() {
		for _, d := range s.buildTo(out, baseURL) {
			t.Errorf("build: %s", d)
		}
	}
	build()
	base, index, root := "file://"+out+"/", "index.html", out+"/"
	if via == "http" {
		base, index, root = browsertest.Serve(t, out, "/policy/"), "", "/policy/"
	}
	ticked := `[...document.querySelectorAll(".task-box")].filter(b => b.checked).map(b => b.dataset.id).join(" ")`
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"onboarding/internal-track/"+index),
		chromedp.WaitEnabled(".task-box"),
		chromedp.Click(`.task-box[data-id="onboarding/internal-track/meet-the-support-lead"]`, chromedp.ByQuery),
		chromedp.Click(`.task-box[data-id="read-escalation"]`, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}

	if _, err := s.wt.Move("content/onboarding/internal-track.md", "content/onboarding/internal-cm-track.md"); err != nil {
		t.Fatal(err)
	}
	s.commit("Rename the internal track", "Ada Lovelace")
	build()
	var where, got, dash string
	err = chromedp.Run(ctx,
		chromedp.Navigate(base+"onboarding/internal-track/"+index+"?moved"),
		chromedp.WaitEnabled(".task-box"),
		chromedp.Evaluate(`location.pathname`, &where),
		chromedp.Evaluate(ticked, &got),
		chromedp.Navigate(base+"progress/"+index+"?moved"),
		chromedp.WaitVisible(".dash-checklists"),
		chromedp.Evaluate(`document.querySelector('.dash-checklists li[data-url="/onboarding/internal-cm-track/"] .meter-text').textContent`, &dash),
	)
	if err != nil {
		t.Fatal(err)
	}
	if where != root+"onboarding/internal-cm-track/"+index {
		t.Errorf("the old URL led to %q", where)
	}
	if got != "onboarding/internal-cm-track/meet-the-support-lead read-escalation" {
		t.Errorf("ticks after the move: %q", got)
	}
	if !strings.HasPrefix(dash, "2 of 3") {
		t.Errorf("dashboard after the move: %q", dash)
	}
}
