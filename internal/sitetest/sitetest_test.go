package sitetest_test

import (
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/cmplay/cmplay/internal/sitetest"
)

func TestMain(m *testing.M) { os.Exit(sitetest.Main(m)) }

// TestOnceBuildsOnce: parallel callers of one key share one build and its folder; another key
// gets its own.
func TestOnceBuildsOnce(t *testing.T) {
	var calls atomic.Int32
	build := func(out string) error {
		calls.Add(1)
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("out %s exists before the build (%v)", out, err)
		}
		sitetest.Write(t, out, map[string]string{"index.html": "built"})
		return nil
	}
	var wg sync.WaitGroup
	dirs := make([]string, 8)
	for i := range dirs {
		wg.Go(func() { dirs[i] = sitetest.Once(t, "a", build) })
	}
	wg.Wait()
	for _, d := range dirs {
		if d != dirs[0] {
			t.Fatalf("callers got different folders: %q", dirs)
		}
	}
	if other := sitetest.Once(t, "b", build); other == dirs[0] {
		t.Fatal("two keys share a folder")
	}
	if n := calls.Load(); n != 2 {
		t.Fatalf("%d builds for two keys", n)
	}
	if data, err := os.ReadFile(filepath.Join(dirs[0], "index.html")); err != nil || string(data) != "built" {
		t.Fatalf("built file: %q %v", data, err)
	}
}

// TestShippedFiles reads the repository's playbook whatever package folder the test runs in.
func TestShippedFiles(t *testing.T) {
	files := sitetest.ShippedFiles(t)
	if files["cmplay.toml"] == "" || files["content/onboarding/first-90-days.md"] == "" {
		t.Fatalf("shipped files lack cmplay.toml or the onboarding plan (%d files)", len(files))
	}
}

// TestUnpack writes a txtar archive's files into a fresh folder.
func TestUnpack(t *testing.T) {
	archive := filepath.Join(t.TempDir(), "site.txtar")
	sitetest.Write(t, filepath.Dir(archive), map[string]string{"site.txtar": "comment\n-- content/a.md --\n# A\n-- cmplay.toml --\ntitle = \"T\"\n"})
	dir := sitetest.Unpack(t, archive)
	if data, err := os.ReadFile(filepath.Join(dir, "content", "a.md")); err != nil || string(data) != "# A\n" {
		t.Fatalf("content/a.md: %q %v", data, err)
	}
}
