package generator

import (
	"testing"
)

// TestCheckBaseIncludes: `check --base` expands includes in the base version as the build does,
// so rewording an item of a partial is caught on the page that includes it, and a partial, which
// is never a page, is not reported as a checklist page that was deleted.
func TestCheckBaseIncludes(t *testing.T) {
	repo := newRepo(t)
	dir := repo.dir
	commit := func(files map[string]string, msg string) { repo.commitFiles(files, msg) }
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
