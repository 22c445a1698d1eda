package check

import (
	"fmt"

	"github.com/cmplay/cmplay/playbooks"
)

// EmptyChecklists reports checklists with nothing to tick: a page of kind checklist, or with a
// cadence, that has no items (an error: readers get a checklist page without boxes, and the
// progress dashboard leaves it out), and a phase heading with a due offset but no items before the
// next heading of its level (a warning: the phase can never be done).
func EmptyChecklists(ps []*playbooks.Page) playbooks.Diagnostics {
	var ds playbooks.Diagnostics
	for _, p := range ps {
		if len(p.Items) == 0 && (p.Kind == playbooks.KindChecklist || p.Cadence != playbooks.CadenceNone) {
			key, what := "kind", "a checklist page"
			if p.Kind != playbooks.KindChecklist {
				key, what = "cadence", fmt.Sprintf("a %s checklist", p.Cadence)
			}
			ds = append(ds, playbooks.Diagnostic{File: p.File, Line: p.FrontMatterLine(key), Col: 1, Severity: playbooks.Error,
				Rule: "empty-checklist", Msg: fmt.Sprintf("%s with no items to tick", what),
				Fix: "write items as GitHub task-list items, \"- [ ] text\" (a space between the brackets), or remove " + key})
		}
		for i, h := range p.Headings {
			if h.Due == "" {
				continue
			}
			end := int(^uint(0) >> 1)
			for _, next := range p.Headings[i+1:] {
				if next.Level <= h.Level {
					end = next.Line
					break
				}
			}
			if !hasItemBetween(p.Items, h.Line, end) {
				ds = append(ds, playbooks.Diagnostic{File: p.File, Line: h.Line, Col: 1, Severity: playbooks.Warning,
					Rule: "empty-checklist", Msg: fmt.Sprintf("phase %q (due %s) has no items", h.Text, h.Due),
					Fix: "add \"- [ ] …\" items under the heading, or drop its {due=…}"})
			}
		}
	}
	return ds
}

func hasItemBetween(items []playbooks.Item, from, to int) bool {
	for _, it := range items {
		if it.Line > from && it.Line < to {
			return true
		}
	}
	return false
}
