package pages

import (
	"fmt"
	"net/url"
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
		if s == "" {
			return "_" // a URL segment is never empty: "//" would leave the site
		}
		return fmt.Sprintf("%x", s)
	}
	return out
}

// AliasURL is the one normaliser of a URL written in a page's aliases: decoded, cleaned, below
// the site root, ending in "/" (the redirect is a folder's index.html). "old-page", "/old-page" and
// "/x/../old-page/" are all "/old-page/". It refuses what cannot be a folder below the site:
// the root itself, control characters, a query or fragment, a scheme.
func AliasURL(a string) (string, error) {
	if strings.Contains(a, "%") {
		// An old URL may be written percent-encoded (/caf%C3%A9/); the redirect goes in the
		// folder of the decoded name, which is what a server maps the request to.
		d, err := url.PathUnescape(a)
		if err != nil {
			return "", fmt.Errorf("invalid %% escape")
		}
		a = d
	}
	switch {
	case strings.ContainsFunc(a, func(r rune) bool { return r < ' ' || r == 0x7f }):
		return "", fmt.Errorf("contains control characters")
	case strings.ContainsAny(a, "?#\\"):
		return "", fmt.Errorf("an alias is a path: no ?, # or \\")
	case strings.HasPrefix(a, "//") || strings.Contains(strings.SplitN(a, "/", 2)[0], ":"):
		return "", fmt.Errorf("an alias is a path on this site, not a URL elsewhere")
	}
	u := "/" + strings.Trim(path.Clean("/"+a), "/") + "/"
	if u == "//" {
		return "", fmt.Errorf("the site's start page cannot be an alias")
	}
	return u, nil
}
