package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/internal/browsertest"
)

// TestSiteInBrowser builds the shipped playbook with the real command, serves it over HTTP at the
// root and under a sub-path, and walks it in Chromium: the theme's stylesheet applies, the
// sidebar and breadcrumbs navigate, dark mode toggles, and no request fails or leaves the site.
func TestSiteInBrowser(t *testing.T) {
	browsertest.Require(t)
	for _, tc := range []struct{ prefix, base string }{{"/", ""}, {"/playbook/", "https://intranet.example/playbook/"}} {
		t.Run(tc.prefix, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "public")
			args := []string{"build", "--source", "../..", "--out", out}
			if tc.base != "" {
				args = append(args, "--base-url", tc.base)
			}
			var stdout, stderr bytes.Buffer
			if code := run(args, &stdout, &stderr); code != 0 {
				t.Fatalf("build exit %d: %s", code, stderr.String())
			}
			ctx := browsertest.New(t)
			site := browsertest.Serve(t, out, tc.prefix)

			var mu sync.Mutex
			var failed []string
			chromedp.ListenTarget(ctx, func(ev any) {
				switch e := ev.(type) {
				case *network.EventResponseReceived:
					if e.Response.Status >= 400 {
						mu.Lock()
						failed = append(failed, e.Response.URL)
						mu.Unlock()
					}
				case *network.EventRequestWillBeSent:
					if !strings.HasPrefix(e.Request.URL, "http://127.0.0.1") && !strings.HasPrefix(e.Request.URL, "data:") {
						mu.Lock()
						failed = append(failed, "outside request: "+e.Request.URL)
						mu.Unlock()
					}
				}
			})

			var bg, h1, path, crumb string
			var sidebarLinks int
			err := chromedp.Run(ctx,
				network.Enable(),
				chromedp.Navigate(site),
				chromedp.WaitVisible(".site-header"),
				chromedp.Evaluate(`getComputedStyle(document.querySelector(".site-header")).position`, &bg),
				chromedp.Evaluate(`document.querySelectorAll("#sidebar a").length`, &sidebarLinks),
				// The onboarding section from the sidebar, then its first checklist.
				chromedp.Click(`#sidebar a[href$="onboarding/"]`, chromedp.NodeVisible),
				chromedp.WaitVisible(`#sidebar .is-open`),
				chromedp.Click(`#sidebar .is-open ul a`, chromedp.NodeVisible),
				chromedp.WaitVisible(`.crumbs`),
				chromedp.Text(`main h1`, &h1),
				chromedp.Evaluate(`location.pathname`, &path),
				chromedp.Text(`.crumbs li:nth-child(2) a`, &crumb),
			)
			if err != nil {
				t.Fatal(err)
			}
			if bg != "sticky" {
				t.Errorf("theme CSS not applied: header position %q", bg)
			}
			if sidebarLinks < 7 {
				t.Errorf("sidebar has %d links", sidebarLinks)
			}
			if !strings.HasPrefix(path, tc.prefix+"onboarding/") || h1 == "" || crumb != "Onboarding" {
				t.Errorf("navigation landed on %s (h1 %q, crumb %q)", path, h1, crumb)
			}

			// Dark mode: the toggle flips the palette and the choice survives a reload.
			var dark, darkAfterReload string
			err = chromedp.Run(ctx,
				chromedp.Click(`.theme-toggle`, chromedp.NodeVisible),
				chromedp.Evaluate(`document.documentElement.dataset.theme`, &dark),
				chromedp.Reload(),
				chromedp.WaitVisible(".site-header"),
				chromedp.Evaluate(`document.documentElement.dataset.theme || ""`, &darkAfterReload),
			)
			if err != nil {
				t.Fatal(err)
			}
			if dark == "" || darkAfterReload != dark {
				t.Errorf("theme toggle: %q, after reload %q", dark, darkAfterReload)
			}

			// Every link on the page resolves.
			var hrefs []string
			if err := chromedp.Run(ctx, chromedp.Evaluate(`[...document.querySelectorAll("a[href]")].map(a => a.href).filter(h => h.startsWith(location.origin))`, &hrefs)); err != nil {
				t.Fatal(err)
			}
			for _, h := range hrefs {
				var status int
				if err := chromedp.Run(ctx, chromedp.Evaluate(`fetch(`+quote(h)+`).then(r => r.status)`, &status, awaitPromise)); err != nil {
					t.Fatal(err)
				}
				if status != 200 {
					t.Errorf("link %s: HTTP %d", h, status)
				}
			}
			mu.Lock()
			defer mu.Unlock()
			for _, f := range failed {
				t.Errorf("failed or outside request: %s", f)
			}
		})
	}
}

func awaitPromise(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams {
	return p.WithAwaitPromise(true)
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "\\'") + "'" }
