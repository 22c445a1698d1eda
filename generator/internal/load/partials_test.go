package load

import (
	"fmt"
	"testing"
	"testing/fstest"
)

// TestPartialsAreNotPages: files in _partials/ or _includes/ folders, at any depth, are neither
// pages nor static files; InPartials says the same of their paths.
func TestPartialsAreNotPages(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md":                      {Data: []byte("# A\n")},
		"_partials/steps.md":        {Data: []byte("- [ ] Step\n")},
		"guide/_includes/x.md":      {Data: []byte("X\n")},
		"guide/_includes/img.png":   {Data: []byte("png")},
		"guide/partials/page.md":    {Data: []byte("# A page\n")},
		"guide/_partials-old/pg.md": {Data: []byte("# Also a page\n")},
	}
	res, diags := Load(fsys, Options{})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	src, static := files(res)
	if got := fmt.Sprint(src, static); got != "[a.md guide/_partials-old/pg.md guide/partials/page.md] []" {
		t.Errorf("loaded %s", got)
	}
	for f, want := range map[string]bool{"_partials/steps.md": true, "guide/_includes/x.md": true, "a.md": false,
		"guide/partials/page.md": false, "_partials.md": false} {
		if InPartials(f) != want {
			t.Errorf("InPartials(%q) = %t", f, !want)
		}
	}
}
