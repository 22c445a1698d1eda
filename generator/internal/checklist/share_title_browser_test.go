package checklist_test

import (
	"testing"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// TestSharedViewIsTitledAsTheirs: a reader types their name on the record page and makes a
// share link; whoever opens it sees "Sam Doe’s progress — shared, read only", not "My
// progress". The dashboard asks the browser to keep its storage and shows the export reminder
// exactly when the browser did not promise to.
func TestSharedViewIsTitledAsTheirs(t *testing.T) {
	s := newSite(t)
	s.open("progress/record/")
	s.run(chromedp.SetValue(".record-name", "Sam Doe", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector(".record-name").dispatchEvent(new Event("change"))`, nil))
	s.open("onboarding/")
	s.click(box(meet))
	s.open("progress/")
	var state struct {
		Persisted bool
		Hidden    bool
	}
	s.run(chromedp.Poll(`!!document.querySelector(".persist-reminder")`, nil),
		chromedp.Evaluate(`navigator.storage.persisted().then(p => new Promise(r => setTimeout(() => r({Persisted: p, Hidden: document.querySelector(".persist-reminder").hidden}), 200)))`, &state,
			func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
	if state.Hidden == !state.Persisted {
		t.Errorf("storage persisted %v, export reminder hidden %v", state.Persisted, state.Hidden)
	}
	s.click(".dash-tools .tool-row button:nth-of-type(2)") // Create share link
	var link string
	s.eval(`document.querySelector(".share-url").value`, &link)
	s.run(chromedp.Navigate("about:blank"), chromedp.Navigate(link), chromedp.Poll(`document.readyState === "complete"`, nil))
	if got := s.text("main h1"); got != "Sam Doe’s progress — shared, read only" {
		t.Fatalf("shared view title %q", got)
	}
	if got := s.text(`.dash-checklists li[data-url="/onboarding/"] .meter-text`); got != "2 of 5 done" {
		t.Fatalf("shared progress %q", got)
	}
}
