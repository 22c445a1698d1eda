package generator

import (
	"fmt"
	"maps"
	"slices"

	"github.com/cmplay/cmplay/generator/internal/render"
	"github.com/cmplay/cmplay/generator/internal/search"
	"github.com/cmplay/cmplay/internal/parallel"
	"github.com/cmplay/cmplay/playbooks"
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
	ix := search.Build(search.Input{Pages: b.site.Pages, RoleTitles: roles, FileURLs: b.fileURLs,
		Synonyms: b.cfg.Synonyms})
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

// synonymDiags warns about synonyms a query can never reach: a key must be one word, as a
// query is matched word by word.
func synonymDiags(file string, data []byte, syn map[string][]string) playbooks.Diagnostics {
	var diags playbooks.Diagnostics
	for _, k := range slices.Sorted(maps.Keys(syn)) {
		if n := len(search.Words(k)); n != 1 {
			diags = append(diags, playbooks.Diagnostic{File: file, Line: keyLine(data, k), Col: 1, Severity: playbooks.Warning,
				Rule: "config", Msg: fmt.Sprintf("search synonym %q is not one word: a query is matched word by word", k),
				Fix: "write the phrase as a synonym of one word: " + k + " → a word"})
		}
	}
	return diags
}
