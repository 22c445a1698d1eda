package generator

import (
	"bytes"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"

	"github.com/cmplay/cmplay/generator/internal/checklist"
	"github.com/cmplay/cmplay/generator/internal/load"
	"github.com/cmplay/cmplay/generator/internal/markdown"
	"github.com/cmplay/cmplay/generator/internal/pages"
	"github.com/cmplay/cmplay/generator/internal/site"
	"github.com/cmplay/cmplay/playbooks"
)

// scriptInTag finds an event handler or a style attribute inside a tag, and a script element or
// a javascript: URL in an attribute: none may come out of content with unsafe_html off.
// Quoted attribute values are skipped: an aria-label may say "on=" as text.
var scriptInTag = regexp.MustCompile(`(?i)<[a-z](?:[^>"']|"[^"]*"|'[^']*')*?\s(on[a-z]+|style)\s*=|<script|(href|src)="\s*(javascript|vbscript|data):`)

// FuzzPipeline runs one page through the real parse and render stages — front matter split and
// decode, URL, site assembly, Markdown with the checklist extension and link rewriting — the way
// Build does. It must not panic; every diagnostic names the file and a line of it; the HTML is
// valid UTF-8 and carries no script; headings keep only allowed attributes. The seeds in
// testdata/fuzz/FuzzPipeline are the hostile inputs of issue 11.
func FuzzPipeline(f *testing.F) {
	for _, seed := range []string{
		"---\ntitle: T\naliases: [/search/]\n---\n# T\n\n- [ ] a\n- [x] b {#b}\n\n[x](other.md) [y](javascript:alert(1))\n",
		"## Update {.page-history data-history=\"[]\" data-history-url=\"javascript:alert(2)\" style=\"color:red\" onclick=\"x\"}\n",
		"## X {id=5}\n\nS {id=[1]}\n===\n",
		"+++\n" + strings.Repeat("a.", 40) + "b = 1\n+++\nBody\n",
		"---\nkind: rol\nkind: guideline\n---\n",
		strings.Repeat("- ", 200) + "deep\n",
		strings.Repeat("> ", 200) + "deep\n",
		"社区经理手册" + strings.Repeat("社区", 150) + "\n",
		"\x00\x00\x00",
		"```js {onclick=x hl_lines=[1]}\nx\n```\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n",
		"<a href=\"jav&#x61;script:alert(1)\">x</a> <svg onload=alert(1)>\n\n<div markdown=\"1\" onclick=x>\n<img src=x onerror=alert(1)>\n</div>\n",
		"<div title=\"\n\n\" onmouseover=alert(1) x=\"\n<aside markdown=1>\n<aside markdown=1>\n\n</aside>\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 1<<16 {
			return
		}
		// The load stage hands later stages valid UTF-8 only (it reports and replaces bad bytes).
		src = strings.ToValidUTF8(src, "\uFFFD")
		ps, diags := pages.Parse([]load.Source{{File: "p.md", Data: []byte(src)}, {File: "other.md", Data: []byte("x")}}, true)
		s := site.New(ps, nil)
		diags = append(diags, s.Assemble()...)
		lines := bytes.Count([]byte(src), []byte("\n")) + 1
		for _, p := range s.Pages {
			if p.File != "p.md" {
				continue
			}
			mdr := markdown.New(markdown.Options{Resolver: s, Extensions: []goldmark.Extender{checklist.New()}, ReservedIDs: []string{"main"}})
			diags = append(diags, mdr.Render(p)...)
			if !utf8.ValidString(p.HTML) || !utf8.ValidString(p.Summary) {
				t.Fatalf("invalid UTF-8 in HTML or summary")
			}
			if m := scriptInTag.FindString(p.HTML); m != "" {
				t.Fatalf("script in output: %q\n%s", m, p.HTML)
			}
			if strings.Contains(p.HTML, `id="main"`) {
				t.Fatalf("a heading took the theme's id main:\n%s", p.HTML)
			}
		}
		for _, d := range diags {
			if d.File == "" || d.Msg == "" || d.Line < 0 || d.Line > lines+1 {
				t.Fatalf("diagnostic without a place in the file (%d lines): %+v", lines, d)
			}
			if strings.ContainsAny(d.String(), "\n\r") {
				t.Fatalf("diagnostic spans lines: %q", d.String())
			}
		}
	})
}

// FuzzAliasURL: every alias the normaliser accepts is a folder path below the site root whose
// file stays inside the output folder, the redirect written there leads back to the page, and
// the reservation check never panics on it.
func FuzzAliasURL(f *testing.F) {
	for _, seed := range []string{"/search/", "/progress/", "/favicon.svg", "old", "../../etc/passwd", "/a/../../b", "//evil.example",
		"javascript:alert(1)", "a\n::error::x", "/", "", ".", "..", "/tags/x/", "a?b#c", "%2e%2e/x", "/assets/x", "\\\\x"} {
		f.Add(seed, "roles/lead")
	}
	res := newReservation([]Generated{{URL: "/search/", Tree: true}, {URL: "/search/", Page: "search"}, {URL: "/favicon.svg"}, {URL: "/progress/", Page: "progress"}})
	f.Fuzz(func(t *testing.T, alias, page string) {
		u, err := pages.AliasURL(alias)
		if err != nil {
			return
		}
		if !strings.HasPrefix(u, "/") || !strings.HasSuffix(u, "/") || u == "/" || strings.Contains(u, "//") || path.Clean(u)+"/" != u {
			t.Fatalf("AliasURL(%q) = %q: not a clean folder path", alias, u)
		}
		if f := pageFile(u); !filepath.IsLocal(filepath.FromSlash(f)) {
			t.Fatalf("AliasURL(%q) = %q is written to %q, outside the output folder", alias, u, f)
		}
		if strings.ContainsFunc(u, func(r rune) bool { return r < ' ' }) {
			t.Fatalf("AliasURL(%q) = %q keeps a control character", alias, u)
		}
		res.taken(u)
		target := pages.URL(page + ".md") // a page's URL, as the parse stage makes it
		rel := playbooks.RelURL(u, target, false)
		base, _ := url.Parse("http://h" + (&url.URL{Path: u}).EscapedPath())
		ref, err := url.Parse(rel)
		if err != nil {
			return // RelURL does not escape; a name with % is not a valid reference to parse back
		}
		if got := base.ResolveReference(ref).Path; got != target {
			t.Fatalf("redirect at %s to %s is %q, which leads to %s", u, target, rel, got)
		}
	})
}
