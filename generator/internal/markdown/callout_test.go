package markdown

import (
	"strings"
	"testing"
)

// TestCallouts renders GitHub alerts and MkDocs admonitions, and the Markdown that only looks
// like them.
func TestCallouts(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string // in order in the HTML
		not        []string
	}{
		{"alert", "> [!WARNING]\n> Never share a reporter's **name**.\n> Second line.\n\nAfter.\n",
			[]string{`<div class="callout callout-warning" role="note" aria-labelledby="callout-warning">`, `<p class="callout-title" id="callout-warning"><svg`, `</svg>Warning</p>`,
				"<p>Never share a reporter&rsquo;s <strong>name</strong>.\nSecond line.</p>", "</div>", "<p>After.</p>"},
			[]string{"[!WARNING]", "<blockquote>"}},
		{"alert lower case, lazy line", "> [!tip]\n> Ask first.\ncontinued\n", []string{`callout-tip`, `Tip</p>`, "Ask first.\ncontinued"}, nil},
		{"each kind", "> [!NOTE]\n> a\n\n> [!IMPORTANT]\n> b\n\n> [!CAUTION]\n> c\n",
			[]string{`callout-note`, `callout-important`, `callout-caution`}, nil},
		{"two of a kind get two ids", "> [!NOTE]\n> a\n\n> [!NOTE]\n> b\n",
			[]string{`id="callout-note"`, `id="callout-note-1"`}, nil},
		{"not a marker line", "> [!NOTE] with text\n> b\n", []string{"<blockquote>", "[!NOTE] with text"}, []string{"callout"}},
		{"unknown alert", "> [!DANGER]\n> b\n", []string{"<blockquote>"}, []string{"callout"}},
		{"admonition with title", "!!! tip \"Before the first call\"\n    Read the member's last **three** posts.\n\n    - one\n    - two\n\nAfter.\n",
			[]string{`callout-tip`, `</svg>Before the first call</p>`, "<strong>three</strong>", "<li>one</li>", "</div>", "<p>After.</p>"}, nil},
		{"admonition types map to kinds", "!!! danger\n    x\n\n!!! info \"\"\n    y\n",
			[]string{`callout-caution`, `Caution</p>`, `callout-note`, `Note</p>`}, nil},
		{"admonition ends at an unindented line", "!!! note\n    inside\n\noutside\n",
			[]string{"<p>inside</p>", "</div>", "<p>outside</p>"}, nil},
		{"title is escaped", "!!! warning \"<script>alert(1)</script>\"\n    x\n",
			[]string{"&lt;script&gt;alert(1)&lt;/script&gt;</p>"}, []string{"<script>"}},
		{"in a list item", "- item\n\n  > [!NOTE]\n  > nested\n", []string{"<li>", "callout-note", "nested"}, nil},
	}
	for _, tt := range tests {
		p, diags := render(t, "guide.md", tt.body, Options{})
		if len(diags) > 0 {
			t.Errorf("%s: diagnostics %v", tt.name, diags)
		}
		rest := p.HTML
		for _, w := range tt.want {
			i := strings.Index(rest, w)
			if i < 0 {
				t.Errorf("%s: %q missing or out of order in\n%s", tt.name, w, p.HTML)
				break
			}
			rest = rest[i+len(w):]
		}
		for _, n := range tt.not {
			if strings.Contains(p.HTML, n) {
				t.Errorf("%s: unexpected %q in\n%s", tt.name, n, p.HTML)
			}
		}
	}
}

// TestAdmonitionUnknownType reports an unknown MkDocs type at its line, with a suggestion, and
// still renders the content.
func TestAdmonitionUnknownType(t *testing.T) {
	p, diags := render(t, "guide.md", "Intro.\n\n!!! warnng\n    Careful.\n", Options{})
	if len(diags) != 1 || diags[0].Line != 3 || !strings.Contains(diags[0].Msg, `did you mean "warning"`) {
		t.Fatalf("diagnostics %v", diags)
	}
	if !strings.Contains(p.HTML, "callout-note") || !strings.Contains(p.HTML, "Careful.") {
		t.Errorf("HTML %s", p.HTML)
	}
}

// TestHeadingPermalinks: every heading with an id ends in a link to itself named after it.
func TestHeadingPermalinks(t *testing.T) {
	p, _ := render(t, "guide.md", "## Escalation `paths` & *more*\n\nText.\n\n### Second {#custom}\n", Options{})
	for _, want := range []string{
		`<h2 id="escalation-paths--more">Escalation <code>paths</code> &amp; <em>more</em> <a class="heading-anchor" href="#escalation-paths--more" aria-label="Link to section: Escalation paths &amp; more">#</a></h2>`,
		`<h3 id="custom">Second <a class="heading-anchor" href="#custom" aria-label="Link to section: Second">#</a></h3>`,
	} {
		if !strings.Contains(p.HTML, want) {
			t.Errorf("missing %s in\n%s", want, p.HTML)
		}
	}
}
