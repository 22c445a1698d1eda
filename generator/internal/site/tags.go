package site

import (
	"fmt"
	"strings"

	"github.com/cmplay/cmplay/playbooks"
)

// TagSlug is the URL segment of a tag's listing page: lower case, spaces and slashes as hyphens,
// characters that mean something in a URL dropped ("C#" → "c"), and the tag's bytes in hex when
// nothing is left.
func TagSlug(t string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(t) {
		switch {
		case r == ' ' || r == '/' || r == '-' || r == '_':
			b.WriteByte('-')
		case r == '.' || r == '#' || r == '?' || r == '%' || r == '\\':
		default:
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return fmt.Sprintf("%x", t)
	}
	return b.String()
}

// tagIndex lists the pages by tag. Tags with one slug are one tag, named as the first page in
// reading order writes it: they have one listing page, which must list every page that links to
// it, and two tags writing that page would race.
func tagIndex(pages []*playbooks.Page) map[string][]*playbooks.Page {
	tags := map[string][]*playbooks.Page{}
	names := map[string]string{} // slug → the tag's name
	for _, p := range pages {
		for _, t := range p.Tags {
			slug := TagSlug(t)
			name, ok := names[slug]
			if !ok {
				name = t
				names[slug] = t
			}
			if ps := tags[name]; len(ps) > 0 && ps[len(ps)-1] == p {
				continue // the page writes the tag twice ("C#" and "c")
			}
			tags[name] = append(tags[name], p)
		}
	}
	return tags
}
