package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/yuin/goldmark"

	"github.com/cmplay/cmplay/generator/check"
	"github.com/cmplay/cmplay/generator/internal/checklist"
	"github.com/cmplay/cmplay/generator/internal/history"
	"github.com/cmplay/cmplay/generator/internal/include"
	"github.com/cmplay/cmplay/generator/internal/load"
	"github.com/cmplay/cmplay/generator/internal/markdown"
	"github.com/cmplay/cmplay/generator/internal/pages"
	"github.com/cmplay/cmplay/playbooks"
)

// CheckOptions are what Check needs beyond the site's Config.
type CheckOptions struct {
	// Today is the date review_by dates are compared with; the zero value means today.
	Today time.Time
	// Base is a git revision ("origin/main") to compare checklist item ids with; "" skips it.
	Base string
}

// Check runs the pipeline's analysis steps — load, parse, Markdown with the checklist extension,
// and the site-wide steps after it — without rendering templates, bundling assets or writing
// anything, then applies the check-only rules of package check. Link problems are errors here.
// An error is returned only when the site cannot be checked at all (no content folder, a --base
// revision that does not resolve).
func Check(cfg Config, opt CheckOptions) (*Result, error) {
	start := time.Now()
	cfg = cfg.withDefaults()
	cfg.Writer = discard{}
	// The plan without output: every analysis step runs, so Check reports whatever diagnostics
	// those steps report during a build.
	res, err := run(cfg, plan{}, nil)
	if err != nil {
		return nil, err
	}
	root := repoRoot(cfg.Source)
	prefix := repoPath(root, filepath.Join(cfg.Source, cfg.ContentDir))
	owners, ds := codeowners(root, cfg.Source)
	found := check.Run(res.Site, check.Options{Today: opt.Today, Owners: owners, RepoPrefix: prefix})
	if opt.Base != "" {
		base, err := baseChanges(cfg, res, opt.Base)
		if err != nil {
			return nil, fmt.Errorf("base: %w", err)
		}
		found = append(found, base...)
	}
	ds = append(ds, prefixFiles(found, cfg.ContentDir)...)
	res.Diagnostics = check.Escalate(append(res.Diagnostics, ds...))
	res.Diagnostics.Sort()
	res.Duration = time.Since(start)
	return res, nil
}

// discard is the output of a check: the analysis steps may write (the checklist manifest), but
// nothing is kept.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

// repoRoot is the folder of the git repository holding the site, or the site folder itself.
func repoRoot(source string) string {
	if root, err := history.FindRoot(source); err == nil {
		return root
	}
	if abs, err := filepath.Abs(source); err == nil {
		return abs
	}
	return source
}

// repoPath is a file's slash-separated path from the repository root ("" for the root).
func repoPath(root, file string) string {
	abs, err := filepath.Abs(file)
	if err != nil {
		return filepath.ToSlash(file)
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == "." {
		return ""
	}
	return filepath.ToSlash(rel)
}

// codeowners reads the repository's CODEOWNERS file from the first place GitHub looks for it.
func codeowners(root, source string) (*check.Owners, playbooks.Diagnostics) {
	for _, name := range check.CodeownersFiles {
		file := filepath.Join(root, filepath.FromSlash(name))
		data, err := os.ReadFile(file)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		shown := file
		if rel, err := filepath.Rel(source, file); err == nil {
			shown = filepath.ToSlash(rel)
		}
		if err != nil {
			return nil, playbooks.Diagnostics{{File: shown, Severity: playbooks.Warning, Rule: "codeowners", Msg: fmt.Sprintf("cannot read: %v", err)}}
		}
		return check.ParseCodeowners(shown, data)
	}
	return nil, nil
}

// baseChanges renders each checklist page as it was at the base revision, with the same
// checklist extension, and reports items whose id changed since, and checklist pages that moved
// or were deleted since.
func baseChanges(cfg Config, res *Result, rev string) (playbooks.Diagnostics, error) {
	r, root, err := check.OpenRevision(cfg.Source, rev)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	prefix := repoPath(root, filepath.Join(cfg.Source, cfg.ContentDir))
	md := markdown.New(markdown.Options{Resolver: res.Site, Extensions: []goldmark.Extender{checklist.New()}})
	parse := func(file string, data []byte) *playbooks.Page {
		old, _ := pages.Parse([]load.Source{{File: file, Data: data}}, true)
		if len(old) == 0 {
			return nil
		}
		renderExpanded(md, old[0], include.Expand(readFS(func(name string) ([]byte, bool) {
			data, ok, err := r.ReadFile(path.Join(prefix, name))
			return data, ok && err == nil
		}), file, old[0].Body, ""))
		return old[0]
	}
	var ds playbooks.Diagnostics
	var added []check.New
	for _, p := range res.Site.Pages {
		if len(p.Items) == 0 {
			continue
		}
		data, ok, err := r.ReadFile(path.Join(prefix, p.File))
		if err != nil {
			return nil, fmt.Errorf("read %s at %s: %w", p.File, rev, err)
		}
		if !ok {
			now, err := os.ReadFile(filepath.Join(cfg.Source, cfg.ContentDir, filepath.FromSlash(p.File)))
			if err == nil {
				added = append(added, check.New{File: p.File, Data: now, Items: p.Items})
			}
			continue
		}
		if old := parse(p.File, data); old != nil {
			ds = append(ds, check.ChangedIDs(p.File, old.Items, p.Items, rev)...)
		}
	}
	files, err := r.Files(prefix)
	if err != nil {
		return nil, fmt.Errorf("list files at %s: %w", rev, err)
	}
	var gone []check.Gone
	for _, f := range files {
		if res.Site.ByFile[f] != nil || load.InPartials(f) || !strings.EqualFold(path.Ext(f), ".md") && !strings.EqualFold(path.Ext(f), ".markdown") {
			continue
		}
		data, ok, err := r.ReadFile(path.Join(prefix, f))
		if err != nil || !ok {
			continue
		}
		if old := parse(f, data); old != nil && len(old.Items) > 0 {
			gone = append(gone, check.Gone{File: f, URL: old.URL, Data: data, Items: old.Items})
		}
	}
	return append(ds, check.MovedPages(gone, added, cfg.ContentDir, rev)...), nil
}
