package generator

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cmplay/cmplay/generator/output"
	"github.com/cmplay/cmplay/internal/corpus"
	"github.com/cmplay/cmplay/internal/sitetest"
)

var incrementalSite = map[string]string{
	"content/_index.md":       "---\ntitle: Home\n---\nWelcome. See [one](a/one.md).\n",
	"content/a/_index.md":     "---\ntitle: Section A\nsummary: Pages about A.\n---\nThe A pages.\n",
	"content/a/one.md":        "---\ntitle: One\nweight: 1\nroles: [lead]\ntags: [alpha]\n---\nFirst page.\n\nSee [two](two.md) and ![a picture](img.png).\n\n- [ ] Do the first thing\n",
	"content/a/two.md":        "---\ntitle: Two\nweight: 2\nsummary: The second page.\n---\nSecond page body.\n\n## Details\n\nMore text.\n",
	"content/a/img.png":       "not really a png",
	"content/roles/lead.md":   "---\ntitle: Lead\nkind: role\n---\nLeads things.\n",
	"themes/default/site.txt": "a theme folder of the site's own, overlaying the default theme",
}

// sameOutput fails unless two builds wrote the same files with the same bytes.
func sameOutput(t *testing.T, step string, got, want *output.Memory) {
	t.Helper()
	gn, wn := got.Names(), want.Names()
	if strings.Join(gn, "\n") != strings.Join(wn, "\n") {
		t.Fatalf("%s: incremental build wrote files\n%v\nfull build wrote\n%v", step, gn, wn)
	}
	for _, n := range wn {
		g, _ := got.File(n)
		w, _ := want.File(n)
		if !bytes.Equal(g, w) {
			t.Fatalf("%s: %s differs from a full build:\n--- incremental\n%s\n--- full\n%s", step, n, g, w)
		}
	}
}

// TestSessionMatchesFullBuild edits a site step by step; after each edit the incremental build
// must write exactly what a full build writes, having redone only what the edit affects.
func TestSessionMatchesFullBuild(t *testing.T) {
	dir := sitetest.Write(t, t.TempDir(), incrementalSite)
	cfg := Config{Source: dir}
	s := NewSession(cfg)
	steps := []struct {
		name   string
		edit   func()
		change []string // as the watcher reports them; nil means unknown
		want   Stats
	}{
		{"first build", func() {}, nil, Stats{Read: 6, Parsed: 5, Rendered: 5, Templated: 5, Theme: true}},
		{"nothing changed", func() {}, []string{}, Stats{}},
		{"body edit", func() {
			sitetest.Write(t, dir, map[string]string{"content/a/two.md": "---\ntitle: Two\nweight: 2\nsummary: The second page.\n---\nSecond page body, edited.\n\n## Details\n\nMore text.\n"})
		}, []string{filepath.Join(dir, "content/a/two.md")}, Stats{Read: 1, Parsed: 1, Rendered: 1, Templated: 1}},
		{"title edit", func() {
			sitetest.Write(t, dir, map[string]string{"content/a/two.md": "---\ntitle: Two renamed\nweight: 2\nsummary: The second page.\n---\nSecond page body, edited.\n"})
		}, []string{"content/a/two.md"}, Stats{Read: 1, Parsed: 1, Rendered: 1, Templated: 5}},
		{"new nested page", func() {
			sitetest.Write(t, dir, map[string]string{"content/a/b/c/three.md": "# Three\n\nBack to [one](../../one.md).\n"})
		}, []string{filepath.Join(dir, "content/a/b")}, Stats{Read: 1, Parsed: 1, Rendered: 6, Templated: 6}},
		{"static file edit", func() {
			sitetest.Write(t, dir, map[string]string{"content/a/img.png": "still not a png"})
		}, []string{"content/a/img.png"}, Stats{Read: 1}},
		{"page removed", func() {
			os.RemoveAll(filepath.Join(dir, "content/a/b"))
		}, []string{filepath.Join(dir, "content/a/b")}, Stats{Rendered: 5, Templated: 5}},
		{"theme edit", func() {
			sitetest.Write(t, dir, map[string]string{"themes/default/assets/print.css": "@media print { body { color: black } }\n"})
		}, []string{filepath.Join(dir, "themes/default/assets/print.css")}, Stats{Templated: 5, Theme: true}},
		{"broken front matter", func() {
			sitetest.Write(t, dir, map[string]string{"content/a/one.md": "---\ntitle: [unclosed\n---\nFirst page.\n"})
		}, []string{"content/a/one.md"}, Stats{Read: 1, Parsed: 1, Rendered: 1, Templated: 5}},
		{"unknown change", func() {}, nil, Stats{Read: 6}},
		{"symbolic link to a page", func() {
			if err := os.Symlink("two.md", filepath.Join(dir, "content/a/link.md")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/a/link.md"}, Stats{Read: 1, Parsed: 1, Rendered: 6, Templated: 6}},
		{"its target edited", func() {
			sitetest.Write(t, dir, map[string]string{"content/a/two.md": "---\ntitle: Two renamed\nweight: 2\nsummary: The second page.\n---\nLinked body.\n"})
		}, []string{"content/a/two.md"}, Stats{Read: 2, Parsed: 2, Rendered: 2, Templated: 2}},
	}
	for _, st := range steps {
		st.edit()
		inc := output.NewMemory()
		res, err := s.Build(inc, st.change)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got := s.Stats(); got != st.want {
			t.Errorf("%s: redid %+v, want %+v", st.name, got, st.want)
		}
		full := output.NewMemory()
		fcfg := cfg
		fcfg.Writer = full
		fres, err := Build(fcfg)
		if err != nil {
			t.Fatalf("%s: full build: %v", st.name, err)
		}
		sameOutput(t, st.name, inc, full)
		if a, b := fmt.Sprint(res.Diagnostics), fmt.Sprint(fres.Diagnostics); a != b {
			t.Errorf("%s: diagnostics differ:\nincremental:\n%s\nfull:\n%s", st.name, a, b)
		}
	}
}

// BenchmarkSessionRebuild times an incremental build after a body edit of one page of a
// generated 1,000-page corpus, beside a full build of the same site in the same run.
func BenchmarkSessionRebuild(b *testing.B) {
	dir := b.TempDir()
	if _, err := corpus.Write(dir, 1000); err != nil {
		b.Fatal(err)
	}
	b.Run("full", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := Build(Config{Source: dir, Writer: output.NewMemory()}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("incremental", func(b *testing.B) {
		s := NewSession(Config{Source: dir})
		if _, err := s.Build(output.NewMemory(), nil); err != nil {
			b.Fatal(err)
		}
		page := filepath.Join(dir, filepath.FromSlash(corpus.Path(0, 1000)))
		orig, err := os.ReadFile(page)
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			os.WriteFile(page, append(orig, fmt.Sprintf("\nEdit %d.\n", i)...), 0o644)
			if _, err := s.Build(output.NewMemory(), []string{page}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestLiveUpdateDefersOnlyTheSearchIndex: the build a page reloads from differs from a full
// build only in the search index, which is the previous one; the build finished after the
// reload is the full build.
func TestLiveUpdateDefersOnlyTheSearchIndex(t *testing.T) {
	dir := sitetest.Write(t, t.TempDir(), incrementalSite)
	s := NewSession(Config{Source: dir})
	first, _, err := s.LiveUpdate(nil)
	if err != nil || first.Then != nil {
		t.Fatalf("first build: %v, deferred %v", err, first.Then != nil)
	}
	sitetest.Write(t, dir, map[string]string{"content/a/two.md": "---\ntitle: Two\nweight: 2\n---\nA new word: quokkaberry.\n"})
	u, _, err := s.LiveUpdate([]string{"content/a/two.md"})
	if err != nil || u.Then == nil {
		t.Fatalf("rebuild: %v, deferred %v", err, u.Then != nil)
	}
	full := output.NewMemory()
	if _, err := Build(Config{Source: dir, Writer: full}); err != nil {
		t.Fatal(err)
	}
	searchFiles := 0
	for _, n := range full.Names() {
		if strings.HasPrefix(n, "search/") {
			searchFiles++
			continue
		}
		want, _ := full.File(n)
		if got, _ := u.Site.File(n); !bytes.Equal(got, want) {
			t.Errorf("%s: the build the page reloads from differs from a full build", n)
		}
	}
	for _, n := range first.Site.Names() {
		if strings.HasPrefix(n, "search/") {
			want, _ := first.Site.File(n)
			if got, _ := u.Site.File(n); !bytes.Equal(got, want) {
				t.Errorf("%s: not the previous search index", n)
			}
		}
	}
	if searchFiles == 0 {
		t.Fatal("no search index in a full build")
	}
	done := u.Then()
	if !done.Quiet {
		t.Error("the finished build would reload the page again")
	}
	sameOutput(t, "finished build", done.Site, full)
}
