package browsertest_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/internal/browsertest"
)

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
