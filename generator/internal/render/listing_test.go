package render

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/cmplay/cmplay/playbooks"
)

// listLayout writes what a listing holds, one line each, so tests read the Data a layout gets.
const listLayout = `T {{.Title}}
{{range .Children}}C {{.Title}} {{.URL}}
{{end}}{{range .Pager}}P {{.Label}} {{.URL}}{{if .Current}} current{{end}}
{{end}}{{range .Groups}}G {{.Title}} {{len .Links}} {{.More}}
{{end}}`

// lines returns the lines of out that start with prefix, without it.
func lines(out []byte, prefix string) []string {
	var ls []string
	for _, l := range strings.Split(string(out), "\n") {
		if rest, ok := strings.CutPrefix(l, prefix+" "); ok {
			ls = append(ls, rest)
		}
	}
	return ls
}

// bigSite has 250 checklists in a folder without an index, 150 pages tagged "ops" in a folder
// with one, and 60 roles, the first named by 25 pages.
func bigSite(t testing.TB) *Renderer {
	t.Helper()
	files := map[string]string{"_index.md": "# Home\n", "big/_index.md": "---\ntitle: Big\n---\n"}
	for i := range 250 {
		files[fmt.Sprintf("c/p%03d.md", i)] = fmt.Sprintf("---\ntitle: P%03d\nweight: %d\nkind: checklist\n---\n", i, i+1)
	}
	for i := range 150 {
		files[fmt.Sprintf("big/t%03d.md", i)] = fmt.Sprintf("---\ntitle: T%03d\ntags: [ops]\n---\n", i)
	}
	for i := range 60 {
		files[fmt.Sprintf("roles/r%02d.md", i)] = fmt.Sprintf("---\ntitle: R%02d\nkind: role\n---\n", i)
	}
	for i := range 25 {
		files[fmt.Sprintf("users/u%02d.md", i)] = fmt.Sprintf("---\ntitle: U%02d\nroles: [r00]\n---\n", i)
	}
	s := assemble(t, files)
	th, err := LoadTheme(theme(map[string]string{"layouts/list.html": listLayout, "layouts/page.html": listLayout}))
	if err != nil {
		t.Fatal(err)
	}
	return New(th, s, Config{BaseURL: "/", BasePath: "/"})
}

// TestKindListingPaged: a kind's listing is paged by IndexPageSize, each page with its share of
// the pages in reading order and a pager linking the others.
func TestKindListingPaged(t *testing.T) {
	r := bigSite(t)
	if n := r.KindPages(playbooks.KindChecklist); n != 3 {
		t.Fatalf("KindPages(checklist) = %d, want 3", n)
	}
	tests := []struct {
		n           int
		title       string
		first, last string
		pager       []string
	}{
		{1, "Checklists (page 1 of 3)", "P000 ../../c/p000/", "P099 ../../c/p099/", []string{"1  current", "2 page/2/", "3 page/3/"}},
		{2, "Checklists (page 2 of 3)", "P100 ../../../../c/p100/", "P199 ../../../../c/p199/", []string{"1 ../../", "2  current", "3 ../3/"}},
		{3, "Checklists (page 3 of 3)", "P200 ../../../../c/p200/", "P249 ../../../../c/p249/", []string{"1 ../../", "2 ../2/", "3  current"}},
	}
	for _, tt := range tests {
		out, err := r.Kind(playbooks.KindChecklist, tt.n)
		if err != nil {
			t.Fatal(err)
		}
		c := lines(out, "C")
		if title := lines(out, "T"); len(title) != 1 || title[0] != tt.title {
			t.Errorf("page %d: title %q, want %q", tt.n, title, tt.title)
		}
		if want := min(100, 250-100*(tt.n-1)); len(c) != want || c[0] != tt.first || c[len(c)-1] != tt.last {
			t.Errorf("page %d lists %d: %q … %q; want %d: %q … %q", tt.n, len(c), c[0], c[len(c)-1], want, tt.first, tt.last)
		}
		if p := lines(out, "P"); !slices.Equal(p, tt.pager) {
			t.Errorf("page %d: pager %q, want %q", tt.n, p, tt.pager)
		}
	}
	out, err := r.Kind(playbooks.KindProgram, 1)
	if err != nil {
		t.Fatal(err)
	}
	if c, p := lines(out, "C"), lines(out, "P"); len(c) != 0 || len(p) != 0 || r.KindPages(playbooks.KindProgram) != 1 {
		t.Errorf("an empty kind lists %q with pager %q", c, p)
	}
}

// TestRoleIndexPaged: the role listing shows roleIndexPage roles a page, each with at most
// roleUsers of the pages that name it and the count of the rest.
func TestRoleIndexPaged(t *testing.T) {
	r := bigSite(t)
	if n := r.KindPages(playbooks.KindRole); n != 2 {
		t.Fatalf("KindPages(role) = %d, want 2", n)
	}
	for n, want := range map[int][]string{1: {"R00 20 5", "R01 0 0"}, 2: {"R50 0 0"}} {
		out, err := r.Kind(playbooks.KindRole, n)
		if err != nil {
			t.Fatal(err)
		}
		g := lines(out, "G")
		if len(g) != []int{50, 10}[n-1] || !slices.Equal(g[:len(want)], want) {
			t.Errorf("role index page %d: %d groups starting %q, want %d starting %q", n, len(g), g[:min(len(g), 2)], []int{50, 10}[n-1], want)
		}
	}
}

// TestListings: the generator writes the later pages of every long listing, and page 1 of every
// folder without an index page (its sidebar link and "more" links lead there); each renders the
// right share of entries. The weighted folder c/ comes first.
func TestListings(t *testing.T) {
	r := bigSite(t)
	var urls []string
	children := map[string]int{}
	for _, l := range r.Listings() {
		urls = append(urls, l.URL)
		out, err := r.Listing(l)
		if err != nil {
			t.Fatalf("%s: %v", l.URL, err)
		}
		children[l.URL] = len(lines(out, "C"))
	}
	want := []string{"/c/", "/c/page/2/", "/c/page/3/", "/big/page/2/", "/roles/", "/users/",
		"/kinds/checklist/page/2/", "/kinds/checklist/page/3/", "/kinds/role/page/2/", "/tags/ops/page/2/"}
	if !slices.Equal(urls, want) {
		t.Errorf("listings\n got %q\nwant %q", urls, want)
	}
	for url, n := range map[string]int{"/big/page/2/": 50, "/c/": 100, "/c/page/3/": 50, "/roles/": 60, "/tags/ops/page/2/": 50} {
		if children[url] != n {
			t.Errorf("%s lists %d entries, want %d", url, children[url], n)
		}
	}
	// Page 1 of a long folder with an index is its index page.
	out, err := r.Page(r.site.ByFile["big/_index.md"], nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c, p := lines(out, "C"), lines(out, "P"); len(c) != 100 || !slices.Equal(p, []string{"1  current", "2 page/2/"}) {
		t.Errorf("the index of a folder of 150 lists %d with pager %q; want 100 and a pager to page 2", len(c), p)
	}
}

// TestSetPager: a pager lists the first and last pages and pagerReach pages either side of the
// current one, with one gap for each run left out.
func TestSetPager(t *testing.T) {
	tests := []struct {
		k, n int
		want string
	}{
		{1, 1, ""},
		{1, 2, "[1] 2"},
		{1, 12, "[1] 2 3 4 5 … 12"},
		{6, 12, "1 2 3 4 5 [6] 7 8 9 10 … 12"},
		{12, 20, "1 … 8 9 10 11 [12] 13 14 15 16 … 20"},
		{20, 20, "1 … 16 17 18 19 [20]"},
	}
	for _, tt := range tests {
		d := &Data{URL: "/x/"}
		d.SetPager(tt.k, tt.n, func(i int) string { return fmt.Sprintf("/x/page/%d/", i) }, nil)
		var got []string
		for _, p := range d.Pager {
			switch {
			case p.Current:
				got = append(got, "["+p.Label+"]")
			case p.URL == "" && p.Label == "…":
				got = append(got, p.Label)
			case p.URL == fmt.Sprintf("page/%s/", p.Label):
				got = append(got, p.Label)
			default:
				got = append(got, p.Label+"→"+p.URL)
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("SetPager(%d, %d) = %q, want %q", tt.k, tt.n, g, tt.want)
		}
	}
}
