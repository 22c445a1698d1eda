package generator

import (
	"fmt"
	"github.com/cmplay/cmplay/internal/sitetest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/generator/internal/render"
	"github.com/cmplay/cmplay/internal/browsertest"
)

// bigFolderSite is a site with one folder of n pages and no index page of its own (as
// tldr-pages' pages/common), beside a small section with an index.
func bigFolderSite(t testing.TB, n int) string {
	files := map[string]string{
		"content/_index.md":          "# Commands\n",
		"content/guide/_index.md":    "# Guide\n",
		"content/guide/start.md":     "# Start\n\nRead [tar](../pages/common/cmd-00001.md).\n",
		"content/pages/linux/apt.md": "# apt\n",
	}
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("content/pages/common/cmd-%05d.md", i)] = fmt.Sprintf("# cmd-%05d\n\n> Does thing %d.\n\n- Run it:\n\n`cmd-%05d --all`\n", i, i, i)
	}
	return sitetest.Write(t, t.TempDir(), files)
}

var (
	sidebarRe = regexp.MustCompile(`(?s)<nav id="sidebar".*?</nav>`)
	cardRe    = regexp.MustCompile(`<li class="card[^"]*"><a href="([^"]+)"><span class="card-title">([^<]+)</span>`)
)

// TestNavigationBounded: in a folder of 5,000 pages every page's sidebar lists a bounded
// window with the page itself marked current, no page grows with the folder, and the folder's
// paged index lists every page exactly once. In Chromium, over HTTP and from file://, the
// current entry is scrolled into the sidebar's view and a reader gets from a page to the
// folder's index, through its pager, and to another page by clicking.
func TestNavigationBounded(t *testing.T) {
	t.Parallel()
	n := 5000
	if testing.Short() {
		n = 1200 // still many windows and index pages; the browser parts (cmd-04999) need 5,000
	}
	src := bigFolderSite(t, n)
	// One build serves both browsers: made for file://, its links to folders end in index.html,
	// which a web server serves as well, and the 5,000-page build is the test's main cost.
	out := filepath.Join(t.TempDir(), "public")
	res := mustBuild(t, Config{Source: src, Out: out, BaseURL: "file://" + filepath.ToSlash(out) + "/"})
	t.Run("http", func(t *testing.T) {
		if testing.Short() {
			t.Skip("browser test")
		}
		browseBigFolder(t, browsertest.Serve(t, out, "/")+"pages/common/", "index.html")
	})
	t.Run("file", func(t *testing.T) {
		if testing.Short() {
			t.Skip("browser test")
		}
		browseBigFolder(t, "file://"+filepath.ToSlash(out)+"/pages/common/", "index.html")
	})
	if len(res.Diagnostics) > 0 {
		t.Fatalf("diagnostics: %v", res.Diagnostics)
	}
	var largest int64
	var largestName string
	filepath.Walk(out, func(p string, fi os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") && fi.Size() > largest {
			largest, largestName = fi.Size(), p
		}
		return nil
	})
	// A whole 5,000-entry sidebar would be ~500 KB; a bounded page is ~25 KB (with file:// links).
	if largest > 32<<10 {
		t.Errorf("largest page %s is %d bytes: navigation grows with the folder", largestName, largest)
	}
	for _, i := range []int{0, n / 2, n - 1} {
		name := fmt.Sprintf("cmd-%05d", i)
		page, err := os.ReadFile(filepath.Join(out, "pages/common", name, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		nav := sidebarRe.Find(page)
		if links := strings.Count(string(nav), "<a "); links > 2*render.NavCap+render.NavWindow+2 {
			t.Errorf("%s: sidebar has %d links", name, links)
		}
		if !strings.Contains(string(nav), `href="index.html" aria-current="page">`+name+`</a>`) {
			t.Errorf("%s: sidebar does not mark the page current:\n%s", name, nav)
		}
		if !strings.Contains(string(page), `<li><a href="../index.html">Common</a></li>`) {
			t.Errorf("%s: the breadcrumbs do not lead to the folder's generated index", name)
		}
		if i > 0 && !strings.Contains(string(nav), " earlier</a>") || i < n-1 && !strings.Contains(string(nav), " more ↓</a>") {
			t.Errorf("%s: sidebar lacks its links to the rest of the folder:\n%s", name, nav)
		}
	}
	// The folder has no index page: page 1 of its listing stands at its URL, 49 more follow.
	seen := map[string]int{}
	pages := (n + render.IndexPageSize - 1) / render.IndexPageSize
	for k := 1; k <= pages; k++ {
		name := "pages/common/index.html"
		if k > 1 {
			name = fmt.Sprintf("pages/common/page/%d/index.html", k)
		}
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatalf("listing page %d: %v", k, err)
		}
		for _, m := range cardRe.FindAllStringSubmatch(string(data), -1) {
			seen[m[2]]++
		}
		if !strings.Contains(string(data), `<nav class="pager"`) {
			t.Errorf("%s has no pager", name)
		}
		// The folder is what is current in a listing's sidebar, never an "N more" link.
		nav := string(sidebarRe.Find(data))
		if strings.Count(nav, `aria-current="page"`) != 1 || !strings.Contains(nav, `aria-current="page">Common</a>`) {
			t.Errorf("%s: sidebar marks %d links current, not the folder:\n%s", name, strings.Count(nav, `aria-current="page"`), nav)
		}
	}
	if _, err := os.Stat(filepath.Join(out, fmt.Sprintf("pages/common/page/%d/index.html", pages+1))); err == nil {
		t.Error("a listing page past the last one")
	}
	for i := 0; i < n; i++ {
		if c := seen[fmt.Sprintf("cmd-%05d", i)]; c != 1 {
			t.Fatalf("cmd-%05d is listed %d times in the folder's index", i, c)
		}
	}
	// A small folder keeps its whole list and gets no listing pages.
	guide, _ := os.ReadFile(filepath.Join(out, "guide/start/index.html"))
	if nav := sidebarRe.Find(guide); strings.Contains(string(nav), "more ↓") || !strings.Contains(string(nav), `aria-current="page">Start</a>`) {
		t.Errorf("guide/start sidebar:\n%s", nav)
	}
	if _, err := os.Stat(filepath.Join(out, "guide/page/2")); err == nil {
		t.Error("a small folder got a second listing page")
	}
}

// browseBigFolder opens the last page of the folder at base in a short window, where its entry
// would sit below the sidebar's fold, and walks from it to the folder's index and back to a page.
func browseBigFolder(t *testing.T, base, index string) {
	ctx := browsertest.New(t)
	var visible bool
	var current, title, listed string
	var cards int
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1280, 600),
		chromedp.Navigate(base+"cmd-04999/"+index),
		chromedp.WaitVisible("#sidebar"),
		chromedp.Text(`#sidebar a[aria-current="page"]`, &current),
		chromedp.Poll(`(() => {
			const nav = document.getElementById("sidebar").getBoundingClientRect();
			const cur = document.querySelector('#sidebar a[aria-current="page"]').getBoundingClientRect();
			return cur.top >= nav.top && cur.bottom <= nav.bottom && nav.bottom <= innerHeight;
		})()`, &visible),
		// "↑ 4975 earlier" leads to the index page that lists the entries just above the window.
		chromedp.Click(`#sidebar .nav-more a`),
		chromedp.WaitVisible(`.pager`),
		chromedp.Title(&title),
		chromedp.Evaluate(`document.querySelectorAll(".cards .card").length`, &cards),
		// The pager's first page is the folder's own URL; its first card is the first page.
		chromedp.Click(`.pager li:first-child a`),
		chromedp.WaitVisible(`.pager [aria-current="page"]`),
		chromedp.Click(`.cards .card:first-child a`),
		chromedp.WaitVisible(`#sidebar a[aria-current="page"]`),
		chromedp.Text(`#sidebar a[aria-current="page"]`, &listed),
	)
	if err != nil {
		t.Fatal(err)
	}
	if current != "cmd-04999" {
		t.Errorf("current sidebar entry = %q", current)
	}
	if !strings.HasPrefix(title, "Common (page 50 of 50)") || cards != render.IndexPageSize {
		t.Errorf("earlier link led to %q with %d cards", title, cards)
	}
	if listed != "cmd-00000" {
		t.Errorf("first card of the folder index led to %q", listed)
	}
}

// TestListingsPaged: the listings of a kind and of a tag are paged like folder indexes, the
// role index by 50 roles with 20 pages under each, a role page's list of the pages naming it
// like a folder index, and
// the progress page lists IndexPageSize checklists without script, counting the rest, so none
// of them grows with the site.
func TestListingsPaged(t *testing.T) {
	const n = 250
	files := map[string]string{"content/_index.md": "# Home\n"}
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("content/p/p%03d.md", i)] = fmt.Sprintf("---\ntitle: P%03d\nkind: practice\ntags: [x]\n---\n- [ ] Do %d\n", i, i)
	}
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Config{Source: newSite(t, files), Out: out})
	for _, base := range []string{"kinds/practice/", "tags/x/"} {
		seen := map[string]bool{}
		for k := 1; k <= 3; k++ {
			name := base + "index.html"
			if k > 1 {
				name = fmt.Sprintf("%spage/%d/index.html", base, k)
			}
			data, err := os.ReadFile(filepath.Join(out, name))
			if err != nil {
				t.Fatal(err)
			}
			cards := cardRe.FindAllStringSubmatch(string(data), -1)
			if want := min(render.IndexPageSize, n-(k-1)*render.IndexPageSize); len(cards) != want || !strings.Contains(string(data), `<nav class="pager"`) {
				t.Errorf("%s: %d cards (want %d), or no pager", name, len(cards), want)
			}
			for _, c := range cards {
				seen[c[2]] = true
			}
		}
		if len(seen) != n {
			t.Errorf("%s lists %d pages over its pages, want %d", base, len(seen), n)
		}
		if _, err := os.Stat(filepath.Join(out, base, "page/4")); err == nil {
			t.Errorf("%s has a fourth page", base)
		}
	}
	// The role index: 50 roles a page, each with the first 20 pages naming it.
	roles := map[string]string{"content/_index.md": "# Home\n"}
	for i := 0; i < 60; i++ {
		roles[fmt.Sprintf("content/roles/r%02d.md", i)] = "---\nkind: role\n---\n# Role\n"
	}
	for i := 0; i < 30; i++ {
		roles[fmt.Sprintf("content/p/p%02d.md", i)] = "---\nroles: [r00]\n---\n# Page\n"
	}
	const users = 2*render.IndexPageSize + 30 // pages naming r01: its role page and two more
	for i := 0; i < users; i++ {
		roles[fmt.Sprintf("content/q/q%03d.md", i)] = fmt.Sprintf("---\nroles: [r01]\n---\n# Q%03d\n", i)
	}
	rout := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Config{Source: newSite(t, roles), Out: rout})
	first, _ := os.ReadFile(filepath.Join(rout, "kinds/role/index.html"))
	second, err := os.ReadFile(filepath.Join(rout, "kinds/role/page/2/index.html"))
	if err != nil || strings.Count(string(first), `<section class="group">`) != 50 || strings.Count(string(second), `<section class="group">`) != 10 {
		t.Errorf("role index not paged by 50 (%v)", err)
	}
	if !strings.Contains(string(first), `<a href="../../roles/r00/">and 10 more</a>`) {
		t.Error("the role index does not cap a role's pages at 20 with a link to the role page")
	}
	// A role page lists IndexPageSize of the pages naming it; the rest are on its further
	// pages, each with a pager back to the role page.
	named := map[string]int{}
	for k, name := range []string{"roles/r01/index.html", "roles/r01/pages/2/index.html", "roles/r01/pages/3/index.html"} {
		data, err := os.ReadFile(filepath.Join(rout, name))
		if err != nil {
			t.Fatal(err)
		}
		got := regexp.MustCompile(`>Q(\d{3})</(?:a|span)>`).FindAllStringSubmatch(string(data), -1)
		if want := min(render.IndexPageSize, users-k*render.IndexPageSize); len(got) != want {
			t.Errorf("%s lists %d pages naming the role, want %d", name, len(got), want)
		}
		for _, m := range got {
			named[m[1]]++
		}
		if back := `<a href="../../" title="Q000 – Q099">1</a>`; k > 0 && !strings.Contains(string(data), back) || !strings.Contains(string(data), `<nav class="pager"`) {
			t.Errorf("%s has no pager leading back to the role page", name)
		}
	}
	if len(named) != users {
		t.Errorf("the role's pages name %d of the %d pages naming it", len(named), users)
	}
	if _, err := os.Stat(filepath.Join(rout, "roles/r01/pages/4")); err == nil {
		t.Error("the role has a fourth page of pages naming it")
	}
	progress, _ := os.ReadFile(filepath.Join(out, "progress/index.html"))
	if got := strings.Count(string(progress), " items</span></li>"); got != render.IndexPageSize || !strings.Contains(string(progress), "And 150 more checklists") {
		t.Errorf("progress page lists %d checklists, or does not count the rest", got)
	}
}
