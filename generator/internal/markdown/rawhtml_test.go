package markdown

import (
	"io"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/cmplay/cmplay/playbooks"
)

// harmless reports, by reading the output as a browser's tokenizer does, what in it could run
// script: an element that runs or embeds something, an event handler, a style or class, or a
// URL attribute with a scheme that is not a link's.
func harmless(out string) []string {
	var bad []string
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				bad = append(bad, z.Err().Error())
			}
			return bad
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "script", "style", "iframe", "object", "embed", "svg", "math", "form", "input", "button", "meta", "base", "link", "noscript", "textarea":
			bad = append(bad, "<"+tok.Data+">")
		}
		for _, a := range tok.Attr {
			v := strings.ToLower(strings.Map(func(r rune) rune {
				if r <= ' ' {
					return -1
				}
				return r
			}, a.Val))
			switch {
			case strings.HasPrefix(a.Key, "on"), a.Key == "style", a.Key == "class", strings.HasPrefix(a.Key, "data-"):
				bad = append(bad, a.Key)
			case (a.Key == "href" || a.Key == "src" || a.Key == "cite" || a.Key == "action") &&
				(strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:")):
				bad = append(bad, a.Key+"="+a.Val)
			}
		}
	}
}

// hostileHTML are raw HTML attacks on a reader's browser: each must come out harmless in the
// default (sanitising) mode. want lists what must not appear in the output, in lower case.
var hostileHTML = []struct {
	name, body string
	absent     []string
}{
	{"script block", "<script>alert(1)</script>\n", []string{"<script", "alert"}},
	{"inline script", "Text <script>alert(1)</script> more\n", []string{"<script"}},
	{"img onerror", `<img src=x onerror="alert(1)">` + "\n", []string{"onerror", "alert"}},
	{"inline onclick", "Text <b onclick=alert(1)>bold</b>\n", []string{"onclick"}},
	{"javascript href", `<a href="javascript:alert(1)">x</a>` + "\n", []string{"javascript", "alert"}},
	{"encoded javascript", `<a href="jav&#x61;script:alert(1)">x</a>` + "\n", []string{"script:", "alert", "&#x61;"}},
	{"tab in scheme", "<a href=\"java\tscript:alert(1)\">x</a>\n", []string{"script:", "alert"}},
	{"inline encoded href", `Go <a href="&#106;avascript:alert(1)">here</a>` + "\n", []string{"avascript", "alert"}},
	{"svg onload", `<svg onload=alert(1)><circle r="4"/></svg>` + "\n", []string{"<svg", "onload", "alert"}},
	{"style expression", `<div style="width: expression(alert(1)); background:url(javascript:alert(2))">x</div>` + "\n", []string{"style", "expression", "alert"}},
	{"style element", "<style>body{display:none}</style>\n", []string{"<style", "display"}},
	{"iframe", `<iframe src="https://evil.example/"></iframe>` + "\n", []string{"<iframe", "evil"}},
	{"object", `<object data="x.swf"></object><embed src="x.swf">` + "\n", []string{"<object", "<embed", "swf"}},
	{"form", `<form action="https://evil.example/"><input name=q><button>Go</button></form>` + "\n", []string{"<form", "<input", "<button", "evil"}},
	{"meta refresh", `<meta http-equiv="refresh" content="0;url=https://evil.example/">` + "\n", []string{"<meta", "evil"}},
	{"base", `<base href="https://evil.example/">` + "\n", []string{"<base", "evil"}},
	{"data image", `<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">` + "\n", []string{"data:"}},
	{"math xlink", `<math><maction xlink:href="javascript:alert(1)">x</maction></math>` + "\n", []string{"<math", "xlink", "alert"}},
	{"theme class", `<div class="page-history" data-history-url="javascript:alert(1)">x</div>` + "\n", []string{"class=", "data-history", "alert"}},
	{"theme id", `<div id="search-q">x</div>` + "\n", []string{`id="search-q"`}},
	{"dom clobbering", `<a id="cmplayChecklists" name="cmplayChecklists"></a><img id="__cmplayNow" src="x.png">` + "\n", []string{`id="cmplaychecklists"`, `id="__cmplaynow"`}},
	{"split tag", "<div title=\"\n\n\" onmouseover=alert(1) x=\"\n", []string{"<div title"}},
	{"markdown attribute", "<div markdown=\"1\" onclick=\"alert(1)\">\n*hi* <img src=x onerror=alert(2)>\n</div>\n", []string{"onclick", "onerror", "alert"}},
	{"nested markdown script", "<aside markdown=\"1\">\n<script>alert(1)</script>\n\n[x](javascript:alert(2))\n</aside>\n", []string{"<script", "javascript"}},
	{"comment", "<!-- <script>alert(1)</script> -->\n", []string{"<script", "alert"}},
	{"noscript", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>\n", []string{"<noscript", "<img"}},
}

func TestHostileHTMLIsSanitised(t *testing.T) {
	for _, tt := range hostileHTML {
		t.Run(tt.name, func(t *testing.T) {
			p, _ := render(t, "a.md", tt.body, Options{ReservedIDs: []string{"search-q"}})
			if bad := harmless(p.HTML); len(bad) > 0 {
				t.Errorf("output holds %q:\n%s", bad, p.HTML)
			}
			got := strings.ToLower(p.HTML)
			for _, bad := range tt.absent {
				if strings.Contains(got, bad) {
					t.Errorf("output holds %q:\n%s", bad, p.HTML)
				}
			}
		})
	}
}

// TestSafeHTMLIsKept: what GitHub shows from a README's raw HTML, the site shows too.
func TestSafeHTMLIsKept(t *testing.T) {
	body := `<aside>A pull quote.</aside>

<details>
<summary>More</summary>

Hidden **Markdown**.

</details>

<table><tr><th scope="col">A</th></tr><tr><td colspan="2" align="center">1</td></tr></table>

Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, note<sup>1</sup>, <a name="old-anchor"></a><a href="https://example.org/" title="t">site</a>.

<p align="center"><img src="logo.png" alt="Logo" width="120"></p>

<div markdown="1">
A *Markdown* list:

- [one](https://example.org/)
</div>
`
	p, _ := render(t, "a.md", body, Options{})
	for _, want := range []string{
		"<aside>A pull quote.</aside>", "<details>", "<summary>More</summary>", "<strong>Markdown</strong>", "</details>",
		`<th scope="col">A</th>`, `<td colspan="2" align="center">1</td>`,
		"<kbd>Ctrl</kbd>", "<sup>1</sup>", `<a name="old-anchor"></a>`, `<a href="https://example.org/" title="t">site</a>`,
		`<p align="center"><img src="logo.png" alt="Logo" width="120"></p>`,
		"<div>\n<p>A <em>Markdown</em> list:</p>", `<li><a href="https://example.org/">one</a></li>`, "</ul>\n</div>",
	} {
		if !strings.Contains(p.HTML, want) {
			t.Errorf("output lacks %s:\n%s", want, p.HTML)
		}
	}
}

func TestUnsafeHTMLIsWrittenAsIs(t *testing.T) {
	body := "<script>alert(1)</script>\n\n<div markdown=\"1\" class=\"x\">\n*md*\n</div>\n"
	p, _ := render(t, "a.md", body, Options{Unsafe: true})
	for _, want := range []string{"<script>alert(1)</script>", `<div class="x">`, "<em>md</em>"} {
		if !strings.Contains(p.HTML, want) {
			t.Errorf("unsafe_html output lacks %s:\n%s", want, p.HTML)
		}
	}
}

// BenchmarkRawHTML renders a page in the shape of opensource.guide's (pull quotes, images,
// details blocks and inline tags among Markdown) with raw HTML sanitised (the default) and
// written as is (unsafe_html), the cost of rendering with no sanitising at all.
func BenchmarkRawHTML(b *testing.B) {
	var sb strings.Builder
	for range 20 {
		sb.WriteString("## Finding users\n\nSome paragraph with a [link](../roles/internal.md), **bold** text and <kbd>Ctrl</kbd>.\n\n" +
			"<aside markdown=\"1\" class=\"pquote\">\n<img src=\"https://avatars.example/u/1\" class=\"pquote-avatar\" alt=\"avatar\">\nOpen source is **for everyone**. — <a href=\"https://example.org/\">@someone</a>\n</aside>\n\n" +
			"<details>\n<summary>Checklist</summary>\n\n- [ ] a task item\n\n</details>\n\n<p align=\"center\"><img src=\"logo.png\" width=\"120\"></p>\n\n")
	}
	body := []byte(sb.String())
	for _, mode := range []struct {
		name   string
		unsafe bool
	}{{"sanitised", false}, {"unsafe", true}} {
		b.Run(mode.name, func(b *testing.B) {
			r := New(Options{Resolver: site, Unsafe: mode.unsafe})
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				r.Render(&playbooks.Page{File: "roles/lead.md", URL: "/roles/lead/", Body: body})
			}
		})
	}
}

// TestRawHTMLLinksAreRewritten: addresses in raw HTML are rewritten and checked as Markdown
// links are (a page's URL is one folder deeper than its file), in both modes, with the line and
// column of a broken one, inside a list too.
func TestRawHTMLLinksAreRewritten(t *testing.T) {
	body := "<p align=\"center\"><img src=\"img/a.png\" alt=\"logo\"></p>\n\nSee <a href=\"internal.md#duties\">duties</a> and <a href='https://example.org/'>out</a>.\n\n- item\n\n  <img src=img/gone.png>\n"
	for _, unsafe := range []bool{false, true} {
		p, diags := render(t, "roles/lead.md", body, Options{Unsafe: unsafe})
		for _, want := range []string{`<img src="../img/a.png" alt="logo">`, `<a href="../internal/#duties">duties</a>`, `href='https://example.org/'`} {
			if !unsafe {
				want = strings.ReplaceAll(want, "'", `"`)
			}
			if !strings.Contains(p.HTML, want) {
				t.Errorf("unsafe=%v: output lacks %s:\n%s", unsafe, want, p.HTML)
			}
		}
		if len(diags) != 1 || diags[0].Rule != "missing-image" || diags[0].Line != 7 || diags[0].Col != 12 {
			t.Errorf("unsafe=%v: diagnostics %v, want one missing-image at 7:12", unsafe, diags)
		}
		if len(p.Links) != 4 {
			t.Errorf("unsafe=%v: %d links recorded, want 4", unsafe, len(p.Links))
		}
	}
}

// TestRawHTMLTextIsSearchable: the text of raw HTML blocks is part of the page's text (search),
// without scripts and comments.
func TestRawHTMLTextIsSearchable(t *testing.T) {
	p, _ := render(t, "a.md", "Intro.\n\n<aside class=\"pquote\">Open source is <b>for everyone</b>.</aside>\n\n<script>secretvariable()</script>\n\n<!-- hidden remark -->\n", Options{})
	if !strings.Contains(p.Text, "Open source is for everyone.") || strings.Contains(p.Text, "secretvariable") || strings.Contains(p.Text, "hidden remark") {
		t.Errorf("page text %q", p.Text)
	}
}
