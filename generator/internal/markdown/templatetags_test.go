package markdown

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

func TestTemplateTagsAreReportedOncePerPage(t *testing.T) {
	tests := []struct {
		name, body string
		line       int    // of the one template-tag warning, 0 for none
		first      string // the tag it names
	}{
		{"liquid include", "Intro.\n\n{% include footer.html %}\n\nAnd {{ site.title }} and {{ page.url }}.\n", 3, "3 template tags shown as written (first: {% include footer.html %})"},
		{"whitespace control", "Text {%- if x -%} y {%- endif -%}\n", 1, "2 template tags shown as written (first: {%- if x -%})"},
		{"hugo shortcode", "# T\n\n{{< figure src=\"a.png\" >}}\n", 3, "a template tag shown as written (first: {{< figure src=\"a.png\" >}})"},
		{"hugo markdown shortcode", "{{% notice info %}}\nx\n{{% /notice %}}\n", 1, "2 template tags"},
		{"quoted by the typographer", "Use {% link \"a.md\" %} here.\n", 1, `first: {% link "a.md" %}`},
		{"in a link", "[home]({{ site.baseurl }}/)\n", 1, "{{ site.baseurl }}"},
		{"in raw HTML", "<img src=\"{{ site.baseurl }}/a.png\">\n", 1, "{{ site.baseurl }}"},
		{"in a code span", "Write `{{ site.title }}` or `{% raw %}`.\n", 0, ""},
		{"in a code block", "```liquid\n{% for p in site.pages %}{{ p.title }}{% endfor %}\n```\n\n    {{ indented }}\n", 0, ""},
		{"not a tag", "Sets look like {a, b}; {{}} is empty and { % } is not a tag.\n", 0, ""},
		{"hint renders", "{% hint style=\"info\" %}\nRead this.\n{% endhint %}\n", 0, ""},
		{"hint renders, other tags do not", "{% hint style=\"danger\" %}\nSee {% include x.md %}.\n{% endhint %}\n", 2, "a template tag shown as written (first: {% include x.md %})"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := render(t, "a.md", tt.body, Options{})
			var got []string
			for _, d := range diags {
				if d.Rule == "template-tag" {
					got = append(got, d.Msg)
					if d.Line != tt.line {
						t.Errorf("reported at line %d, want %d", d.Line, tt.line)
					}
				}
			}
			if tt.line == 0 && len(got) > 0 {
				t.Errorf("reported %q", got)
			}
			if tt.line > 0 && (len(got) != 1 || !strings.Contains(got[0], tt.first)) {
				t.Errorf("reported %q, want one naming %s", got, tt.first)
			}
		})
	}
}

func TestGitBookHintsAreCallouts(t *testing.T) {
	body := "Before.\n\n{% hint style=\"info\" %}\nRead the **code of conduct**.\n\n- first\n{% endhint %}\n\n{% hint style='success' %}\nDone.\n{% endhint %}\n\n{% hint style=\"danger\" %}\nStop.\n{% endhint %}\n\n{% hint style=\"warning\" %}\nCareful.\n{% endhint %}\n\nAfter.\n"
	p, diags := render(t, "a.md", body, Options{})
	if len(diags) > 0 {
		t.Errorf("diagnostics %v", diags)
	}
	want := []string{`<p>Before.</p>`, `<div class="callout callout-note"`, `<strong>code of conduct</strong>`, `<li>first</li>`, "</div>",
		`callout-tip`, `<p>Done.</p>`, `callout-caution`, `<p>Stop.</p>`, `callout-warning`, `<p>Careful.</p>`, `<p>After.</p>`}
	at := 0
	for _, w := range want {
		i := strings.Index(p.HTML[at:], w)
		if i < 0 {
			t.Fatalf("%s missing (or out of order) in\n%s", w, p.HTML)
		}
		at += i
	}
	if strings.Contains(p.HTML, "{%") {
		t.Errorf("tags shown: %s", p.HTML)
	}
}

func TestUnknownHintStyleIsANote(t *testing.T) {
	p, diags := render(t, "a.md", "{% hint style=\"fancy\" %}\nx\n{% endhint %}\n", Options{})
	if !strings.Contains(p.HTML, "callout-note") || len(diags) != 1 || diags[0].Rule != "admonition" || diags[0].Line != 1 {
		t.Errorf("html %s, diagnostics %v", p.HTML, diags)
	}
}

// TestDeepContainersAreBounded: hints, admonitions and markdown="1" blocks nested far past
// MaxNesting build in time proportional to the page (goldmark's time grows with the square of
// the depth of open blocks).
func TestDeepContainersAreBounded(t *testing.T) {
	md := New(Options{Resolver: site})
	for name, open := range map[string]string{"hint": "{% hint style=\"info\" %}\n", "html": "<div markdown=\"1\">\n", "admonition": "!!! note\n"} {
		var body strings.Builder
		levels := 2000
		if name == "admonition" {
			levels = 300 // each level is indented four more spaces
		}
		for i := range levels {
			if name == "admonition" {
				body.WriteString(strings.Repeat("    ", i))
			}
			body.WriteString(open)
		}
		doc := md.md.Parser().Parse(text.NewReader([]byte(body.String() + "x\n")))
		deepest := 0
		var walk func(n ast.Node, depth int)
		walk = func(n ast.Node, depth int) {
			deepest = max(deepest, depth)
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				walk(c, depth+1)
			}
		}
		walk(doc, 0)
		if deepest > MaxNesting+2 {
			t.Errorf("%s: blocks nest %d deep, want at most %d", name, deepest, MaxNesting+2)
		}
	}
}
