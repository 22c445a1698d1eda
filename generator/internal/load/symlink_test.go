package load

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cmplay/cmplay/playbooks"
)

// TestLoadSymlinks: a symbolic link may name another file of the content folder; one that leads
// outside it (relatively, absolutely, or through a chain) is reported and never read, and a
// broken link is reported as such. It needs a real folder: fstest.MapFS has no links.
func TestLoadSymlinks(t *testing.T) {
	root := t.TempDir()
	content := filepath.Join(root, "content")
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(content, name)); err != nil {
			t.Skipf("symbolic links: %v", err)
		}
	}
	write("content/in.md", "# In\n")
	write("content/sub/page.md", "# Sub\n")
	write("content/logo.png", "png")
	write("secret.md", "# Secret: outside the content folder\n")
	write("secret.png", "outside")
	write("outside/x.md", "# X\n")

	link("in.md", "alias.md")                            // a file beside it
	link("../in.md", "sub/up.md")                        // a file one folder up, inside
	link("sub/../logo.png", "logo-link.png")             // through .. that stays inside
	link("../secret.md", "escape.md")                    // one folder up, outside
	link("sub/../../secret.md", "dotdot.md")             // through .., outside
	link(filepath.Join(content, "in.md"), "absolute.md") // absolute, even to a file inside
	link("../secret.png", "picture.png")                 // a static file outside
	link("hop.md", "chain.md")                           // a chain that ends outside
	link("../secret.md", "hop.md")                       //
	link("../outside", "outdir")                         // a folder outside
	link("loop-b.md", "loop-a.md")                       // a loop
	link("loop-a.md", "loop-b.md")                       //
	link("missing.md", "broken.md")                      // a link to nothing
	link("sub", "subdir")                                // a folder inside: its files are published where they are
	link("sub", "folder.md")                             // the same, named like a page

	res, diags := Load(os.DirFS(content), Options{})
	sources, static := files(res)
	wantPages := []string{"alias.md", "in.md", "sub/page.md", "sub/up.md"}
	if !slices.Equal(sources, wantPages) {
		t.Errorf("pages = %q, want %q", sources, wantPages)
	}
	for _, s := range res.Sources {
		if (s.File == "alias.md" || s.File == "sub/up.md") && string(s.Data) != "# In\n" {
			t.Errorf("%s read as %q, want the file it links to", s.File, s.Data)
		}
	}
	slices.Sort(static)
	if want := []string{"logo-link.png", "logo.png"}; !slices.Equal(static, want) {
		t.Errorf("static = %q, want %q", static, want)
	}

	got := map[string]playbooks.Diagnostic{}
	for _, d := range diags {
		if _, dup := got[d.File]; dup {
			t.Errorf("%s reported twice", d.File)
		}
		got[d.File] = d
	}
	wantDiags := map[string]struct {
		sev  playbooks.Severity
		rule string
	}{
		"escape.md":   {playbooks.Error, "symlink"},
		"dotdot.md":   {playbooks.Error, "symlink"},
		"absolute.md": {playbooks.Error, "symlink"},
		"picture.png": {playbooks.Error, "symlink"},
		"chain.md":    {playbooks.Error, "symlink"},
		"hop.md":      {playbooks.Error, "symlink"},
		"outdir":      {playbooks.Error, "symlink"},
		"loop-a.md":   {playbooks.Error, "symlink"},
		"loop-b.md":   {playbooks.Error, "symlink"},
		"broken.md":   {playbooks.Warning, "read"},
		// Listed as a file, a linked folder failed when the build copied or read it ("is a
		// directory", an error); its files are published from the folder itself.
		"subdir":    {playbooks.Warning, "read"},
		"folder.md": {playbooks.Warning, "read"},
	}
	for file, w := range wantDiags {
		d, ok := got[file]
		if !ok {
			t.Errorf("%s not reported", file)
			continue
		}
		if d.Severity != w.sev || d.Rule != w.rule {
			t.Errorf("%s: %v, want a %v [%s]", file, d, w.sev, w.rule)
		}
	}
	for file, d := range got {
		if _, ok := wantDiags[file]; !ok {
			t.Errorf("unexpected diagnostic %v", d)
		}
	}
}
