package output

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestConcurrentBuildsTakeTurns: two builds into one folder at once (a CI retry, a manual build
// beside --watch) used to share the spare folder and leave a mix of both sites. With the lock
// the second waits for the first; the folder then holds one whole build, and the spare the other.
func TestConcurrentBuildsTakeTurns(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	commit(t, target, map[string]string{"index.html": "first"}) // so that a spare exists below
	commit(t, target, map[string]string{"index.html": "second"})
	for round := 0; round < 5; round++ {
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for w, name := range []string{"A", "B"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				d, err := NewDir(target, "")
				if err != nil {
					errs[w] = err
					return
				}
				for i := range 300 {
					d.WriteFile(fmt.Sprintf("%s/%d/index.html", name, i%7), []byte(name))
					d.WriteFile(fmt.Sprintf("page%d.html", i), []byte(name))
					if i%50 == 0 {
						time.Sleep(time.Millisecond) // let the other build run in between
					}
				}
				errs[w] = d.Commit()
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, dir := range []string{target, sparePath(target)} {
			files := readAll(t, dir)
			owner := files["page0.html"]
			for name, data := range files {
				if strings.HasPrefix(name, ".cmplay") {
					continue
				}
				if data != owner || strings.Contains(name, "/") && !strings.HasPrefix(name, owner+"/") {
					t.Fatalf("round %d: %s mixes builds: %s holds %q, page0.html %q", round, dir, name, data, owner)
				}
			}
			if len(files) != 300+7 {
				t.Fatalf("round %d: %s has %d files, want %d", round, dir, len(files), 307)
			}
		}
	}
}

// TestLockWaitsThenFails: a build that finds the folder locked says it waits, and after its wait gives up
// with a message naming the folder, and the lock goes when its holder ends.
func TestLockWaitsThenFails(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	d, err := NewDir(target, "")
	if err != nil {
		t.Fatal(err)
	}
	var said strings.Builder
	if _, err := NewDirWith(target, "", Options{LockWait: 200 * time.Millisecond, Waiting: &said}); err == nil || !strings.Contains(err.Error(), "another cmplay build") {
		t.Fatalf("second writer: err = %v, want a message about the other build", err)
	}
	if !strings.Contains(said.String(), "waiting up to 200ms") || strings.Count(said.String(), "\n") != 1 {
		t.Errorf("while waiting it said %q, want one line saying it waits", said.String())
	}
	d.Abort()
	d2, err := NewDir(target, "")
	if err != nil {
		t.Fatalf("after the first build ended: %v", err)
	}
	d2.Abort()
}

// TestSymlinkedOut: an output path that is a symbolic link (public → /var/www/site) keeps its
// link; the folder it names is updated, and everything cmplay makes sits beside that folder.
func TestSymlinkedOut(t *testing.T) {
	root := t.TempDir()
	www := filepath.Join(root, "www")
	real := filepath.Join(www, "site")
	os.MkdirAll(real, 0o755)
	link := filepath.Join(root, "public")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	commit(t, link, map[string]string{"index.html": "one"})
	commit(t, link, map[string]string{"index.html": "two"})
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("public is no longer a symbolic link: %v %v", st, err)
	}
	if got, _ := os.ReadFile(filepath.Join(link, "index.html")); string(got) != "two" {
		t.Errorf("public/index.html = %q, want the second build", got)
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 2 {
		t.Errorf("the link's folder holds %d entries, want www and public only: %v", len(entries), entries)
	}
	dangling := filepath.Join(root, "gone")
	os.Symlink(filepath.Join(root, "nowhere"), dangling)
	if _, err := NewDir(dangling, ""); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("dangling link: err = %v, want a refusal", err)
	}
	if _, err := os.Lstat(filepath.Join(root, "nowhere")); err == nil {
		t.Error("a folder was created at the dangling link's target")
	}
}
