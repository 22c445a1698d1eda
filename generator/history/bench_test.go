package history

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
)

// benchRepo generates, once per run, a repository of 10,000 commits over 2,000 content files
// (plus files outside the content folder) with `git fast-import`.
func benchRepo(b *testing.B) string {
	gitBin(b)
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "cmplay-history-bench-")
		if benchErr != nil {
			return
		}
		const files, commits = 2000, 10000
		rnd := rand.New(rand.NewSource(42))
		var s bytes.Buffer
		when := int64(1600000000)
		commit := func(msg string, changes map[string]string, dels []string) {
			when += 3600
			a := rnd.Intn(25)
			fmt.Fprintf(&s, "commit refs/heads/main\nauthor Author %d <a%d@example.org> %d +0000\ncommitter Author %d <a%d@example.org> %d +0000\ndata %d\n%s\n",
				a, a, when, a, a, when, len(msg), msg)
			for p, d := range changes {
				fmt.Fprintf(&s, "M 100644 inline %s\ndata %d\n%s\n", p, len(d), d)
			}
			for _, p := range dels {
				fmt.Fprintf(&s, "D %s\n", p)
			}
			s.WriteByte('\n')
		}
		path := func(i int) string { return fmt.Sprintf("content/s%02d/page-%05d.md", i%20, i) }
		initial := map[string]string{"README.md": "outside\n"}
		for i := 0; i < files; i++ {
			initial[path(i)] = fmt.Sprintf("# Page %d\n\nfirst text\n", i)
		}
		commit("Initial playbook", initial, nil)
		for c := 1; c < commits; c++ {
			ch := map[string]string{}
			var dels []string
			switch {
			case c%10 == 0:
				ch["README.md"] = fmt.Sprintf("outside %d\n", c)
			case c%97 == 0:
				dels = append(dels, path(rnd.Intn(files))) // deleted, and usually re-added later
			default:
				for k := 0; k < 1+rnd.Intn(3); k++ {
					i := rnd.Intn(files)
					ch[path(i)] = fmt.Sprintf("# Page %d\n\nrevision %d\n", i, c)
				}
			}
			commit(fmt.Sprintf("Update pages (#%d)", c), ch, dels)
		}
		if out, err := exec.Command("git", "init", "-q", "-b", "main", benchDir).CombinedOutput(); err != nil {
			benchErr = fmt.Errorf("git init: %v %s", err, out)
			return
		}
		cmd := exec.Command("git", "fast-import", "--quiet")
		cmd.Dir, cmd.Stdin = benchDir, &s
		if out, err := cmd.CombinedOutput(); err != nil {
			benchErr = fmt.Errorf("git fast-import: %v %s", err, out)
			return
		}
		os.MkdirAll(filepath.Join(benchDir, "content"), 0o755)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchDir
}

// BenchmarkHistory reads the history of a 10,000-commit repository with go-git without a
// cache, with `git log --name-only --no-merges` over the same folder, and again with a warm
// cache, and reports how go-git compares with git (x-git-log: times slower) and the cost of a
// rebuild at the same HEAD.
func BenchmarkHistory(b *testing.B) {
	dir := benchRepo(b)
	content := filepath.Join(dir, "content")
	cacheDir := b.TempDir()
	if _, _, err := Read(Options{Dir: content, CacheDir: cacheDir}); err != nil {
		b.Fatal(err)
	}
	var walk, gitLog, cached time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t := time.Now()
		log, st, err := Read(Options{Dir: content})
		if err != nil {
			b.Fatal(err)
		}
		walk += time.Since(t)
		if st.Walked != 10000 || len(log.Files) == 0 {
			b.Fatalf("walked %d commits, %d files", st.Walked, len(log.Files))
		}

		t = time.Now()
		cmd := exec.Command("git", "log", "--name-only", "--no-merges", "--format=%H %an %at %s", "--", "content")
		cmd.Dir = dir
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
		gitLog += time.Since(t)

		t = time.Now()
		if _, st, err := Read(Options{Dir: content, CacheDir: cacheDir}); err != nil || !st.Hit || st.Walked != 0 {
			b.Fatalf("cached read: %+v %v", st, err)
		}
		cached += time.Since(t)
	}
	n := float64(b.N)
	b.ReportMetric(walk.Seconds()*1000/n, "ms-walk")
	b.ReportMetric(gitLog.Seconds()*1000/n, "ms-git-log")
	b.ReportMetric(cached.Seconds()*1000/n, "ms-cached")
	b.ReportMetric(float64(walk)/float64(gitLog), "x-git-log")
	b.ReportMetric(float64(cached)/float64(gitLog), "cached-x-git-log")
}
