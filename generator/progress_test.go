package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestChecklistsOptIn: with `checklists` in cmplay.toml only the matching pages' task lists are
// checklists; `checklist: false` turns one page's off; the other task lists render as GitHub
// shows them, disabled checkboxes without an item id.
func TestChecklistsOptIn(t *testing.T) {
	dir := newSite(t, map[string]string{
		"cmplay.toml":                "checklists = [\"onboarding/**\"]\n",
		"content/_index.md":          "# Home\n",
		"content/onboarding/day1.md": "# Day 1\n\n- [ ] Get a laptop\n",
		"content/onboarding/off.md":  "---\nchecklist: false\n---\n# Status\n\n- [x] Done\n",
		"content/kep/status.md":      "# Status\n\n- [ ] Alpha\n- [x] Beta\n",
	})
	cfg, diags, err := LoadConfig(dir)
	if err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	out := filepath.Join(t.TempDir(), "public")
	cfg.Out = out
	res := mustBuild(t, cfg)
	if len(res.Diagnostics) > 0 || res.Checklists != 1 || res.Items != 1 {
		t.Errorf("%d checklists, %d items, diagnostics %v; want 1, 1, none", res.Checklists, res.Items, res.Diagnostics)
	}
	read := func(f string) string {
		data, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	if !strings.Contains(read("onboarding/day1/index.html"), `data-id="onboarding/day1/`) {
		t.Error("the onboarding page's item is not a checklist item")
	}
	for _, f := range []string{"kep/status/index.html", "onboarding/off/index.html"} {
		page := read(f)
		if strings.Contains(page, "data-id=") || !strings.Contains(page, `<input type="checkbox" class="task-box" checked disabled>`) {
			t.Errorf("%s: want plain disabled checkboxes:\n%s", f, page)
		}
	}
	if !strings.Contains(read("index.html"), "My progress") {
		t.Error("a site with a checklist lost its progress link")
	}
}

// TestNoProgressUI: a site with no checklist and nothing to acknowledge — a handbook from
// Docusaurus or MkDocs, or one that shows a task list only as an example in a code block — has
// no "My progress" link, dashboard or completion record, and its pages may use those URLs.
func TestNoProgressUI(t *testing.T) {
	for name, home := range map[string]string{
		"no tasks":            "# Home\n\nNo checklists here.\n",
		"tasks in code block": "# Home\n\nWrite checklists like this:\n\n```markdown\n- [ ] Tell the lead\n```\n",
	} {
		t.Run(name, func(t *testing.T) {
			dir := newSite(t, map[string]string{
				"content/_index.md":   home,
				"content/progress.md": "# Progress report\n\nHow the project is doing.\n",
			})
			out := filepath.Join(t.TempDir(), "public")
			res := mustBuild(t, Config{Source: dir, Out: out})
			if len(res.Diagnostics) > 0 {
				t.Errorf("diagnostics: %v", res.Diagnostics)
			}
			home, _ := os.ReadFile(filepath.Join(out, "index.html"))
			if strings.Contains(string(home), "My progress") || strings.Contains(string(home), "data-site-progress") {
				t.Error("the home page shows progress UI")
			}
			page, _ := os.ReadFile(filepath.Join(out, "progress/index.html"))
			if !strings.Contains(string(page), "How the project is doing.") {
				t.Errorf("/progress/ is not the site's own page:\n%.300s", page)
			}
			if _, err := os.Stat(filepath.Join(out, "progress/record/index.html")); err == nil {
				t.Error("a completion record was written")
			}
		})
	}
}
