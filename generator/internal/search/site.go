package search

import (
	"strings"

	"github.com/cmplay/cmplay/playbooks"
)

// siteInfo is what indexing one page needs to know of the others: the title of every page by
// URL, for breadcrumbs, and the words of every title, to recognise a section that only lists
// links to other pages.
type siteInfo struct {
	titles map[string]string // URL → title
	named  map[string]bool   // the words of a page title, joined by spaces
}

func siteOf(pages []*playbooks.Page) siteInfo {
	s := siteInfo{titles: map[string]string{}, named: map[string]bool{}}
	for _, p := range pages {
		s.titles[p.URL] = p.Title
		s.named[strings.Join(Words(p.Title), " ")] = true
	}
	return s
}

// breadcrumb lists the titles of the pages above url, the home page left out:
// "/guidelines/escalation/" → ["Guidelines"].
func (s siteInfo) breadcrumb(url string) []string {
	var out []string
	parts := strings.Split(strings.Trim(url, "/"), "/")
	for i := 1; i < len(parts); i++ {
		if t, ok := s.titles["/"+strings.Join(parts[:i], "/")+"/"]; ok {
			out = append(out, t)
		}
	}
	return out
}

// linkHeadings name the sections that are lists of links by convention.
var linkHeadings = map[string]bool{"related pages": true, "related": true, "see also": true, "further reading": true,
	"links": true, "more": true, "read next": true, "next steps": true, "related guidelines": true}

// linkOnly reports whether a section is made only of links to other pages: each of its lines
// is the title of a page of the site, or, under a heading such as "Related pages", each line
// is short, as a link's text is.
func (s siteInfo) linkOnly(heading, text string) bool {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if len(lines) == 0 || lines[0] == "" {
		return false
	}
	named, short := true, true
	for _, l := range lines {
		ws := Words(l)
		if len(ws) == 0 {
			continue
		}
		named = named && s.named[strings.Join(ws, " ")]
		short = short && len(ws) <= 10
	}
	return named || short && linkHeadings[strings.Join(Words(heading), " ")]
}
