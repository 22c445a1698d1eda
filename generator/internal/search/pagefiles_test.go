package search

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestPackPages: page files keep the pages in order, close at the size or page limit, and put a
// page larger than the limit alone in its file.
func TestPackPages(t *testing.T) {
	var pages []pageData
	for i := range 300 {
		text := strings.Repeat("word ", 20)
		switch {
		case i == 100:
			text = strings.Repeat("huge ", 10000) // 50 KB, over the limit alone
		case i%7 == 0:
			text = strings.Repeat("long ", 1000)
		}
		pages = append(pages, pageData{URL: "/p" + strings.Repeat("x", i%5) + "/", Title: "Page", Sections: [][3]string{{"", "", text}}})
	}
	files := packPages(pages)
	n := 0
	for f, group := range files {
		size := 0
		for k, raw := range group {
			var p pageData
			if err := json.Unmarshal(raw, &p); err != nil {
				t.Fatal(err)
			}
			if p.URL != pages[n].URL || p.Sections[0][2] != pages[n].Sections[0][2] {
				t.Fatalf("file %d entry %d is not page %d", f, k, n)
			}
			size += len(raw)
			n++
		}
		if len(group) > pageFilePages {
			t.Errorf("file %d holds %d pages", f, len(group))
		}
		if size > pageFileBytes && len(group) > 1 {
			t.Errorf("file %d holds %d bytes in %d pages", f, size, len(group))
		}
	}
	if n != len(pages) {
		t.Fatalf("the files hold %d pages of %d", n, len(pages))
	}
	if len(files) >= len(pages)/4 {
		t.Errorf("%d files for %d small pages: pages are not packed", len(files), len(pages))
	}
}
