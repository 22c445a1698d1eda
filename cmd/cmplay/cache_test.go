package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// TestBuildKeepsHistoryCache: cmplay build keeps the history cache in the user's cache folder
// ($XDG_CACHE_HOME/cmplay/history here), not in the site.
func TestBuildKeepsHistoryCache(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	site := t.TempDir()
	r, err := git.PlainInit(site, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(site, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "content", "index.md"), []byte("# Home\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	wt, _ := r.Worktree()
	if _, err := wt.Add("content/index.md"); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "Ada", Email: "ada@example.org", When: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	if _, err := wt.Commit("Add the home page", &git.CommitOptions{Author: sig}); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--source", site, "--out", filepath.Join(t.TempDir(), "public")}, &stdout, &stderr); code != 0 {
		t.Fatalf("build exit %d: %s", code, stderr.String())
	}
	if names, _ := filepath.Glob(filepath.Join(cache, "cmplay", "history", "*.gob")); len(names) != 1 {
		t.Errorf("history cache files %q, want one in %s", names, filepath.Join(cache, "cmplay", "history"))
	}
}
