// Package nomain_test is a test package without a TestMain calling browsertest.Main: New must
// still work there, with a browser of the test's own that is closed when the test ends.
package nomain_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/internal/browsertest"
)

// TestNewWithoutMain opens a page with New in a package that never calls browsertest.Main.
func TestNewWithoutMain(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<p id=x>own browser</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)
	var txt string
	if err := chromedp.Run(ctx, chromedp.Navigate(browsertest.Serve(t, dir, "/")), chromedp.Text("#x", &txt)); err != nil {
		t.Fatal(err)
	}
	if txt != "own browser" {
		t.Fatalf("page text %q", txt)
	}
}
