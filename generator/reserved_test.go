package generator

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestAliasesCannotReplaceGeneratedPages: aliases on generated URLs silently turned search and
// the dashboard into redirects, and an alias on /favicon.svg failed the whole build with
// "mkdir …: not a directory". Each is now a diagnostic at the aliases line, the build goes on,
// and build and check report exactly the same findings.
func TestAliasesCannotReplaceGeneratedPages(t *testing.T) {
	dir := newSite(t, map[string]string{
		"content/_index.md":          "# Home\n",
		"content/a.md":               "---\ntitle: A\ntags: [x]\naliases: [\"/search/\", \"/progress/\", \"/favicon.svg\", \"/progress/record/\", \"/assets/x\", \"/tags/x/\", \"/img.png\", \"/b/\", \"old-a\", \"//evil.example\", \"/\"]\n---\nBody.\n",
		"content/b.md":               "---\naliases: [old-a]\n---\nB.\n\n- [ ] A checklist, so the site has a dashboard.\n",
		"content/progress/record.md": "A page where the completion record goes.\n",
		"content/search/index.js.md": "A page inside the search index's folder.\n",
		"content/img.png":            "png",
	})
	out := filepath.Join(t.TempDir(), "public")
	res := mustBuild(t, Config{Source: dir, Out: out})
	var build []string
	for _, d := range res.Diagnostics {
		if d.Rule == "duplicate-url" || d.Rule == "reserved-url" {
			build = append(build, d.String())
		}
	}
	wantLines := map[string]int{"content/a.md": 4, "content/b.md": 2, "content/progress/record.md": 1, "content/search/index.js.md": 1}
	for _, l := range build {
		file, _, _ := strings.Cut(l, ":")
		if _, ok := wantLines[file]; !ok {
			t.Errorf("unexpected finding %s", l)
		}
	}
	for _, want := range []string{
		`content/a.md:4:1: error: alias /search/ would replace /search/, which cmplay generates; no redirect is written`,
		`content/a.md:4:1: error: alias /progress/ would replace /progress/`,
		`content/a.md:4:1: error: alias /favicon.svg would replace /favicon.svg`,
		`content/a.md:4:1: error: alias /progress/record/ would replace /progress/record/`,
		`content/a.md:4:1: error: alias /assets/x would replace /assets/`,
		`content/a.md:4:1: error: alias /tags/x/ would replace /tags/x/`,
		`content/a.md:4:1: error: alias /img.png would replace the file img.png`,
		`content/a.md:4:1: error: alias /b/ is the URL of b.md`,
		`content/a.md:4:1: error: alias "//evil.example": an alias is a path on this site`,
		`content/a.md:4:1: error: alias "/": the site's start page cannot be an alias`,
		`content/b.md:2:1: error: alias old-a is also an alias of a.md`,
		`content/progress/record.md:1:1: warning: /progress/record/ is cmplay's own page; this page is built at /progress/record-1/ instead`,
		`content/search/index.js.md:1:1: warning: /search/index.js/ is below /search/, which is cmplay's own; this page is built at /search-1/index.js/ instead`,
	} {
		found := false
		for _, l := range build {
			found = found || strings.HasPrefix(l, want)
		}
		if !found {
			t.Errorf("no finding %q in\n%s", want, strings.Join(build, "\n"))
		}
	}
	for file, want := range map[string]string{
		"search/index.html":            `data-search`,
		"progress/index.html":          "My progress",
		"progress/record/index.html":   "Completion record",
		"favicon.svg":                  "<svg",
		"old-a/index.html":             `http-equiv="refresh"`,
		"progress/record-1/index.html": "A page where the completion record goes.",
		"search-1/index.js/index.html": "A page inside the search index",
	} {
		data, err := os.ReadFile(filepath.Join(out, file))
		if err != nil || !strings.Contains(string(data), want) {
			t.Errorf("%s: %v; want it to contain %q:\n%.300s", file, err, want, data)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(out, "search/index.html")); strings.Contains(string(data), "refresh") {
		t.Error("search became a redirect")
	}

	chk, err := Check(Config{Source: dir}, CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var checked []string
	for _, d := range chk.Diagnostics {
		if d.Rule == "duplicate-url" || d.Rule == "reserved-url" {
			checked = append(checked, d.String())
		}
	}
	sort.Strings(build)
	sort.Strings(checked)
	if strings.Join(build, "\n") != strings.Join(checked, "\n") {
		t.Errorf("build and check disagree:\nbuild:\n%s\ncheck:\n%s", strings.Join(build, "\n"), strings.Join(checked, "\n"))
	}
}
