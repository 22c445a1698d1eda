package generator

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckPlantedFaults copies the shipped playbook, plants one fault of each kind in it and
// asserts that each is reported at the line it was planted on, with its rule — and nothing else
// is: the shipped playbook itself checks clean.
func TestCheckPlantedFaults(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, "../content", filepath.Join(dir, "content"))
	// Each plant rewrites a file (or writes a new one) with its edit; the fault is expected on the
	// line holding the marker, or the one holding at.
	type plant struct {
		file, marker, rule string
		edit               func(src, marker string) string
		at                 string // the line the fault is reported on holds this; default the marker
	}
	appendLine := func(src, line string) string { return strings.TrimRight(src, "\n") + "\n\n" + line + "\n" }
	// replace puts the marker in place of the first line starting with prefix.
	replace := func(prefix string) func(src, marker string) string {
		return func(src, marker string) string {
			lines := strings.Split(src, "\n")
			for i, l := range lines {
				if strings.HasPrefix(l, prefix) {
					lines[i] = marker
					return strings.Join(lines, "\n")
				}
			}
			t.Fatalf("the shipped page has no line starting with %q", prefix)
			return ""
		}
	}
	plants := []plant{
		{"guidelines/escalation.md", "[the rota](on-call-rota.md)", "broken-link", appendLine, ""},
		{"guidelines/human-voice.md", "[duties](../roles/community-leader.md#no-such-heading)", "missing-anchor", appendLine, ""},
		{"guidelines/measuring.md", "![chart](img/chart.png)", "missing-image", appendLine, ""},
		{"guidelines/industries.md", "[outside](../../README.md)", "link-escapes-site", appendLine, ""},
		{"guidelines/brand-consistency.md", "review_by: 2026-10-01", "review-overdue", replace("review_by: 2027-"), ""},
		{"guidelines/child-safety.md", "kind: guidline", "unknown-kind", replace("kind: guideline"), ""},
		{"guidelines/feedback-loop.md", "ownr: Somebody", "unknown-key", func(src, marker string) string {
			return strings.Replace(src, "\nowner:", "\n"+marker+"\nowner:", 1)
		}, ""},
		{"guidelines/when-to-hire.md", "  - community-strategst", "unknown-role", replace("  - community-strategist"), "roles:"},
		{"onboarding/first-90-days.md", `## Day 1 {due="someday"}`, "checklist-due", replace(`## Day 1 {due="day 1"}`), ""},
		{"onboarding/internal-track.md", "- [ ] Meet the sponsor again {#planted-id}", "duplicate-item-id", func(src, marker string) string {
			return appendLine(src, "- [ ] Meet the sponsor {#planted-id}\n"+marker)
		}, ""},
		{"guidelines/anger-and-controversy.md", "# owner:", "no-owner", replace("owner:"), "---"},
		// Every folder gets an index of its own; one whose only page took a URL elsewhere has none.
		{"notes/orphan.md", "Nobody links here.", "unreachable", func(_, marker string) string {
			return "---\npermalink: /elsewhere/orphan/\n---\n" + marker + "\n"
		}, "---"},
	}
	want := map[string]bool{}
	for _, p := range plants {
		name := filepath.Join(dir, "content", filepath.FromSlash(p.file))
		src, _ := os.ReadFile(name)
		out := p.edit(string(src), p.marker)
		at := p.at
		if at == "" {
			at = p.marker
		}
		i := strings.Index(out, at)
		if i < 0 {
			t.Fatalf("%s: %q not planted", p.file, at)
		}
		line := 1 + strings.Count(out[:i], "\n")
		writeFile(t, name, []byte(out))
		want[key("content/"+p.file, line, p.rule)] = true
	}
	res, err := Check(Config{Source: dir}, CheckOptions{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, d := range res.Diagnostics {
		got[key(d.File, d.Line, d.Rule)] = true
		if !want[key(d.File, d.Line, d.Rule)] {
			t.Errorf("unexpected finding: %s", d)
		}
	}
	for k := range want {
		if !got[k] {
			t.Errorf("planted fault not reported: %s", k)
		}
	}
}

func key(file string, line int, rule string) string {
	return fmt.Sprintf("%s:%d [%s]", file, line, rule)
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		writeFile(t, filepath.Join(to, rel), data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
