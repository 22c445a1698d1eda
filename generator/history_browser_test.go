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
	ctx := browsertest.New(t)
	s := newSiteRepo(t)
	policyHistory(s)
	out := filepath.Join(t.TempDir(), "public")
	build := func() {
		t.Helper()
		cfg, _, err := LoadConfig(s.dir)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Out = out
		if _, err := Build(cfg); err != nil {
			t.Fatal(err)
		}
	}
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
	err = chromedp.Run(ctx,
		chromedp.Navigate(base+"escalation/"),
		chromedp.WaitVisible(".history-since"),
		chromedp.Text(".history-since", &first),
		// A third visit without new commits says nothing.
		chromedp.Navigate(base+"escalation/"),
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
