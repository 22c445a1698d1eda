package generator

import (
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/cmplay/cmplay/generator/output"
	"github.com/cmplay/cmplay/playbooks"
)

// siteRepo is a site folder that is a real git repository, written with go-git.
type siteRepo struct {
	t   *testing.T
	dir string
	wt  *git.Worktree
	now time.Time
}

// buildTo builds the repository's site into out with its own cmplay.toml (baseURL, when not
// empty, replaces the configured one) and returns the build's diagnostics.
func (s *siteRepo) buildTo(out, baseURL string) playbooks.Diagnostics {
	s.t.Helper()
	cfg, _, err := LoadConfig(s.dir)
	if err != nil {
		s.t.Fatal(err)
	}
	cfg.Out = out
	if baseURL != "" {
		cfg.BaseURL = baseURL
	}
	res, err := Build(cfg)
	if err != nil {
		s.t.Fatal(err)
	}
	return res.Diagnostics
}

func newSiteRepo(t *testing.T) *siteRepo {
	t.Helper()
	s := newRepo(t)
	s.write("cmplay.toml", "title = \"Policy\"\nrepo_url = \"https://github.com/acme/policy\"\nbase_url = \"https://intranet.example/policy/\"\n")
	s.write("content/index.md", "# Policy\n\nSee [escalation](escalation.md).\n")
	return s
}

// newRepo is an empty git repository in a temporary folder, with nothing written yet.
func newRepo(t *testing.T) *siteRepo {
	t.Helper()
	dir := t.TempDir()
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := r.Worktree()
	return &siteRepo{t: t, dir: dir, wt: wt, now: time.Date(2026, 9, 28, 10, 0, 0, 0, time.UTC)}
}

// commitFiles writes files and commits them, with everything else changed, as Ada.
func (s *siteRepo) commitFiles(files map[string]string, msg string) plumbing.Hash {
	s.t.Helper()
	for name, data := range files {
		s.write(name, data)
	}
	return s.commit(msg, "Ada Lovelace")
}

func (s *siteRepo) write(name, data string) {
	s.t.Helper()
	p := filepath.Join(s.dir, filepath.FromSlash(name))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

func (s *siteRepo) commit(msg, author string) plumbing.Hash {
	s.t.Helper()
	if err := s.wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		s.t.Fatal(err)
	}
	s.now = s.now.Add(3 * 24 * time.Hour)
	first := strings.ToLower(strings.Fields(author)[0])
	h, err := s.wt.Commit(msg, &git.CommitOptions{Author: &object.Signature{Name: author, Email: first + "@example.org", When: s.now}})
	if err != nil {
		s.t.Fatal(err)
	}
	return h
}

// build builds the site into memory and returns the files.
func (s *siteRepo) build(source string) (*Result, *output.Memory) {
	s.t.Helper()
	cfg, _, err := LoadConfig(source)
	if err != nil {
		s.t.Fatal(err)
	}
	mem := output.NewMemory()
	cfg.Writer = mem
	res, err := Build(cfg)
	if err != nil {
		s.t.Fatal(err)
	}
	return res, mem
}

func file(t *testing.T, m *output.Memory, name string) string {
	t.Helper()
	data, ok := m.File(name)
	if !ok {
		t.Fatalf("no %s in the output", name)
	}
	return string(data)
}

// policyHistory makes the history the golden files show: three authors over two months, a PR.
func policyHistory(s *siteRepo) {
	s.write("content/escalation.md", "---\ntitle: Escalation\n---\nEscalate within a day.\n")
	s.commit("Add the escalation guideline", "Ada Lovelace")
	s.write("content/escalation.md", "---\ntitle: Escalation\n---\nEscalate within four hours.\n")
	s.commit("Escalate faster (#12)", "Grace Hopper")
	s.write("content/logo.svg", "<svg/>")
	s.write("content/index.md", "# Policy\n\nSee [escalation](escalation.md). Now with a logo.\n")
	s.commit("Add the logo", "Zoë Åström")
}

var (
	historyBlock = regexp.MustCompile(`(?s)<section class="page-history".*?</section>`)
	mainBlock    = regexp.MustCompile(`(?s)<main[^>]*>(.*)</main>`)
)

// TestHistoryGolden: a page's history block, its full history and the changelog, against
// golden files (`go test ./generator -run HistoryGolden -update` rewrites them).
func TestHistoryGolden(t *testing.T) {
	s := newSiteRepo(t)
	policyHistory(s)
	// Enough changes that the footer list is cut and a full history page is made.
	for i := 1; i <= 5; i++ {
		s.write("content/escalation.md", fmt.Sprintf("---\ntitle: Escalation\n---\nEscalate within %d hours.\n", 5-i))
		s.commit(fmt.Sprintf("Tighten the escalation window, step %d", i), "Grace Hopper")
	}
	res, mem := s.build(s.dir)
	if len(res.Diagnostics) != 0 || len(res.Notes) != 0 {
		t.Fatalf("diagnostics %v, notes %v", res.Diagnostics, res.Notes)
	}
	// A page whose whole history fits in its footer gets no separate history page.
	if _, ok := mem.File("history/index.html"); ok {
		t.Error("a history page was made for a page with two commits")
	}
	if strings.Contains(file(t, mem, "index.html"), "Full history") {
		t.Error("a page with its whole history in the footer links to a full history")
	}
	got := "-- escalation/index.html: history block --\n" + historyBlock.FindString(file(t, mem, "escalation/index.html")) +
		"\n-- history/escalation/index.html: main --\n" + mainBlock.FindStringSubmatch(file(t, mem, "history/escalation/index.html"))[1] +
		"\n-- changelog/index.html: main --\n" + mainBlock.FindStringSubmatch(file(t, mem, "changelog/index.html"))[1] + "\n"
	golden := filepath.Join("testdata", "history", "policy.golden")
	if *update {
		os.MkdirAll(filepath.Dir(golden), 0o755)
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if got != string(want) {
		t.Errorf("history output differs from %s (run with -update and review):\n%s", golden, diffLines(string(want), got))
	}
}

// TestHistoryFeedAndLinks: the Atom feed parses and uses absolute URLs; commit and PR links
// point at the forge; the page head links the feed.
func TestHistoryFeedAndLinks(t *testing.T) {
	s := newSiteRepo(t)
	policyHistory(s)
	_, mem := s.build(s.dir)
	page := file(t, mem, "escalation/index.html")
	for _, want := range []string{
		`Last changed <time datetime="2026-10-04">4 October 2026</time> by Grace Hopper`,
		`href="https://github.com/acme/policy/pull/12">#12</a>`,
		`href="https://github.com/acme/policy/commit/`,
		`Created <time datetime="2026-10-01">1 October 2026</time> by Ada Lovelace`,
		`<link rel="alternate" type="application/atom+xml"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("escalation page lacks %q", want)
		}
	}
	var feed struct {
		Updated string `xml:"updated"`
		Entries []struct {
			Title   string `xml:"title"`
			Content string `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(file(t, mem, "changelog.xml")), &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) != 3 || feed.Entries[0].Title != "Add the logo" || feed.Updated != "2026-10-07T10:00:00Z" {
		t.Fatalf("feed = %+v", feed)
	}
	if !strings.Contains(feed.Entries[1].Content, `href="https://intranet.example/policy/escalation/"`) {
		t.Errorf("feed entry links are not absolute: %s", feed.Entries[1].Content)
	}
}

// TestHistoryMissing: outside a repository the build notes it once; a shallow clone warns and
// never calls its boundary commit the creation; in memory (serve) uncommitted edits show.
func TestHistoryMissing(t *testing.T) {
	plain := t.TempDir()
	os.MkdirAll(filepath.Join(plain, "content"), 0o755)
	os.WriteFile(filepath.Join(plain, "content", "index.md"), []byte("# Hi\n"), 0o644)
	cfg, _, _ := LoadConfig(plain)
	cfg.Writer = output.NewMemory()
	res, err := Build(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != 0 || len(res.Notes) != 1 || !strings.Contains(res.Summary(), "not a git repository") {
		t.Errorf("outside a repository: diagnostics %v, notes %q", res.Diagnostics, res.Notes)
	}

	s := newSiteRepo(t)
	policyHistory(s)
	s.write("content/escalation.md", "---\ntitle: Escalation\n---\nEscalate within two hours.\n")
	cfg, _, err = LoadConfig(s.dir)
	if err != nil {
		t.Fatal(err)
	}
	u, _, err := NewSession(cfg).LiveUpdate(nil) // what cmplay serve builds
	if err != nil {
		t.Fatal(err)
	}
	if page := file(t, u.Site, "escalation/index.html"); !strings.Contains(page, "Uncommitted edits.") {
		t.Error("an uncommitted edit is not shown under serve")
	}
	if page := file(t, u.Site, "index.html"); strings.Contains(page, "Uncommitted edits.") {
		t.Error("a committed page is shown as uncommitted")
	}
	if _, mem := s.build(s.dir); strings.Contains(file(t, mem, "escalation/index.html"), "Uncommitted edits.") {
		t.Error("a build (not a preview) shows uncommitted edits")
	}
	s.commit("Two hours", "Ada Lovelace")

	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git binary not found: the shallow-clone half of this test needs `git clone --depth`")
	}
	clone := filepath.Join(t.TempDir(), "clone")
	if out, err := exec.Command("git", "clone", "-q", "--depth", "2", "file://"+s.dir, clone).CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v %s", err, out)
	}
	res, mem := s.build(clone)
	if res.Diagnostics.Warnings() != 1 || !strings.Contains(res.Diagnostics[0].Msg, "shallow clone") {
		t.Errorf("shallow clone diagnostics: %v", res.Diagnostics)
	}
	page := file(t, mem, "escalation/index.html")
	if strings.Contains(page, "Created <time") || !strings.Contains(page, "History is truncated") {
		t.Errorf("shallow clone history block:\n%s", historyBlock.FindString(page))
	}
	if !strings.Contains(page, "Last changed <time datetime=\"2026-10-10\">") {
		t.Errorf("shallow clone lost the last change:\n%s", historyBlock.FindString(page))
	}
}

// TestHistoryCacheDir: the history cache goes only where Config.HistoryCacheDir says, and a
// build without it leaves nothing behind; a cached build shows the same history.
func TestHistoryCacheDir(t *testing.T) {
	s := newSiteRepo(t)
	policyHistory(s)
	cfg, _, err := LoadConfig(s.dir)
	if err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(t.TempDir(), "history")
	var pages []string
	for _, dir := range []string{"", cache, cache} {
		cfg.HistoryCacheDir = dir
		mem := output.NewMemory()
		cfg.Writer = mem
		if _, err := Build(cfg); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, historyBlock.FindString(file(t, mem, "escalation/index.html")))
		if dir == "" {
			if _, err := os.Stat(cache); !os.IsNotExist(err) {
				t.Fatalf("a build without HistoryCacheDir wrote %s (%v)", cache, err)
			}
		}
	}
	if names, _ := filepath.Glob(filepath.Join(cache, "*.gob")); len(names) != 1 {
		t.Errorf("cache files %q, want one", names)
	}
	if pages[0] == "" || pages[0] != pages[1] || pages[1] != pages[2] {
		t.Errorf("history blocks differ between uncached, first cached and cached builds:\n%s\n%s\n%s", pages[0], pages[1], pages[2])
	}
}
