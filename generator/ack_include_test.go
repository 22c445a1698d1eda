package generator

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAcknowledgedPageWithIncludes: the diff an acknowledged page shows from an earlier version
// compares the page as built then, included text and all, so an unchanged partial is not shown
// as added.
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
	added, removed := ackDiff(t, p.AckDiffs, first.String())
	if !strings.Contains(added, "trust and safety lead") || !strings.Contains(removed, "moderators") || strings.Contains(added, "Bans") {
		t.Errorf("diff adds %q and removes %q, want only the reworded words", added, removed)
	}
}

// TestIncludedFileChangesThePage: a commit that changes only a file a page includes changes
// what the page says, so it is the page's: on its history (marked as made in the included
// file), in its changelog entry, in the sitemap's lastmod, and in the version readers
// acknowledge, whose diff shows the included text's change.
func TestIncludedFileChangesThePage(t *testing.T) {
	s := newSiteRepo(t)
	s.write("content/_partials/ban.md", "Bans are reviewed by two moderators.\n")
	s.write("content/escalation.md", "---\ntitle: Escalation\nacknowledge: true\n---\nReport abuse.\n\n<!-- include: _partials/ban.md -->\n")
	own := s.commit("Add the escalation policy", "Ada Lovelace")
	s.write("content/_partials/ban.md", "Bans are reviewed by the whole moderation team.\n")
	partial := s.commit("Let the whole team review bans", "Grace Hopper")

	out := filepath.Join(t.TempDir(), "public")
	res := s.buildTo(out, "")
	if len(res) > 0 {
		t.Errorf("diagnostics: %v", res)
	}
	mem, _ := s.build(s.dir)
	p := mem.Site.ByFile["escalation.md"]
	if len(p.History) != 2 || p.History[0].Hash != partial.String() || p.History[1].Hash != own.String() {
		t.Fatalf("page history = %v, want the partial's commit, then the page's", p.History)
	}
	added, removed := ackDiff(t, p.AckDiffs, own.String())
	if !strings.Contains(added, "whole moderation team") || !strings.Contains(removed, "two moderators") {
		t.Errorf("acknowledgement diff adds %q and removes %q, want the included text's change", added, removed)
	}
	read := func(name string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	html := read("escalation/index.html")
	if !strings.Contains(html, "Let the whole team review bans") || !strings.Contains(html, "in the included <code>_partials/ban.md</code>") {
		t.Errorf("the page's history does not show the included file's commit:\n%s", html)
	}
	if !strings.Contains(html, `data-commit="`+partial.String()+`"`) {
		t.Error("the version readers acknowledge is not the included file's commit")
	}
	changelog := read("changelog/index.html")
	i := strings.Index(changelog, "Let the whole team review bans")
	if i < 0 || !strings.Contains(changelog[i:], `Escalation</a> <span class="change-kind">through the included <code>_partials/ban.md</code>`) {
		t.Errorf("the changelog entry does not name the page:\n%s", changelog)
	}
	if !strings.Contains(read("sitemap.xml"), "<lastmod>"+s.now.UTC().Format("2006-01-02")+"</lastmod>") {
		t.Error("the sitemap's lastmod is not the included file's commit date")
	}
}

// ackDiff joins what an acknowledgement diff from version hash adds and removes.
func ackDiff(t *testing.T, diffs map[string][][2]string, hash string) (added, removed string) {
	t.Helper()
	diff, ok := diffs[hash]
	if !ok {
		t.Fatalf("no diff from version %s: %v", hash, diffs)
	}
	for _, op := range diff {
		switch op[0] {
		case "+":
			added += op[1]
		case "-":
			removed += op[1]
		}
	}
	return added, removed
}
