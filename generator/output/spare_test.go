package output

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// commit writes files as one build of target and returns the build's name (Dir.Written).
func commit(t *testing.T, target string, files map[string]string) string {
	t.Helper()
	d, err := NewDir(target, "")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := d.WriteFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	return d.Written()
}

func inode(t *testing.T, p string) uint64 {
	t.Helper()
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return st.Sys().(*syscall.Stat_t).Ino
}

func readAll(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			if rel != Marker && rel != Manifest {
				b, _ := os.ReadFile(p)
				out[filepath.ToSlash(rel)] = string(b)
			}
		}
		return err
	})
	return out
}

// TestSpareIsUpdatedNotRecreated: from the third build on, the build before last is updated in
// place — unchanged files are not written again — and the output always equals the build.
func TestSpareIsUpdatedNotRecreated(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	v1 := map[string]string{"a/index.html": "A1", "b/index.html": "B", "gone/index.html": "G", "x": "file"}
	v2 := map[string]string{"a/index.html": "A2", "b/index.html": "B", "gone/index.html": "G", "x": "file"}
	v3 := map[string]string{"a/index.html": "A3", "b/index.html": "B", "x/index.html": "now a folder", "new.txt": "N"}
	commit(t, target, v1)
	commit(t, target, v2)
	spare := sparePath(target)
	if !ours(spare) {
		t.Fatal("the previous build was not kept as the spare")
	}
	unchanged := inode(t, filepath.Join(spare, "b/index.html"))
	commit(t, target, v3)
	if got := readAll(t, target); len(got) != len(v3) || got["a/index.html"] != "A3" || got["x/index.html"] != "now a folder" || got["new.txt"] != "N" {
		t.Fatalf("output after the third build = %v, want %v", got, v3)
	}
	if inode(t, filepath.Join(target, "b/index.html")) != unchanged {
		t.Error("an unchanged file was written again")
	}
	if _, err := os.Stat(filepath.Join(target, "gone")); err == nil {
		t.Error("the folder of a removed page is still there")
	}
	if got := readAll(t, spare); got["a/index.html"] != "A2" {
		t.Errorf("the spare should now hold the second build, has %v", got)
	}
}

// TestSpareWithoutManifestIsRewritten: a build that died while updating the spare leaves it
// without a manifest; the next build must not trust what is there.
func TestSpareWithoutManifestIsRewritten(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	commit(t, target, map[string]string{"a/index.html": "A1"})
	commit(t, target, map[string]string{"a/index.html": "A2"})
	spare := sparePath(target)
	os.Remove(filepath.Join(spare, Manifest))
	os.WriteFile(filepath.Join(spare, "a/index.html"), []byte("half-written"), 0o644)
	os.WriteFile(filepath.Join(spare, "stray.html"), []byte("left by the dead build"), 0o644)
	commit(t, target, map[string]string{"a/index.html": "A1"})
	got := readAll(t, target)
	if len(got) != 1 || got["a/index.html"] != "A1" {
		t.Fatalf("output = %v, want only a/index.html = A1", got)
	}
}

// TestAbortKeepsOutput: a failed build into the spare leaves the output folder as it was.
func TestAbortKeepsOutput(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	commit(t, target, map[string]string{"a/index.html": "A1"})
	commit(t, target, map[string]string{"a/index.html": "A2"})
	d, _ := NewDir(target, "")
	d.WriteFile("a/index.html", []byte("A3"))
	d.Abort()
	if got := readAll(t, target); got["a/index.html"] != "A2" {
		t.Fatalf("output after an aborted build = %v", got)
	}
	commit(t, target, map[string]string{"a/index.html": "A4"})
	if got := readAll(t, target); len(got) != 1 || got["a/index.html"] != "A4" {
		t.Fatalf("build after an abort = %v", got)
	}
}
