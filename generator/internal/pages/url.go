package pages

import (
	"fmt"
	"net/url"
	"path"
	"strings"
	"unicode"

	"github.com/cmplay/cmplay/playbooks"
)

// URL maps a content file to its pretty URL: "roles/Internal CM.md" → "/roles/internal-cm/",
// "roles/_index.md" → "/roles/". Every segment goes through Slug, so the URL is lowercase and
// safe whatever the file is called.
func URL(file string) string {
	if IsIndexFile(file) {
		return folderURL(path.Dir(file))
	}
	return pageURL(file)
}

// folderURL is the URL of a folder's page ("." is the home page).
func folderURL(dir string) string { return pathURL(dir, "") }

// pageURL is the URL of a file that is not its folder's page.
func pageURL(file string) string {
	dir, name := path.Split(file)
	return pathURL(dir, strings.TrimSuffix(name, path.Ext(name)))
}

// pathURL is the URL of folder dir, with one more segment when name is not "".
func pathURL(dir, name string) string {
	var segs []string
	for _, s := range strings.Split(strings.Trim(dir, "/"), "/") {
		if s != "" && s != "." {
			segs = append(segs, Slug(s))
		}
	}
	if name != "" {
		segs = append(segs, Slug(name))
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

// ownURL gives a page the URL its front matter asks for (`permalink` or `path`, or `slug` for
// the last segment), reporting one it cannot use; the page then keeps the URL of its file.
func ownURL(p *playbooks.Page) playbooks.Diagnostics {
	key, want := "permalink", p.Permalink
	if want == "" && p.URLSlug != "" {
		key, want = "slug", p.URLSlug
		if !strings.HasPrefix(want, "/") {
			want = parentURL(p.URL) + want
		}
	}
	if want == "" {
		return nil
	}
	for _, k := range []string{"path", "url"} {
		if _, ok := p.KeyLines[key]; !ok {
			key = k
		}
	}
	u, err := PermalinkURL(want)
	if err != nil {
		return playbooks.Diagnostics{{File: p.File, Line: p.FrontMatterLine(key), Col: 1, Severity: playbooks.Warning, Rule: "permalink",
			Msg: fmt.Sprintf("%s %q: %v; the page keeps the URL %s", key, want, err, p.URL), Fix: "write the page's path, e.g. /guides/setup/"}}
	}
	p.URL = u
	return nil
}

// PermalinkURL turns the URL a page asks for in its front matter into a folder URL built like
// the ones files get: "/About/" and "/about.html" are "/about/", "/" is the home page.
// Jekyll's placeholders (":title", ":year") are refused: they describe a collection, not a page.
func PermalinkURL(s string) (string, error) {
	if strings.Contains(s, ":") {
		return "", fmt.Errorf("placeholders such as :title are not supported")
	}
	if strings.ContainsAny(s, "?#\\") {
		return "", fmt.Errorf("a permalink is a path: no ?, # or \\")
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "index.html"), "/")
	s = strings.TrimSuffix(s, ".html")
	var segs []string
	for _, seg := range strings.Split(s, "/") {
		switch seg {
		case "", ".":
		case "..":
			return "", fmt.Errorf("a permalink may not climb with ..")
		default:
			segs = append(segs, Slug(seg))
		}
	}
	if len(segs) == 0 {
		return "/", nil
	}
	return "/" + strings.Join(segs, "/") + "/", nil
}

// parentURL is "/a/" for "/a/b/", and "/" for "/".
func parentURL(u string) string {
	t := strings.TrimSuffix(u, "/")
	return t[:strings.LastIndexByte(t, '/')+1]
}
