package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/internal/browsertest"
)

// TestSearchBoxOnPhone opens pages of the shipped playbook in a 360×740 viewport, a small phone:
// the header's search box takes the width there is (it was a 72 px sliver beside the tools),
// the header's buttons stay on screen, and no page scrolls sideways.
func TestSearchBoxOnPhone(t *testing.T) {
	browsertest.Require(t)
	out := filepath.Join(t.TempDir(), "public")
	var stderr bytes.Buffer
	if code := run([]string{"build", "--source", "../..", "--out", out}, &bytes.Buffer{}, &stderr); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr.String())
	}
	ctx := browsertest.New(t)
	site := browsertest.Serve(t, out, "/")
	for _, p := range []string{"", "roles/head-of-community/", "search/", "progress/", "kinds/guideline/"} {
		var width, scroll, inner, toggleRight, menuLeft float64
		err := chromedp.Run(ctx,
			chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile),
			chromedp.Navigate(site+p),
			chromedp.WaitReady("body"),
			chromedp.Poll(`document.querySelector(".theme-toggle") && !document.querySelector(".theme-toggle").hidden`, nil),
			chromedp.Evaluate(`document.querySelector(".search-input").getBoundingClientRect().width`, &width),
			chromedp.Evaluate(`document.documentElement.scrollWidth`, &scroll),
			chromedp.Evaluate(`window.innerWidth`, &inner),
			chromedp.Evaluate(`document.querySelector(".theme-toggle").getBoundingClientRect().right`, &toggleRight),
			chromedp.Evaluate(`document.querySelector(".menu-button").getBoundingClientRect().left`, &menuLeft),
		)
		if err != nil {
			t.Fatalf("/%s: %v", p, err)
		}
		t.Logf("/%s: search box %.0f px, page %.0f px wide", p, width, scroll)
		if width < 200 {
			t.Errorf("/%s: the search box is %.0f px wide at 360 px, want at least 200", p, width)
		}
		if scroll > inner {
			t.Errorf("/%s: the page is %.0f px wide in a %.0f px viewport (scrolls sideways)", p, scroll, inner)
		}
		if toggleRight > inner || menuLeft < 0 {
			t.Errorf("/%s: header buttons off screen (menu at %.0f, theme toggle ends at %.0f)", p, menuLeft, toggleRight)
		}
	}
}
