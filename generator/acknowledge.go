package generator

import (
	"path"

	"github.com/yuin/goldmark"

	"github.com/cmplay/cmplay/generator/internal/acknowledge"
	"github.com/cmplay/cmplay/generator/internal/checklist"
	"github.com/cmplay/cmplay/generator/internal/history"
	"github.com/cmplay/cmplay/generator/internal/include"
	"github.com/cmplay/cmplay/generator/internal/load"
	"github.com/cmplay/cmplay/generator/internal/markdown"
	"github.com/cmplay/cmplay/generator/internal/pages"
	"github.com/cmplay/cmplay/playbooks"
)

// acknowledgements gives each page readers acknowledge (acknowledge: true) the word diff of its
// text from each of its last versions to now, so a reader who acknowledged an earlier version
// sees what changed. The old versions are read from git and rendered like the page; without
// history, or where a version cannot be read, there is no diff and the theme links to the
// page's history instead.
func (b *build) acknowledgements() error {
	hs := b.hist.site
	if hs == nil {
		return nil
	}
	var todo []*playbooks.Page
	for _, p := range b.site.Pages {
		p.AckDiffs = nil
		if p.Acknowledge && len(p.History) > 1 {
			todo = append(todo, p)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	repo, err := history.Open(hs.Log.Root)
	if err != nil {
		return nil // history was read, so this is unexpected; the pages just get no diffs
	}
	defer repo.Close()
	md := markdown.New(markdown.Options{Resolver: b.site, Extensions: []goldmark.Extender{checklist.New()}})
	for _, p := range todo {
		versions := p.History[1:]
		if len(versions) > acknowledge.MaxVersions {
			versions = versions[:acknowledge.MaxVersions]
		}
		for _, c := range versions {
			data, ok := repo.FileAt(c.Hash, path.Join(hs.Log.Prefix, p.File))
			if !ok {
				continue
			}
			old, _ := pages.Parse([]load.Source{{File: p.File, Data: data}}, true)
			if len(old) == 0 {
				continue
			}
			renderExpanded(md, old[0], include.Expand(readFS(func(name string) ([]byte, bool) {
				return repo.FileAt(c.Hash, path.Join(hs.Log.Prefix, name))
			}), p.File, old[0].Body, ""))
			if p.AckDiffs == nil {
				p.AckDiffs = map[string][][2]string{}
			}
			ops := acknowledge.Context(acknowledge.Words(old[0].Text, p.Text), 100)
			out := make([][2]string, len(ops))
			for i, o := range ops {
				out[i] = o
			}
			p.AckDiffs[c.Hash] = out
		}
	}
	return nil
}
