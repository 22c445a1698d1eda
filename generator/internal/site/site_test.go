package site

import (
	"slices"
	"strings"
	"testing"

	"github.com/cmplay/cmplay/generator/internal/load"
	"github.com/cmplay/cmplay/generator/internal/pages"
	"github.com/cmplay/cmplay/playbooks"
)

// parse runs the parse stage over Markdown files given by path, as the build feeds this stage.
func parse(t *testing.T, files map[string]string) []*playbooks.Page {
	t.Helper()
	var srcs []load.Source
	for f, data := range files {
		srcs = append(srcs, load.Source{File: f, Data: []byte(data)})
	}
	slices.SortFunc(srcs, func(a, b load.Source) int { return strings.Compare(a.File, b.File) })
	ps, diags := pages.Parse(srcs, false)
	if len(diags) > 0 {
		t.Fatalf("parse: %v", diags)
	}
	return ps
}

// fm is a page with front matter.
func fm(lines ...string) string { return "---\n" + strings.Join(lines, "\n") + "\n---\nBody.\n" }

func fileList(ps []*playbooks.Page) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.File
	}
	return out
}

// TestReadingOrder: Assemble leaves Pages in reading order, the order previous/next follow: a
// folder's index, then its pages and sub-folders interleaved by weight, pages without a weight
// after those with one, ties broken by title (ignoring case) and then by path.
func TestReadingOrder(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"weight, then unweighted by title", map[string]string{
			"_index.md": "# Home\n",
			"z.md":      fm("title: Zeta", "weight: 2"),
			"y.md":      fm("title: Yak", "weight: 1"),
			"b.md":      fm("title: Banana"),
			"a.md":      fm("title: apple"),
			"c.md":      fm("title: Cherry", "weight: 10"),
		}, []string{"_index.md", "y.md", "z.md", "c.md", "a.md", "b.md"}},
		{"equal weight and title: by path", map[string]string{
			"b.md": fm("title: Same", "weight: 1"),
			"a.md": fm("title: same", "weight: 1"),
			"c.md": fm("title: Alpha", "weight: 1"),
		}, []string{"c.md", "a.md", "b.md"}},
		{"folders interleave with pages by their index's weight", map[string]string{
			"_index.md":            "# Home\n",
			"intro.md":             fm("title: Intro", "weight: 1"),
			"guide/_index.md":      fm("title: Guide", "weight: 2"),
			"guide/two.md":         fm("title: Two", "weight: 2"),
			"guide/one.md":         fm("title: One", "weight: 1"),
			"guide/deep/x.md":      fm("title: X"),
			"guide/deep/README.md": fm("title: Deep", "weight: 3"),
			"outro.md":             fm("title: Outro", "weight: 3"),
		}, []string{"_index.md", "intro.md", "guide/_index.md", "guide/one.md", "guide/two.md", "guide/deep/README.md", "guide/deep/x.md", "outro.md"}},
		{"a folder without an index sorts by its name among the unweighted", map[string]string{
			"first.md":             fm("title: First", "weight: 1"),
			"mango.md":             fm("title: Mango"),
			"getting-started/b.md": fm("title: B"),
			"getting-started/a.md": fm("title: A"),
			"apple.md":             fm("title: Apple"),
		}, []string{"first.md", "apple.md", "getting-started/a.md", "getting-started/b.md", "mango.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(parse(t, tt.files), nil)
			if diags := s.Assemble(); len(diags) > 0 {
				t.Fatalf("diagnostics: %v", diags)
			}
			if got := fileList(s.Pages); !slices.Equal(got, tt.want) {
				t.Errorf("reading order\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestSectionTree: every folder is a section with its parent, its index page (or none), a title
// from the index or from the folder's name, and its own pages without the index.
func TestSectionTree(t *testing.T) {
	s := New(parse(t, map[string]string{
		"_index.md":                   fm("title: Handbook"),
		"roles/_index.md":             fm("title: All the roles", "weight: 5"),
		"roles/lead.md":               fm("title: Lead"),
		"roles/team/member.md":        fm("title: Member"),
		"getting_started/step-one.md": fm("title: Step one"),
	}), nil)
	s.Assemble()
	type want struct {
		title, url, index string
		weight            int
		pages             []string
		children          []string
	}
	tests := map[string]want{
		"":      {"Handbook", "/", "_index.md", 0, nil, []string{"getting_started", "roles"}},
		"roles": {"All the roles", "/roles/", "roles/_index.md", 5, []string{"roles/lead.md"}, []string{"roles/team"}},
		// A folder without an index page has the URL of the index the generator writes for it.
		"roles/team":      {"Team", "/roles/team/", "", 0, []string{"roles/team/member.md"}, nil},
		"getting_started": {"Getting started", "/getting_started/", "", 0, []string{"getting_started/step-one.md"}, nil},
	}
	seen := map[string]bool{}
	var walk func(sec, parent *Section)
	walk = func(sec, parent *Section) {
		seen[sec.Dir] = true
		if sec.Parent != parent {
			t.Errorf("section %q has the wrong parent", sec.Dir)
		}
		w, ok := tests[sec.Dir]
		if !ok {
			t.Errorf("unexpected section %q", sec.Dir)
			return
		}
		var children []string
		for _, c := range sec.Children {
			children = append(children, c.Dir)
		}
		index := ""
		if sec.Index != nil {
			index = sec.Index.File
		}
		got := want{sec.Title, sec.URL(), index, sec.Weight, fileList(sec.Pages), children}
		if got.title != w.title || got.url != w.url || got.index != w.index || got.weight != w.weight ||
			!slices.Equal(got.pages, w.pages) || !slices.Equal(got.children, w.children) {
			t.Errorf("section %q = %+v\nwant %+v", sec.Dir, got, w)
		}
		for _, c := range sec.Children {
			walk(c, sec)
		}
	}
	walk(s.Root, nil)
	if len(seen) != len(tests) {
		t.Errorf("saw sections %v, want %d", seen, len(tests))
	}
}

// TestEntries: a section's listing interleaves pages and sub-folders in one order.
func TestEntries(t *testing.T) {
	s := New(parse(t, map[string]string{
		"b.md":          fm("title: B", "weight: 3"),
		"a.md":          fm("title: A"),
		"sub/_index.md": fm("title: Sub", "weight: 1"),
		"other/x.md":    fm("title: X"),
	}), nil)
	s.Assemble()
	var got []string
	for _, e := range s.Root.Entries() {
		if e.Page != nil {
			got = append(got, "page "+e.Page.File)
		} else {
			got = append(got, "folder "+e.Section.Dir)
		}
	}
	want := []string{"folder sub", "page b.md", "page a.md", "folder other"}
	if !slices.Equal(got, want) {
		t.Errorf("entries %q, want %q", got, want)
	}
}

// TestFolderTitle: a folder without an index page is titled after its name: separators as
// spaces, the first letter upper case, whatever the script.
func TestFolderTitle(t *testing.T) {
	tests := []struct{ dir, want string }{
		{"getting-started", "Getting started"},
		{"snake_case_name", "Snake case name"},
		{"über-uns", "Über uns"},
		{"éxito", "Éxito"},
		{"指南", "指南"},
		{"2024-plans", "2024 plans"},
		{"a", "A"},
	}
	for _, tt := range tests {
		s := New(parse(t, map[string]string{tt.dir + "/page.md": "# Page\n"}), nil)
		s.Assemble()
		if len(s.Root.Children) != 1 {
			t.Fatalf("%s: %d sections", tt.dir, len(s.Root.Children))
		}
		if got := s.Root.Children[0].Title; got != tt.want {
			t.Errorf("folder %q titled %q, want %q", tt.dir, got, tt.want)
		}
	}
}
