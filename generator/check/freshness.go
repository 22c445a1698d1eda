package check

import (
	"fmt"
	"path"
	"time"

	"github.com/cmplay/cmplay/playbooks"
)

// Freshness reports pages whose review_by date has passed, and guideline and checklist pages
// nobody owns. An owner is the page's `owner`, or else the owners CODEOWNERS gives its file.
func Freshness(ps []*playbooks.Page, opt Options) playbooks.Diagnostics {
	today := opt.Today
	if today.IsZero() {
		today = time.Now()
	}
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	var ds playbooks.Diagnostics
	for _, p := range ps {
		if !p.ReviewBy.IsZero() && p.ReviewBy.Before(today) {
			ds = append(ds, playbooks.Diagnostic{File: p.File, Line: p.FrontMatterLine("review_by"), Col: 1, Severity: playbooks.Warning,
				Rule: "review-overdue", Msg: fmt.Sprintf("review was due on %s (%s ago)", p.ReviewBy.Format("2006-01-02"), age(today.Sub(p.ReviewBy))),
				Fix: "review the page with its owner, then move review_by forward"})
		}
		if (p.Kind == playbooks.KindGuideline || p.Kind == playbooks.KindChecklist) && p.Owner == "" &&
			len(opt.Owners.Match(path.Join(opt.RepoPrefix, p.File))) == 0 {
			ds = append(ds, playbooks.Diagnostic{File: p.File, Line: 1, Col: 1, Severity: playbooks.Warning,
				Rule: "no-owner", Msg: fmt.Sprintf("%s page has no owner to keep it true", p.Kind),
				Fix: "add `owner: <person or team>` to the front matter, or a CODEOWNERS line for the file"})
		}
	}
	return ds
}

// age says how long ago something was, in the largest unit that fits.
func age(d time.Duration) string {
	days := int(d.Hours() / 24)
	switch {
	case days >= 60:
		return fmt.Sprintf("%d months", days/30)
	case days >= 14:
		return fmt.Sprintf("%d weeks", days/7)
	case days == 1:
		return "1 day"
	}
	return fmt.Sprintf("%d days", days)
}
