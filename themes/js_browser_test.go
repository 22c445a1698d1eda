package themes_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/internal/browsertest"
	"github.com/cmplay/cmplay/themes"
)

// jsPage serves the default theme's JavaScript modules as they ship (unbundled, from the
// embedded theme) beside testdata/jsharness.html, opens it in Chromium and returns the tab once
// the modules have loaded.
func jsPage(t testing.TB) context.Context {
	t.Helper()
	dir := t.TempDir()
	js, err := fs.Sub(themes.Default(), "assets/js")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "js"), js); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join("testdata", "jsharness.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), page, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)
	base := browsertest.Serve(t, dir, "/sub/")
	if err := chromedp.Run(ctx, chromedp.Navigate(base+"index.html"), chromedp.Poll(`window.ready === true`, nil)); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// check runs the harness's check(text): every way progress enters the theme, with what went
// wrong.
func check(t testing.TB, ctx context.Context, text string) []string {
	t.Helper()
	arg, _ := json.Marshal(text)
	var errs []string
	if err := chromedp.Run(ctx, chromedp.Evaluate("check("+string(arg)+")", &errs)); err != nil {
		t.Fatal(err)
	}
	return errs
}

// progressSeeds are the values an attack pass found that broke progress for good, and
// ordinary ones.
var progressSeeds = []string{
	`{"v":1,"items":{"a/x":{"d":true,"h":"h","t":5}},"hist":{},"start":"2026-11-02"}`,
	`{"format":"cmplay-progress","version":1,"progress":{"v":1,"items":{"a/y":{"d":false,"t":9}}}}`,
	`{"v":1,"items":{},"hist":{"__proto__":{"polluted":1,"past":[{"p":"2026-11-01","d":1,"n":2}],"cur":{"p":"2026-11","d":0,"n":1}}}}`,
	`{"v":1,"items":{"__proto__":{"d":true},"constructor":{"d":true,"t":1}}}`,
	`{"v":1,"items":{},"last":{"u":5}}`,
	`{"v":1,"items":{},"last":{"u":"//evil.example/","at":1}}`,
	`{"v":1,"items":{},"hist":{"/d/":{"past":[null,7],"cur":"x"}}}`,
	`{"v":1,"items":{"a/x":{"d":true,"c":"daily","p":"2026-11-30","t":1e308}},"start":"soon"}`,
	`{"v":1,"s":5,"d":"x","u":[1]}`,
	`{"v":1,"items":[]}`, `[]`, `null`, `"x"`, `{`, ``,
	`{"__proto__":{"v":1,"items":{}}}`,
	`{"v":1,"items":{"a/x":{"d":true,"x":{"toString":1}}}}`,
}

// TestProgressEntryPoints: each seed goes through import, storage and share link with no
// escaped throw, no change to a built-in prototype, and only valid progress stored.
func TestProgressEntryPoints(t *testing.T) {
	ctx := jsPage(t)
	for _, s := range progressSeeds {
		if errs := check(t, ctx, s); len(errs) > 0 {
			t.Errorf("%s:\n%v", s, errs)
		}
	}
}

// FuzzProgressImport runs the theme's real progress code in Chromium on fuzzed text: as an
// imported file (parse, preview, merge), as this browser's stored progress and as a share link.
// No throw may escape, no built-in prototype may change, and what is stored must always be
// valid progress. One Chromium per fuzzing worker:
//
//	go test ./themes -run '^$' -fuzz FuzzProgressImport -fuzztime 10m -parallel 1
func FuzzProgressImport(f *testing.F) {
	for _, s := range progressSeeds {
		f.Add(s)
	}
	ctx := jsPage(f)
	f.Fuzz(func(t *testing.T, text string) {
		if errs := check(t, ctx, text); len(errs) > 0 {
			t.Fatalf("%v", errs)
		}
	})
}

// TestSafeURL: the one check every address the theme sets goes through.
func TestSafeURL(t *testing.T) {
	ctx := jsPage(t)
	for in, ok := range map[string]bool{
		"/sub/a/": true, "a/b": true, "../x": true, "#task-1": true, "?q=x": true, "": true,
		"https://github.com/acme/x/commit/1": true, "http://intranet/x": true, "//cdn.example/x": true,
		"javascript:alert(1)": false, " javascript:alert(1)": false, "JaVaScRiPt:alert(1)": false,
		"java\tscript:alert(1)": false, "\x01javascript:alert(1)": false, "javascript&colon;x": true,
		"data:text/html,<script>alert(1)</script>": false, "vbscript:x": false, "file:///etc/passwd": false,
		"blob:http://127.0.0.1/x": false, "mailto:a@example.org": false, "https:": false,
	} {
		arg, _ := json.Marshal(in)
		var got string
		if err := chromedp.Run(ctx, chromedp.Evaluate("T.url.safeURL("+string(arg)+")", &got)); err != nil {
			t.Fatal(err)
		}
		if (got != "") != ok {
			t.Errorf("safeURL(%q) = %q, want accepted %v", in, got, ok)
		}
	}
	var nonStrings []string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`[5, null, undefined, {}, ["javascript:x"], {toString: () => "javascript:x"}].map((x) => T.url.safeURL(x))`, &nonStrings)); err != nil {
		t.Fatal(err)
	}
	for _, s := range nonStrings {
		if s != "" {
			t.Errorf("safeURL of a non-string gave %q", s)
		}
	}
}
