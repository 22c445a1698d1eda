package pages

import (
	"fmt"
	"path"
	"strings"
	"unicode"
)

// URL maps a content file to its pretty URL: "roles/Internal CM.md" → "/roles/internal-cm/",
// "roles/_index.md" → "/roles/". Every segment goes through Slug, so the URL is lowercase and
// safe whatever the file is called.
func URL(file string) string {
	dir, name := path.Split(file)
	var segs []string
	for _, s := range strings.Split(strings.Trim(dir, "/"), "/") {
		if s != "" {
			segs = append(segs, Slug(s))
		}
	}
	if !IsIndexFile(file) {
		segs = append(segs, Slug(strings.TrimSuffix(name, path.Ext(name))))
	}
	if len(segs) == 0 {
		return "/"
	}
	return "/" + strings.Join(segs, "/") + "/"
}

// Slug turns one path segment into a URL segment: letters (any script) and digits are kept in
// lower case, "+", "_" and "." survive, anything else becomes "-". A segment with nothing left, or
// only dots (which a browser would treat as "here" or "up"), is spelled in hexadecimal instead.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '+' || r == '_' || r == '.':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimRight(b.String(), "-")
	if strings.Trim(out, ".") == "" {
		return fmt.Sprintf("%x", s)
	}
	return out
}
