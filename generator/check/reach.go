package check

import (
	"fmt"

	"github.com/cmplay/cmplay/generator/internal/site"
	"github.com/cmplay/cmplay/playbooks"
)

// Unreachable reports pages a reader cannot reach through the playbook's navigation: the
// sidebar, which every page shows, and the folder pages that list a folder's contents.
//
// Every folder has a page of its own — its index page, or else the index the generator writes
// listing its pages and sub-folders — so a page is reached from the home page through the
// folders above it. Only a folder whose pages all took URLs elsewhere (permalink) and that has
// no sub-folder has no such page (site.Section.URL is ""); it is a plain label in the sidebar,
// and the pages below it are reported. Links in page text, previous/next links and the kind and
// tag listings do not count: they show a page without its place in the playbook.
func Unreachable(s *site.Site) playbooks.Diagnostics {
	if s.Root == nil {
		return nil
	}
	var ds playbooks.Diagnostics
	var walk func(sec *site.Section, label *site.Section)
	walk = func(sec *site.Section, label *site.Section) {
		if label == nil && sec.Parent != nil && sec.URL() == "" {
			label = sec
		}
		if label != nil {
			for _, p := range pagesOf(sec) {
				ds = append(ds, playbooks.Diagnostic{File: p.File, Line: 1, Col: 1, Severity: playbooks.Warning, Rule: "unreachable",
					Msg: fmt.Sprintf("no navigation leads here: folder %s/ has no page of its own (its pages have URLs elsewhere), so the sidebar shows it as a plain label", label.Dir),
					Fix: "add an index page to the folder, or link the page from one the navigation reaches"})
			}
		}
		for _, c := range sec.Children {
			walk(c, label)
		}
	}
	walk(s.Root, nil)
	return ds
}

func pagesOf(sec *site.Section) []*playbooks.Page {
	if sec.Index == nil {
		return sec.Pages
	}
	return append([]*playbooks.Page{sec.Index}, sec.Pages...)
}
