package markdown

import (
	"regexp"
	"strings"
	"testing"

	"github.com/cmplay/cmplay/playbooks"
)

// TestLeadSection: a role, program or guideline page whose front matter does not list what it
// leads with leads with the body's section of that name, wrapped in a section named by its
// heading; headings keep the built page's order. Other kinds, pages with the front matter list,
// and pages without such a section are left as written.
func TestLeadSection(t *testing.T) {
	body := "Intro.\n\n## Purpose\n\nWhy.\n\n## Responsibilities\n\n- [ ] Own the plan\n\n### Detail\n\nMore.\n\n## Where to start\n\nHere.\n"
	tagRe := regexp.MustCompile(`<(section[^>]*|/section|h[23] id="[^"]*"|p)>`)
	for _, tt := range []struct {
		name string
		fm   playbooks.FrontMatter
		body string
		want string // the tags of the HTML, in order
	}{
		{"role", playbooks.FrontMatter{Kind: playbooks.KindRole}, body,
			`<section class="kind-lead" aria-labelledby="responsibilities"> <h2 id="responsibilities"> <h3 id="detail"> <p> </section> <p> <h2 id="purpose"> <p> <h2 id="where-to-start"> <p>`},
		{"role with the list in front matter", playbooks.FrontMatter{Kind: playbooks.KindRole, Responsibilities: []string{"x"}}, body,
			`<p> <h2 id="purpose"> <p> <h2 id="responsibilities"> <h3 id="detail"> <p> <h2 id="where-to-start"> <p>`},
		{"practice", playbooks.FrontMatter{Kind: playbooks.KindPractice}, body,
			`<p> <h2 id="purpose"> <p> <h2 id="responsibilities"> <h3 id="detail"> <p> <h2 id="where-to-start"> <p>`},
		{"program's goal, last section", playbooks.FrontMatter{Kind: playbooks.KindProgram}, "Intro.\n\n## Metric\n\nM.\n\n## Goal\n\nG.\n",
			`<section class="kind-lead" aria-labelledby="goal"> <h2 id="goal"> <p> </section> <p> <h2 id="metric"> <p>`},
		{"guideline without rules", playbooks.FrontMatter{Kind: playbooks.KindGuideline}, "## When\n\nW.\n",
			`<h2 id="when"> <p>`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := &playbooks.Page{File: "roles/a.md", URL: "/roles/a/", Body: []byte(tt.body), FrontMatter: tt.fm}
			if ds := New(Options{Resolver: site}).Render(p); len(ds) > 0 {
				t.Fatal(ds)
			}
			got := strings.Join(tagRe.FindAllString(p.HTML, -1), " ")
			if got != tt.want {
				t.Errorf("tags\n%s\nwant\n%s\n%s", got, tt.want, p.HTML)
			}
			var ids []string
			for _, h := range p.Headings {
				ids = append(ids, h.ID)
			}
			if want := regexp.MustCompile(`h[23] id="([^"]*)"`).FindAllStringSubmatch(tt.want, -1); len(want) != len(ids) {
				t.Errorf("headings %v", ids)
			} else {
				for i, m := range want {
					if ids[i] != m[1] {
						t.Errorf("headings %v are not in the built page's order", ids)
						break
					}
				}
			}
		})
	}
}
