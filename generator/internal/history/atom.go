package history

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"html"
	"strconv"
	"strings"
	"time"
)

// FeedCount is how many commits the Atom feed carries.
const FeedCount = 50

// Atom is the changelog as an Atom feed. baseURL is the site's absolute URL ending in "/"; feed
// readers need absolute links. The feed's date is its newest commit's, never the build time, so
// two builds of one commit are identical.
func (s *Site) Atom(title, baseURL string) []byte {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
		Type string `xml:"type,attr,omitempty"`
	}
	type content struct {
		Type string `xml:"type,attr"`
		Body string `xml:",chardata"`
	}
	type entry struct {
		Title   string  `xml:"title"`
		ID      string  `xml:"id"`
		Updated string  `xml:"updated"`
		Author  string  `xml:"author>name"`
		Links   []link  `xml:"link"`
		Content content `xml:"content"`
	}
	type feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Updated string   `xml:"updated"`
		Links   []link   `xml:"link"`
		Entries []entry  `xml:"entry"`
	}
	abs := func(p string) string { return strings.TrimSuffix(baseURL, "/") + p }
	id := abs("/changelog/")
	if !strings.Contains(baseURL, "://") {
		// An Atom id must be an absolute IRI and differ between sites, so that a reader who
		// subscribes to two playbooks built without a base URL keeps them apart.
		sum := sha256.Sum256([]byte(title))
		id = "urn:cmplay:changelog:" + hex.EncodeToString(sum[:8])
	}
	f := feed{Title: title + " · changelog", ID: id, Updated: "1970-01-01T00:00:00Z",
		Links: []link{{Href: abs("/changelog.xml"), Rel: "self", Type: "application/atom+xml"}, {Href: abs("/changelog/"), Rel: "alternate", Type: "text/html"}}}
	n := 0
	for _, m := range s.Changelog(1) { // FeedCount ≤ ChangelogPageSize: the first page holds the feed
		for _, e := range m.Commits {
			if n == FeedCount {
				break
			}
			if n == 0 {
				f.Updated = e.Date.UTC().Format(time.RFC3339)
			}
			n++
			var b strings.Builder
			b.WriteString("<p>" + html.EscapeString(e.Author) + " changed:</p><ul>")
			for _, p := range e.Pages {
				b.WriteString(`<li><a href="` + html.EscapeString(abs(p.URL)) + `">` + html.EscapeString(p.Title) + "</a> (" + p.Change.Kind.String() + ")</li>")
			}
			for _, o := range e.Other {
				b.WriteString("<li>" + html.EscapeString(o.Path) + " (" + o.Kind.String() + ")</li>")
			}
			if e.More > 0 {
				b.WriteString("<li>and " + strconv.Itoa(e.More) + " more</li>")
			}
			b.WriteString("</ul>")
			en := entry{Title: e.Subject, ID: "urn:git:" + e.Hash, Updated: e.Date.UTC().Format(time.RFC3339), Author: e.Author,
				Links:   []link{{Href: abs(ChangelogURL(1)) + "#c-" + e.Hash, Rel: "alternate", Type: "text/html"}},
				Content: content{Type: "html", Body: b.String()}}
			if e.URL != "" {
				en.Links = append(en.Links, link{Href: e.URL, Rel: "related"})
			}
			f.Entries = append(f.Entries, en)
		}
	}
	out, _ := xml.MarshalIndent(f, "", "  ")
	return append([]byte(xml.Header), append(out, '\n')...)
}
