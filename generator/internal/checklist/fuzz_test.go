package checklist_test

import (
	"strings"
	"testing"

	"github.com/cmplay/cmplay/generator/internal/checklist"
	"github.com/cmplay/cmplay/playbooks"
)

// FuzzChecklist renders arbitrary Markdown with the extension: it must not panic, every item
// must have an id, automatic ids must be unique on the page, and the trailing "{#…}" that pins
// an id must not stay at the end of the item's text.
func FuzzChecklist(f *testing.F) {
	for _, seed := range []string{
		base,
		"- [ ]\n- [x]\n- [ ] {#only}\n",
		"1. [ ] a {#a}\n   - [ ] b\n     continued {#b}\n2. [X] c\n",
		"- [ ] `{#code}`\n- [ ] {#}\n- [ ] x {#a b}\n- [ ] y {#ok}{#twice}\n",
		"## H {due=\"day 0\"}\n\n- [ ] a\n\n### I {due=\"2w\"}\n\n> - [ ] quoted\n",
		"<!-- - [ ] no -->\n\n    - [ ] code\n\n- [ ] a\r\n- [ ] a\r\n",
		"* [ ] [link](x.md) and **bold** {#l}\n* [ ] &amp; \"quotes\" -- dash\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		p := &playbooks.Page{File: "p.md", URL: "/p/", Body: []byte(body), FrontMatter: playbooks.FrontMatter{Title: "T"}}
		md.Render(p)
		seen := map[string]bool{}
		for _, it := range p.Items {
			if it.ID == "" || it.Hash != checklist.Hash(it.Text) {
				t.Fatalf("item %+v", it)
			}
			if !it.Pinned {
				if seen[it.ID] {
					t.Fatalf("automatic id %q twice in %q", it.ID, body)
				}
				seen[it.ID] = true
			}
			if it.Pinned && strings.HasSuffix(it.Text, "{#"+it.ID+"}") {
				t.Fatalf("pinned id left in text %q", it.Text)
			}
		}
	})
}
