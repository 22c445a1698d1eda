package generator

import (
	"github.com/cmplay/cmplay/generator/checklist"
	"github.com/cmplay/cmplay/generator/render"
	"github.com/cmplay/cmplay/playbooks"
)

// ProgressURL is the site path of the "My progress" dashboard.
const ProgressURL = "/progress/"

// checklists is the step after the markdown (and history) stages: it reports item ids used
// twice across the site and writes the manifest of every checklist the dashboard reads, both as
// checklists.json and as checklists.js (pages opened from file:// may load a script but not
// fetch JSON).
func (b *build) checklists() error {
	b.report(checklist.Duplicates(b.site.Pages, editBase(b.cfg.ContentDir)))
	m := checklist.BuildManifest(b.site.Pages)
	paths, ds := b.paths()
	b.report(ds)
	m.Paths = paths
	if err := b.write("checklists.json", m.JSON()); err != nil {
		return err
	}
	return b.write("checklists.js", m.Script())
}

// progressPage renders the dashboard. Without JavaScript it lists the checklists with their
// item counts; the theme's dashboard script adds the reader's progress.
func (b *build) progressPage(r *render.Renderer) ([]byte, error) {
	return r.Generated(ProgressURL, "My progress", "progress", func(d *render.Data) {
		d.Summary = "Your progress through every checklist in this playbook, kept in this browser."
		for _, c := range checklist.BuildManifest(b.site.Pages).Checklists {
			d.Children = append(d.Children, render.Link{Title: c.Title, URL: d.Rel(c.URL), Kind: playbooks.Kind(c.Kind), Count: len(c.Items)})
		}
	})
}
