package generator

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"

	"github.com/cmplay/cmplay/generator/internal/outline"
	"github.com/cmplay/cmplay/playbooks"
)

// readOutline finds the table of contents another tool keeps — GitBook's SUMMARY.md (at the
// content root, or where a .gitbook.yaml there puts it), else the nav of an mkdocs.yml in the
// site or content folder — and takes SUMMARY.md out of the pages: it is the sidebar, not a page.
// It returns nil when there is none. The outline's file, and so its diagnostics, are named from
// the site folder.
func (b *build) readOutline() (*outline.Outline, playbooks.Diagnostics) {
	base := editBase(b.cfg.ContentDir)
	gb, diags := outline.GitBook{Summary: "SUMMARY.md"}, playbooks.Diagnostics(nil)
	if data, err := fs.ReadFile(b.content, ".gitbook.yaml"); err == nil {
		gb, diags = outline.ReadGitBook(path.Join(base, ".gitbook.yaml"), data)
	}
	for i, src := range b.loaded.Sources {
		if src.File == gb.SummaryFile() {
			b.loaded.Sources = append(b.loaded.Sources[:i:i], b.loaded.Sources[i+1:]...)
			o := outline.Summary(path.Join(base, src.File), gb.Root, src.Data)
			o.Redirects = gb.Redirects
			return &o, diags
		}
	}
	contentAbs, _ := filepath.Abs(filepath.Join(b.cfg.Source, b.cfg.ContentDir))
	for _, dir := range []string{filepath.Join(b.cfg.Source, b.cfg.ContentDir), b.cfg.Source} {
		name := filepath.Join(dir, "mkdocs.yml")
		data, err := os.ReadFile(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		shown := filepath.ToSlash(name)
		if rel, err := filepath.Rel(b.cfg.Source, name); err == nil {
			shown = filepath.ToSlash(rel)
		}
		if err != nil {
			return nil, append(diags, playbooks.Diagnostic{File: shown, Severity: playbooks.Warning, Rule: "outline", Msg: "cannot read: " + err.Error()})
		}
		// The nav's paths are relative to docs_dir (default docs) beside mkdocs.yml.
		docsAbs, _ := filepath.Abs(filepath.Join(dir, mkdocsDocsDir(data)))
		prefix, err := filepath.Rel(contentAbs, docsAbs)
		if err != nil || prefix == ".." || len(prefix) > 2 && prefix[:3] == ".."+string(filepath.Separator) {
			return nil, diags // the docs folder is not inside the content folder: nothing to order
		}
		if prefix == "." {
			prefix = ""
		}
		o, ds := outline.MkDocs(shown, data, filepath.ToSlash(prefix))
		return &o, append(diags, ds...)
	}
	return nil, diags
}

var docsDir = regexp.MustCompile(`(?m)^docs_dir:[ \t]*['"]?([^'"\r\n#]*?)['"]?[ \t]*(?:#.*)?\r?$`)

// mkdocsDocsDir is the docs_dir of an mkdocs.yml, "docs" when it sets none.
func mkdocsDocsDir(data []byte) string {
	if m := docsDir.FindSubmatch(data); m != nil && len(m[1]) > 0 {
		return string(m[1])
	}
	return "docs"
}

// applyOutline orders the pages an outline lists in its order, before every page it does not
// list, and gives each the sidebar title the outline gives it (unless its front matter names
// one); entries that name no page are reported.
func applyOutline(o *outline.Outline, ps []*playbooks.Page) playbooks.Diagnostics {
	if o == nil {
		return nil
	}
	byFile := make(map[string]*playbooks.Page, len(ps))
	for _, p := range ps {
		byFile[p.File] = p
	}
	for _, r := range o.Redirects {
		if p := byFile[r.File]; p != nil {
			p.Aliases = append(p.Aliases, r.From)
		}
	}
	seen := map[string]bool{}
	for i, e := range o.Entries {
		p := byFile[e.File]
		if p == nil || seen[e.File] {
			continue
		}
		seen[e.File] = true
		p.Weight = i + 1
		if p.NavTitle == "" && e.Title != "" && e.Title != p.Title {
			p.NavTitle = e.Title
		}
	}
	return o.Missing(func(f string) bool { return byFile[f] != nil })
}
