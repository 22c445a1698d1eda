package serve_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/internal/browsertest"
	"github.com/cmplay/cmplay/internal/sitetest"
)

// waitJS polls a JavaScript expression in the page until it is true, starting over when the page
// reloads under the poll.
func waitJS(expr string) chromedp.Action {
	expr = "(() => { try { return !!(" + expr + "); } catch (e) { return false; } })()"
	return chromedp.ActionFunc(func(ctx context.Context) error {
		deadline := time.Now().Add(20 * time.Second)
		for {
			err := chromedp.Poll(expr, nil, chromedp.WithPollingTimeout(time.Until(deadline))).Do(ctx)
			if err == nil || time.Now().After(deadline) || !strings.Contains(err.Error(), "navigated or closed") &&
				!strings.Contains(err.Error(), "context was destroyed") && !strings.Contains(err.Error(), "Cannot find context") {
				return err
			}
		}
	})
}

// TestMain shares one Chromium among the package's browser tests.
func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }

// TestBrowserReloadsOverlayAndCSS opens a page of the shipped playbook in Chromium, edits its
// file and sees the page reload with the change at the same scroll position; breaks the front
// matter and sees the overlay over the last good page; fixes it and sees the overlay go; edits a
// stylesheet and sees it swapped without a reload; restarts the server and sees the page
// reconnect and reload.
func TestBrowserReloadsOverlayAndCSS(t *testing.T) {
	ctx := browsertest.New(t)
	files := sitetest.ShippedFiles(t)
	files["themes/default/assets/print.css"] = "@media print { body { color: #111 } }\n"
	const name = "content/onboarding/first-90-days.md"
	original := files[name]
	if original == "" {
		t.Fatalf("the shipped playbook has no %s", name)
	}
	l := startLive(t, files)
	page := l.path(name)

	var reloaded bool
	err := chromedp.Run(ctx,
		chromedp.Navigate(l.url+"onboarding/first-90-days/"),
		waitJS(`document.querySelector('script[src="/__cmplay/reload.js"]') !== null && document.readyState === "complete"`),
		chromedp.Evaluate(`window.scrollTo(0, 800); window.cmplayMarker = "before"; true`, nil),
	)
	if err != nil {
		t.Fatal(err)
	}
	// The page holds its event stream open before we save.
	if err := chromedp.Run(ctx, waitJS(`document.documentElement.hasAttribute("data-cmplay-live")`)); err != nil {
		t.Fatal(err)
	}
	must(t, os.WriteFile(page, []byte(original+"\nSaved while the browser watched.\n"), 0o644))
	l.next()
	err = chromedp.Run(ctx,
		waitJS(`document.body.textContent.includes("Saved while the browser watched.")`),
		chromedp.Evaluate(`window.cmplayMarker === undefined`, &reloaded),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !reloaded {
		t.Fatal("the page changed without a reload")
	}
	var y float64
	if err := chromedp.Run(ctx, waitJS(`window.scrollY > 0`), chromedp.Evaluate(`window.scrollY`, &y)); err != nil {
		t.Fatal(err)
	}
	if y < 700 || y > 900 {
		t.Errorf("scroll position after reload %v, want about 800", y)
	}

	// A broken save: the overlay names file:line:col over the last good page.
	must(t, os.WriteFile(page, []byte("---\ntitle: [First 90 days\n---\nBroken.\n"), 0o644))
	l.next()
	var text string
	err = chromedp.Run(ctx,
		waitJS(`document.getElementById("cmplay-overlay") !== null`),
		chromedp.Evaluate(`document.getElementById("cmplay-overlay").textContent`, &text),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, name+":2:") {
		t.Fatalf("overlay says %q, want the file:line:col of the error", text)
	}
	var lastGood bool
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.body.textContent.includes("Saved while the browser watched.")`, &lastGood)); err != nil || !lastGood {
		t.Fatalf("the last good page is not shown under the overlay (%v)", err)
	}
	// The fix clears it.
	must(t, os.WriteFile(page, []byte(original+"\nFixed.\n"), 0o644))
	l.next()
	if err := chromedp.Run(ctx, waitJS(`document.body.textContent.includes("Fixed.") && document.getElementById("cmplay-overlay") === null`)); err != nil {
		t.Fatal(err)
	}

	// A stylesheet-only change swaps the stylesheet and keeps the page.
	if err := chromedp.Run(ctx, chromedp.Evaluate(`window.cmplayMarker = "css"; true`, nil)); err != nil {
		t.Fatal(err)
	}
	must(t, os.WriteFile(l.path("themes/default/assets/print.css"), []byte("@media print { body { color: #000 } }\n"), 0o644))
	l.next()
	var kept bool
	err = chromedp.Run(ctx,
		waitJS(`document.documentElement.hasAttribute("data-cmplay-css")`),
		chromedp.Evaluate(`window.cmplayMarker === "css"`, &kept),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !kept {
		t.Fatal("a stylesheet change reloaded the page")
	}

	// The server is stopped, the file changes, the server starts again: the page reconnects and
	// reloads.
	addr := l.addr()
	l.stop()
	must(t, os.WriteFile(page, []byte(original+"\nWritten while the server was down.\n"), 0o644))
	l.start(addr)
	if err := chromedp.Run(ctx, waitJS(`document.body.textContent.includes("Written while the server was down.")`)); err != nil {
		t.Fatalf("the page did not reload from the restarted server: %v", err)
	}
}
