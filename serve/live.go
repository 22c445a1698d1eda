package serve

import (
	"context"
	"embed"
	"html/template"
	"net/http"
	"strings"
	"sync"

	"github.com/cmplay/cmplay/generator"
)

//go:embed live/reload.js live/reload.css
var liveFiles embed.FS

// Prefix is where the live-reload endpoints live, outside any site's base path.
const Prefix = "/__cmplay/"

// Script is the tag `cmplay serve` adds to every page it builds (through Config.Foot). It is an
// external script, so pages keep working under a Content-Security-Policy without 'unsafe-inline'.
const Script template.HTML = `<script src="/__cmplay/reload.js" defer></script>`

// Live is the server of `cmplay serve`: the site (Handler), the event stream that tells open
// pages to reload, and the reload script itself.
//
// Which build is served after a rebuild: a build that failed (the theme's templates do not
// parse) never replaces the one being served. A build that succeeded but has more error
// diagnostics than the one being served is not swapped in either: content errors do not stop a
// build, but a page with broken front matter renders wrong (its front matter shown as text, its
// title and place in the navigation lost), and you are better served reading the last good page
// under an overlay that names the problem. Once the errors are fixed the next build is served
// and the overlay goes away. A site that starts with errors is served as it is, with the overlay.
//
// Live answers only requests whose Host header is one of Hosts (by default this machine's
// loopback names), and the event stream only to pages of its own origin (see Hosts).
type Live struct {
	*Handler
	Hub *Hub
	// Hosts are the names the server answers to; set it before serving. The zero value answers
	// to localhost, 127.0.0.1 and [::1] only.
	Hosts Hosts

	mu     sync.Mutex
	served bool
	errors int // error diagnostics of the build being served
}

// NewLive serves builds under basePath; Close stops its event stream.
func NewLive(basePath string) *Live {
	return &Live{Handler: NewHandler(basePath), Hub: NewHub()}
}

// Close ends every open event stream.
func (l *Live) Close() { l.Hub.Close() }

func (l *Live) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !l.Hosts.AllowHost(r.Host) {
		// 421 Misdirected Request: this server is not the one the name was meant for.
		http.Error(w, "cmplay serve answers to "+strings.Join(l.Hosts.Names(), ", ")+
			", not to "+r.Host+" (a guard against DNS rebinding; cmplay serve --allow-host NAME adds a name)", http.StatusMisdirectedRequest)
		return
	}
	switch r.URL.Path {
	case Prefix + "events":
		if !l.Hosts.AllowOrigin(r.Header.Get("Origin"), r.Host) {
			http.Error(w, "the event stream is only for pages of this server, not "+r.Header.Get("Origin"), http.StatusForbidden)
			return
		}
		l.Hub.ServeHTTP(w, r)
	case Prefix + "reload.js", Prefix + "reload.css":
		data, _ := liveFiles.ReadFile("live/" + r.URL.Path[len(Prefix):])
		l.Handler.write(w, r, r.URL.Path, data, http.StatusOK)
	default:
		l.Handler.ServeHTTP(w, r)
	}
}

// Publish serves a rebuild's result, if it is good enough (see Live), and tells the open pages.
// It reports whether the new build is now being served.
func (l *Live) Publish(u generator.Update) bool {
	l.mu.Lock()
	swap := u.Site != nil && (!l.served || u.Errors <= l.errors)
	if swap {
		l.Swap(u.Site)
		l.served, l.errors = true, u.Errors
	}
	l.mu.Unlock()
	if len(u.Problems) > 0 {
		l.Hub.Send(Event{Type: "problems", Data: u.Problems})
	} else {
		l.Hub.Send(Event{Type: "ok"})
	}
	if swap && !u.Quiet {
		if u.CSS != nil {
			l.Hub.Send(Event{Type: "css", Data: u.CSS})
		} else {
			l.Hub.Send(Event{Type: "reload"})
		}
	}
	return swap
}

// Run rebuilds after every burst of changes the watcher reports and publishes each result, until
// ctx ends or the watcher is closed.
func (l *Live) Run(ctx context.Context, w *Watcher, rebuild func(changed []string) generator.Update) {
	var changed []string
	waiting := false // changed holds a burst not built yet
	for {
		if !waiting {
			select {
			case <-ctx.Done():
				return
			case <-w.done:
				return
			case changed = <-w.Batches():
			}
		}
		waiting = false
		u := rebuild(changed)
		l.Publish(u)
		if u.Then == nil {
			continue
		}
		select {
		case changed = <-w.Batches():
			waiting = true // a newer save goes first; its own build finishes later
		default:
			l.Publish(u.Then())
		}
	}
}
