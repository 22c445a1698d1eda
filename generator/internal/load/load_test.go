package load

import (
	"bytes"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cmplay/cmplay/playbooks"
)

// files lists the paths of a load result, pages and static files apart.
func files(res Result) (sources, static []string) {
	for _, s := range res.Sources {
		sources = append(sources, s.File)
	}
	for _, s := range res.Static {
		static = append(static, s.File)
	}
	return sources, static
}

// TestLoadPagesAndStatic: a .md file (any case of the extension) is a page, everything else is a
// static file, except that Strict mode keeps only the published file types.
func TestLoadPagesAndStatic(t *testing.T) {
	fsys := fstest.MapFS{
		"_index.md":         {Data: []byte("# Home\n")},
		"a/b.md":            {Data: []byte("# B\n")},
		"a-b.md":            {Data: []byte("# A-B\n")},
		"Upper.MD":          {Data: []byte("# Upper\n")},
		"img/logo.PNG":      {Data: []byte("png")},
		"docs/report.pdf":   {Data: []byte("pdf!")},
		"_redirects":        {Data: []byte("/a /b\n")},
		"_headers":          {Data: []byte("/*\n")},
		"go.mod":            {Data: []byte("module x\n")},
		"scripts/deploy.sh": {Data: []byte("#!/bin/sh\n")},
		"Makefile":          {Data: []byte("all:\n")},
		"notes.markdown":    {Data: []byte("not a page\n")},
	}
	// Pages come sorted by path ("a-b.md" before "a/b.md", though the walk meets a/ first), so
	// two builds of the same folder list them alike.
	pagesWant := []string{"Upper.MD", "_index.md", "a-b.md", "a/b.md"}
	tests := []struct {
		name   string
		strict bool
		static []string
	}{
		{"every other file is static", false, []string{"Makefile", "_headers", "_redirects", "docs/report.pdf", "go.mod", "img/logo.PNG", "notes.markdown", "scripts/deploy.sh"}},
		{"strict keeps published types", true, []string{"_headers", "_redirects", "docs/report.pdf", "img/logo.PNG"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, diags := Load(fsys, Options{Strict: tt.strict})
			if len(diags) > 0 {
				t.Fatalf("diagnostics on clean input: %v", diags)
			}
			sources, static := files(res)
			if !slices.Equal(sources, pagesWant) {
				t.Errorf("pages = %q, want %q", sources, pagesWant)
			}
			slices.Sort(static)
			if !slices.Equal(static, tt.static) {
				t.Errorf("static = %q, want %q", static, tt.static)
			}
		})
	}
	res, _ := Load(fsys, Options{})
	for _, s := range res.Sources {
		if want := string(fsys[s.File].Data); string(s.Data) != want {
			t.Errorf("%s read as %q, want %q", s.File, s.Data, want)
		}
	}
	for _, s := range res.Static {
		if want := int64(len(fsys[s.File].Data)); s.Size != want {
			t.Errorf("%s has size %d, want %d", s.File, s.Size, want)
		}
	}
}

// TestLoadSkips: dot files and folders, node_modules and the folders named in Options.Skip are
// not content; Skip names paths from the content folder's root, not names anywhere.
func TestLoadSkips(t *testing.T) {
	fsys := fstest.MapFS{
		"index.md":                   {Data: []byte("# Home\n")},
		".hidden.md":                 {Data: []byte("# Hidden\n")},
		".git/HEAD":                  {Data: []byte("ref: refs/heads/main\n")},
		".github/workflows/ci.md":    {Data: []byte("# CI\n")},
		"guide/.draft.md":            {Data: []byte("# Draft\n")},
		"guide/.DS_Store":            {Data: []byte("x")},
		"guide/intro.md":             {Data: []byte("# Intro\n")},
		"node_modules/pkg/README.md": {Data: []byte("# Pkg\n")},
		"guide/node_modules/x.md":    {Data: []byte("# X\n")},
		"public/index.md":            {Data: []byte("# Built\n")},
		"public/logo.png":            {Data: []byte("png")},
		"themes/mine/layouts/a.md":   {Data: []byte("# Theme\n")},
		"out/deep/page.md":           {Data: []byte("# Output\n")},
		// Named like a skipped folder, but not at the root: content.
		"guide/public/talk.md": {Data: []byte("# Talk\n")},
		"guide/themes.md":      {Data: []byte("# Themes\n")},
		"themes.md":            {Data: []byte("# About themes\n")},
	}
	tests := []struct {
		name  string
		skip  []string
		pages []string
	}{
		{"no skip list", nil, []string{"guide/intro.md", "guide/public/talk.md", "guide/themes.md", "index.md", "out/deep/page.md", "public/index.md", "themes.md", "themes/mine/layouts/a.md"}},
		{"site root as content", []string{"themes", "public", "./out/"}, []string{"guide/intro.md", "guide/public/talk.md", "guide/themes.md", "index.md", "themes.md"}},
		{"nested output folder", []string{"out/deep"}, []string{"guide/intro.md", "guide/public/talk.md", "guide/themes.md", "index.md", "public/index.md", "themes.md", "themes/mine/layouts/a.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, diags := Load(fsys, Options{Skip: tt.skip})
			if len(diags) > 0 {
				t.Fatalf("diagnostics: %v", diags)
			}
			sources, static := files(res)
			if !slices.Equal(sources, tt.pages) {
				t.Errorf("pages = %q\nwant    %q", sources, tt.pages)
			}
			for _, f := range static {
				if strings.Contains("/"+f, "/.") || strings.Contains(f, "node_modules") {
					t.Errorf("static file %s should have been skipped", f)
				}
				if slices.Contains(tt.skip, "public") && strings.HasPrefix(f, "public/") {
					t.Errorf("static file %s is in a skipped folder", f)
				}
			}
		})
	}
}

// brokenFS fails to open the paths in bad, as a file without read permission does.
type brokenFS struct {
	fs.FS
	bad map[string]bool
}

func (b brokenFS) Open(name string) (fs.File, error) {
	if b.bad[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return b.FS.Open(name)
}

// TestLoadDiagnostics: a file that cannot be read or is not clean UTF-8 text is reported with its
// path (and the line and column where that makes sense), and every other file still loads.
func TestLoadDiagnostics(t *testing.T) {
	good := fstest.MapFS{"ok.md": {Data: []byte("# OK\n")}, "z/ok.png": {Data: []byte("png")}}
	tests := []struct {
		name  string
		files fstest.MapFS
		bad   []string // paths that fail to open
		large int
		want  playbooks.Diagnostic // File, Line, Col, Severity and Rule
		msg   string               // part of the message
		page  string               // the page still loaded, with this text, or "" when it is not
	}{
		{name: "unreadable page", files: fstest.MapFS{"secret.md": {Data: []byte("# S\n")}}, bad: []string{"secret.md"},
			want: playbooks.Diagnostic{File: "secret.md", Severity: playbooks.Error, Rule: "read"}, msg: "permission denied"},
		{name: "unreadable folder", files: fstest.MapFS{"locked/a.md": {Data: []byte("# A\n")}}, bad: []string{"locked"},
			want: playbooks.Diagnostic{File: "locked", Severity: playbooks.Error, Rule: "read"}, msg: "permission denied"},
		{name: "invalid UTF-8", files: fstest.MapFS{"latin1.md": {Data: []byte("# Caf\xe9\n\nok\n")}},
			want: playbooks.Diagnostic{File: "latin1.md", Line: 1, Col: 6, Severity: playbooks.Error, Rule: "encoding"}, msg: "0xe9",
			page: "# Caf\uFFFD\n\nok\n"},
		{name: "NUL bytes", files: fstest.MapFS{"bin.md": {Data: []byte("line one\nab\x00\x00\n")}},
			want: playbooks.Diagnostic{File: "bin.md", Line: 2, Col: 3, Severity: playbooks.Warning, Rule: "encoding"}, msg: "2 NUL bytes",
			page: "line one\nab\x00\x00\n"},
		{name: "large page", files: fstest.MapFS{"big.md": {Data: []byte(strings.Repeat("word ", 30))}}, large: 100,
			want: playbooks.Diagnostic{File: "big.md", Line: 1, Col: 1, Severity: playbooks.Warning, Rule: "large-page"}, msg: "MB",
			page: strings.Repeat("word ", 30)},
		{name: "invalid UTF-8 in a name", files: fstest.MapFS{"caf\xe9.md": {Data: []byte("# C\n")}},
			want: playbooks.Diagnostic{File: "caf\xe9.md", Severity: playbooks.Error, Rule: "file-name"}, msg: "not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fstest.MapFS{}
			for k, v := range good {
				m[k] = v
			}
			for k, v := range tt.files {
				m[k] = v
			}
			bad := map[string]bool{}
			for _, b := range tt.bad {
				bad[b] = true
			}
			res, diags := Load(brokenFS{m, bad}, Options{LargePage: tt.large})
			if len(diags) != 1 {
				t.Fatalf("want one diagnostic, got %d: %v", len(diags), diags)
			}
			d := diags[0]
			got := playbooks.Diagnostic{File: d.File, Line: d.Line, Col: d.Col, Severity: d.Severity, Rule: d.Rule}
			if got != tt.want || !strings.Contains(d.Msg, tt.msg) {
				t.Errorf("diagnostic %+v\nwant       %+v with %q in the message", d, tt.want, tt.msg)
			}
			if strings.Count(d.String(), d.File) != 1 && !strings.Contains(d.File, "\xe9") {
				t.Errorf("%q names the file more than once", d.String())
			}
			sources, static := files(res)
			if !slices.Contains(sources, "ok.md") || !slices.Contains(static, "z/ok.png") {
				t.Errorf("the other files did not load: pages %q, static %q", sources, static)
			}
			var page *Source
			for i := range res.Sources {
				if res.Sources[i].File == tt.want.File {
					page = &res.Sources[i]
				}
			}
			switch {
			case tt.page == "" && page != nil:
				t.Errorf("%s loaded though it could not be read", page.File)
			case tt.page != "" && page == nil:
				t.Errorf("%s not loaded; a page with a warning or bad bytes still builds", tt.want.File)
			case page != nil && string(page.Data) != tt.page:
				t.Errorf("%s loaded as %q, want %q", page.File, page.Data, tt.page)
			}
		})
	}
}

// openCounter counts how often each path is opened.
type openCounter struct {
	fs.FS
	opens map[string]int
}

func (c openCounter) Open(name string) (fs.File, error) {
	c.opens[name]++
	return c.FS.Open(name)
}

// TestLoadLargeTree: a wide and deep tree loads completely, in order, and every file is read at
// most once, so the stage's work follows the size of the content.
func TestLoadLargeTree(t *testing.T) {
	m := fstest.MapFS{}
	var want []string
	dir := ""
	for depth := range 30 {
		dir += fmt.Sprintf("d%02d/", depth)
		for i := range 100 {
			f := fmt.Sprintf("%sp%03d.md", dir, i)
			m[f] = &fstest.MapFile{Data: []byte("# P\n")}
			want = append(want, f)
			m[fmt.Sprintf("%simg%03d.png", dir, i)] = &fstest.MapFile{Data: []byte("png")}
		}
	}
	slices.Sort(want)
	c := openCounter{m, map[string]int{}}
	res, diags := Load(c, Options{})
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	sources, static := files(res)
	if !slices.Equal(sources, want) {
		t.Errorf("loaded %d pages, want %d in path order", len(sources), len(want))
	}
	if len(static) != 3000 {
		t.Errorf("listed %d static files, want 3000", len(static))
	}
	for name, n := range c.opens {
		if m[name] == nil {
			continue // a folder: opened to stat and to list, whatever its size
		}
		if n > 1 {
			t.Errorf("%s opened %d times", name, n)
		}
		if strings.HasSuffix(name, ".png") {
			t.Errorf("static file %s opened; it is only listed", name)
		}
	}
}

// TestLoadWalkError: an error from the file system itself is a diagnostic, not a panic or a
// lost result.
func TestLoadWalkError(t *testing.T) {
	root := brokenFS{fstest.MapFS{"a.md": {Data: []byte("# A\n")}}, map[string]bool{".": true}}
	res, diags := Load(root, Options{})
	if len(diags) != 1 || diags[0].File != "." || diags[0].Severity != playbooks.Error || !strings.Contains(diags[0].Msg, "permission denied") {
		t.Errorf("an unreadable content folder gave %v", diags)
	}
	if len(res.Sources) != 0 {
		t.Errorf("pages loaded from an unreadable folder: %v", res.Sources)
	}
}

// TestLoadLargePageDefault: without Options.LargePage a page is too large above 1 MiB, and is
// loaded all the same.
func TestLoadLargePageDefault(t *testing.T) {
	for size, warned := range map[int]bool{1 << 20: false, 1<<20 + 1: true} {
		res, diags := Load(fstest.MapFS{"big.md": {Data: bytes.Repeat([]byte("a"), size)}}, Options{})
		if len(res.Sources) != 1 || len(res.Sources[0].Data) != size {
			t.Errorf("a page of %d bytes was not loaded whole", size)
		}
		if got := len(diags) == 1 && diags[0].Rule == "large-page"; got != warned || len(diags) > 1 {
			t.Errorf("a page of %d bytes: %v; want a large-page warning: %v", size, diags, warned)
		}
	}
}
