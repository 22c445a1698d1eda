package generator

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestUpToDateBuildWritesNothing: with SkipUnchanged, a build whose inputs are all as they were
// leaves the output folder as it is and reports the earlier build's result, diagnostics
// included; every kind of input change — a content file, a theme file, the configuration, a
// new commit — and an output file removed by hand make the next build run again.
func TestUpToDateBuildWritesNothing(t *testing.T) {
	s := newSiteRepo(t)
	s.write("content/escalation.md", "---\nkind: guideline\n---\n# Escalation\n\nSee [missing](nowhere.md).\n\n- [ ] Tell the lead\n")
	s.commitFiles(nil, "Start the policy")
	out, records := filepath.Join(t.TempDir(), "public"), t.TempDir()

	build := func(skip bool) *Result {
		t.Helper()
		cfg, _, err := LoadConfig(s.dir)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Out, cfg.SkipUnchanged, cfg.RecordDir = out, skip, records
		res, err := Build(cfg)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	page := filepath.Join(out, "escalation", "index.html")
	stamp := func() time.Time {
		t.Helper()
		st, err := os.Stat(page)
		if err != nil {
			t.Fatal(err)
		}
		return st.ModTime()
	}

	first := build(true)
	if first.Unchanged || len(first.Diagnostics) == 0 {
		t.Fatalf("first build: unchanged %v, diagnostics %v; want a build with the broken link's warning", first.Unchanged, first.Diagnostics)
	}
	written := stamp()
	again := build(true)
	if !again.Unchanged {
		t.Fatal("a build with no input changed ran again")
	}
	if again.Pages != first.Pages || again.Items != first.Items || again.Files != first.Files ||
		!slices.Equal(again.Diagnostics, first.Diagnostics) || !slices.Equal(again.Notes, first.Notes) {
		t.Errorf("an up-to-date build reports %+v, the build it skipped %+v", again, first)
	}
	if !strings.Contains(again.Summary(), "up to date") {
		t.Errorf("summary %q does not say the output was up to date", again.Summary())
	}
	if !stamp().Equal(written) {
		t.Error("an up-to-date build wrote the page again")
	}
	// A checkout of the same bytes gives files new times: they are read again, found the same,
	// and the build is still skipped.
	later := time.Now().Add(time.Hour)
	os.Chtimes(filepath.Join(s.dir, "content", "escalation.md"), later, later)
	if !build(true).Unchanged {
		t.Error("a file with a new time and the same content made the build run")
	}
	if build(false).Unchanged {
		t.Error("without SkipUnchanged the build was skipped")
	}
	if data, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || strings.Contains(string(data), "nowhere.md") {
		t.Error("the output folder should not hold the record")
	}
	filepath.WalkDir(out, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			if data, _ := os.ReadFile(p); strings.Contains(string(data), "broken-link") {
				t.Errorf("%s, in the published folder, holds the build's diagnostics", p)
			}
		}
		return err
	})

	// Each change below must make the next build run, and that build's output must show it.
	changes := []struct {
		name   string
		change func()
		file   string // an output file the change shows in
		want   string
	}{
		{"content edit", func() {
			s.write("content/escalation.md", "---\nkind: guideline\n---\n# Escalation\n\nCall the lead first.\n")
		}, "escalation/index.html", "Call the lead first."},
		{"theme file", func() {
			s.write("themes/default/partials/footer.html", `<footer class="site-footer">Made by the policy team</footer>`)
		}, "escalation/index.html", "Made by the policy team"},
		{"configuration", func() {
			s.write("cmplay.toml", "title = \"Escalation policy\"\nrepo_url = \"https://github.com/acme/policy\"\nbase_url = \"https://intranet.example/policy/\"\n")
		}, "index.html", "Escalation policy"},
		{"new commit", func() { s.commitFiles(nil, "Say who to call") }, "changelog/index.html", "Say who to call"},
		{"output removed by hand", func() { os.Remove(filepath.Join(out, "index.html")) }, "index.html", "<html"},
	}
	for _, c := range changes {
		c.change()
		if res := build(true); res.Unchanged {
			t.Errorf("%s: the build was skipped", c.name)
			continue
		}
		data, err := os.ReadFile(filepath.Join(out, c.file))
		if err != nil || !strings.Contains(string(data), c.want) {
			t.Errorf("%s: %s does not show the change (%v)", c.name, c.file, err)
		}
		if !build(true).Unchanged {
			t.Errorf("%s: the build after the rebuild ran again", c.name)
		}
	}
}

// TestUpToDateNotTrustedThroughLinks: a symbolic link's target can change without the link
// changing, so a site that has one is always built.
func TestUpToDateNotTrustedThroughLinks(t *testing.T) {
	s := newSiteRepo(t)
	shared := t.TempDir()
	os.WriteFile(filepath.Join(shared, "steps.md"), []byte("# Steps\n\nOne.\n"), 0o644)
	if err := os.Symlink(filepath.Join(shared, "steps.md"), filepath.Join(s.dir, "content", "steps.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	out, records := filepath.Join(t.TempDir(), "public"), t.TempDir()
	for i := range 2 {
		cfg, _, _ := LoadConfig(s.dir)
		cfg.Out, cfg.SkipUnchanged, cfg.RecordDir = out, true, records
		res, err := Build(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if res.Unchanged {
			t.Fatalf("build %d of a site with a symbolic link was skipped", i+1)
		}
	}
}
