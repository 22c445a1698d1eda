package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildUpToDate: a second `cmplay build` of an unchanged site says so and writes nothing;
// --force builds anyway, and an edit is built.
func TestBuildUpToDate(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := runCmd("new", "site", dir); code != 0 {
		t.Fatal(errs)
	}
	build := func(args ...string) string {
		t.Helper()
		code, out, errs := runCmd(append([]string{"build", "--source", dir}, args...)...)
		if code != 0 {
			t.Fatalf("build %v: exit %d\n%s%s", args, code, out, errs)
		}
		return out
	}
	if out := build(); strings.Contains(out, "up to date") {
		t.Fatalf("the first build says it was up to date: %s", out)
	}
	if out := build(); !strings.Contains(out, "up to date") {
		t.Errorf("a build of an unchanged site does not say it was up to date: %s", out)
	}
	if out := build("--force"); strings.Contains(out, "up to date") {
		t.Errorf("build --force was skipped: %s", out)
	}
	page := filepath.Join(dir, "content", "_index.md")
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(page, append(data, "\nA line added after the first build.\n"...), 0o644)
	if out := build(); strings.Contains(out, "up to date") {
		t.Errorf("a build after an edit was skipped: %s", out)
	}
	html, _ := os.ReadFile(filepath.Join(dir, "public", "index.html"))
	if !strings.Contains(string(html), "A line added after the first build.") {
		t.Error("the edit is not in the output")
	}
}
