package generator

import (
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/cmplay/cmplay/generator/internal/history"
)

// TestChangelogPaged: a history of 251 commits makes a changelog of three pages, newest first,
// that list every commit once and link to each other; the feed keeps the newest FeedCount
// commits, each linked to the changelog page that lists it. An entry names at most
// history.EntryFiles files.
func TestChangelogPaged(t *testing.T) {
	t.Parallel()
	const commits = 251
	s := newSiteRepo(t)
	// The first commit imports 41 pages: its entry names 30 and counts the rest.
	for i := 0; i < 40; i++ {
		s.write(fmt.Sprintf("content/bulk/p%02d.md", i), fmt.Sprintf("# Bulk %d\n", i))
	}
	hashes := []string{s.commit("Import", "Ada Lovelace").String()}
	for i := 1; i < commits; i++ {
		s.write("content/escalation.md", fmt.Sprintf("# Escalation\n\nVersion %d.\n", i))
		hashes = append(hashes, s.commit(fmt.Sprintf("Escalation, version %d", i), "Ada Lovelace").String())
	}
	_, mem := s.build(s.dir)
	entry := regexp.MustCompile(`<li id="c-([0-9a-f]{40})">`)
	var listed []string
	pages := (commits + history.ChangelogPageSize - 1) / history.ChangelogPageSize
	for k := 1; k <= pages; k++ {
		url := history.ChangelogURL(k)
		page := file(t, mem, strings.TrimPrefix(url, "/")+"index.html")
		for _, m := range entry.FindAllStringSubmatch(page, -1) {
			listed = append(listed, m[1])
		}
		if !strings.Contains(page, `<nav class="pager"`) || !strings.Contains(page, `<span aria-current="page">`+fmt.Sprint(k)+`</span>`) {
			t.Errorf("%s has no pager marking page %d", url, k)
		}
		if k > 1 && !strings.Contains(page, `href="../../">1</a>`) {
			t.Errorf("%s does not link to the first page", url)
		}
	}
	last := file(t, mem, fmt.Sprintf("changelog/page/%d/index.html", pages))
	imported, _, _ := strings.Cut(last[strings.Index(last, `id="c-`+hashes[0]):], "</ul>")
	if n := strings.Count(imported, "<li><a href="); n != history.EntryFiles || !strings.Contains(imported, "and 11 more") {
		t.Errorf("the import's entry names %d pages, or does not count the rest", n)
	}
	if _, ok := mem.File(fmt.Sprintf("changelog/page/%d/index.html", pages+1)); ok {
		t.Error("a changelog page past the last")
	}
	if len(listed) != commits {
		t.Fatalf("the changelog pages list %d commits, want %d", len(listed), commits)
	}
	for i, h := range listed {
		if want := hashes[commits-1-i]; h != want {
			t.Fatalf("changelog entry %d is %s, want %s (newest first)", i, h, want)
		}
	}
	var feed struct {
		Entries []struct {
			Links []struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(file(t, mem, "changelog.xml")), &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) != history.FeedCount {
		t.Fatalf("feed has %d entries, want %d", len(feed.Entries), history.FeedCount)
	}
	first := file(t, mem, "changelog/index.html")
	for i, e := range feed.Entries {
		want := "https://intranet.example/policy/changelog/#c-" + hashes[commits-1-i]
		if e.Links[0].Href != want || !strings.Contains(first, `id="c-`+hashes[commits-1-i]+`"`) {
			t.Fatalf("feed entry %d links %s, want %s on the first changelog page", i, e.Links[0].Href, want)
		}
	}
}
