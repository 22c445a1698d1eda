package markdown

import (
	"strings"
	"testing"
)

// titledSite is fakeSite with page titles, as site.Site has them.
type titledSite struct{ fakeSite }

func (s titledSite) PageTitle(file string) (string, bool) {
	t, ok := s.fakeSite["title:"+file]
	return t, ok
}

func TestGitBookBlocks(t *testing.T) {
	res := titledSite{fakeSite{"roles/internal.md": "/roles/internal/", "title:roles/internal.md": "Internal <community> manager",
		"static:roles/logo.svg": "", "static:roles/logo_1.svg": ""}}
	body := `Intro.

{% page-ref page="internal.md" %}

{% embed url="https://example.org/talk" %}

{% file src="logo.svg" caption="Logo & mark" %}
{% file src="logo\_1.svg" %}

{% tabs %}
{% tab title="Applicant" %}
An **applicant** opens an issue.
{% endtab %}

{% tab title="Reviewer" %}
- reviews
{% endtab %}
{% endtabs %}

{% page-ref page="gone.md" %}
`
	p, diags := render(t, "roles/lead.md", body, Options{Resolver: res})
	want := []string{
		`<p><a href="../internal/">Internal &lt;community&gt; manager</a></p>`,
		`<p><a href="https://example.org/talk">https://example.org/talk</a></p>`,
		`<p><a href="../logo.svg">Logo &amp; mark</a></p>`,
		`<p><a href="../logo_1.svg">logo_1.svg</a></p>`,
		"<details open>\n<summary>Applicant</summary>\n<p>An <strong>applicant</strong> opens an issue.</p>\n</details>",
		"<details open>\n<summary>Reviewer</summary>\n<ul>\n<li>reviews</li>\n</ul>\n</details>",
	}
	for _, w := range want {
		if !strings.Contains(p.HTML, w) {
			t.Errorf("output lacks %s:\n%s", w, p.HTML)
		}
	}
	if strings.Contains(p.HTML, "{%") {
		t.Errorf("tags shown:\n%s", p.HTML)
	}
	if len(diags) != 1 || diags[0].Rule != "broken-link" || diags[0].Line != 20 {
		t.Errorf("diagnostics %v, want one broken-link at line 20 (and no template-tag)", diags)
	}
}

func TestGitBookEmbedOfScriptIsNoLink(t *testing.T) {
	p, _ := render(t, "a.md", "{% embed url=\"javascript:alert(1)\" %}\n\n{% file src=\"jav&#x61;script:alert(1)\" %}\n", Options{})
	if bad := harmless(p.HTML); len(bad) > 0 || strings.Contains(p.HTML, "href") {
		t.Errorf("output links to script: %s", p.HTML)
	}
}
