package serve

import (
	"maps"
	"net"
	"net/url"
	"os"
	"slices"
	"strings"
)

// Hosts is the set of host names a server answers to. A request whose Host header names
// anything else is refused: a web page on another site cannot reach the preview by pointing a
// name of its own at 127.0.0.1 (DNS rebinding), because the browser then sends that name.
//
// The zero Hosts answers to this machine's loopback names only.
type Hosts struct {
	names map[string]bool
}

// loopback are the names of this machine that every server answers to.
var loopback = []string{"localhost", "127.0.0.1", "::1"}

// HostsFor is the set for a server bound to bind ("127.0.0.1", "192.168.1.20", "0.0.0.0" …):
// the loopback names; the bound address itself; and, bound to every interface ("0.0.0.0",
// "::" or ""), every address of this machine's interfaces and its host name (with ".local", the
// name other machines on a home network use). extra are more names the user allows.
func HostsFor(bind string, extra ...string) Hosts {
	h := Hosts{names: map[string]bool{}}
	add := func(n string) {
		if n = canonicalHost(n); n != "" {
			h.names[n] = true
		}
	}
	for _, n := range loopback {
		add(n)
	}
	add(bind)
	if bind == "" || bind == "0.0.0.0" || bind == "::" {
		if addrs, err := net.InterfaceAddrs(); err == nil {
			for _, a := range addrs {
				if ipn, ok := a.(*net.IPNet); ok {
					add(ipn.IP.String())
				}
			}
		}
		if name, err := os.Hostname(); err == nil {
			add(name)
			add(name + ".local")
		}
	}
	for _, n := range extra {
		add(n)
	}
	return h
}

// canonicalHost is a host name as compared: lower case, without brackets or a final dot.
func canonicalHost(n string) string {
	n = strings.ToLower(strings.TrimSpace(n))
	n = strings.TrimSuffix(strings.TrimPrefix(n, "["), "]")
	return strings.TrimSuffix(n, ".")
}

// Names lists the allowed names, for messages.
func (h Hosts) Names() []string {
	if h.names == nil {
		return loopback
	}
	return slices.Sorted(maps.Keys(h.names))
}

// AllowHost reports whether a Host header ("localhost:1313", "[::1]:1313") names this server.
func (h Hosts) AllowHost(hostport string) bool {
	host := hostport
	if hh, _, err := net.SplitHostPort(hostport); err == nil {
		host = hh
	}
	host = canonicalHost(host)
	if host == "" {
		return false
	}
	if h.names == nil {
		for _, n := range loopback {
			if n == host {
				return true
			}
		}
		return false
	}
	return h.names[host]
}

// AllowOrigin reports whether an Origin header names a page of this server as the request
// reached it: "http://" and the request's own Host. Browsers send no Origin on a page's own
// same-origin event stream, so an empty one is allowed; "null" (a file:// page, a sandboxed
// frame) and pages of other sites or other local ports are not.
func (h Hosts) AllowOrigin(origin, host string) bool {
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || u.Scheme != "http" || u.Host == "" || u.Path != "" {
		return false
	}
	return strings.EqualFold(u.Host, host) && h.AllowHost(u.Host)
}
