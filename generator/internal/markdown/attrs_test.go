package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// TestHeadingAttributesAllowList is the attack from issue 11: a heading that dresses up as the
// theme's page history with data-* attributes, a style, a handler and a theme id. Only id and due
// survive, and a theme id is not given to a heading.
func TestHeadingAttributesAllowList(t *testing.T) {
	body := "## Update {.page-history data-history-head=\"x\" data-history=\"[{\\\"u\\\":\\\"javascript:alert(1)\\\"}]\" data-history-url=\"javascript:alert(2)\" style=\"color:red\" onclick=\"alert(3)\"}\n\n" +
		"## Phase {due=\"day 30\" #phase}\n\n" +
		"## Steal {#page-history-title}\n\n" +
		"## Page history title\n\n" +
		"## Number {id=5}\n\n" +
		"Setext {ONCLICK=x}\n------\n"
	p, diags := render(t, "a.md", body, Options{ReservedIDs: []string{"page-history-title"}})
	for _, bad := range []string{"page-history\"", "data-history", "style=", "onclick", "ONCLICK", "javascript:", `id="page-history-title"`} {
		if strings.Contains(p.HTML, bad) {
			t.Errorf("HTML keeps %s:\n%s", bad, p.HTML)
		}
	}
	for _, want := range []string{`<h2 id="update">`, `<h2 id="phase" data-due="day 30">`, `<h2 id="steal">`, `<h2 id="page-history-title-1">`, `<h2 id="number">`, `<h2 id="setext">`} {
		if !strings.Contains(p.HTML, want) {
			t.Errorf("HTML lacks %s:\n%s", want, p.HTML)
		}
	}
	var lines []int
	for _, d := range diags {
		if d.Rule == "heading-attribute" {
			lines = append(lines, d.Line)
		}
	}
	if got := fmt.Sprint(lines); got != "[1 5 9 11]" {
		t.Errorf("heading-attribute diagnostics on lines %s, want [1 5 9 11] (%v)", got, diags)
	}
}

// TestHeadingIDsOutsideTheThemeNamespace: an {#id} in the names the theme's script keeps on
// window (cmplay…, __…) is dropped, so a heading cannot stand in for the script's data.
func TestHeadingIDsOutsideTheThemeNamespace(t *testing.T) {
	p, diags := render(t, "a.md", "## Clobber {#cmplayChecklists}\n\n## Now {#__cmplayNow}\n", Options{})
	if !strings.Contains(p.HTML, `<h2 id="clobber">`) || !strings.Contains(p.HTML, `<h2 id="now">`) || len(diags) != 2 {
		t.Errorf("HTML %s, diagnostics %v", p.HTML, diags)
	}
}
