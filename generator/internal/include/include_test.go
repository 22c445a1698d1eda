package include

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func files(m map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for k, v := range m {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return fsys
}

func TestExpand(t *testing.T) {
	fsys := files(map[string]string{
		"guide/_partials/steps.md": "---\ntitle: Steps\n---\n- [ ] Thank them\n- [ ] Open a ticket\n",
		"guide/_partials/outer.md": "Before.\n<!-- include: steps.md -->\nAfter.\n",
		"shared/_includes/note.md": "Shared note.\n",
	})
	for _, tt := range []struct {
		name, body, want string
	}{
		{"none", "Plain text.\n", "Plain text.\n"},
		{"relative, front matter dropped", "Intro.\n<!-- include: _partials/steps.md -->\nEnd.\n",
			"Intro.\n- [ ] Thank them\n- [ ] Open a ticket\nEnd.\n"},
		{"from the content root, quoted", "<!-- include: \"/shared/_includes/note.md\" -->\n", "Shared note.\n"},
		{"nested, relative to the partial", "<!--include: _partials/outer.md-->\n",
			"Before.\n- [ ] Thank them\n- [ ] Open a ticket\nAfter.\n"},
		{"indented into a list item", "- Step\n\n  <!-- include: /shared/_includes/note.md -->\n", "- Step\n\n  Shared note.\n"},
		{"inside fenced code: text", "```md\n<!-- include: _partials/steps.md -->\n```\n", "```md\n<!-- include: _partials/steps.md -->\n```\n"},
		{"not alone on its line: text", "See <!-- include: _partials/steps.md --> here.\n", "See <!-- include: _partials/steps.md --> here.\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := Expand(fsys, "guide/page.md", []byte(tt.body), "")
			if string(r.Body) != tt.want {
				t.Errorf("body\n%q\nwant\n%q", r.Body, tt.want)
			}
			if len(r.Diags) > 0 {
				t.Errorf("diagnostics: %v", r.Diags)
			}
		})
	}
}

func TestOrigins(t *testing.T) {
	fsys := files(map[string]string{"p/a.md": "A1\n<!-- include: b.md -->\nA3\n", "p/b.md": "---\ntitle: B\n---\n\nB5\n"})
	r := Expand(fsys, "page.md", []byte("one\n<!-- include: p/a.md -->\nthree\n"), "")
	want := []Origin{{"page.md", 1, 0, 0}, {"p/a.md", 1, 2, 0}, {"p/b.md", 5, 2, 0}, {"p/a.md", 3, 2, 0}, {"page.md", 3, 0, 0}}
	if fmt.Sprint(r.Lines) != fmt.Sprint(want) {
		t.Errorf("origins %v, want %v", r.Lines, want)
	}
	if fmt.Sprint(r.Deps) != "[p/a.md p/b.md]" {
		t.Errorf("deps %v", r.Deps)
	}
}

func TestProblems(t *testing.T) {
	fsys := files(map[string]string{
		"a.md":         "A\n\n<!-- include: b.md -->\n",
		"b.md":         "B\n\n\n\n\n\n<!-- include: a.md -->\n",
		"self.md":      "<!-- include: self.md -->\n",
		"img.png":      "x",
		"deep/d0.md":   "<!-- include: d1.md -->\n",
		"outside.md":   "<!-- include: ../../etc/passwd.md -->\n",
		"other/ok.md":  "fine\n",
		"other/bad.md": "<!-- include: nothere.md -->\n",
	})
	for i := 1; i <= MaxDepth+1; i++ {
		fsys[fmt.Sprintf("deep/d%d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil, "<!-- include: d%d.md -->\n", i+1)}
	}
	for _, tt := range []struct {
		name, file, body string
		diag             string // the one diagnostic, as file:line: msg
	}{
		{"cycle", "a.md", "A\n\n<!-- include: b.md -->\n",
			`b.md:7: cannot include "a.md": include cycle: a.md:3 → b.md:7 → a.md (while building a.md, included at line 3)`},
		{"self", "self.md", "<!-- include: self.md -->\n", `self.md:1: cannot include "self.md": include cycle: self.md:1 → self.md`},
		{"missing", "page.md", "x\n<!-- include: gone.md -->\n", `page.md:2: cannot include "gone.md": no file gone.md in the content folder`},
		{"missing, nested", "page.md", "<!-- include: other/bad.md -->\n",
			`other/bad.md:1: cannot include "nothere.md": no file other/nothere.md in the content folder (while building page.md, included at line 1)`},
		{"outside", "page.md", "<!-- include: ../x.md -->\n", `page.md:1: cannot include "../x.md": the path leaves the content folder`},
		{"not markdown", "page.md", "<!-- include: img.png -->\n", `page.md:1: cannot include "img.png": only Markdown (.md) files can be included`},
		{"too deep", "page.md", "<!-- include: deep/d0.md -->\n",
			fmt.Sprintf(`deep/d%d.md:1: cannot include "d%d.md": includes nest deeper than %d levels (while building page.md, included at line 1)`, MaxDepth-1, MaxDepth, MaxDepth)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := Expand(fsys, tt.file, []byte(tt.body), "")
			if len(r.Diags) != 1 {
				t.Fatalf("diagnostics %v, want one", r.Diags)
			}
			d := r.Diags[0]
			if got := fmt.Sprintf("%s:%d: %s", d.File, d.Line, d.Msg); got != tt.diag {
				t.Errorf("diagnostic\n%s\nwant\n%s", got, tt.diag)
			}
			if !strings.Contains(string(r.Body), "> [!WARNING]\n> Not included:") {
				t.Errorf("no notice in the page:\n%s", r.Body)
			}
		})
	}
}

// bomb is n files each including the next ten times, the last holding text: 10^n copies of it.
func bomb(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	for i := range n {
		fsys[fmt.Sprintf("b%d.md", i)] = &fstest.MapFile{Data: []byte(strings.Repeat(fmt.Sprintf("<!-- include: b%d.md -->\n", i+1), 10))}
	}
	fsys[fmt.Sprintf("b%d.md", n)] = &fstest.MapFile{Data: []byte(strings.Repeat("lol ", 1000) + "\n")}
	return fsys
}

// TestBomb: six files each including the next ten times would expand to 10^6 copies; the caps
// stop it at once with one diagnostic and one notice. A bomb deeper than MaxDepth fans out its
// depth failures too: they are bounded by the same cap and reported once per directive.
func TestBomb(t *testing.T) {
	start := time.Now()
	r := Expand(bomb(6), "page.md", []byte("<!-- include: b0.md -->\n"), "")
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("expansion took %v", d)
	}
	if len(r.Body) > MaxBytes+64<<10 {
		t.Errorf("expanded to %d bytes, over the cap", len(r.Body))
	}
	if len(r.Diags) != 1 || !strings.Contains(r.Diags[0].Msg, fmt.Sprintf("more than %d includes", MaxIncludes)) {
		t.Fatalf("diagnostics %v, want one about the include cap", r.Diags)
	}
	if n := strings.Count(string(r.Body), "Not included"); n != 1 {
		t.Errorf("%d notices, want 1", n)
	}

	r = Expand(bomb(12), "page.md", []byte("<!-- include: b0.md -->\n"), "")
	if len(r.Diags) != 11 || strings.Count(string(r.Body), "Not included") > MaxIncludes+1 {
		t.Errorf("deep bomb: %d diagnostics (want 10 directives too deep and the cap), %d notices",
			len(r.Diags), strings.Count(string(r.Body), "Not included"))
	}

	// The size cap: few includes, each large.
	big := fstest.MapFS{"big.md": {Data: []byte(strings.Repeat("x", MaxBytes/3) + "\n")}}
	r = Expand(big, "page.md", []byte(strings.Repeat("<!-- include: big.md -->\n", 10)), "")
	if len(r.Body) > MaxBytes || len(r.Diags) != 1 || !strings.Contains(r.Diags[0].Msg, "past 2 MiB") {
		t.Errorf("size cap: %d bytes, diagnostics %v", len(r.Body), r.Diags)
	}
}

func FuzzExpand(f *testing.F) {
	f.Add("<!-- include: a.md -->\n```\n<!-- include: a.md -->\n")
	f.Fuzz(func(t *testing.T, body string) {
		fsys := files(map[string]string{"a.md": body, "b.md": "<!-- include: a.md -->\n" + body})
		r := Expand(fsys, "a.md", []byte(body), "")
		if r.Lines != nil && len(r.Lines) != strings.Count(string(r.Body), "\n") {
			t.Fatalf("%d origins for %d lines", len(r.Lines), strings.Count(string(r.Body), "\n"))
		}
	})
}

// TestMessagesNameTheContentFolder: file names inside messages carry the content folder, as the
// diagnostics' own file names do.
func TestMessagesNameTheContentFolder(t *testing.T) {
	fsys := files(map[string]string{"a.md": "<!-- include: b.md -->\n", "b.md": "<!-- include: a.md -->\n"})
	r := Expand(fsys, "a.md", []byte("<!-- include: b.md -->\n"), "content")
	want := `cannot include "a.md": include cycle: content/a.md:1 → content/b.md:1 → content/a.md (while building content/a.md, included at line 1)`
	if len(r.Diags) != 1 || r.Diags[0].Msg != want {
		t.Fatalf("diagnostics %v, want %s", r.Diags, want)
	}
	if !strings.Contains(string(r.Body), "(content/b.md:1)") {
		t.Errorf("the notice does not name content/b.md:1:\n%s", r.Body)
	}
}

func TestHasDirective(t *testing.T) {
	for body, want := range map[string]bool{
		"": false, "text\n": false, "<!-- include: a.md -->": true, "x\n  \t<!--include:a.md-->\n": true,
		"x <!-- include: a.md -->\n": false, "<!-- a comment -->\n<!-- include: b.md -->\n": true, "<!--": false,
		"<!-- includes: a.md -->\n": false,
	} {
		if got := hasDirective([]byte(body)); got != want {
			t.Errorf("hasDirective(%q) = %t, want %t", body, got, want)
		}
	}
}

// BenchmarkExpandNone is the cost a page without includes pays: one scan of its body.
func BenchmarkExpandNone(b *testing.B) {
	body := []byte(strings.Repeat("Some text of a page, with a <!-- comment --> or two.\n\n- [ ] an item\n", 100))
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Expand(nil, "page.md", body, "")
	}
}
