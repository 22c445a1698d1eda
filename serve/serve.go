// Package serve is cmplay's local web server: it serves a build held in memory with the same
// URL rules a static host applies (pretty URLs, index.html, the site's 404 page).
//
// For live editing it also has the other parts of watch → debounce → rebuild → notify:
//
//   - Watcher (watch.go) follows the site's folders with fsnotify, including folders created
//     later, ignores editors' temporary files, and folds each burst of events into one list of
//     changed paths after 100 ms of quiet (or after MaxWait, 1 s, while events keep coming); it
//     polls when the system has no watches left.
//   - Hub (hub.go) is the server-sent event stream; one goroutine owns the open pages.
//   - Hosts (guard.go) are the host names the server answers to (a guard against DNS
//     rebinding) and the origins its event stream serves; the hub caps open streams at
//     MaxStreams.
//   - Live (live.go) puts Handler and Hub behind one http.Handler with the embedded reload
//     script, decides which build is served after a rebuild, and runs the rebuild loop. The
//     rebuild itself is a callback: the generator builds, this package serves.
//
// docs/serve.md is the user's guide.
package serve

import (
	"mime"
	"net/http"
	"path"
	"strings"
	"sync/atomic"

	"github.com/cmplay/cmplay/generator/output"
)

// Handler serves the current build. Swap replaces it atomically, so a request never sees a
// half-built site.
type Handler struct {
	site     atomic.Pointer[output.Memory]
	basePath string
}

// NewHandler serves builds under basePath ("/" or "/playbook/").
func NewHandler(basePath string) *Handler {
	if basePath == "" {
		basePath = "/"
	}
	h := &Handler{basePath: basePath}
	h.site.Store(output.NewMemory())
	return h
}

// Swap makes m the build being served.
func (h *Handler) Swap(m *output.Memory) { h.site.Store(m) }

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, h.basePath) {
		if p == "/" || p+"/" == h.basePath {
			http.Redirect(w, r, h.basePath, http.StatusFound)
			return
		}
		h.notFound(w, r)
		return
	}
	// Reject any path that tries to climb out; Clean alone would silently fold it.
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			http.Error(w, "bad path", http.StatusBadRequest)
			return
		}
	}
	name := strings.TrimPrefix(p, h.basePath)
	site := h.site.Load()
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	} else if _, ok := site.File(name); !ok {
		if _, ok := site.File(name + "/index.html"); ok {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
	}
	data, ok := site.File(name)
	if !ok {
		h.notFound(w, r)
		return
	}
	h.write(w, r, name, data, http.StatusOK)
}

func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	data, ok := h.site.Load().File("404.html")
	if !ok {
		http.NotFound(w, r)
		return
	}
	h.write(w, r, "404.html", data, http.StatusNotFound)
}

func (h *Handler) write(w http.ResponseWriter, r *http.Request, name string, data []byte, code int) {
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}
