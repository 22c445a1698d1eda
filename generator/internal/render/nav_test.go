package render

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// navLayout writes the navigation a page gets, one line each.
const navLayout = `{{range .Crumbs}}B {{.Title}} {{.URL}}
{{end}}{{with .Prev}}prev {{.Title}} {{.URL}}
{{end}}{{with .Next}}next {{.Title}} {{.URL}}
{{end}}N {{.Nav}}
`

// TestCrumbsAndNeighbours: a page's breadcrumbs are the folders above it, each with its page
// (its index, or the listing generated for a folder without one), and the neighbours it is given
// are linked relative to it.
func TestCrumbsAndNeighbours(t *testing.T) {
	files := map[string]string{
		"_index.md":                "# Home\n",
		"guide/_index.md":          "---\ntitle: The guide\n---\n",
		"guide/plain/deep/page.md": "# Deep page\n",
		"guide/plain/deep/next.md": "# Next page\n",
	}
	for i := range 41 { // more than NavCap: the folder's listing is paged
		files[fmt.Sprintf("guide/plain/x%02d.md", i)] = fmt.Sprintf("# X%02d\n", i)
	}
	s := assemble(t, files)
	th, err := LoadTheme(theme(map[string]string{"layouts/page.html": navLayout}))
	if err != nil {
		t.Fatal(err)
	}
	r := New(th, s, Config{BaseURL: "/", BasePath: "/"})
	tests := []struct {
		file       string
		crumbs     []string
		prev, next string
	}{
		{"guide/plain/deep/next.md", []string{"Home ../../../../", "The guide ../../../", "Plain ../../", "Deep ../"}, "Deep page ../page/", "X00 ../../x00/"},
		{"guide/_index.md", []string{"Home ../"}, "Home ../", "Deep page plain/deep/page/"},
		{"_index.md", nil, "", "The guide guide/"},
	}
	for _, tt := range tests {
		out := renderPage(t, r, s, tt.file)
		if got := lines([]byte(out), "B"); !slices.Equal(got, tt.crumbs) {
			t.Errorf("%s: crumbs %q, want %q", tt.file, got, tt.crumbs)
		}
		for _, n := range []struct{ mark, want string }{{"prev", tt.prev}, {"next", tt.next}} {
			got := lines([]byte(out), n.mark)
			if (n.want == "") != (len(got) == 0) || len(got) > 0 && got[0] != n.want {
				t.Errorf("%s: %s %q, want %q", tt.file, n.mark, got, n.want)
			}
		}
	}
}

// TestSidebarWindow: in a folder longer than NavCap the sidebar lists NavWindow entries around the
// page, with links to the listing pages that hold the rest, so its size does not grow with the
// folder's.
func TestSidebarWindow(t *testing.T) {
	r := bigSite(t) // c/ holds 250 checklists
	th, err := LoadTheme(theme(map[string]string{"layouts/page.html": navLayout}))
	if err != nil {
		t.Fatal(err)
	}
	r = New(th, r.site, r.cfg)
	link := regexp.MustCompile(`<a href="([^"]*)"( aria-current="page")?>([^<]*)</a>`)
	tests := []struct {
		file        string
		first, last string // the window's first and last page
		earlier     string // the "earlier" link, "" when the window starts the folder
		more        string
	}{
		{"c/p000.md", "P000", "P024", "", "225 more ↓ ../"},
		{"c/p130.md", "P118", "P142", "↑ 118 earlier ../page/2/", "107 more ↓ ../page/2/"},
		{"c/p249.md", "P225", "P249", "↑ 225 earlier ../page/3/", ""},
	}
	for _, tt := range tests {
		out := renderPage(t, r, r.site, tt.file)
		var pages, nav []string
		current := ""
		for _, m := range link.FindAllStringSubmatch(out, -1) {
			switch {
			case strings.HasPrefix(m[3], "P"):
				pages = append(pages, m[3])
			case strings.Contains(m[3], "earlier") || strings.Contains(m[3], "more"):
				nav = append(nav, m[3]+" "+m[1])
			}
			if m[2] != "" {
				current = m[3]
			}
		}
		want := []string{}
		if tt.earlier != "" {
			want = append(want, tt.earlier)
		}
		if tt.more != "" {
			want = append(want, tt.more)
		}
		if len(pages) != NavWindow || pages[0] != tt.first || pages[len(pages)-1] != tt.last || !slices.Equal(nav, want) {
			t.Errorf("%s: sidebar lists %d pages %v … %v and %q; want %d, %s … %s and %q",
				tt.file, len(pages), pages[:1], pages[len(pages)-1:], nav, NavWindow, tt.first, tt.last, want)
		}
		if want := "P" + strings.TrimSuffix(strings.TrimPrefix(tt.file, "c/p"), ".md"); current != want {
			t.Errorf("%s: current entry %q, want %q", tt.file, current, want)
		}
	}
}
