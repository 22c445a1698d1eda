package checklist_test

import (
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/internal/browsertest"
)

// TestShippedPathOverdueAndCalendar, on the shipped playbook over HTTP and from file://: on
// day 2 of a new internal community manager who picked their path, "Overdue" lists only the
// path's checklists (none of the hiring manager's), the before-day-1 phase of tool access is
// still open but not overdue, and "Add to calendar" gives an iCalendar file a real parser reads,
// one event per open phase of the path, its open items in the description.
func TestShippedPathOverdueAndCalendar(t *testing.T) {
	for _, via := range []string{"http", "file"} {
		t.Run(via, func(t *testing.T) {
			s := &site{t: t, ctx: browsertest.New(t)}
			t.Cleanup(func() { _ = chromedp.Cancel(s.ctx) })
			watchErrors(t, s.ctx)
			dash := "progress/"
			if via == "http" {
				out, _ := shipped(t, "/playbook/")
				s.base = browsertest.Serve(t, out, "/playbook/")
			} else {
				out, _ := shipped(t, "file")
				s.base = "file://" + out + "/"
				dash += "index.html"
			}
			s.at("2026-11-21T10:00") // day 2
			s.open(dash)
			s.run(chromedp.SetValue(".start-date", "2026-11-20", chromedp.ByQuery),
				chromedp.Evaluate(`document.querySelector(".start-date").dispatchEvent(new Event("change"))`, nil),
				chromedp.SetValue(".path-choice", "/paths/internal-community-manager/", chromedp.ByQuery),
				chromedp.Evaluate(`document.querySelector(".path-choice").dispatchEvent(new Event("change"))`, nil))
			overdue := s.text(".dash-overdue")
			if !strings.Contains(overdue, "Your first 90 days") {
				t.Fatalf("overdue on day 2 lacks the 90-day plan's day 1: %q", overdue)
			}
			for _, other := range []string{"Hiring and onboarding", "External community manager track", "Social media", "Before day 1"} {
				if strings.Contains(overdue, other) {
					t.Errorf("overdue on the internal path lists %q: %q", other, overdue)
				}
			}
			if before := s.text(".dash-before"); !strings.Contains(before, "Before day 1 (hiring manager)") {
				t.Errorf("the before-day-1 phase of tool access is not listed as still open: %q", before)
			}
			var cal string
			s.run(chromedp.Evaluate(`const orig = URL.createObjectURL.bind(URL); URL.createObjectURL = (b) => { window.__ics = b; return orig(b); }`, nil),
				chromedp.Evaluate(`document.querySelector(".add-calendar").click()`, nil),
				chromedp.Evaluate(`window.__ics.text()`, &cal, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
			c, err := ics.ParseCalendar(strings.NewReader(cal))
			if err != nil {
				t.Fatalf("the calendar does not parse: %v\n%s", err, cal)
			}
			events := c.Events()
			var phases int
			s.eval(`document.querySelectorAll(".dash-overdue .dash-phases > li, .dash-before .dash-phases > li").length`, &phases)
			if len(events) <= phases || phases == 0 {
				t.Fatalf("%d events for %d overdue or still-open phases (and the phases due next)", len(events), phases)
			}
			for _, e := range events {
				sum := e.GetProperty(ics.ComponentPropertySummary)
				desc := e.GetProperty(ics.ComponentPropertyDescription)
				start := e.GetProperty(ics.ComponentPropertyDtStart)
				if sum == nil || desc == nil || start == nil || !strings.Contains(desc.Value, "open:") {
					t.Fatalf("incomplete event %v", e.Id())
				}
				if strings.Contains(sum.Value, "Hiring and onboarding") {
					t.Errorf("an event of another role's checklist: %q", sum.Value)
				}
			}
			first := events[0]
			if v := first.GetProperty(ics.ComponentPropertyDtStart).Value; v != "20261119" {
				t.Errorf("the first event (before day 1) starts on %q, want 20261119", v)
			}
		})
	}
}
