package output

import (
	"os"
	"path/filepath"
	"testing"
)

// TestIntactAndKeep: the build in the output folder is named as Commit named it only while the
// folder is as that build left it, and a build that ends with Keep changes nothing — not the
// output, and not the spare the build after it will update.
func TestIntactAndKeep(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	intact := func() (string, bool) {
		t.Helper()
		d, err := NewDir(target, "")
		if err != nil {
			t.Fatal(err)
		}
		defer d.Keep()
		return d.Intact()
	}
	if _, ok := intact(); ok {
		t.Fatal("a folder that does not exist counts as an intact build")
	}
	first := commit(t, target, map[string]string{"a/index.html": "A1", "b.txt": "B"})
	second := commit(t, target, map[string]string{"a/index.html": "A2", "b.txt": "B"})
	if first == "" || first == second {
		t.Fatalf("Written() = %q then %q: two different builds need two names", first, second)
	}
	if got, ok := intact(); !ok || got != second {
		t.Fatalf("Intact() = %q, %v; want the last build, %q", got, ok, second)
	}
	if _, err := os.Stat(filepath.Join(sparePath(target), Manifest)); err != nil {
		t.Fatalf("a build that kept the output dropped the spare's manifest: %v", err)
	}
	if got := readAll(t, target); len(got) != 2 || got["a/index.html"] != "A2" {
		t.Fatalf("output after Keep = %v", got)
	}
	if matches, _ := filepath.Glob(filepath.Join(filepath.Dir(target), ".public.cmplay-tmp-*")); len(matches) != 0 {
		t.Errorf("a build that kept the output left work folders %v", matches)
	}

	os.WriteFile(filepath.Join(target, "b.txt"), []byte("edited by hand"), 0o644)
	if _, ok := intact(); ok {
		t.Error("a file changed in size still counts as the build")
	}
	os.WriteFile(filepath.Join(target, "b.txt"), []byte("B"), 0o644)
	if _, ok := intact(); !ok {
		t.Error("the folder as the build left it no longer counts")
	}
	os.Remove(filepath.Join(target, "a/index.html"))
	if _, ok := intact(); ok {
		t.Error("a missing file still counts as the build")
	}
}
