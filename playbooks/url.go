package playbooks

import "strings"

// RelURL returns a link from the page at URL from to the site path to (both site-relative,
// starting with "/"), relative so the built site works under any sub-path and from a folder.
// With fileURLs, links to folders end in "index.html" so they also work from file://.
func RelURL(from, to string, fileURLs bool) string {
	suffix := ""
	if i := strings.IndexAny(to, "?#"); i >= 0 {
		to, suffix = to[:i], to[i:]
	}
	fromDir := from[:strings.LastIndexByte(from, '/')+1]
	fs := strings.Split(strings.Trim(fromDir, "/"), "/")
	ts := strings.Split(strings.TrimPrefix(to, "/"), "/")
	if fromDir == "/" {
		fs = nil
	}
	i := 0
	for i < len(fs) && i < len(ts)-1 && fs[i] == ts[i] {
		i++
	}
	rel := strings.Repeat("../", len(fs)-i) + strings.Join(ts[i:], "/")
	if fileURLs && (rel == "" || strings.HasSuffix(rel, "/")) {
		rel += "index.html"
	}
	if rel == "" {
		rel = "./"
	}
	return rel + suffix
}
