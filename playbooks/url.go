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
	// Every page renders hundreds of links, so this walks both paths segment by segment
	// instead of splitting them. f is from's folder without its slashes at either end, t is to
	// without its leading slash; the segments they share, except to's last, are dropped, and
	// each segment of f left is one "../".
	fromDir := from[:strings.LastIndexByte(from, '/')+1]
	f, t := strings.Trim(fromDir, "/"), strings.TrimPrefix(to, "/")
	up := 0
	if fromDir != "/" {
		for {
			fseg, frest, fmore := strings.Cut(f, "/")
			tseg, trest, tmore := strings.Cut(t, "/")
			if !tmore || fseg != tseg { // to's last segment is never shared
				up = 1 + strings.Count(f, "/")
				break
			}
			t = trest
			if !fmore {
				break
			}
			f = frest
		}
	}
	var b strings.Builder
	b.Grow(3*up + len(t) + len("index.html") + len(suffix))
	for range up {
		b.WriteString("../")
	}
	b.WriteString(t)
	if fileURLs && (b.Len() == 0 || strings.HasSuffix(t, "/") || up > 0 && t == "") {
		b.WriteString("index.html")
	}
	if b.Len() == 0 {
		b.WriteString("./")
	}
	b.WriteString(suffix)
	return b.String()
}
