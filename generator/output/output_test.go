package output

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCommitSwapsWholeBuild(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "public")
	for i, files := range []map[string]string{{"a/index.html": "one", "old.txt": "x"}, {"a/index.html": "two"}} {
		d, err := NewDir(target, "")
		if err != nil {
			t.Fatal(err)
		}
		for name, data := range files {
			d.WriteFile(name, []byte(data))
		}
		if err := d.Commit(); err != nil {
			t.Fatalf("build %d: %v", i, err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(target, "a/index.html")); string(b) != "two" {
		t.Errorf("a/index.html = %q, want the second build's", b)
	}
	if _, err := os.Stat(filepath.Join(target, "old.txt")); err == nil {
		t.Error("a file of the previous build survived the swap")
	}
	if m, _ := filepath.Glob(filepath.Join(parent, ".public.cmplay-tmp-*")); len(m) > 0 {
		t.Errorf("temporary folders left behind: %v", m)
	}
}

func TestFailedWriteKeepsPreviousBuild(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	d, _ := NewDir(target, "")
	d.WriteFile("index.html", []byte("good"))
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	d, _ = NewDir(target, "")
	d.WriteFile("x", []byte("a file"))
	d.WriteFile("x/y.html", []byte("cannot: x is a file")) // fails in a worker
	if err := d.Commit(); err == nil {
		t.Fatal("Commit succeeded although a write failed")
	}
	d.Abort()
	if b, _ := os.ReadFile(filepath.Join(target, "index.html")); string(b) != "good" {
		t.Errorf("previous build damaged: index.html = %q", b)
	}
}

func TestWriteOutsideRefused(t *testing.T) {
	d, _ := NewDir(filepath.Join(t.TempDir(), "public"), "")
	defer d.Abort()
	for _, name := range []string{"../escape.txt", "/etc/passwd", "a/../../b"} {
		if err := d.WriteFile(name, nil); err == nil {
			t.Errorf("WriteFile(%q) accepted", name)
		}
	}
}
