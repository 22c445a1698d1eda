package history

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// testRepo is a real git repository in a temporary folder, written with go-git.
type testRepo struct {
	t    *testing.T
	dir  string
	repo *git.Repository
	wt   *git.Worktree
	now  time.Time
}

func newTestRepo(t *testing.T) *testRepo {
	t.Helper()
	dir := t.TempDir()
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := r.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	return &testRepo{t: t, dir: dir, repo: r, wt: wt, now: time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)}
}

func (r *testRepo) write(name, content string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *testRepo) remove(name string) {
	r.t.Helper()
	if err := os.Remove(filepath.Join(r.dir, filepath.FromSlash(name))); err != nil {
		r.t.Fatal(err)
	}
}

// commit stages everything and commits it a day after the previous commit.
func (r *testRepo) commit(msg, author string, parents ...plumbing.Hash) plumbing.Hash {
	r.t.Helper()
	if err := r.wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		r.t.Fatal(err)
	}
	r.now = r.now.Add(24 * time.Hour)
	sig := &object.Signature{Name: author, Email: strings.ToLower(strings.Fields(author)[0]) + "@example.org", When: r.now}
	h, err := r.wt.Commit(msg, &git.CommitOptions{Author: sig, Parents: parents, AllowEmptyCommits: true})
	if err != nil {
		r.t.Fatal(err)
	}
	return h
}

func (r *testRepo) checkout(branch string, create bool) {
	r.t.Helper()
	if err := r.wt.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName(branch), Create: create, Force: true}); err != nil {
		r.t.Fatal(err)
	}
}

func (r *testRepo) read(sub string) *Log {
	r.t.Helper()
	return readBoth(r.t, filepath.Join(r.dir, sub))
}

// readBoth reads the history of dir with the git binary (when the machine has one) and with
// go-git, and fails the test unless both routes give the same log.
func readBoth(t testing.TB, dir string) *Log {
	t.Helper()
	viaGoGit, _, err := Read(Options{Dir: dir, GoGit: true})
	if err != nil {
		t.Fatal(err)
	}
	if gitBinary() == "" {
		return viaGoGit
	}
	viaGit, st, err := Read(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if !st.Git && st.Walked > 0 {
		t.Fatalf("the git binary did not read %s: go-git stood in", dir)
	}
	if a, b := dumpLog(viaGit), dumpLog(viaGoGit); a != b {
		t.Fatalf("the git binary and go-git read different logs:\n--- git\n%s\n--- go-git\n%s", a, b)
	}
	// The finished log kept in the cache reads back the same.
	cacheDir := t.TempDir()
	for i := 0; i < 2; i++ {
		cached, st, err := Read(Options{Dir: dir, CacheDir: cacheDir})
		if err != nil {
			t.Fatal(err)
		}
		if a, b := dumpLog(cached), dumpLog(viaGit); a != b || st.Hit != (i == 1) {
			t.Fatalf("read %d through the cache (hit %v) differs:\n--- cache\n%s\n--- git\n%s", i, st.Hit, a, b)
		}
	}
	return viaGit
}

// dumpLog writes out everything a Log holds, to compare two logs as text.
func dumpLog(log *Log) string {
	var b strings.Builder
	fmt.Fprintf(&b, "root %s prefix %q head %s shallow %v boundary %s\n", log.Root, log.Prefix, log.Head, log.Shallow, log.Boundary.Format(time.RFC3339))
	for _, c := range log.Commits {
		fmt.Fprintf(&b, "commit %s %q <%s> %s %q #%d\n", c.Hash, c.Author, c.Email, c.Date.Format(time.RFC3339), c.Subject, c.PR)
		for _, ch := range c.Changes {
			fmt.Fprintf(&b, "  %s %q from %q\n", ch.Kind, ch.Path, ch.From)
		}
	}
	names := keys(log.Files)
	sort.Strings(names)
	for _, p := range names {
		f := log.Files[p]
		fmt.Fprintf(&b, "file %q blob %s truncated %v created %v:", f.Path, f.Blob, f.Truncated, f.Created != nil)
		if f.Created != nil {
			b.WriteString(" " + f.Created.Hash)
		}
		for _, c := range f.Commits {
			b.WriteString(" " + c.Hash[:8])
		}
		b.WriteString("\n")
	}
	return b.String()
}

// subjects lists the subjects of a file's history, newest first.
func subjects(t *testing.T, log *Log, path string) []string {
	t.Helper()
	f := log.Files[path]
	if f == nil {
		t.Fatalf("no history for %s; files: %v", path, keys(log.Files))
	}
	var out []string
	for _, c := range f.Commits {
		out = append(out, c.Subject)
	}
	return out
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// gitBin is the git binary, or skips the test when there is none.
func gitBin(t testing.TB) string {
	p, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git binary not found; this test compares with or clones by the git command")
	}
	return p
}

func runGit(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command(gitBin(t), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+os.TempDir(), "LC_ALL=C")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}
