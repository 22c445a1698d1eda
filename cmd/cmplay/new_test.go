package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNewSite scaffolds a playbook and asserts that it builds, passes check with --strict, has
// the promised parts, and that scaffolding again refuses to overwrite it.
func TestNewSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "team-playbook")
	code, out, errs := runCmd("new", "site", dir)
	if code != 0 {
		t.Fatalf("new site: exit %d\n%s", code, errs)
	}
	if !strings.Contains(out, "created "+filepath.Join(dir, "content", "_index.md")) {
		t.Errorf("new site does not list the start page:\n%s", out)
	}
	code, out, errs = runCmd("check", "--source", dir, "--strict")
	if code != 0 || !strings.Contains(out, "checked 9 pages: 0 errors, 0 warnings") {
		t.Fatalf("check --strict on a new site: exit %d\n%s%s", code, out, errs)
	}
	public := filepath.Join(t.TempDir(), "public")
	code, out, errs = runCmd("build", "--source", dir, "--out", public)
	if code != 0 || !strings.Contains(out, "0 errors, 0 warnings") {
		t.Fatalf("build of a new site: exit %d\n%s%s", code, out, errs)
	}
	for _, f := range []string{"index.html", "onboarding/first-30-days/index.html", "practices/daily/index.html",
		"guidelines/moderation/index.html", "roles/community-manager/index.html", "checklists.json"} {
		if _, err := os.Stat(filepath.Join(public, f)); err != nil {
			t.Errorf("built site lacks %s", f)
		}
	}
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	if !strings.Contains(read("cmplay.toml"), `title = "Team playbook"`) {
		t.Errorf("cmplay.toml does not take its title from the folder:\n%s", read("cmplay.toml"))
	}
	checklist := read("content/onboarding/first-30-days.md")
	for _, want := range []string{"kind: checklist", `{due="day 1"}`, `{due="week 1"}`, "- [ ] ", "owner: "} {
		if !strings.Contains(checklist, want) {
			t.Errorf("the onboarding checklist lacks %q", want)
		}
	}
	if !strings.Contains(read("content/practices/daily.md"), "cadence: daily") {
		t.Error("the daily practice has no cadence")
	}
	if want := "review_by: " + time.Now().AddDate(1, 0, 0).Format("2006-01-02"); !strings.Contains(read("content/guidelines/moderation.md"), want) {
		t.Errorf("the guideline lacks %q", want)
	}

	before := read("content/_index.md")
	if err := os.WriteFile(filepath.Join(dir, "content", "_index.md"), []byte("# Ours now\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runCmd("new", "site", dir)
	if code != 1 || !strings.Contains(errs, "refusing to overwrite") || !strings.Contains(errs, "nothing was written") {
		t.Errorf("new site over an existing one: exit %d, %q", code, errs)
	}
	if got := read("content/_index.md"); got != "# Ours now\n" || got == before {
		t.Errorf("new site changed an existing file: %q", got)
	}
}

// TestNewPage adds a page of every kind to a new site; the site must still check clean.
func TestNewPage(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := runCmd("new", "site", dir); code != 0 {
		t.Fatal(errs)
	}
	pages := map[string]string{
		"checklist": "onboarding/partner-onboarding.md",
		"framework": "guidelines/community-maturity",
		"role":      "roles/moderator.md",
		"guideline": "content/guidelines/escalation-paths.md", // as seen from the site folder
		"practice":  "practices/weekly-review.md",
		"program":   "guidelines/advocate-program.md",
		"page":      "about.md",
	}
	for kind, file := range pages {
		code, out, errs := runCmd("new", "page", "--source", dir, kind, file)
		if code != 0 {
			t.Fatalf("new page %s %s: exit %d\n%s", kind, file, code, errs)
		}
		if strings.Contains(out, "note:") {
			t.Errorf("new page %s: unexpected note %s", file, out)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "content", "guidelines", "escalation-paths.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`title: "Escalation paths"`, "kind: guideline", `owner: "Community team"`, "review_by: "} {
		if !strings.Contains(string(data), want) {
			t.Errorf("new guideline lacks %q:\n%s", want, data)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "guidelines", "community-maturity.md")); err != nil {
		t.Errorf("new page without .md: %v", err)
	}
	if code, out, errs := runCmd("check", "--source", dir, "--strict"); code != 0 || !strings.Contains(out, "checked 16 pages: 0 errors, 0 warnings") {
		t.Fatalf("check --strict after adding pages: exit %d\n%s%s", code, out, errs)
	}

	code, _, errs := runCmd("new", "page", "--source", dir, "page", "about.md")
	if code != 1 || !strings.Contains(errs, "refusing to overwrite") {
		t.Errorf("new page over an existing file: exit %d, %q", code, errs)
	}
	code, _, errs = runCmd("new", "page", "--source", dir, "guidline", "x.md")
	if code != 2 || !strings.Contains(errs, `did you mean "guideline"`) {
		t.Errorf("unknown kind: exit %d, %q", code, errs)
	}
	code, out, _ := runCmd("new", "page", "--source", dir, "page", "notes/meeting.md")
	if code != 0 || !strings.Contains(out, "note: notes/ has no _index.md") {
		t.Errorf("page in a folder without index: exit %d, %q", code, out)
	}
	if code, _, _ := runCmd("new", "page", "--source", dir, "page", "../outside.md"); code != 1 {
		t.Errorf("page outside the content folder: exit %d, want 1", code)
	}
	for _, args := range [][]string{{"new"}, {"new", "thing"}, {"new", "site"}, {"new", "page", "role"}} {
		if code, _, _ := runCmd(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
