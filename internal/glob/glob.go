// Package glob matches slash-separated paths against the globs a site writes in cmplay.toml
// (`ignore`, `checklists`): each segment is a path.Match pattern (`*`, `?`, `[a-z]`), and a
// segment `**` stands for any number of folders, none included. "drafts/**" is everything below
// drafts/, "**/*.tmp" every .tmp file, "*.tmp" only those at the top.
//
// It is a few lines of its own rather than a dependency: the rules are the ones above and no
// more, and matching is dynamic programming over the segments, so no pattern (however many `**`
// it has) makes a path take more than segments × segments steps.
package glob

import (
	"path"
	"strings"
)

// Valid reports a pattern's syntax error, or nil.
func Valid(pattern string) error {
	for _, seg := range strings.Split(strings.Trim(pattern, "/"), "/") {
		if seg == "**" {
			continue
		}
		if _, err := path.Match(seg, ""); err != nil {
			return err
		}
	}
	return nil
}

// Match reports whether name matches pattern exactly (leading and trailing slashes ignored).
// An invalid pattern matches nothing.
func Match(pattern, name string) bool {
	ps := strings.Split(strings.Trim(pattern, "/"), "/")
	ns := strings.Split(strings.Trim(name, "/"), "/")
	// ok[j] reports whether the pattern's segments so far match the first j segments of name.
	ok := make([]bool, len(ns)+1)
	ok[0] = true
	for _, p := range ps {
		next := make([]bool, len(ns)+1)
		for j := range ok {
			switch {
			case p == "**":
				// Zero folders, or one more than the match before.
				next[j] = ok[j] || j > 0 && next[j-1]
			case j > 0 && ok[j-1]:
				m, err := path.Match(p, ns[j-1])
				next[j] = m && err == nil
			}
		}
		ok = next
	}
	return ok[len(ns)]
}

// Under reports whether name, or a folder above it, matches one of the patterns: a pattern that
// names a folder takes everything in it.
func Under(patterns []string, name string) bool {
	for n := strings.Trim(name, "/"); n != "" && n != "."; n = path.Dir(n) {
		for _, p := range patterns {
			if Match(p, n) {
				return true
			}
		}
	}
	return false
}
