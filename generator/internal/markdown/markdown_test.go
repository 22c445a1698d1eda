package markdown

import (
	"strings"
	"testing"

	"github.com/cmplay/cmplay/playbooks"
)

// fakeSite is a tiny in-memory site: the resolver is an interface the stage defines, and a map is
// the real thing here, not a mock of something heavier.
type fakeSite map[string]string

func (s fakeSite) PageURL(file string) (string, bool) {
	u, ok := s[strings.TrimSuffix(file, "/")]
	return u, ok
}
func (s fakeSite) Static(file string) bool { _, ok := s["static:"+file]; return ok }

var site = fakeSite{
	"roles/internal.md":        "/roles/internal/",
	"roles":                    "/roles/",
	"guidelines/escalation.md": "/guidelines/escalation/",
	"static:roles/img/a.png":   "",
	"static:files/plan.pdf":    "",
}

func render(t *testing.T, file, body string, opt Options) (*playbooks.Page, playbooks.Diagnostics) {
	t.Helper()
	if opt.Resolver == nil {
		opt.Resolver = site
	}
	p := &playbooks.Page{File: file, URL: "/" + strings.TrimSuffix(file, ".md") + "/", Body: []byte(body), FrontMatter: playbooks.FrontMatter{Title: "Title"}}
	return p, New(opt).Render(p)
}

func TestLinkRewriting(t *testing.T) {
	tests := []struct {
		link, want, rule string
	}{
		{"internal.md", "../internal/", ""},
		{"internal.md#duties", "../internal/#duties", ""},
		{"../guidelines/escalation.md", "../../guidelines/escalation/", ""},
		{"/guidelines/escalation.md", "../../guidelines/escalation/", ""},
		{"./", "../", ""},
		{"img/a.png", "../img/a.png", ""},
		{"../files/plan.pdf", "../../files/plan.pdf", ""},
		{"#local", "#local", ""},
		{"https://example.org/x.md", "https://example.org/x.md", ""},
		{"mailto:team@example.org", "mailto:team@example.org", ""},
		{"missing.md", "missing.md", "broken-link"},
		{"nope.pdf", "nope.pdf", "missing-file"},
		{"../../../etc/passwd", "../../../etc/passwd", "link-escapes-site"},
	}
	for _, tt := range tests {
		p, diags := render(t, "roles/lead.md", "Intro line\n\nSee [x]("+tt.link+").\n", Options{})
		want := `href="` + tt.want + `"`
		if !strings.Contains(p.HTML, want) {
			t.Errorf("link %q: HTML %q lacks %s", tt.link, p.HTML, want)
		}
		var rules []string
		for _, d := range diags {
			rules = append(rules, d.Rule)
			if d.Line != 3 || d.Col != 6 {
				t.Errorf("link %q: diagnostic at %d:%d, want 3:6", tt.link, d.Line, d.Col)
			}
		}
		if strings.Join(rules, ",") != tt.rule {
			t.Errorf("link %q: rules %v, want %q", tt.link, rules, tt.rule)
		}
	}
}

func TestImages(t *testing.T) {
	p, diags := render(t, "roles/lead.md", "![chart](img/a.png)\n\n![gone](img/none.png)\n", Options{})
	if !strings.Contains(p.HTML, `src="../img/a.png"`) {
		t.Errorf("image not rewritten: %s", p.HTML)
	}
	if len(diags) != 1 || diags[0].Rule != "missing-image" || diags[0].Line != 3 {
		t.Errorf("diagnostics = %v, want one missing-image on line 3", diags)
	}
}

func TestFileURLs(t *testing.T) {
	p, _ := render(t, "roles/lead.md", "[i](internal.md) [r](./)\n", Options{FileURLs: true})
	for _, want := range []string{`href="../internal/index.html"`, `href="../index.html"`} {
		if !strings.Contains(p.HTML, want) {
			t.Errorf("HTML lacks %s: %s", want, p.HTML)
		}
	}
}

func TestHeadingAnchors(t *testing.T) {
	p, _ := render(t, "a.md", "## Über uns\n\n## FAQ\n\n## FAQ\n\n## Who you work with?\n\n## Day 1 {due=\"day 1\"}\n\n## 日本語の見出し\n", Options{})
	var ids []string
	for _, h := range p.Headings {
		ids = append(ids, h.ID)
	}
	want := "über-uns,faq,faq-1,who-you-work-with,day-1,日本語の見出し"
	if strings.Join(ids, ",") != want {
		t.Errorf("anchors = %v, want %s", ids, want)
	}
	if p.Headings[4].Due != "day 1" || !strings.Contains(p.HTML, `data-due="day 1"`) || strings.Contains(p.HTML, ` due=`) {
		t.Errorf("due attribute not carried as data-due: %+v %s", p.Headings[4], p.HTML)
	}
	if p.Headings[1].Line != 3 {
		t.Errorf("heading line = %d, want 3", p.Headings[1].Line)
	}
}

func TestAnchor(t *testing.T) {
	for in, want := range map[string]string{"Who you work with": "who-you-work-with", "C++ & Go!": "c--go", "  --x--  ": "----x----", "Ärger – und Wut": "ärger--und-wut"} {
		if got := Anchor(in); got != want {
			t.Errorf("Anchor(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRawHTMLIsSafeByDefault(t *testing.T) {
	body := "<script>alert(1)</script>\n\nText <b onclick=x>bold</b>\n"
	p, _ := render(t, "a.md", body, Options{})
	if strings.Contains(p.HTML, "<script>") || strings.Contains(p.HTML, "onclick") {
		t.Errorf("raw HTML rendered without unsafe_html: %s", p.HTML)
	}
	p, _ = render(t, "a.md", body, Options{Unsafe: true})
	if !strings.Contains(p.HTML, "<script>") {
		t.Errorf("raw HTML dropped with unsafe_html: %s", p.HTML)
	}
}

func TestGFMAndExtras(t *testing.T) {
	body := "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n~~old~~ https://example.org\n\nNote[^1]\n\n[^1]: A footnote.\n\n\"Quoted\" -- dash\n\n```go\nfunc main() {}\n```\n"
	p, _ := render(t, "a.md", body, Options{})
	for _, want := range []string{"<table>", `align="right"`, "<del>old</del>", `<a href="https://example.org">`, `class="footnotes"`, "&ldquo;Quoted&rdquo;", `class="chroma"`, `<span class="kd">func</span>`} {
		if !strings.Contains(p.HTML, want) {
			t.Errorf("HTML lacks %s:\n%s", want, p.HTML)
		}
	}
	if strings.Contains(p.HTML, "style=") {
		t.Errorf("inline style in output breaks a strict CSP:\n%s", p.HTML)
	}
}

func TestLeadingTitleHeadingDropped(t *testing.T) {
	p, _ := render(t, "a.md", "# Title\n\nBody\n", Options{})
	if strings.Contains(p.HTML, "<h1") {
		t.Errorf("leading # Title repeated in body: %s", p.HTML)
	}
	p, _ = render(t, "a.md", "# Something else\n\nBody\n", Options{})
	if !strings.Contains(p.HTML, "<h1") {
		t.Errorf("a different leading heading was dropped: %s", p.HTML)
	}
}

func TestSummaryAndText(t *testing.T) {
	p, _ := render(t, "a.md", "First **bold** paragraph.\n\n```\ncode not in text\n```\n", Options{})
	if p.Summary != "First bold paragraph." || strings.Contains(p.Text, "code not") {
		t.Errorf("summary %q text %q", p.Summary, p.Text)
	}
}

func TestTextHasCharactersNotEntities(t *testing.T) {
	p, _ := render(t, "a.md", "## \"Escalate\" -- fast\n\nThe \"human\" voice -- always.\n", Options{})
	if strings.Contains(p.Text, "&") || !strings.Contains(p.Text, "“human”") || p.Headings[0].Text != "“Escalate” – fast" {
		t.Errorf("text %q, heading %q: want typographic characters, not entities", p.Text, p.Headings[0].Text)
	}
}

// TestManyLinksLinear: diagnostics for thousands of links on one page must not rescan the page
// for each one (it did, and a page of 1,000 links took 80 ms).
func TestManyLinksLinear(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 5000; i++ {
		b.WriteString("A [missing](nope.md) link on a line of its own.\n\n")
	}
	p, diags := render(t, "a.md", b.String(), Options{})
	if len(diags) != 5000 || diags[4999].Line != 9999 || len(p.Links) != 5000 {
		t.Fatalf("%d diagnostics, last at line %d", len(diags), diags[len(diags)-1].Line)
	}
}

func BenchmarkRender(b *testing.B) {
	var sb strings.Builder
	for i := 0; i < 20; i++ {
		sb.WriteString("## Section about escalation\n\nSome paragraph with a [link](../roles/internal.md) and **bold** text, `code` and more words to render.\n\n- [ ] a task item\n- [x] another one\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n")
	}
	body := []byte(sb.String())
	r := New(Options{Resolver: site})
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		p := &playbooks.Page{File: "roles/lead.md", URL: "/roles/lead/", Body: body}
		r.Render(p)
	}
}
