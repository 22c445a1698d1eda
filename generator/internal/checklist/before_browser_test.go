package checklist_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestBeforeDayOneIsNotOverdue holds the rule for phases due before the start: on day 2 a
// "before day 1" phase with open items is listed as still open from before the start, never as
// overdue, on the page and on the dashboard; the day-1 phase beside it is overdue as before.
func TestBeforeDayOneIsNotOverdue(t *testing.T) {
	s := newSiteWith(t, map[string]string{"content/onboarding.md": strings.Replace(siteFiles["content/onboarding.md"],
		"## Day 1", "## Before day 1 {due=\"before day 1\"}\n\n- [ ] Order the laptop\n\n## Day 1", 1)})
	const order = "onboarding/order-the-laptop"
	s.at("2026-11-21T10:00") // day 2 of a start on 2026-11-20
	s.open("onboarding/")
	s.setStart("2026-11-20")
	var got struct {
		Overdue []string
		Due     string
		Section bool
	}
	s.eval(`({
		Overdue: [...document.querySelectorAll("li.is-overdue .task-box")].map(b => b.dataset.id),
		Due: document.querySelector('li:has(> .task > [data-id="`+order+`"]) .task-due').textContent,
		Section: document.querySelector("#before-day-1 + .section-meter").classList.contains("is-overdue"),
	})`, &got)
	if fmt.Sprint(got.Overdue) != fmt.Sprint([]string{meet, rules}) || got.Section {
		t.Fatalf("overdue %v, before-day-1 section overdue %v", got.Overdue, got.Section)
	}
	// Due the day before the start: Thu 19 Nov.
	if !strings.Contains(got.Due, "before the start") || !strings.Contains(got.Due, "19") {
		t.Fatalf("due text %q", got.Due)
	}
	s.open("progress/")
	if n := s.text(".dash-overdue h2"); n != "Overdue (2)" {
		t.Fatalf("dashboard overdue heading %q", n)
	}
	if n := s.text(".dash-overdue"); strings.Contains(n, "Before day 1") {
		t.Fatalf("the before-day-1 phase is listed as overdue: %q", n)
	}
	if n := s.text(".dash-before h2"); n != "Still open from before the start (1)" {
		t.Fatalf("dashboard before-the-start heading %q", n)
	}
	// The day before the start, the phase is simply due next.
	s.at("2026-11-18T10:00")
	s.open("progress/")
	if n := s.text(".dash-next"); !strings.Contains(n, "Before day 1") || !strings.Contains(n, "due before the start") {
		t.Fatalf("due next before the start %q", n)
	}
}
