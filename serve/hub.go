package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// MaxStreams is how many event streams (open pages) a hub serves at once. Each holds a
// connection and a goroutine; more than a person has tabs open means something else is
// connecting, and it is refused with 503 Service Unavailable.
const MaxStreams = 64

// Event is a message the server sends the open pages over server-sent events.
type Event struct {
	// Type is "hello" (sent on connect, with the build number), "reload" (a new build is being
	// served), "css" (only stylesheets changed: swap them), "problems" (show the overlay) or
	// "ok" (hide it).
	Type string
	Data any
}

// Hub fans events out to every open page. One goroutine (Run) owns the subscribers, so no lock
// guards them. It remembers the current problems, so a page opened while the site is broken
// shows the overlay at once.
type Hub struct {
	join, leave chan chan Event
	send        chan Event
	done        chan struct{}
	closing     sync.Once
	id          string // this server's run, so a page reconnecting to a restarted server reloads
	open        atomic.Int32
}

// NewHub starts a hub; Close stops it and ends every open stream.
func NewHub() *Hub {
	h := &Hub{join: make(chan chan Event), leave: make(chan chan Event), send: make(chan Event),
		done: make(chan struct{}), id: strconv.FormatInt(time.Now().UnixNano(), 36)}
	go h.run()
	return h
}

// Close ends the hub's goroutine and every stream.
func (h *Hub) Close() { h.closing.Do(func() { close(h.done) }) }

// Send delivers an event to every open page.
func (h *Hub) Send(ev Event) {
	select {
	case h.send <- ev:
	case <-h.done:
	}
}

func (h *Hub) run() {
	subs := map[chan Event]bool{}
	var problems *Event
	build := 1
	for {
		select {
		case <-h.done:
			for c := range subs {
				close(c)
			}
			return
		case c := <-h.join:
			subs[c] = true
			c <- Event{Type: "hello", Data: h.buildID(build)}
			if problems != nil {
				c <- *problems
			}
		case c := <-h.leave:
			if subs[c] {
				delete(subs, c)
				close(c)
			}
		case ev := <-h.send:
			// Pages are told when the problems change, not each time a build repeats them (the
			// overlay would flicker).
			switch ev.Type {
			case "problems":
				if problems != nil && sameData(problems.Data, ev.Data) {
					continue
				}
				problems = &ev
			case "ok":
				if problems == nil {
					continue
				}
				problems = nil
			case "reload", "css":
				build++
				ev.Data = map[string]any{"build": h.buildID(build), "swap": ev.Data}
			}
			for c := range subs {
				select {
				case c <- ev:
				default: // a stalled page misses this event; its next reconnect says hello
				}
			}
		}
	}
}

func sameData(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

func (h *Hub) buildID(n int) string { return h.id + "-" + strconv.Itoa(n) }

// ServeHTTP streams events to one page until it goes away.
func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	if h.open.Add(1) > MaxStreams {
		h.open.Add(-1)
		w.Header().Set("Retry-After", "5")
		http.Error(w, fmt.Sprintf("too many open pages: this server streams reloads to at most %d at once; close some tabs", MaxStreams), http.StatusServiceUnavailable)
		return
	}
	defer h.open.Add(-1)
	c := make(chan Event, 16)
	select {
	case h.join <- c:
	case <-h.done:
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 500\n\n")
	fl.Flush()
	keep := time.NewTicker(20 * time.Second)
	defer keep.Stop()
	defer func() {
		select {
		case h.leave <- c:
		case <-h.done:
		}
	}()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-c:
			if !ok {
				return
			}
			data, _ := json.Marshal(ev.Data)
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.Type, strings.ReplaceAll(string(data), "\n", "\\n"))
			fl.Flush()
		case <-keep.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			fl.Flush()
		}
	}
}
