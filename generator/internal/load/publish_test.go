package load

import (
	"slices"
	"testing"
	"testing/fstest"
)

// TestPublished holds what a site publishes: dot folders only by name, ignore globs, and the
// .gitignore rules git applies (folder-only patterns, rooted ones, negation, nested files).
func TestPublished(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	fsys := fstest.MapFS{
		".gitignore":              file("build/\n*.log\n/notes.md\n!keep.log\n# a comment\n"),
		"index.md":                file("# Home"),
		"notes.md":                file("ignored at the root only"),
		"guide/notes.md":          file("kept: /notes.md is rooted"),
		"guide/debug.log":         file("x"),
		"guide/keep.log":          file("negated"),
		"guide/build/out.md":      file("in a build/ folder"),
		"guide/build.md":          file("a file named like the folder pattern"),
		"guide/.gitignore":        file("draft-*.md\n"),
		"guide/draft-one.md":      file("ignored by the nested .gitignore"),
		"other/draft-two.md":      file("not ignored: the nested rule is guide's"),
		".gitbook/assets/a.png":   file("png"),
		".gitbook/includes/s.md":  file("a GitBook snippet, not a page"),
		".github/workflow.md":     file("a dot folder not included"),
		"tests/fixtures/x.md":     file("ignored by a glob"),
		"tests/readme.md":         file("kept"),
		"scratch/deep/tmp/old.md": file("ignored by **"),
	}
	res, diags := Load(fsys, Options{Include: []string{".gitbook"}, Ignore: []string{"tests/fixtures", "**/tmp/**"}})
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	var got []string
	for _, s := range res.Sources {
		got = append(got, s.File)
	}
	for _, s := range res.Static {
		got = append(got, s.File)
	}
	want := []string{"guide/build.md", "guide/notes.md", "index.md", "other/draft-two.md", "tests/readme.md",
		".gitbook/assets/a.png", "guide/keep.log"}
	if !slices.Equal(got, want) {
		t.Errorf("published\n%q\nwant\n%q", got, want)
	}
}

// TestJekyllFolders leaves out Jekyll's own folders in a site with _config.yml, and only there.
func TestJekyllFolders(t *testing.T) {
	fsys := fstest.MapFS{
		"_layouts/default.md":    {Data: []byte("x")},
		"_site/index.md":         {Data: []byte("x")},
		"_posts/2024-01-01-a.md": {Data: []byte("x")},
		"docs/a.md":              {Data: []byte("x")},
	}
	count := func() int {
		res, _ := Load(fsys, Options{})
		return len(res.Sources)
	}
	if n := count(); n != 4 {
		t.Errorf("without _config.yml %d pages, want 4", n)
	}
	fsys["_config.yml"] = &fstest.MapFile{Data: []byte("title: x\n")}
	if n := count(); n != 2 {
		t.Errorf("with _config.yml %d pages, want 2 (docs/a.md and the post)", n)
	}
	fsys["_config.yml"] = &fstest.MapFile{Data: []byte("title: x\nexclude:\n  - docs/\n  - \"*.txt\"\n")}
	fsys["notes.txt"] = &fstest.MapFile{Data: []byte("x")}
	fsys["docs/b.txt"] = &fstest.MapFile{Data: []byte("x")}
	res, _ := Load(fsys, Options{})
	if len(res.Sources) != 1 || len(res.Static) != 0 {
		t.Errorf("_config.yml's exclude: pages %v, files %v; want the post only", res.Sources, res.Static)
	}
}
