package serve_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cmplay/cmplay/generator"
	"github.com/cmplay/cmplay/internal/sitetest"
	"github.com/cmplay/cmplay/serve"
)

// live is `cmplay serve` assembled as the command assembles it, on a site in a temporary
// folder: a Session, a real fsnotify watcher, the Live server on 127.0.0.1 over real HTTP.
type live struct {
	t        testing.TB
	dir      string
	url      string // the site's address, ending in "/"
	server   *serve.Live
	rebuilds chan rebuild
	finished chan generator.Update // each build finished after a reload (Update.Then)
	stop     func()                // stops the running server
	quiet    time.Duration         // the watcher's quiet period; serve.Debounce when zero
}

type rebuild struct {
	began   time.Time // when the rebuild started, after the debounce
	changed []string
	res     *generator.Result
	err     error
	update  generator.Update
}

func startLive(t testing.TB, files map[string]string) *live {
	t.Helper()
	return startLiveQuiet(t, files, 0)
}

// startLiveQuiet is startLive with the watcher's quiet period (serve.WatchOptions.Quiet).
func startLiveQuiet(t testing.TB, files map[string]string, quiet time.Duration) *live {
	t.Helper()
	dir := t.TempDir()
	sitetest.Write(t, dir, files)
	l := &live{t: t, dir: dir, quiet: quiet, rebuilds: make(chan rebuild, 64), finished: make(chan generator.Update, 64)}
	l.start("127.0.0.1:0")
	t.Cleanup(func() { l.stop() })
	return l
}

// start builds the site and serves it on addr, as `cmplay serve` starting up.
func (l *live) start(addr string) {
	t := l.t
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	l.url = "http://" + ln.Addr().String() + "/"
	l.server = serve.NewLive("/")
	l.server.Hosts = serve.HostsFor("127.0.0.1") // as `cmplay serve` binds by default
	sess := generator.NewSession(generator.Config{Source: l.dir, BaseURL: l.url, Foot: serve.Script})
	first, _, err := sess.LiveUpdate(nil)
	if err != nil {
		t.Fatal(err)
	}
	l.server.Publish(first)
	w, err := serve.Watch(serve.WatchOptions{
		Dirs:  []string{filepath.Join(l.dir, "content"), filepath.Join(l.dir, "themes", "default")},
		Files: []string{filepath.Join(l.dir, generator.File)},
		Skip:  []string{filepath.Join(l.dir, "public"), filepath.Join(l.dir, ".git")},
		Log:   io.Discard,
		Quiet: l.quiet,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go l.server.Run(ctx, w, func(changed []string) generator.Update {
		began := time.Now()
		u, res, err := sess.LiveUpdate(changed)
		l.rebuilds <- rebuild{began, changed, res, err, u}
		if then := u.Then; then != nil {
			u.Then = func() generator.Update {
				v := then()
				l.finished <- v
				return v
			}
		}
		return u
	})
	srv := &http.Server{Handler: l.server}
	go srv.Serve(ln)
	server := l.server
	l.stop = func() {
		cancel()
		w.Close()
		server.Close()
		srv.Close()
	}
}

// addr is the address the server listens on.
func (l *live) addr() string { return strings.TrimSuffix(strings.TrimPrefix(l.url, "http://"), "/") }

func (l *live) path(name string) string { return filepath.Join(l.dir, filepath.FromSlash(name)) }

// next waits for the next rebuild.
func (l *live) next() rebuild {
	l.t.Helper()
	select {
	case r := <-l.rebuilds:
		return r
	case <-time.After(10 * time.Second):
		l.t.Fatal("no rebuild within 10s of the change")
		return rebuild{}
	}
}

// get fetches a site path and returns the status and body.
func (l *live) get(p string) (int, string) {
	l.t.Helper()
	resp, err := http.Get(l.url + strings.TrimPrefix(p, "/"))
	if err != nil {
		l.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// sse is an open event stream, as a page holds it.
type sse struct {
	events chan event
	close  func()
}

type event struct {
	typ  string
	data json.RawMessage
	at   time.Time
}

func (l *live) subscribe() *sse {
	l.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", l.url+"__cmplay/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		l.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		l.t.Fatalf("event stream Content-Type %q", ct)
	}
	s := &sse{events: make(chan event, 64), close: func() { cancel(); resp.Body.Close() }}
	l.t.Cleanup(s.close)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.typ = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				ev.data = json.RawMessage(line[len("data: "):])
			case line == "" && ev.typ != "":
				ev.at = time.Now()
				s.events <- ev
				ev = event{}
			}
		}
		close(s.events)
	}()
	if ev := s.wait(l.t, "hello"); len(ev.data) == 0 {
		l.t.Fatal("hello without a build id")
	}
	return s
}

// wait returns the next event of type typ, skipping others.
func (s *sse) wait(t testing.TB, typ string) event {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				t.Fatalf("event stream ended before %q", typ)
			}
			if ev.typ == typ {
				return ev
			}
		case <-timeout:
			t.Fatalf("no %q event within 10s", typ)
		}
	}
}
