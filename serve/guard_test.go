package serve_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cmplay/cmplay/serve"
)

// request sends a GET for a site path to the running server with the given Host and Origin
// headers ("" leaves one out) and returns the status and the start of the body; streams are
// closed once their status is known.
func (l *live) request(p, host, origin string) (int, string) {
	l.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", l.url+strings.TrimPrefix(p, "/"), nil)
	if host != "" {
		req.Host = host
	}
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		l.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusOK && strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		return resp.StatusCode, ""
	}
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestServeAnswersOnlyItsOwnHosts is the DNS rebinding guard: a page of another site that
// points its own name at 127.0.0.1 makes the browser send that name as Host, and gets nothing.
func TestServeAnswersOnlyItsOwnHosts(t *testing.T) {
	l := startLive(t, site)
	port := l.addr()[strings.LastIndex(l.addr(), ":")+1:]
	for host, want := range map[string]int{
		"127.0.0.1:" + port:               http.StatusOK,
		"localhost:" + port:               http.StatusOK,
		"LocalHost.:" + port:              http.StatusOK,
		"[::1]:" + port:                   http.StatusOK,
		"rebind.attacker.example:" + port: http.StatusMisdirectedRequest,
		"rebind.attacker.example":         http.StatusMisdirectedRequest,
		"127.0.0.1.nip.io:" + port:        http.StatusMisdirectedRequest,
		"[::1]x":                          http.StatusMisdirectedRequest,
	} {
		for _, p := range []string{"guide/escalate/", "__cmplay/reload.js", "__cmplay/events", "missing/"} {
			code, body := l.request(p, host, "")
			if p == "missing/" && want == http.StatusOK {
				want = http.StatusNotFound
			}
			if code != want {
				t.Errorf("GET /%s with Host %q: %d, want %d", p, host, code, want)
			}
			if want == http.StatusMisdirectedRequest && (!strings.Contains(body, "DNS rebinding") || strings.Contains(body, "Escalate")) {
				t.Errorf("GET /%s with Host %q: body %q, want the refusal and nothing of the site", p, host, body)
			}
		}
	}
}

// TestEventStreamOnlyForItsOwnPages: the event stream is refused to pages of other sites, of
// other local servers and of file://, and open to the server's own pages.
func TestEventStreamOnlyForItsOwnPages(t *testing.T) {
	l := startLive(t, site)
	own := "http://" + l.addr()
	for origin, want := range map[string]int{
		"":                        http.StatusOK, // same-origin EventSource sends none
		own:                       http.StatusOK,
		"http://attacker.example": http.StatusForbidden,
		"https://" + l.addr():     http.StatusForbidden,
		"http://127.0.0.1:1":      http.StatusForbidden, // another local server
		"null":                    http.StatusForbidden, // file:// and sandboxed frames
		own + "/x":                http.StatusForbidden,
	} {
		if code, body := l.request("__cmplay/events", "", origin); code != want {
			t.Errorf("event stream with Origin %q: %d %q, want %d", origin, code, body, want)
		}
	}
}

// TestEventStreamCap: at most serve.MaxStreams pages stream at once; the next gets a clear 503,
// and a place is free again once a page goes away.
func TestEventStreamCap(t *testing.T) {
	l := startLive(t, site)
	streams := make([]*sse, serve.MaxStreams)
	for i := range streams {
		streams[i] = l.subscribe()
	}
	code, body := l.request("__cmplay/events", "", "")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "too many open pages") {
		t.Fatalf("stream %d: %d %q, want 503 naming the limit", serve.MaxStreams+1, code, body)
	}
	streams[0].close()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if code, _ = l.request("__cmplay/events", "", ""); code == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after a page closed its stream, a new one still gets %d", code)
		}
	}
}

// TestHostsFor is what each --bind answers to.
func TestHostsFor(t *testing.T) {
	name, _ := os.Hostname()
	for _, c := range []struct {
		bind string
		yes  []string
		no   []string
	}{
		{"127.0.0.1", []string{"localhost", "127.0.0.1:1313", "[::1]:1313"}, []string{"192.168.1.20", name, "example.com"}},
		{"192.168.1.20", []string{"localhost", "192.168.1.20:1313"}, []string{"192.168.1.21", "example.com"}},
		{"0.0.0.0", []string{"localhost", name, name + ".local:1313"}, []string{"example.com", "localhost.example.com"}},
	} {
		h := serve.HostsFor(c.bind)
		for _, host := range c.yes {
			if !h.AllowHost(host) {
				t.Errorf("bound to %s: Host %q refused", c.bind, host)
			}
		}
		for _, host := range c.no {
			if host != "" && h.AllowHost(host) {
				t.Errorf("bound to %s: Host %q allowed", c.bind, host)
			}
		}
	}
	if !serve.HostsFor("127.0.0.1", "preview.example.org").AllowHost("Preview.Example.org:1313") {
		t.Error("--allow-host name refused")
	}
}
