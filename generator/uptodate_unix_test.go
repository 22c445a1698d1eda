//go:build unix

package generator

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestUpToDateNeverReadsAPipe: a named pipe in the site folder is fingerprinted by name and
// mode, never read: reading it would block the build until someone writes to it.
func TestUpToDateNeverReadsAPipe(t *testing.T) {
	s := newSiteRepo(t)
	if err := syscall.Mkfifo(filepath.Join(s.dir, "content", "pipe.md"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	out, records := filepath.Join(t.TempDir(), "public"), t.TempDir()
	done := make(chan *Result, 2)
	go func() {
		for range 2 {
			cfg, _, _ := LoadConfig(s.dir)
			cfg.Out, cfg.SkipUnchanged, cfg.RecordDir = out, true, records
			res, err := Build(cfg)
			if err != nil {
				t.Error(err)
			}
			done <- res
		}
	}()
	for i := range 2 {
		select {
		case res := <-done:
			if res != nil && i == 1 && !res.Unchanged {
				t.Error("the second build of an unchanged site with a pipe in it ran again")
			}
		case <-time.After(30 * time.Second):
			os.Remove(filepath.Join(s.dir, "content", "pipe.md"))
			t.Fatal("the build blocked on a named pipe")
		}
	}
}
