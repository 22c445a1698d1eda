// Package browsertest starts a real headless Chromium for tests, through chromedp, and serves
// built sites to it over real HTTP.
//
// A test binary shares one Chromium: the first call to [New] starts it and [Main], called from
// the package's TestMain, closes it when the tests are done:
//
//	func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }
//
// Every call to New opens a tab in a browser context of its own (an incognito-like profile), so
// localStorage, cookies and the cache start empty for each test and tests may run in parallel.
// Closing that tab (chromedp.Cancel on New's context, or the end of the test) disposes of the
// context only, never of the shared browser. In a package without that TestMain, New starts a
// browser per test, as it always did: slower, but nothing is left running.
//
// Browser tests are the slow ones: under go test -short New skips them. Outside CI a machine
// without Chromium skips browser tests with a clear message; with CI=true a missing browser fails
// the test, so CI can never pass by skipping them.
package browsertest

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// tabTimeout bounds one test's use of the browser, so a hung page fails the test instead of the
// whole binary running into go test's own timeout.
const tabTimeout = 90 * time.Second

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

// shared is the one browser of a test binary whose TestMain calls Main.
var shared struct {
	mu      sync.Mutex
	main    bool // Main is running the tests: a browser started now is closed by it
	ctx     context.Context
	err     error
	closeFn func()
}

// Main runs the package's tests and then closes the browser they shared, if one was started. It
// returns m.Run's exit code, for os.Exit.
func Main(m *testing.M) int {
	shared.mu.Lock()
	shared.main = true
	shared.mu.Unlock()
	code := m.Run()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.closeFn != nil {
		shared.closeFn()
	}
	shared.main, shared.ctx, shared.err, shared.closeFn = false, nil, nil, nil
	return code
}

// New returns a tab context that lives until the test ends, in a fresh browser context: empty
// localStorage, no cookies, no cache. Commands that take a browser context, such as
// Browser.setDownloadBehavior, must name it: chromedp.FromContext(ctx).BrowserContextID. See the
// package doc for when the browser is started.
func New(t testing.TB) context.Context {
	t.Helper()
	bin := Require(t)
	browser, err := sharedBrowser(bin)
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	if browser == nil {
		// No TestMain closes a shared browser: this test gets its own and closes it.
		ctx, closeFn, err := start(bin, t.TempDir())
		if err != nil {
			t.Fatalf("start chromium: %v", err)
		}
		// Close the browser gracefully before the test's temporary folders (its profile) are
		// removed; cleanups run last-registered first, so this runs before TempDir's removal.
		t.Cleanup(closeFn)
		browser = ctx
	}
	id, tab, err := newTab(browser)
	if err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	ctx, cancelTab := chromedp.NewContext(browser, chromedp.WithTargetID(tab))
	// Browser-wide commands scoped to a browser context (Browser.setDownloadBehavior) need its id.
	chromedp.FromContext(ctx).BrowserContextID = id
	// A fuzz target keeps one tab for the whole run, which -fuzztime bounds; it bounds each
	// call itself.
	cancelT := context.CancelFunc(func() {})
	if _, fuzz := t.(*testing.F); !fuzz {
		ctx, cancelT = context.WithTimeout(ctx, tabTimeout)
	}
	t.Cleanup(func() {
		if ctx.Err() == nil { // a test may have closed its tab itself
			_ = chromedp.Cancel(ctx)
		}
		cancelT()
		cancelTab()
		dispose, cancel := context.WithTimeout(browser, 5*time.Second)
		defer cancel()
		_ = target.DisposeBrowserContext(id).Do(browserExecutor(dispose))
	})
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	return ctx
}

// Require skips the test, as New does, when it gets no browser: under go test -short, or on a
// machine without Chromium outside CI (with CI=true that fails the test). It returns the
// Chromium binary. A test that builds a site before its first New calls Require first, so that
// a skipped test costs nothing.
func Require(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped under -short")
	}
	bin := Path()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("browser test: no chromium found and CI=true; install it (apt-get install -y chromium)")
		}
		t.Skip("browser test skipped: no chromium on PATH (apt-get install -y chromium, or set CHROME)")
	}
	return bin
}

// newTab makes a browser context and a tab in it. chromedp.WithNewBrowserContext cannot be used:
// it opens the tab without a window, which headless Chromium refuses in a new browser context
// ("Failed to open new tab - no browser is open").
func newTab(browser context.Context) (cdp.BrowserContextID, target.ID, error) {
	ctx, cancel := context.WithTimeout(browser, 30*time.Second)
	defer cancel()
	exec := browserExecutor(ctx)
	id, err := target.CreateBrowserContext().WithDisposeOnDetach(true).Do(exec)
	if err != nil {
		return "", "", err
	}
	tab, err := target.CreateTarget("about:blank").WithBrowserContextID(id).WithNewWindow(true).Do(exec)
	if err != nil {
		_ = target.DisposeBrowserContext(id).Do(exec)
		return "", "", err
	}
	return id, tab, nil
}

// browserExecutor runs browser-wide commands (not a tab's) in the browser of ctx.
func browserExecutor(ctx context.Context) context.Context {
	return cdp.WithExecutor(ctx, chromedp.FromContext(ctx).Browser)
}

// sharedBrowser starts the binary's shared browser once and returns it; nil, nil when no Main
// would close it.
func sharedBrowser(bin string) (context.Context, error) {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if !shared.main {
		return nil, nil
	}
	if shared.ctx == nil && shared.err == nil {
		// An empty profile folder means chromedp makes a temporary one and removes it on close.
		shared.ctx, shared.closeFn, shared.err = start(bin, "")
	}
	return shared.ctx, shared.err
}

// start launches a headless Chromium and returns its browser context and the function that
// closes it gracefully and waits for it to exit.
func start(bin, profile string) (context.Context, func(), error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		// chromedp's own list, plus the omnibox popups: every window of Chromium 156 preloads two
		// of them as WebUI pages, and they keep the browser process and a renderer busy for as
		// long as the window is open (five idle windows took 14.6 CPU-seconds in 10 seconds
		// with them, 4.6 without). Pages never see the omnibox.
		chromedp.Flag("disable-features", "site-per-process,Translate,BlinkGenPropertyTrees,WebUIOmniboxPopup,WebUIOmniboxAimPopup"),
		chromedp.Flag("allow-file-access-from-files", true),
		chromedp.WindowSize(1280, 900),
	)
	if profile != "" {
		opts = append(opts, chromedp.UserDataDir(profile))
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	closeFn := func() {
		// A bare cancel races Chromium's own shutdown writing into the profile folder.
		wait, cancelW := context.WithTimeout(ctx, 10*time.Second)
		_ = chromedp.Cancel(wait)
		cancelW()
		cancelC()
		cancelA()
	}
	if err := chromedp.Run(ctx); err != nil {
		closeFn()
		return nil, nil, err
	}
	return ctx, closeFn, nil
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
