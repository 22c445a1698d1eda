package checklist_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/generator"
	"github.com/cmplay/cmplay/generator/internal/checklist"
	"github.com/cmplay/cmplay/internal/browsertest"
	"github.com/cmplay/cmplay/internal/sitetest"
)

// TestMain shares one Chromium among the browser tests and removes the builds sitetest.Once
// made when the tests are done.
func TestMain(m *testing.M) { os.Exit(sitetest.Main(m)) }

// shipped builds the playbook in the repository's content folder, once per test binary, with
// base URL base ("file" for the file:// URL of the output folder) and returns the output folder
// and its manifest.
func shipped(t *testing.T, base string) (string, *checklist.Manifest) {
	t.Helper()
	out := sitetest.Once(t, "shipped "+base, func(out string) error {
		url := base
		if base == "file" {
			url = "file://" + out + "/"
		}
		res, err := generator.Build(generator.Config{Source: sitetest.Root(t), Out: out, BaseURL: url})
		if err == nil && res.Diagnostics.Errors() > 0 {
			err = fmt.Errorf("the shipped playbook has %d errors: %v", res.Diagnostics.Errors(), res.Diagnostics)
		}
		return err
	})
	data, err := os.ReadFile(filepath.Join(out, "checklists.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m checklist.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return out, &m
}

func itemCount(m *checklist.Manifest) (total, byDefault int) {
	for _, c := range m.Checklists {
		for _, it := range c.Items {
			total++
			if it.Checked {
				byDefault++
			}
		}
	}
	return total, byDefault
}

// The "done when": open the shipped onboarding checklist, tick, reload, and the progress
// shows on the page, the dashboard and the start page. Run once over HTTP under a sub-path and
// once from file://, where the manifest arrives as a script.
func TestShippedOnboarding(t *testing.T) {
	for _, via := range []string{"http", "file"} {
		t.Run(via, func(t *testing.T) {
			t.Parallel()
			s := &site{t: t, ctx: browsertest.New(t)}
			watchErrors(t, s.ctx)
			page, dash, home := "onboarding/first-90-days/", "progress/", ""
			var m *checklist.Manifest
			var out string
			if via == "http" {
				out, m = shipped(t, "/playbook/")
				s.base = browsertest.Serve(t, out, "/playbook/")
			} else {
				out, m = shipped(t, "file")
				s.base = "file://" + out + "/"
				page, dash, home = page+"index.html", dash+"index.html", "index.html"
			}
			total, byDefault := itemCount(m)
			var onboarding *checklist.Checklist
			for i := range m.Checklists {
				if m.Checklists[i].URL == "/onboarding/first-90-days/" {
					onboarding = &m.Checklists[i]
				}
			}
			if onboarding == nil || len(onboarding.Items) < 3 {
				t.Fatal("the manifest has no onboarding checklist")
			}
			s.open(page)
			for _, it := range onboarding.Items[:3] {
				s.click(box(it.ID))
			}
			s.run(chromedp.Reload(), chromedp.Poll(`document.readyState === "complete"`, nil))
			want := onboarding.Items[0].ID + " " + onboarding.Items[1].ID + " " + onboarding.Items[2].ID
			if got := s.ticks(); got != want {
				t.Fatalf("after reload %q, want %q", got, want)
			}
			if got, want := s.text(".page-meter .meter-text"), fmt.Sprintf("3 of %d done", len(onboarding.Items)); got != want {
				t.Fatalf("page meter %q, want %q", got, want)
			}
			var href string
			s.eval(`document.querySelector(".progress-link").href`, &href)
			if href != s.base+dash {
				t.Fatalf("header links to %q, want %q", href, s.base+dash)
			}
			s.open(dash)
			if got, want := s.text(".dash-overall .meter-text"), fmt.Sprintf("%d of %d done", byDefault+3, total); got != want {
				t.Fatalf("dashboard %q, want %q", got, want)
			}
			if got, want := s.text(`.dash-checklists li[data-url="/onboarding/first-90-days/"] .meter-text`), fmt.Sprintf("3 of %d done", len(onboarding.Items)); got != want {
				t.Fatalf("dashboard onboarding %q, want %q", got, want)
			}
			s.open(home)
			if got, want := s.text("[data-site-progress] .meter-text"), fmt.Sprintf("%d of %d done", byDefault+3, total); got != want {
				t.Fatalf("start page %q, want %q", got, want)
			}
		})
	}
}
