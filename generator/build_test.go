package generator

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cmplay/cmplay/generator/output"
	"github.com/cmplay/cmplay/internal/sitetest"
)

// newSite writes files (path → content) into a new site folder.
func newSite(t *testing.T, files map[string]string) string {
	t.Helper()
	return sitetest.Write(t, t.TempDir(), files)
}

func mustBuild(t *testing.T, cfg Config) *Result {
	t.Helper()
	res, err := Build(cfg)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return res
}

func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestFailedBuildLeavesOutputIntact(t *testing.T) {
	src := newSite(t, map[string]string{"content/_index.md": "# Home\n", "content/a.md": "# A\n"})
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Config{Source: src, Out: out})
	before := readTree(t, out)

	// A broken template in the site's theme makes the next build fail part-way.
	os.MkdirAll(filepath.Join(src, "themes/default/layouts"), 0o755)
	os.WriteFile(filepath.Join(src, "themes/default/layouts/page.html"), []byte(`{{template "base" .}}{{define "main"}}{{.NoSuchField}}{{end}}`), 0o644)
	os.WriteFile(filepath.Join(src, "content/b.md"), []byte("# B\n"), 0o644)
	if _, err := Build(Config{Source: src, Out: out}); err == nil {
		t.Fatal("build with a broken template succeeded")
	}
	after := readTree(t, out)
	if len(after) != len(before) {
		t.Fatalf("output changed after a failed build: %d files, had %d", len(after), len(before))
	}
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed after a failed build", name)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.cmplay-tmp-*"))
	if len(leftovers) > 0 {
		t.Errorf("failed build left temporary folders: %v", leftovers)
	}
}

func TestRebuildReplacesOutput(t *testing.T) {
	src := newSite(t, map[string]string{"content/_index.md": "# Home\n", "content/old.md": "# Old\n"})
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Config{Source: src, Out: out})
	os.Remove(filepath.Join(src, "content/old.md"))
	mustBuild(t, Config{Source: src, Out: out})
	if _, err := os.Stat(filepath.Join(out, "old/index.html")); err == nil {
		t.Error("a removed page is still in the output after a rebuild")
	}
	if _, err := os.Stat(filepath.Join(out, output.Marker)); err != nil {
		t.Error("output folder lacks cmplay's marker")
	}
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	a, _ := shipped(t, "/")
	cfg, _, err := LoadConfig(sitetest.Root(t))
	if err != nil {
		t.Fatal(err)
	}
	b := filepath.Join(t.TempDir(), "b")
	cfg.Out = b
	mustBuild(t, cfg)
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) != len(tb) || len(ta) < 60 {
		t.Fatalf("builds wrote %d and %d files", len(ta), len(tb))
	}
	for name, data := range ta {
		if !bytes.Equal(tb[name], data) {
			t.Errorf("%s differs between two builds of the same input", name)
		}
	}
}

func TestOutputFolderSafety(t *testing.T) {
	src := newSite(t, map[string]string{"content/_index.md": "# Home\n"})
	foreign := t.TempDir()
	os.WriteFile(filepath.Join(foreign, "precious.txt"), []byte("keep me"), 0o644)
	for name, out := range map[string]string{
		"root":             "/",
		"the site itself":  src,
		"contains site":    filepath.Dir(src),
		"someone's folder": foreign,
	} {
		if _, err := Build(Config{Source: src, Out: out}); err == nil {
			t.Errorf("%s: build into %s was not refused", name, out)
		}
	}
	if data, err := os.ReadFile(filepath.Join(foreign, "precious.txt")); err != nil || string(data) != "keep me" {
		t.Fatal("a refused build touched a folder it does not own")
	}
	empty := t.TempDir()
	mustBuild(t, Config{Source: src, Out: empty})
}

func TestBadBytesAndLargePages(t *testing.T) {
	big := "# Big\n\n" + strings.Repeat("A paragraph of a very long page that keeps going.\n\n", 45000)
	src := newSite(t, map[string]string{
		"content/_index.md": "# Home\n",
		"content/latin1.md": "---\ntitle: Caf\xe9\n---\nLine two\nna\xefve line\n",
		"content/big.md":    big,
		"content/ok.md":     "# Fine\n",
	})
	res := mustBuild(t, Config{Source: src, Out: filepath.Join(t.TempDir(), "out")})
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.String())
	}
	joined := strings.Join(got, "\n")
	for _, want := range []string{"content/latin1.md:2:", "[encoding]", "content/big.md:1:1: warning: page is 2.", "[large-page]"} {
		if !strings.Contains(joined, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, joined)
		}
	}
	if res.Pages != 4 {
		t.Errorf("built %d pages, want all 4", res.Pages)
	}
}

func TestContentDirAtRepositoryRoot(t *testing.T) {
	src := newSite(t, map[string]string{
		"cmplay.toml":                "content_dir = \".\"\n",
		"README.md":                  "# Handbook\n",
		"guide/README.md":            "# Guide\n",
		"guide/step.md":              "# Step\n\n![x](shot.png)\n",
		"guide/shot.png":             "png",
		"main.go":                    "package main",
		".git/config":                "[core]",
		".github/workflow.md":        "# not content",
		"node_modules/pkg/README.md": "# not content",
		"themes/default/README.md":   "# not content",
		"public/old.md":              "# not content",
	})
	mem := output.NewMemory()
	cfg, _, _ := LoadConfig(src)
	cfg.Writer = mem
	res := mustBuild(t, cfg)
	if res.Pages != 3 {
		t.Errorf("built %d pages, want 3 (README, guide, step): %v", res.Pages, mem.Names())
	}
	if _, ok := mem.File("guide/shot.png"); !ok {
		t.Error("image next to the Markdown was not copied")
	}
	if _, ok := mem.File("main.go"); ok {
		t.Error("a source file was published")
	}
	if len(res.Diagnostics) != 0 {
		t.Errorf("diagnostics: %v", res.Diagnostics)
	}
}

func TestThemeOverride(t *testing.T) {
	src := newSite(t, map[string]string{
		"content/_index.md":                   "# Home\n",
		"themes/default/partials/footer.html": `<footer class="site-footer">Our own footer</footer>`,
		"themes/default/assets/base.css":      `:root { --accent: #123456; }`,
	})
	mem := output.NewMemory()
	mustBuild(t, Config{Source: src, Writer: mem})
	home, _ := mem.File("index.html")
	if !strings.Contains(string(home), "Our own footer") {
		t.Error("site's footer partial did not replace the default")
	}
	for _, n := range mem.Names() {
		if strings.HasSuffix(n, ".css") {
			css, _ := mem.File(n)
			if !strings.Contains(string(css), "#123456") {
				t.Error("site's base.css did not replace the default in the bundle")
			}
		}
	}
}

var linkRe = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// TestLinksResolve builds the shipped playbook at the root, under a sub-path and for file://, and
// follows every relative link and asset of every page to a file in the output.
func TestLinksResolve(t *testing.T) {
	for _, base := range []string{"/", "https://intranet.example/playbook/", "file"} {
		t.Run(base, func(t *testing.T) {
			t.Parallel()
			out, res := shipped(t, base)
			if len(res.Diagnostics) > 0 {
				t.Errorf("shipped playbook has diagnostics: %v", res.Diagnostics)
			}
			tree := readTree(t, out)
			checked := 0
			for name, data := range tree {
				if !strings.HasSuffix(name, ".html") || name == "404.html" {
					continue
				}
				for _, m := range linkRe.FindAllSubmatch(data, -1) {
					href := string(m[1])
					if href == "" || strings.Contains(href, "://") || strings.HasPrefix(href, "mailto:") || strings.HasPrefix(href, "#") {
						continue
					}
					href, _, _ = strings.Cut(href, "#")
					href, _, _ = strings.Cut(href, "?")
					target := filepath.ToSlash(filepath.Join(filepath.Dir(name), href))
					if strings.HasSuffix(href, "/") || href == "" {
						if base == "file" {
							t.Errorf("%s: folder link %q does not work from file://", name, m[1])
						}
						target += "/index.html"
					}
					target = strings.TrimPrefix(filepath.Clean(target), "./")
					if _, ok := tree[target]; !ok {
						t.Errorf("%s: link %q → %s: no such file", name, m[1], target)
					}
					checked++
				}
			}
			if checked < 1000 {
				t.Errorf("only %d links checked", checked)
			}
		})
	}
}

// TestBrokenLayoutError: a layout that does not parse or does not execute fails the build with
// one error that names the stage once and the file.
func TestBrokenLayoutError(t *testing.T) {
	t.Parallel()
	for name, layout := range map[string]string{
		"parse":   `{{ define "main" }}{{ .Nope }`,
		"execute": `{{template "base" .}}{{define "main"}}{{.NoSuchField}}{{end}}`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src := newSite(t, map[string]string{"content/_index.md": "# Home\n", "content/a.md": "# A\n", "themes/default/layouts/page.html": layout})
			_, err := Build(Config{Source: src, Writer: output.NewMemory()})
			if err == nil {
				t.Fatal("a broken layout built")
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "templates: ") || strings.Count(msg, "templates:") != 1 || !strings.Contains(msg, "page") {
				t.Errorf("error %q, want the stage named once and the layout", msg)
			}
		})
	}
}
