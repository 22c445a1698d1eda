package generator

import (
	"fmt"
	"path"
	"strings"

	"github.com/cmplay/cmplay/generator/internal/checklist"
	"github.com/cmplay/cmplay/generator/internal/markdown"
	"github.com/cmplay/cmplay/playbooks"
)

// paths reads the onboarding paths of the site: every page of kind path, in the site's order,
// with the pages its body links to, in the order written, once each. A path reads on GitHub as
// what it is, a page with an ordered list of links; links to anything but a page of the site
// (images, other sites, anchors on the same page, other paths) are not steps.
func (b *build) paths() ([]checklist.Path, playbooks.Diagnostics) {
	var out []checklist.Path
	var ds playbooks.Diagnostics
	for _, p := range b.site.Pages {
		if p.Kind != playbooks.KindPath {
			continue
		}
		c := checklist.Path{URL: p.URL, Title: p.Title, Steps: []checklist.Step{}}
		seen := map[string]bool{p.URL: true}
		for _, l := range p.Links {
			if l.Image || l.Dest == "" || strings.HasPrefix(l.Dest, "#") || strings.HasPrefix(l.Dest, "//") || markdown.HasScheme(l.Dest) {
				continue
			}
			target, _, _ := markdown.LinkTarget(p.Dir(), l.Dest)
			if ext := strings.ToLower(path.Ext(target)); ext != ".md" && ext != "" {
				continue
			}
			u, ok := b.site.PageURL(target)
			to := b.site.ByURL[u]
			if !ok || to == nil || seen[u] || to.Kind == playbooks.KindPath {
				continue
			}
			seen[u] = true
			c.Steps = append(c.Steps, checklist.Step{URL: u, Title: to.Title})
		}
		if len(c.Steps) == 0 {
			ds = append(ds, playbooks.Diagnostic{File: path.Join(editBase(b.cfg.ContentDir), p.File), Line: p.FrontMatterLine("kind"), Col: 1,
				Severity: playbooks.Warning, Rule: "empty-path",
				Msg: fmt.Sprintf("onboarding path %q links to no page of the site, so it has no steps", p.Title),
				Fix: "list its checklists and pages as links, e.g. \"1. [Your first 90 days](../onboarding/first-90-days.md)\""})
		}
		out = append(out, c)
	}
	return out, ds
}
