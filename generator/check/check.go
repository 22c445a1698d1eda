// Package check holds the rules only `cmplay check` applies: the ones that look at a whole,
// rendered site rather than one file as it is parsed. The build's own diagnostics (front matter,
// links, checklists) come from the stages that find them; Run adds:
//
//   - missing-anchor: a link to a page exists but its #fragment names no heading, checklist item
//     or other id on that page (links within a page, "#x", included);
//   - review-overdue: review_by is before today (a warning);
//   - no-owner: a guideline or checklist page has no owner, neither in front matter nor in a
//     CODEOWNERS file (a warning);
//   - unreachable: the sidebar and the section pages offer no way to the page (a warning; see
//     Unreachable for the exact definition);
//   - empty-checklist: a checklist page, or a phase of one, with nothing to tick (the checklist
//     extension reports the other checklist rules);
//   - item-id-changed: with a base revision, a checklist item's id differs from the base, so
//     the ticks readers gave it would be lost (see ChangedIDs).
//
// Escalate turns the build's link warnings into errors, since a pull request should not merge a
// broken link. The formats (Text, JSON, GitHub) print the result.
package check

import (
	"time"

	"github.com/cmplay/cmplay/generator/internal/site"
	"github.com/cmplay/cmplay/playbooks"
)

// Options are the inputs of the rules beyond the site itself.
type Options struct {
	// Today is the date review_by is compared with; its time of day is ignored.
	Today time.Time
	// Owners are the rules of the site's CODEOWNERS file, nil when there is none.
	Owners *Owners
	// RepoPrefix is the content folder's path inside the repository ("content", "site/content",
	// or "" at its root), joined to a page's file to match it against CODEOWNERS patterns.
	RepoPrefix string
}

// Run applies the check-only rules to an assembled, rendered site. Diagnostics name files below
// the content folder, like the stages' do.
func Run(s *site.Site, opt Options) playbooks.Diagnostics {
	var ds playbooks.Diagnostics
	ds = append(ds, Anchors(s)...)
	ds = append(ds, Freshness(s.Pages, opt)...)
	ds = append(ds, Unreachable(s)...)
	ds = append(ds, EmptyChecklists(s.Pages)...)
	return ds
}

// linkRules are the build's link diagnostics, warnings while writing a draft and errors in check.
var linkRules = map[string]bool{"broken-link": true, "missing-image": true, "missing-file": true, "link-escapes-site": true}

// Escalate makes link problems errors: a page may build with a broken link, but a pull request
// should not bring one in.
func Escalate(ds playbooks.Diagnostics) playbooks.Diagnostics {
	for i := range ds {
		if linkRules[ds[i].Rule] {
			ds[i].Severity = playbooks.Error
		}
	}
	return ds
}
