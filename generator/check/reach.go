package check

import (
	"fmt"
	"path"

	"github.com/cmplay/cmplay/generator/internal/site"
	"github.com/cmplay/cmplay/playbooks"
)

// Unreachable reports pages a reader cannot reach through the playbook's navigation: the
// sidebar, which every page shows, and the section pages that list a folder's contents.
//
// The sidebar lists the pages at the root and each top-level folder. A folder with an index page
// (_index.md or README.md) is a link; opening it shows the folder's whole tree, sub-folders
// included, so every page below it is reachable. A top-level folder without an index page — or
// whose index page is a draft and so not built — is only a label: nothing links into it, and its
// parent's section page does not list it either. Its pages are reported. Links in page text,
// previous/next links and the kind and tag listings do not count: they show a page without its
// place in the playbook.
func Unreachable(s *site.Site) playbooks.Diagnostics {
	if s.Root == nil {
		return nil
	}
	seen := map[*playbooks.Page]bool{}
	if s.Root.Index != nil {
		seen[s.Root.Index] = true
	}
	var hidden []*site.Section
	for _, e := range s.Root.Entries() {
		switch {
		case e.Page != nil:
			seen[e.Page] = true
		case e.Section.Index != nil:
			markTree(e.Section, seen)
		default:
			hidden = append(hidden, e.Section)
		}
	}
	var ds playbooks.Diagnostics
	for _, sec := range hidden {
		var walk func(*site.Section)
		walk = func(sub *site.Section) {
			for _, p := range pagesOf(sub) {
				ds = append(ds, playbooks.Diagnostic{File: p.File, Line: 1, Col: 1, Severity: playbooks.Warning, Rule: "unreachable",
					Msg: fmt.Sprintf("no navigation leads here: folder %s/ has no index page (or only a draft one), so the sidebar shows it as a plain label", sec.Dir),
					Fix: fmt.Sprintf("add %s (a title is enough), or move the page into a folder that has one", path.Join(sec.Dir, "_index.md"))})
			}
			for _, c := range sub.Children {
				walk(c)
			}
		}
		walk(sec)
	}
	return ds
}

// markTree marks a section's pages and everything below it as reachable.
func markTree(sec *site.Section, seen map[*playbooks.Page]bool) {
	for _, p := range pagesOf(sec) {
		seen[p] = true
	}
	for _, c := range sec.Children {
		markTree(c, seen)
	}
}

func pagesOf(sec *site.Section) []*playbooks.Page {
	if sec.Index == nil {
		return sec.Pages
	}
	return append([]*playbooks.Page{sec.Index}, sec.Pages...)
}
