package generator

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cmplay/cmplay/internal/sitetest"
)

// TestChaossHandbook builds and checks the CHAOSS community handbook — a real GitBook handbook,
// later moved to Read the Docs, with a root CHANGELOG.md and its images in .gitbook/assets — as a
// team would bring it: a cmplay.toml with content_dir = "." and nothing else. Every diagnostic
// must be a real fault: today the one is the CHANGELOG.md that cmplay's changelog displaces. The
// home page must exist (the repository has no root README), and every GitBook image is copied.
func TestChaossHandbook(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("skipped under -short: clones a real repository")
	}
	bundle := sitetest.Shared(t, "corpora/chaoss-community-handbook.bundle")
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git to clone " + bundle + " with")
	}
	dir := filepath.Join(t.TempDir(), "chaoss")
	if out, err := exec.Command("git", "clone", "-q", bundle, dir).CombinedOutput(); err != nil {
		t.Fatalf("git clone %s: %v\n%s", bundle, err, out)
	}
	writeFile(t, filepath.Join(dir, File), []byte("content_dir = \".\"\n"))
	cfg, diags, err := LoadConfig(dir)
	if err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	cfg.Out = filepath.Join(t.TempDir(), "public")
	want := []string{
		"CHANGELOG.md:1:1: warning: /changelog/ is cmplay's own page; this page is built at /changelog-1/ instead [reserved-url] (fix: rename the file, or give the page its URL with permalink in its front matter)",
	}
	res := mustBuild(t, cfg)
	chk, err := Check(cfg, CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]*Result{"build": res, "check": chk} {
		var got []string
		for _, d := range r.Diagnostics {
			got = append(got, d.String())
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s reports %d diagnostics:\n%s\nwant:\n%s", name, len(got), strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	if res.Pages != 59 {
		t.Errorf("%d pages, want 59", res.Pages)
	}
	home, err := os.ReadFile(filepath.Join(cfg.Out, "index.html"))
	if err != nil || !strings.Contains(string(home), `href="docs/"`) {
		t.Errorf("no home page leading to the handbook: %v\n%.400s", err, home)
	}
	for _, f := range []string{"docs/.gitbook/assets/logo-large_1123x271.png", "docs/.gitbook/assets/image (5).png", "changelog-1/index.html"} {
		if _, err := os.Stat(filepath.Join(cfg.Out, filepath.FromSlash(f))); err != nil {
			t.Errorf("missing from the output: %s", f)
		}
	}
}
