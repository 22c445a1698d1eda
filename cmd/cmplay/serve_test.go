package main

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// lockedBuffer is a stdout the command and the test share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeCommand runs `cmplay serve --port 0` as a user would: it prints the address it
// picked, serves pages that load the reload script (which `cmplay build` output never has),
// rebuilds after a save, refuses a busy port, and stops cleanly on Ctrl-C with an event stream
// still open.
func TestServeCommand(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "content", "index.md")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Dir(page), 0o755))
	must(os.WriteFile(page, []byte("# Home\n\nFirst words.\n"), 0o644))

	var stdout, stderr lockedBuffer
	code := make(chan int, 1)
	go func() { code <- run([]string{"serve", "--source", dir, "--port", "0"}, &stdout, &stderr) }()
	addr := regexp.MustCompile(`serving on (http://127\.0\.0\.1:(\d+)/)`)
	var url, port string
	for deadline := time.Now().Add(30 * time.Second); url == ""; time.Sleep(20 * time.Millisecond) {
		if m := addr.FindStringSubmatch(stdout.String()); m != nil {
			url, port = m[1], m[2]
		} else if time.Now().After(deadline) {
			t.Fatalf("no address printed; stdout %q stderr %q", stdout.String(), stderr.String())
		}
	}
	get := func(u string) string {
		t.Helper()
		resp, err := http.Get(u)
		must(err)
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return string(body)
	}
	if body := get(url); !strings.Contains(body, `<script src="/__cmplay/reload.js" defer></script>`) || !strings.Contains(body, "First words.") {
		t.Fatalf("served home page lacks the reload script or the content:\n%s", body)
	}

	must(os.WriteFile(page, []byte("# Home\n\nSecond words.\n"), 0o644))
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(get(url), "Second words."); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the save was not served; stdout %q stderr %q", stdout.String(), stderr.String())
		}
	}
	if !strings.Contains(stdout.String(), "rebuilt in ") {
		t.Errorf("no rebuild line printed: %q", stdout.String())
	}

	// A new title in cmplay.toml rebuilds the site with it.
	must(os.WriteFile(filepath.Join(dir, "cmplay.toml"), []byte("title = \"Renamed Playbook\"\n"), 0o644))
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(get(url), "Renamed Playbook"); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the new title in cmplay.toml was not served; stderr %q", stderr.String())
		}
	}

	// The same port again is busy: a clear error, exit code 1.
	var busyErr bytes.Buffer
	if c := run([]string{"serve", "--source", dir, "--port", port}, io.Discard, &busyErr); c != 1 || !strings.Contains(busyErr.String(), "try --port 0") {
		t.Errorf("busy port: exit %d, %q", c, busyErr.String())
	}

	// Ctrl-C with a page's event stream open.
	host := strings.TrimPrefix(strings.TrimSuffix(url, "/"), "http://")
	conn, err := net.Dial("tcp", host)
	must(err)
	defer conn.Close()
	_, err = conn.Write([]byte("GET /__cmplay/events HTTP/1.1\r\nHost: " + host + "\r\n\r\n"))
	must(err)
	buf := make([]byte, 512)
	n, err := conn.Read(buf)
	must(err)
	if !strings.Contains(string(buf[:n]), "text/event-stream") {
		t.Fatalf("event stream answered %q", buf[:n])
	}
	must(syscall.Kill(os.Getpid(), syscall.SIGINT))
	select {
	case c := <-code:
		if c != 0 || !strings.Contains(stdout.String(), "stopped") {
			t.Fatalf("Ctrl-C: exit %d, stdout %q", c, stdout.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop on Ctrl-C")
	}

	// Build output never carries the reload script.
	out := filepath.Join(t.TempDir(), "public")
	if c := run([]string{"build", "--source", dir, "--out", out}, io.Discard, io.Discard); c != 0 {
		t.Fatalf("build: exit %d", c)
	}
	data, err := os.ReadFile(filepath.Join(out, "index.html"))
	must(err)
	if bytes.Contains(data, []byte("__cmplay")) {
		t.Fatal("cmplay build output contains the live-reload script")
	}
}

// TestBuildWatch runs `cmplay build --watch`: the output folder follows each save, is swapped in
// whole (never half-written: the marker of a complete build is always there), carries no reload
// script, and Ctrl-C stops the command.
func TestBuildWatch(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "content", "guide", "page.md")
	if err := os.MkdirAll(filepath.Dir(page), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, []byte("# Page\n\nVersion one.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "site")
	var stdout lockedBuffer
	code := make(chan int, 1)
	go func() { code <- run([]string{"build", "--watch", "--source", dir, "--out", out}, &stdout, io.Discard) }()
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(stdout.String(), "watching for changes"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("build --watch did not start: %q", stdout.String())
		}
	}
	built := filepath.Join(out, "guide", "page", "index.html")
	if err := os.WriteFile(page, []byte("# Page\n\nVersion two.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(filepath.Join(out, ".cmplay-output")); err != nil {
			t.Fatalf("the output folder was seen incomplete: %v", err)
		}
		data, _ := os.ReadFile(built)
		if bytes.Contains(data, []byte("Version two.")) {
			if bytes.Contains(data, []byte("__cmplay")) {
				t.Fatal("build --watch output has the live-reload script")
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the output did not follow the save: %q", stdout.String())
		}
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-code:
		if c != 0 {
			t.Fatalf("exit %d", c)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("build --watch did not stop on Ctrl-C")
	}
}
