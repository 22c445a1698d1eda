package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cmplay/cmplay/playbooks"
)

func TestTitleFromName(t *testing.T) {
	for in, want := range map[string]string{
		"first-90-days":   "First 90 days",
		"code_of_conduct": "Code of conduct",
		"über-uns":        "Über uns",
		"":                "Playbook",
	} {
		if got := TitleFromName(in); got != want {
			t.Errorf("TitleFromName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSiteKeepsOtherFiles scaffolds into a folder that already holds unrelated files (a git
// repository's README), and then refuses a second time without touching anything.
func TestSiteKeepsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	readme := filepath.Join(dir, "README.md")
	if err := os.WriteFile(readme, []byte("# Our repo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := Site(dir, Options{Title: `Ops: "the" playbook`, Today: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 || !slices.Contains(files, ".gitignore") || !slices.Contains(files, "netlify.toml") || !slices.Contains(files, ".github/workflows/playbook.yml") {
		t.Errorf("files written: %v", files)
	}
	home, err := os.ReadFile(filepath.Join(dir, "content", "_index.md"))
	if err != nil {
		t.Fatal(err)
	}
	block, _, _ := playbooks.SplitFrontMatter("_index.md", home)
	fm, ds := playbooks.DecodeFrontMatter("_index.md", block)
	if len(ds) != 0 || fm.Title != `Ops: "the" playbook` {
		t.Errorf("a title with a colon and quotes: got %q, %v", fm.Title, ds)
	}
	guideline, _ := os.ReadFile(filepath.Join(dir, "content", "guidelines", "moderation.md"))
	if !strings.Contains(string(guideline), "review_by: 2027-11-23") {
		t.Errorf("review_by is not a year after today:\n%s", guideline)
	}
	_, err = Site(dir, Options{})
	var exists *ExistsError
	if !errors.As(err, &exists) || len(exists.Files) != len(files) {
		t.Errorf("second scaffold: want an ExistsError naming all %d files, got %v", len(files), err)
	}
	if data, _ := os.ReadFile(readme); string(data) != "# Our repo\n" {
		t.Error("the README changed")
	}
}

func TestPageIndexTitle(t *testing.T) {
	dir := t.TempDir()
	file, err := Page(dir, playbooks.KindPage, "community-programs/_index.md", Options{})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(file)
	if !strings.Contains(string(data), `title: "Community programs"`) {
		t.Errorf("an index page takes its title from its folder:\n%s", data)
	}
	if _, err := Page(dir, playbooks.Kind("policy"), "x.md", Options{}); err == nil || !strings.Contains(err.Error(), "unknown kind") {
		t.Errorf("unknown kind: %v", err)
	}
}
