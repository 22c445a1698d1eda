package serve_test

import (
	"os"
	"strings"
	"testing"
)

// TestIncludedFileEditRebuildsIncluders: `cmplay serve` with a real watcher; saving a partial
// changes every page that includes it, directly or through another partial, and no other page.
func TestIncludedFileEditRebuildsIncluders(t *testing.T) {
	files := map[string]string{
		"content/_index.md":                  "---\ntitle: Home\n---\nHello.\n",
		"content/guide/one.md":               "---\ntitle: One\n---\n<!-- include: _partials/contact.md -->\n",
		"content/guide/two.md":               "---\ntitle: Two\n---\n<!-- include: /guide/_partials/outer.md -->\n",
		"content/guide/other.md":             "---\ntitle: Other\n---\nNothing shared.\n",
		"content/guide/_partials/outer.md":   "Outer text.\n\n<!-- include: contact.md -->\n",
		"content/guide/_partials/contact.md": "Write to **oldaddress**.\n",
	}
	l := startLive(t, files)
	if code, _ := l.get("/guide/_partials/contact/"); code != 404 {
		t.Errorf("a partial is published as a page: %d", code)
	}
	for _, p := range []string{"/guide/one/", "/guide/two/"} {
		if _, body := l.get(p); !strings.Contains(body, "oldaddress") {
			t.Fatalf("%s does not show the included text", p)
		}
	}
	must(t, os.WriteFile(l.path("content/guide/_partials/contact.md"), []byte("Write to **newaddress**.\n"), 0o644))
	r := l.next()
	if r.err != nil {
		t.Fatal(r.err)
	}
	for _, p := range []string{"/guide/one/", "/guide/two/"} {
		if _, body := l.get(p); !strings.Contains(body, "newaddress") || strings.Contains(body, "oldaddress") {
			t.Errorf("%s still shows the old included text after the partial was saved", p)
		}
	}
	if _, body := l.get("/guide/other/"); !strings.Contains(body, "Nothing shared.") {
		t.Error("an unrelated page went missing")
	}
}
