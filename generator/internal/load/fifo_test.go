//go:build unix

package load

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/cmplay/cmplay/playbooks"
	"golang.org/x/sys/unix"
)

// TestLoadSpecialFiles: a named pipe, named like a page or not, and a link to one, are reported
// and never opened: opening a pipe blocks until someone writes to it, so a build would hang.
func TestLoadSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "page.md"), []byte("# Page\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"pipe.md", "pipe"} {
		if err := unix.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	}
	if err := os.Symlink("pipe", filepath.Join(dir, "to-pipe.md")); err != nil {
		t.Fatal(err)
	}
	type result struct {
		res   Result
		diags playbooks.Diagnostics
	}
	done := make(chan result, 1)
	go func() {
		res, diags := Load(os.DirFS(dir), Options{})
		done <- result{res, diags}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Load blocked: it opened a named pipe")
	}
	res, diags := r.res, r.diags
	sources, static := files(res)
	if !slices.Equal(sources, []string{"page.md"}) || len(static) != 0 {
		t.Errorf("pages %q, static %q; want page.md alone", sources, static)
	}
	var reported []string
	for _, d := range diags {
		if d.Rule == "read" && d.Msg == "not a regular file (named pipe); skipped" {
			reported = append(reported, d.File)
		}
	}
	if want := []string{"pipe", "pipe.md", "to-pipe.md"}; !slices.Equal(reported, want) || len(diags) != len(want) {
		t.Errorf("reported %q (of %v), want %q", reported, diags, want)
	}
}
