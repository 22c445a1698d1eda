package generator

import (
	"fmt"
	"strings"
	"testing"
)

// TestAcknowledgedPageWithIncludes: the diff an acknowledged page shows from an earlier version
// compares the page as built then, included text and all, so an unchanged partial is not shown
// as added; and the page is warned that a change to the partial alone asks nobody to
// acknowledge again.
func TestAcknowledgedPageWithIncludes(t *testing.T) {
	s := newSiteRepo(t)
	s.write("content/_partials/ban.md", "Bans are reviewed by two moderators.\n")
	page := "---\ntitle: Escalation\nacknowledge: true\n---\nReport abuse to the %s.\n\n<!-- include: _partials/ban.md -->\n"
	s.write("content/escalation.md", fmt.Sprintf(page, "moderators"))
	first := s.commit("Add the escalation policy", "Ada Lovelace")
	s.write("content/escalation.md", fmt.Sprintf(page, "trust and safety lead"))
	s.commit("Escalate to the trust and safety lead", "Ada Lovelace")

	res, _ := s.build(s.dir)
	p := res.Site.ByFile["escalation.md"]
	diff, ok := p.AckDiffs[first.String()]
	if !ok {
		t.Fatalf("no diff from the first version: %v", p.AckDiffs)
	}
	var added, removed string
	for _, op := range diff {
		switch op[0] {
		case "+":
			added += op[1]
		case "-":
			removed += op[1]
		}
	}
	if !strings.Contains(added, "trust and safety lead") || !strings.Contains(removed, "moderators") || strings.Contains(added, "Bans") {
		t.Errorf("diff adds %q and removes %q, want only the reworded words (ops %q)", added, removed, diff)
	}
	var warned bool
	for _, d := range res.Diagnostics {
		if d.Rule == "acknowledge-include" {
			warned = d.File == "content/escalation.md" && d.Line == 7
		}
	}
	if !warned {
		t.Errorf("no acknowledge-include warning at content/escalation.md:7: %v", res.Diagnostics)
	}
}
