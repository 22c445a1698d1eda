package generator

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// TestCheckBaseIncludes: `check --base` expands includes in the base version as the build does,
// so rewording an item of a partial is caught on the page that includes it, and a partial, which
// is never a page, is not reported as a checklist page that was deleted.
func TestCheckBaseIncludes(t *testing.T) {
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	commit := func(files map[string]string, msg string) {
		t.Helper()
		for name, data := range files {
			writeFile(t, filepath.Join(dir, name), []byte(data))
			if _, err := wt.Add(name); err != nil {
				t.Fatal(err)
			}
		}
		sig := &object.Signature{Name: "Ada", Email: "ada@example.org", When: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}
		if _, err := wt.Commit(msg, &git.CommitOptions{Author: sig}); err != nil {
			t.Fatal(err)
		}
	}
	commit(map[string]string{
		"content/_index.md":                     "Home.\n",
		"content/onboarding/first-week.md":      "---\ntitle: First week\nkind: checklist\n---\n- [ ] Own item\n\n<!-- include: _partials/steps.md -->\n",
		"content/onboarding/_partials/steps.md": "- [ ] Meet your sponsor over coffee\n- [ ] Read the guidelines\n",
	}, "Add the first-week checklist with a shared partial")
	commit(map[string]string{
		"content/onboarding/_partials/steps.md": "- [ ] Have coffee with your sponsor\n- [ ] Read the guidelines\n",
	}, "Reword the partial")

	res, err := Check(Config{Source: dir}, CheckOptions{Today: today, Base: "HEAD~1"})
	if err != nil {
		t.Fatal(err)
	}
	changed := only(res.Diagnostics, "item-id-changed")
	if len(changed) != 1 || changed[0].File != "content/onboarding/first-week.md" || changed[0].Line != 7 {
		t.Errorf("want one changed id at content/onboarding/first-week.md:7 (the include), got %v", res.Diagnostics)
	}
	for _, rule := range []string{"checklist-deleted", "checklist-moved"} {
		if ds := only(res.Diagnostics, rule); len(ds) > 0 {
			t.Errorf("a partial reported as a page: %v", ds)
		}
	}
}
