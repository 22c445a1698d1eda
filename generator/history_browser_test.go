package generator

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/internal/browsertest"
)

// TestChangedSinceLastVisit: a reader visits a page, the page gets a new commit and the site is
// rebuilt; on the next visit the page says it changed and lists that commit only.
func TestChangedSinceLastVisit(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	s := newSiteRepo(t)
	policyHistory(s)
	out := filepath.Join(t.TempDir(), "public")
	build := func() { s.buildTo(out, "") }
	build()
	base := browsertest.Serve(t, out, "/policy/")
	var first, second string
	var notices int
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"escalation/"),
		chromedp.WaitVisible(".page-history"),
		chromedp.Evaluate(`document.querySelectorAll(".history-since").length`, &notices),
	)
	if err != nil {
		t.Fatal(err)
	}
	if notices != 0 {
		t.Fatal("a first visit says the page changed")
	}

	s.write("content/escalation.md", "---\ntitle: Escalation\n---\nEscalate within the hour.\n")
	s.commit("Escalate within the hour (#31)", "Ken Thompson")
	build()
	// The query defeats the browser's cache: a rebuild may keep files' modification times.
	err = chromedp.Run(ctx,
		chromedp.Navigate(base+"escalation/?rebuilt"),
		chromedp.WaitVisible(".history-since"),
		chromedp.Text(".history-since", &first),
		// A third visit without new commits says nothing.
		chromedp.Navigate(base+"escalation/?again"),
		chromedp.WaitVisible(".page-history"),
		chromedp.Evaluate(`document.querySelectorAll(".history-since").length`, &notices),
		chromedp.Navigate(base),
		chromedp.Evaluate(`document.body.dataset.page + " " + document.querySelectorAll(".history-since").length`, &second),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(first, "Changed since your last visit") || !strings.Contains(first, "Escalate within the hour (#31)") || !strings.Contains(first, "1 change") {
		t.Errorf("notice = %q", first)
	}
	if strings.Contains(first, "Escalate faster") {
		t.Errorf("notice lists a commit the reader had already seen: %q", first)
	}
	if notices != 0 {
		t.Error("the notice shows again on the visit after")
	}
	if !strings.HasSuffix(second, " 0") {
		t.Errorf("a page not visited before shows a notice: %q", second)
	}
}

// TestCompletionRecord: items a reader ticked appear on /progress/record/ with the day they
// were ticked and the commit of the checklist's page.
func TestCompletionRecord(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	s := newSiteRepo(t)
	s.write("content/onboarding.md", "# Onboarding\n\n- [ ] Read the escalation guideline\n- [ ] Meet your sponsor\n")
	head := s.commit("Add onboarding", "Ada Lovelace")
	out := filepath.Join(t.TempDir(), "public")
	cfg, _, _ := LoadConfig(s.dir)
	cfg.Out = out
	if _, err := Build(cfg); err != nil {
		t.Fatal(err)
	}
	base := browsertest.Serve(t, out, "/policy/")
	var text, href string
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"onboarding/"),
		chromedp.WaitVisible("input[type=checkbox]"),
		chromedp.Click("input[type=checkbox]"),
		chromedp.Poll(`(localStorage.getItem("cmplay:/policy/:progress") || "").includes("escalation")`, nil),
		chromedp.Navigate(base+"progress/record/"),
		chromedp.WaitVisible(".record-checklist"),
		chromedp.Text("[data-record]", &text),
		chromedp.Evaluate(`document.querySelector(".record-version a").href`, &href),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "Read the escalation guideline") || strings.Contains(text, "Meet your sponsor") || !strings.Contains(text, "1 of 2 items completed") {
		t.Errorf("record = %q", text)
	}
	if want := "https://github.com/acme/policy/commit/" + head.String(); href != want {
		t.Errorf("version link = %q, want %q", href, want)
	}
}
