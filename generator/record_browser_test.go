package generator

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/internal/browsertest"
)

// TestRecordKeepsTheVersionTicked: a reader ticks an item of a policy checklist and types their
// name; the policy gets a new commit and the site is rebuilt. The completion record still names
// the commit the item was ticked against, flags "policy changed since you completed this", and
// names the person; the pages load the new manifest under a new name.
func TestRecordKeepsTheVersionTicked(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	s := newSiteRepo(t)
	s.write("content/escalation.md", "---\ntitle: Escalation\n---\nEscalate within a day.\n")
	s.write("content/onboarding.md", "# Onboarding\n\n- [ ] Read the escalation guideline\n- [ ] Meet your sponsor\n")
	first := s.commit("Add onboarding", "Ada Lovelace")
	out := filepath.Join(t.TempDir(), "public")
	build := func() { s.buildTo(out, "") }
	build()
	base := browsertest.Serve(t, out, "/policy/")
	var manifest1 string
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"onboarding/"),
		chromedp.WaitEnabled("input[type=checkbox]"),
		chromedp.Click("input[type=checkbox]"),
		chromedp.Navigate(base+"progress/record/"),
		chromedp.WaitVisible(".record-name"),
		chromedp.SetValue(".record-name", "Sam Doe", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector(".record-name").dispatchEvent(new Event("change"))`, nil),
		chromedp.Evaluate(`[...document.scripts].map(s => s.src).find(s => /checklists\.[0-9a-f]+\.js$/.test(s)) || ""`, &manifest1),
	)
	if err != nil {
		t.Fatal(err)
	}
	if manifest1 == "" {
		t.Fatal("the record page does not load a content-named manifest")
	}

	s.write("content/onboarding.md", "# Onboarding\n\nEscalation now has a one-hour rule.\n\n- [ ] Read the escalation guideline\n- [ ] Meet your sponsor\n")
	second := s.commit("Escalate within the hour (#31)", "Ken Thompson")
	build()
	var item, person, manifest2 string
	var versions []string
	err = chromedp.Run(ctx,
		chromedp.Navigate(base+"progress/record/?rebuilt"),
		chromedp.WaitVisible(".record-item"),
		chromedp.Text(".record-item", &item),
		chromedp.Evaluate(`document.querySelector(".record-name-print").textContent`, &person),
		chromedp.Evaluate(`[...document.querySelectorAll(".record-item a[href*='/commit/'], .record-version a")].map(a => a.href.split("/commit/")[1])`, &versions),
		chromedp.Evaluate(`[...document.scripts].map(s => s.src).find(s => /checklists\.[0-9a-f]+\.js$/.test(s)) || ""`, &manifest2),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(item, "Read the escalation guideline") || !strings.Contains(item, "Policy changed since you completed this") {
		t.Errorf("record item = %q", item)
	}
	// The item's version then is the first commit; the checklist's current version the second.
	if strings.Join(versions, " ") != first.String()+" "+second.String() && strings.Join(versions, " ") != second.String()+" "+first.String() {
		t.Errorf("versions linked %v, want %s (then) and %s (now)", versions, first, second)
	}
	var then string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelector(".record-item a[href*='/commit/']").href`, &then)); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(then, first.String()) {
		t.Errorf("the item's version then links to %q, want commit %s", then, first)
	}
	if manifest2 == manifest1 {
		t.Errorf("the rebuilt site loads the manifest under the same name %q", manifest1)
	}
	if !strings.Contains(person, "Completed by Sam Doe") {
		t.Errorf("the record names %q", person)
	}
}
