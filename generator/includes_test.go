package generator

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cmplay/cmplay/generator/output"
	"github.com/cmplay/cmplay/internal/sitetest"
)

var includeSite = map[string]string{
	"content/_index.md":                "---\ntitle: Home\n---\nHello.\n",
	"content/a/one.md":                 "---\ntitle: One\n---\nOne.\n\n<!-- include: _partials/steps.md -->\n",
	"content/a/two.md":                 "---\ntitle: Two\n---\n- [ ] Own item\n\n<!-- include: /a/_partials/steps.md -->\n",
	"content/a/plain.md":               "---\ntitle: Plain\n---\nNo includes.\n",
	"content/a/_partials/steps.md":     "- [ ] Shared step\n\n<!-- include: ../../shared/_includes/tail.md -->\n",
	"content/shared/_includes/tail.md": "- [ ] Tail step\n",
}

// TestIncludedItemsBelongToEachPage: a partial's checklist items take ids of each page that
// includes it, stay the same when the page's own text around them changes, and point at the
// include's line.
func TestIncludedItemsBelongToEachPage(t *testing.T) {
	dir := sitetest.Write(t, t.TempDir(), includeSite)
	build := func() map[string][]string {
		res, err := Build(Config{Source: dir, Writer: output.NewMemory()})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Diagnostics) > 0 {
			t.Fatalf("diagnostics: %v", res.Diagnostics)
		}
		ids := map[string][]string{}
		for _, p := range res.Site.Pages {
			for _, it := range p.Items {
				ids[p.File] = append(ids[p.File], fmt.Sprintf("%s@%d", it.ID, it.Line))
			}
		}
		return ids
	}
	got := build()
	want := map[string]string{
		"a/one.md": "[a/one/shared-step@6 a/one/tail-step@6]",
		"a/two.md": "[a/two/own-item@4 a/two/shared-step@6 a/two/tail-step@6]",
	}
	for f, w := range want {
		if g := fmt.Sprint(got[f]); g != w {
			t.Errorf("%s: items %s, want %s", f, g, w)
		}
	}
	if len(got) != 2 {
		t.Errorf("pages with items: %v (a partial must not be a page)", got)
	}
	sitetest.Write(t, dir, map[string]string{"content/a/one.md": "---\ntitle: One\n---\nOne, with a longer intro.\n\nAnd a paragraph.\n\n<!-- include: _partials/steps.md -->\n"})
	if g := fmt.Sprint(build()["a/one.md"]); g != "[a/one/shared-step@8 a/one/tail-step@8]" {
		t.Errorf("after editing the page's own text: %s", g)
	}
}

// TestIncludeBombBuilds: a page including a file that includes the next ten times, nine deep,
// builds in bounded time and size with one diagnostic; the rest of the site is built.
func TestIncludeBombBuilds(t *testing.T) {
	files := map[string]string{
		"content/_index.md":       "---\ntitle: Home\n---\nHello.\n",
		"content/bomb.md":         "---\ntitle: Bomb\n---\n<!-- include: _partials/b0.md -->\n",
		"content/_partials/b7.md": strings.Repeat("lol lol lol lol lol lol lol lol\n", 100),
	}
	for i := range 7 {
		files[fmt.Sprintf("content/_partials/b%d.md", i)] = strings.Repeat(fmt.Sprintf("<!-- include: b%d.md -->\n", i+1), 10)
	}
	dir := sitetest.Write(t, t.TempDir(), files)
	mem := output.NewMemory()
	start := time.Now()
	res, err := Build(Config{Source: dir, Writer: mem})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("build took %v", d)
	}
	if len(res.Diagnostics) != 1 || !strings.Contains(res.Diagnostics[0].Msg, "more than 200 includes") {
		t.Errorf("diagnostics %v, want one about the include cap", res.Diagnostics)
	}
	page, _ := mem.File("bomb/index.html")
	if len(page) > 4<<20 || !strings.Contains(string(page), "Not included") {
		t.Errorf("bomb page: %d bytes, notice shown: %t", len(page), strings.Contains(string(page), "Not included"))
	}
	if _, ok := mem.File("index.html"); !ok {
		t.Error("the rest of the site was not built")
	}
}

// TestSessionRendersIncludersAgain: editing an included file renders again exactly the pages
// that include it, directly or through another include, and the result is a full build's.
func TestSessionRendersIncludersAgain(t *testing.T) {
	dir := sitetest.Write(t, t.TempDir(), includeSite)
	s := NewSession(Config{Source: dir})
	if _, err := s.Build(output.NewMemory(), nil); err != nil {
		t.Fatal(err)
	}
	// Reads and templated pages are left out: two pages may both read a file the cache just
	// dropped, and a new item changes what listings show of the pages.
	for _, st := range []struct {
		name, file, text string
		rendered         int
	}{
		{"partial edited", "content/a/_partials/steps.md", "- [ ] Shared step, reworded\n\n<!-- include: ../../shared/_includes/tail.md -->\n", 2},
		{"nested partial edited", "content/shared/_includes/tail.md", "- [ ] Tail step\n- [ ] Another\n", 2},
		{"page including a missing file", "content/a/later.md", "---\ntitle: Later\n---\n<!-- include: _partials/later.md -->\n", 5}, // a new page: every link may resolve differently
		{"the missing file appears", "content/a/_partials/later.md", "Now here.\n", 1},
		{"an unrelated page edited", "content/a/plain.md", "---\ntitle: Plain\n---\nStill no includes.\n", 1},
	} {
		sitetest.Write(t, dir, map[string]string{st.file: st.text})
		inc := output.NewMemory()
		if _, err := s.Build(inc, []string{filepath.Join(dir, st.file)}); err != nil {
			t.Fatal(err)
		}
		if got := s.Stats().Rendered; got != st.rendered {
			t.Errorf("%s: rendered %d pages, want %d", st.name, got, st.rendered)
		}
		full := output.NewMemory()
		if _, err := Build(Config{Source: dir, Writer: full}); err != nil {
			t.Fatal(err)
		}
		sameOutput(t, st.name, inc, full)
	}
}
