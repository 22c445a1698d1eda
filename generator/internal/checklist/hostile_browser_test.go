package checklist_test

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Progress data from anywhere — an imported file, a share link, this browser's storage, another
// tab — is checked field by field before the theme uses it: these tests feed it the values an
// attack pass found that broke the pages for good, and a race between two tabs.

// storeKey is where the test site keeps progress.
const storeKey = "cmplay:/sub/:progress"

// polluted reports whether anything was added to Object.prototype.
const polluted = `Object.getOwnPropertyNames(Object.prototype).filter(k => !["constructor","__defineGetter__","__defineSetter__","hasOwnProperty","__lookupGetter__","__lookupSetter__","isPrototypeOf","propertyIsEnumerable","toString","valueOf","__proto__","toLocaleString"].includes(k)).concat(({}).polluted ? ["polluted"] : [])`

func (s *site) importFile(name, body string) {
	s.t.Helper()
	p := filepath.Join(s.t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		s.t.Fatal(err)
	}
	s.run(chromedp.SetUploadFiles(".import-file", []string{p}, chromedp.ByQuery),
		chromedp.WaitVisible(".import-preview p", chromedp.ByQuery))
}

// TestHostileImport: an import whose history holds "__proto__" changes nothing outside the
// progress, bad entries are left out (and the reader told), and after a reload the dashboard
// still paints every checklist.
func TestHostileImport(t *testing.T) {
	s := newSite(t)
	s.open("progress/")
	s.importFile("proto.json", fmt.Sprintf(`{"v":1,"items":{%q:{"d":true,"h":"","t":5}},"hist":{"__proto__":{"polluted":1,"past":[{"p":"2026-11-01","d":1,"n":2}]}},"last":{"u":5}}`, meet))
	if got := s.text(".import-preview"); !strings.Contains(got, "not valid progress and will be left out") || !strings.Contains(got, "Tick: Meet your manager") {
		t.Fatalf("preview %q", got)
	}
	s.click(".import-preview .primary")
	var bad []string
	s.eval(polluted, &bad)
	if len(bad) > 0 {
		t.Fatalf("Object.prototype gained %q", bad)
	}
	var stored string
	s.eval(`localStorage.getItem("`+storeKey+`")`, &stored)
	if strings.Contains(stored, `"u":5`) {
		t.Fatalf("the invalid last entry was stored: %s", stored)
	}
	s.open("progress/")
	if got := s.text(".dash-overall .meter-text"); got != "2 of 9 done" {
		t.Fatalf("dashboard after import and reload %q", got)
	}
	s.eval(polluted, &bad)
	if len(bad) > 0 {
		t.Fatalf("after reload Object.prototype gained %q", bad)
	}
}

// TestBadStoredEntriesAreSetAside: stored progress with a "last" that is not one, or a history
// entry that is not one, once threw on every page and emptied the dashboard for good. Now it is
// set aside with a notice, the rest kept, and every page paints.
func TestBadStoredEntriesAreSetAside(t *testing.T) {
	for name, raw := range map[string]string{
		"last":  fmt.Sprintf(`{"v":1,"items":{%q:{"d":true,"h":"","t":1}},"last":{"u":5}}`, meet),
		"hist":  fmt.Sprintf(`{"v":1,"items":{%q:{"d":true,"h":"","t":1}},"hist":{"/daily/":{"past":[null,7],"cur":"x"}}}`, meet),
		"proto": fmt.Sprintf(`{"v":1,"items":{%q:{"d":true,"h":"","t":1},"__proto__":{"d":true}},"hist":{"__proto__":{"past":[]}}}`, meet),
	} {
		t.Run(name, func(t *testing.T) {
			s := newSite(t)
			s.open("onboarding/")
			s.eval(fmt.Sprintf(`localStorage.setItem(%q, %q)`, storeKey, raw), nil)
			s.open("progress/")
			if got := s.text(".dash-overall .meter-text"); got != "2 of 9 done" {
				t.Fatalf("dashboard %q", got)
			}
			if name != "proto" && !strings.Contains(s.text(".progress-notice"), "set aside") {
				t.Fatalf("notice %q", s.text(".progress-notice"))
			}
			var kept int
			s.eval(`Object.keys(localStorage).filter(k => k.startsWith("`+storeKey+`:corrupt:")).length`, &kept)
			if name != "proto" && kept != 1 {
				t.Fatalf("%d copies set aside, want 1", kept)
			}
			for _, page := range []string{"", "daily/", "onboarding/", "progress/"} {
				s.open(page)
			}
			if got := s.text(".dash-overall .meter-text"); got != "2 of 9 done" {
				t.Fatalf("dashboard after visiting every page %q", got)
			}
			var bad []string
			s.eval(polluted, &bad)
			if len(bad) > 0 {
				t.Fatalf("Object.prototype gained %q", bad)
			}
		})
	}
}

// TestBadShareLinkStillPaints: a share link whose fields have the wrong types (or that does not
// decode) shows a read-only view with a notice instead of stopping the page.
func TestBadShareLinkStillPaints(t *testing.T) {
	s := newSite(t)
	for _, payload := range []string{`{"v":1,"s":5,"d":"x","u":[1]}`, `{"v":1,"s":{"toString":1}}`, `[1]`, `null`, `not json`} {
		frag := "#share=" + base64.RawURLEncoding.EncodeToString([]byte(payload))
		for _, page := range []string{"progress/", "onboarding/"} {
			s.run(chromedp.Navigate("about:blank"))
			s.open(page + frag)
			if got := s.text(".page-meter .meter-text, .dash-overall .meter-text"); got != "1 of 5 done" && got != "1 of 9 done" {
				t.Errorf("%s with share %s: meter %q", page, payload, got)
			}
			if got := s.text(".share-banner"); !strings.Contains(got, "could not be read") {
				t.Errorf("%s with share %s: banner %q", page, payload, got)
			}
		}
	}
}

// TestReaderURLCannotMoveTheClock: the test clock once came from "?now=" in the address, so a
// link could roll a reader's daily checklist over and drop today's ticks for good.
func TestReaderURLCannotMoveTheClock(t *testing.T) {
	s := newSite(t)
	s.open("daily/")
	s.click(box("daily/read-new-posts"))
	s.open("daily/?now=2030-01-01")
	s.open("progress/?now=2030-01-01")
	s.open("daily/")
	if got := s.ticks(); got != "daily/read-new-posts" {
		t.Fatalf("after links with ?now=, today's ticks are %q", got)
	}
}

// TestTwoTabsKeepEveryTick: two tabs of one browser tick different items at the same moment,
// 20 rounds; every tick is kept (each write is a read-modify-write of what is stored, not of a
// copy the tab held), and each tab shows the other's ticks.
func TestTwoTabsKeepEveryTick(t *testing.T) {
	const rounds = 20
	var items strings.Builder
	for i := range 2 * rounds {
		fmt.Fprintf(&items, "- [ ] Task number %d\n", i)
	}
	s := newSiteWith(t, map[string]string{"content/daily.md": "---\ntitle: Many\n---\n\n" + items.String()})
	s.open("daily/")
	other, cancel := chromedp.NewContext(s.ctx) // a second tab of the same browser
	defer cancel()
	watchErrors(t, other)
	tabs := []*site{s, {t: t, ctx: other, base: s.base}}
	tabs[1].open("daily/")
	for r := range rounds {
		var wg sync.WaitGroup
		for i, tab := range tabs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				id := fmt.Sprintf("daily/task-number-%d", 2*r+i)
				if err := chromedp.Run(tab.ctx, chromedp.Evaluate(fmt.Sprintf(`document.querySelector('.task-box[data-id=%q]').click()`, id), nil)); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
	}
	// Each tab hears of the other's writes a moment later; give them that moment.
	count := `Object.keys(JSON.parse(localStorage.getItem("` + storeKey + `")).items).length`
	s.run(chromedp.Poll(count+` === `+fmt.Sprint(2*rounds), nil, chromedp.WithPollingTimeout(5*time.Second)))
	var stored int
	s.eval(count, &stored)
	if stored != 2*rounds {
		t.Fatalf("%d of %d ticks stored", stored, 2*rounds)
	}
	for i, tab := range tabs {
		var shown int
		tab.run(chromedp.Poll(fmt.Sprintf(`document.querySelectorAll(".task-box:checked").length === %d`, 2*rounds), nil, chromedp.WithPollingTimeout(5*time.Second)))
		tab.eval(`document.querySelectorAll(".task-box:checked").length`, &shown)
		if shown != 2*rounds {
			t.Errorf("tab %d shows %d ticks, want %d", i, shown, 2*rounds)
		}
	}
}

// TestReviewDateIsTheReadersLocalDate: a "review by" date is overdue from the reader's own
// midnight, not UTC's: at 18:00 on the 23rd in UTC−12 (06:00 on the 24th in UTC) a page to be
// reviewed by the 23rd is not overdue yet; at 10:00 on the 24th in UTC+14 (20:00 on the 23rd in
// UTC) it is.
func TestReviewDateIsTheReadersLocalDate(t *testing.T) {
	s := newSiteWith(t, map[string]string{"content/daily.md": "---\ntitle: Daily\nreview_by: 2026-11-23\n---\n\nRead new posts.\n"})
	for _, c := range []struct {
		zone, at string
		overdue  bool
	}{
		{"Etc/GMT+12", "2026-11-24T06:00:00Z", false},
		{"Pacific/Kiritimati", "2026-11-23T20:00:00Z", true},
	} {
		s.run(emulation.SetTimezoneOverride(c.zone))
		s.at(c.at)
		s.open("daily/")
		var overdue bool
		s.eval(`document.querySelector("time[data-review-by]").classList.contains("is-overdue")`, &overdue)
		if overdue != c.overdue {
			t.Errorf("in %s at %s (UTC): overdue %v, want %v", c.zone, c.at, overdue, c.overdue)
		}
	}
}
