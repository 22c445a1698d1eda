// Package browsertest starts a real headless Chromium for tests, through chromedp, and serves
// built sites to it over real HTTP.
//
// Outside CI a machine without Chromium skips browser tests with a clear message; with CI=true a
// missing browser fails the test, so CI can never pass by skipping them.
package browsertest

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Path finds the Chromium binary: $CHROME, then the usual names on PATH.
func Path() string {
	if p := os.Getenv("CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// New starts a headless browser for the test and returns a tab context that lives until the
// test ends. Each call gets a fresh profile, so localStorage starts empty.
func New(t testing.TB) context.Context {
	t.Helper()
	bin := Path()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("browser test: no chromium found and CI=true; install it (apt-get install -y chromium)")
		}
		t.Skip("browser test skipped: no chromium on PATH (apt-get install -y chromium, or set CHROME)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("allow-file-access-from-files", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	// Close the browser gracefully before the test's temporary folders (its profile) are removed;
	// a bare cancel races Chromium's own shutdown writing into the profile.
	bctx := ctx
	t.Cleanup(func() {
		if bctx.Err() == nil { // a test may have closed the browser itself
			chromedp.Cancel(bctx)
		}
		cancelT()
		cancelC()
		cancelA()
	})
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// Serve serves dir over real HTTP on 127.0.0.1 under prefix ("/" or "/playbook/") and returns
// the site's address, e.g. "http://127.0.0.1:43121/playbook/".
func Serve(t testing.TB, dir, prefix string) string {
	t.Helper()
	if prefix == "" {
		prefix = "/"
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	files := http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(dir)))
	// Tests rebuild sites within the same second; file times have one-second resolution, so
	// conditional requests could be answered "304 Not Modified" with the old page.
	mux.Handle(prefix, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Del("If-Modified-Since")
		r.Header.Del("If-None-Match")
		w.Header().Set("Cache-Control", "no-store")
		files.ServeHTTP(w, r)
	}))
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String() + prefix
}
