package generator

import (
	"maps"
	"slices"

	"github.com/cmplay/cmplay/generator/render"
	"github.com/cmplay/cmplay/generator/search"
	"github.com/cmplay/cmplay/internal/parallel"
)

// SearchURL is the site path of the search results page.
const SearchURL = "/search/"

// searchIndex is the index stage: after the Markdown is rendered it builds the full-text index
// of every page, section and checklist item and writes it as small script files under search/
// (see package search for the format).
func (b *build) searchIndex() error {
	roles := map[string]string{}
	for slug, p := range b.site.Roles {
		roles[slug] = p.Title
	}
	ix := search.Build(search.Input{Pages: b.site.Pages, RoleTitles: roles, FileURLs: b.fileURLs})
	files := ix.Files()
	names := slices.Sorted(maps.Keys(files))
	return parallel.Each(len(names), 0, func(i int) error { return b.write(names[i], files[names[i]]) })
}

// searchPage renders the results page. The search itself runs in the reader's browser; without
// JavaScript the page says so and points at the kind and tag listings.
func (b *build) searchPage(r *render.Renderer) ([]byte, error) {
	return r.Generated(SearchURL, "Search", "search", func(d *render.Data) {
		d.Summary = "Search every page, section and checklist item of this playbook."
	})
}
