package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestIgnoredName(t *testing.T) {
	for name, want := range map[string]bool{
		"about.md": false, "logo.png": false, "_index.md": false, "4913.md": false, "notes#1.md": false,
		".about.md.swp": true, ".about.md.swx": true, "4913": true, "about.md~": true, ".#about.md": true,
		"#about.md#": true, "about.md___jb_tmp___": true, "about.md___jb_old___": true, ".git": true,
		"node_modules": true, ".public.cmplay-tmp-123": true,
	} {
		if got := IgnoredName(name); got != want {
			t.Errorf("IgnoredName(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestPolling is the fallback for systems without (enough) file system events: a change is
// found by comparing sizes and modification times, and reported like an event burst.
func TestPolling(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "content", "a", "page.md")
	if err := os.MkdirAll(filepath.Dir(page), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := Watch(WatchOptions{Dirs: []string{filepath.Join(dir, "content")}, Poll: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	// Change the file (its size too: two writes may share a modification time) and add a swap
	// file to ignore.
	if err := os.WriteFile(page, []byte("two, longer"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "a", ".page.md.swp"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case b := <-w.Batches():
		if len(b) != 1 || b[0] != page {
			t.Fatalf("polling reported %v, want [%s]", b, page)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("polling did not see the change")
	}
}

// TestMaxWaitUnderSteadyWrites holds the watcher to its maximum wait: a file written every 50 ms
// (each write restarts the 100 ms debounce) must still be reported while the writes go on, at
// least once per MaxWait, instead of only after they stop.
func TestMaxWaitUnderSteadyWrites(t *testing.T) {
	// It mostly waits (out quiet periods, or for writes to go on): it waits beside the other.
	t.Parallel()
	dir := t.TempDir()
	page := filepath.Join(dir, "page.md")
	if err := os.WriteFile(page, []byte("0"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := Watch(WatchOptions{Dirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	const writing = 4 * MaxWait
	stop := make(chan struct{})
	go func() {
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-tick.C:
				os.WriteFile(page, []byte(strings.Repeat("x", i%7+1)), 0o644)
			}
		}
	}()
	start := time.Now()
	var during []time.Duration
	for deadline := time.After(writing); ; {
		select {
		case b := <-w.Batches():
			if len(b) != 1 || b[0] != page {
				t.Errorf("burst %v, want [%s]", b, page)
			}
			during = append(during, time.Since(start))
			continue
		case <-deadline:
		}
		break
	}
	close(stop)
	t.Logf("%d bursts during %v of writes every 50 ms, at %v", len(during), writing, during)
	// The first burst may start up to one write late; after that one burst per MaxWait.
	if len(during) < 3 {
		t.Fatalf("%d bursts reported during %v of writes every 50 ms (at %v); want one at least every %v", len(during), writing, during, MaxWait)
	}
	for i := 1; i < len(during); i++ {
		if gap := during[i] - during[i-1]; gap > MaxWait+500*time.Millisecond {
			t.Errorf("%v between bursts %d and %d while writes went on; want at most %v", gap, i-1, i, MaxWait)
		}
	}
}

// TestIncludedDotNames: a change in a dot folder the site publishes (GitBook's .gitbook/assets)
// or to a .gitignore is reported; other dot names stay ignored.
func TestIncludedDotNames(t *testing.T) {
	dir := t.TempDir()
	img := filepath.Join(dir, "content", ".gitbook", "assets", "a.png")
	rules := filepath.Join(dir, "content", ".gitignore")
	for _, f := range []string{img, rules, filepath.Join(dir, "content", ".github", "x.md")} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("1"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w, err := Watch(WatchOptions{Dirs: []string{filepath.Join(dir, "content")}, Include: []string{".gitbook", ".gitignore"},
		Poll: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, f := range []string{img, rules, filepath.Join(dir, "content", ".github", "x.md")} {
		if err := os.WriteFile(f, []byte("two"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := map[string]bool{}
	deadline := time.After(10 * time.Second)
	for !got[img] || !got[rules] {
		select {
		case b := <-w.Batches():
			for _, p := range b {
				got[p] = true
			}
		case <-deadline:
			t.Fatalf("reported %v, want %s and %s", got, img, rules)
		}
	}
	if len(got) != 2 {
		t.Errorf("reported %v; .github is not included", got)
	}
}
