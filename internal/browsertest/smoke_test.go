package browsertest_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/internal/browsertest"
)

func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }

// TestServeAndNavigate proves the harness itself: a real browser loads a page over real HTTP
// under a sub-path.
func TestServeAndNavigate(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<title>hi</title><p id=x>hello</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)
	base := browsertest.Serve(t, dir, "/sub/")
	var txt string
	if err := chromedp.Run(ctx, chromedp.Navigate(base), chromedp.Text("#x", &txt)); err != nil {
		t.Fatal(err)
	}
	if txt != "hello" {
		t.Fatalf("page text = %q, want hello", txt)
	}
}

// TestFreshStoragePerTest holds the promise tests rely on while they share one browser: each New
// starts with empty localStorage, even for the same address, and a test closing its own tab
// leaves the browser running for the next one.
func TestFreshStoragePerTest(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<p>store</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	base := browsertest.Serve(t, dir, "/")
	for i := range 3 {
		ctx := browsertest.New(t)
		var before string
		err := chromedp.Run(ctx, chromedp.Navigate(base),
			chromedp.Evaluate(`String(localStorage.getItem("k"))`, &before),
			chromedp.Evaluate(`localStorage.setItem("k", "set"); true`, nil))
		if err != nil {
			t.Fatalf("tab %d: %v", i, err)
		}
		if before != "null" {
			t.Fatalf("tab %d starts with localStorage k=%q, want it empty", i, before)
		}
		// What the tests that close their browser themselves do: it must close the tab only.
		if err := chromedp.Cancel(ctx); err != nil {
			t.Fatalf("close tab %d: %v", i, err)
		}
	}
}
