package generator

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/cmplay/cmplay/generator/output"
	"github.com/cmplay/cmplay/playbooks"
)

// Session builds one site again and again, as `cmplay serve` and `cmplay build --watch` do after
// every save, redoing only what the changed files affect.
//
// Every build runs every step of the pipeline, so a step added to Build runs on incremental
// builds too; what a Session keeps are the results of the expensive, per-file work, each under a
// key that changes whenever its inputs do:
//
//   - file contents, until the watcher names the file (or a folder above it) as changed;
//   - each parsed page, by the hash of its file;
//   - each page's rendered Markdown, by the hash of its file and a fingerprint of the site's
//     files and URLs (link rewriting depends on which pages and files exist);
//   - each page's finished HTML, by the same plus the renderer's configuration, the theme and
//     the site's shape: every title, URL, summary, kind, weight, role, tag and checklist size
//     that other pages show in navigation, listings and previous/next links. An edit that only
//     changes a page's body re-executes that page's template alone; one that changes its title
//     re-executes every template but still reuses every page's Markdown; the kind, tag and 404
//     listings, by the renderer's configuration and the site's shape;
//   - the parsed theme and the asset bundle, until a file of the site's theme changes.
//
// A change to cmplay.toml needs a new Session: the configuration is fixed for its lifetime.
type Session struct {
	cfg   Config
	cache *cache
	last  *output.Memory // the last complete build LiveUpdate made
}

// NewSession prepares to build the site cfg describes. Its first Build is a full build.
func NewSession(cfg Config) *Session {
	cfg = cfg.withDefaults()
	return &Session{cfg: cfg, cache: newCache(cfg)}
}

// Build builds the site into w, or into the output folder (swapped in whole) when w is nil.
// changed names the files and folders that changed since the previous Build, as absolute paths
// or relative to the site folder; nil means "unknown" and every file is read again (unchanged
// ones are still recognised by their hash and not parsed or rendered again).
func (s *Session) Build(w output.Writer, changed []string) (*Result, error) {
	return s.run(w, changed, fullBuild)
}

func (s *Session) run(w output.Writer, changed []string, p plan) (*Result, error) {
	s.cache.invalidate(s.cfg.Source, changed)
	cfg := s.cfg
	cfg.Writer = w
	return run(cfg, p, s.cache)
}

// Stats says how much of the last Build was redone.
func (s *Session) Stats() Stats { return s.cache.stats }

// Stats counts the work one incremental build did, beside the work it reused.
type Stats struct {
	Read      int  // content files read from disk
	Parsed    int  // pages whose front matter was parsed
	Rendered  int  // pages whose Markdown was rendered
	Templated int  // pages whose layout was executed
	Theme     bool // the theme's layouts were parsed and its assets bundled again
}

// LiveUpdate builds the site into memory for `cmplay serve` and describes the result for the
// open pages: the problems their overlay lists, and, when every changed file is a stylesheet,
// the bundled stylesheets to swap in place of a reload. The Result is nil when the build failed.
//
// So that the page reloads as soon as it can, LiveUpdate leaves out the deferred steps and
// borrows their files from the last complete build; Update.Then runs the complete build, which
// the server swaps in without a reload. Until then a search finds the text as it was one save
// earlier.
func (s *Session) LiveUpdate(changed []string) (Update, *Result, error) {
	before := s.assetPaths()
	mem := output.NewMemory()
	// The first build is complete; later ones leave the search index, which the browser fetches
	// later and which costs most of a rebuild, to the complete build that follows.
	fast := s.last != nil
	res, err := s.run(mem, changed, plan{output: true, search: !fast, preview: true})
	if err != nil {
		return Update{Problems: []Problem{{Msg: "build failed: " + err.Error()}}}, nil, err
	}
	u := s.update(mem, res)
	if fast {
		for _, name := range s.last.Names() {
			if _, ok := mem.File(name); !ok {
				data, _ := s.last.File(name)
				mem.WriteFile(name, data)
			}
		}
		u.Then = s.complete
	} else {
		s.last = mem
	}
	if cssOnly(changed) {
		u.CSS = []Swap{}
		after := s.assetPaths()
		for name, from := range before {
			if to := after[name]; to != from && strings.HasSuffix(name, ".css") {
				u.CSS = append(u.CSS, Swap{From: from, To: to})
			}
		}
	}
	return u, res, nil
}

// complete runs every step over what the last LiveUpdate read, for the server to swap in quietly.
func (s *Session) complete() Update {
	mem := output.NewMemory()
	res, err := s.run(mem, []string{}, plan{output: true, search: true, preview: true})
	if err != nil {
		return Update{Quiet: true, Problems: []Problem{{Msg: "build failed: " + err.Error()}}}
	}
	s.last = mem
	u := s.update(mem, res)
	u.Quiet = true
	return u
}

// update describes a finished build for the server.
func (s *Session) update(mem *output.Memory, res *Result) Update {
	u := Update{Site: mem, Errors: res.Diagnostics.Errors()}
	for _, d := range res.Diagnostics {
		if d.Severity != playbooks.Error {
			continue
		}
		pos := d.File
		if d.Line > 0 {
			pos += fmt.Sprintf(":%d:%d", d.Line, max(d.Col, 1))
		}
		u.Problems = append(u.Problems, Problem{Pos: pos, Msg: d.Msg})
	}
	return u
}

func (s *Session) assetPaths() map[string]string {
	if s.cache.bundle == nil {
		return nil
	}
	return s.cache.bundle.Paths
}

// cssOnly reports whether a change touched stylesheets and nothing else.
func cssOnly(changed []string) bool {
	for _, p := range changed {
		if !strings.EqualFold(filepath.Ext(p), ".css") {
			return false
		}
	}
	return len(changed) > 0
}
