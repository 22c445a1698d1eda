package history

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
)

// benchRepo generates, once per run, a repository of 16,000 commits over 2,000 content files
// (plus files outside the content folder) with `git fast-import`: edits, deletions, and one
// commit in 150 renaming a page, every other one of those also editing it.
func benchRepo(b *testing.B) string {
	gitBin(b)
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "cmplay-history-bench-")
		if benchErr != nil {
			return
		}
		const files, commits = 2000, benchCommits
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
		at, text := make([]string, files), make([]string, files) // each page's path and text now
		initial := map[string]string{"README.md": "outside\n"}
		for i := 0; i < files; i++ {
			at[i], text[i] = path(i), fmt.Sprintf("# Page %d\n\nfirst text\n", i)
			initial[at[i]] = text[i]
		}
		commit("Initial playbook", initial, nil)
		for c := 1; c < commits; c++ {
			ch := map[string]string{}
			var dels []string
			switch {
			case c%10 == 0:
				ch["README.md"] = fmt.Sprintf("outside %d\n", c)
			case c%150 == 5:
				// A rename, as git mv makes it; every other one also edits the page.
				i := rnd.Intn(files)
				dels = append(dels, at[i])
				at[i] = fmt.Sprintf("content/moved/%d/page-%05d.md", c, i)
				if c%300 == 5 {
					text[i] += fmt.Sprintf("edited while renamed in %d\n", c)
				}
				ch[at[i]] = text[i]
			case c%97 == 0:
				dels = append(dels, at[rnd.Intn(files)]) // deleted, and usually re-added later
			default:
				for k := 0; k < 1+rnd.Intn(3); k++ {
					i := rnd.Intn(files)
					text[i] = fmt.Sprintf("# Page %d\n\nrevision %d\n", i, c)
					ch[at[i]] = text[i]
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

// benchCommits is the length of the benchmark repository's history.
const benchCommits = 16000

// BenchmarkHistory reads the history of a 16,000-commit repository with renames cold (no
// cache) with the git binary and with go-git, runs `git log --name-only --no-merges` over the
// same folder, and reads again with a warm cache. It reports each as milliseconds and the
// ratios that matter: x-git-log (the cold read against git log), gogit-x-git-log, and the
// warm read's cost beyond loading the cache file (ms-warm-beyond-load).
func BenchmarkHistory(b *testing.B) {
	dir := benchRepo(b)
	content := filepath.Join(dir, "content")
	cacheDir := b.TempDir()
	if _, _, err := Read(Options{Dir: content, CacheDir: cacheDir}); err != nil {
		b.Fatal(err)
	}
	var walk, goGit, gitLog, cached, load time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t := time.Now()
		cmd := exec.Command("git", "log", "--name-only", "--no-merges", "--format=%H %an %at %s", "--", "content")
		cmd.Dir = dir
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
		gitLog += time.Since(t)

		t = time.Now()
		log, st, err := Read(Options{Dir: content})
		if err != nil {
			b.Fatal(err)
		}
		walk += time.Since(t)
		if st.Walked != benchCommits || !st.Git || len(log.Files) == 0 {
			b.Fatalf("walked %d commits (git %v), %d files", st.Walked, st.Git, len(log.Files))
		}
		followed := 0 // moved pages whose history reaches back to the first commit
		for p, f := range log.Files {
			if strings.HasPrefix(p, "moved/") && f.Created != nil && f.Created.Subject == "Initial playbook" {
				followed++
			}
		}
		if followed < benchCommits/300 {
			b.Fatalf("only %d moved pages keep their history", followed)
		}

		if os.Getenv("CMPLAY_BENCH_GOGIT") != "" {
			t = time.Now()
			if _, st, err := Read(Options{Dir: content, GoGit: true}); err != nil || st.Walked != benchCommits {
				b.Fatalf("go-git read: %+v %v", st, err)
			}
			goGit += time.Since(t)
		}

		t = time.Now()
		_, st, err = Read(Options{Dir: content, CacheDir: cacheDir})
		if err != nil || !st.Hit || st.Walked != 0 {
			b.Fatalf("cached read: %+v %v", st, err)
		}
		cached += time.Since(t)
		load += st.Load
	}
	n := float64(b.N)
	ms := func(d time.Duration) float64 { return d.Seconds() * 1000 / n }
	b.ReportMetric(ms(walk), "ms-cold")
	b.ReportMetric(ms(gitLog), "ms-git-log")
	b.ReportMetric(float64(walk)/float64(gitLog), "x-git-log")
	if goGit > 0 {
		b.ReportMetric(ms(goGit), "ms-gogit")
		b.ReportMetric(float64(goGit)/float64(gitLog), "gogit-x-git-log")
	}
	b.ReportMetric(ms(cached), "ms-warm")
	b.ReportMetric(ms(cached-load), "ms-warm-beyond-load")
}
