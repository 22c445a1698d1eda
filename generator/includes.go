package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"time"

	"github.com/cmplay/cmplay/generator/internal/include"
	"github.com/cmplay/cmplay/generator/internal/markdown"
	"github.com/cmplay/cmplay/playbooks"
)

// expandIncludes expands a page's includes (package include) before its Markdown is rendered,
// and notes the files they read (deps): the history step counts their commits as the page's.
// In a Session it also notes a fingerprint of those files (includeKey), which the cache keys
// of the page's render and layout take in: the page is rendered again when one of them
// changes, appears or goes away, though its own file did not change. The dependencies are
// found again by every build, so they are never stale; expanding costs a scan for the
// directive, and a page without one returns at once.
func (b *build) expandIncludes(p *playbooks.Page) include.Result {
	x := include.Expand(b.content, p.File, p.Body, editBase(b.cfg.ContentDir))
	if len(x.Deps) == 0 {
		return x
	}
	var k uint64
	if b.cache != nil {
		k = b.depsKey(x.Deps)
	}
	b.mu.Lock()
	if b.deps == nil {
		b.deps = map[string][]string{}
	}
	b.deps[p.File] = x.Deps
	if b.cache != nil {
		if b.includes == nil {
			b.includes = map[string]uint64{}
		}
		b.includes[p.File] = k
	}
	b.mu.Unlock()
	return x
}

// includeKey is the fingerprint of what a page's includes read in this build; 0 for a page
// without includes.
func (b *build) includeKey(file string) uint64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.includes[file]
}

// renderExpanded renders a page's Markdown with its includes expanded (x), putting what the
// markdown stage reports back where it was written.
func renderExpanded(md *markdown.Renderer, p *playbooks.Page, x include.Result) playbooks.Diagnostics {
	if x.Lines == nil {
		return md.Render(p)
	}
	own := p.Body
	p.Body = x.Body
	diags := md.Render(p)
	p.Body = own
	return append(x.Diags, locate(&x, p, diags)...)
}

// locate puts what the markdown stage recorded at lines of the expanded body back where it was
// written. Diagnostics name the included file and its line; headings, links and checklist
// items, which belong to the page, take the line of the page's include directive.
func locate(x *include.Result, p *playbooks.Page, diags playbooks.Diagnostics) playbooks.Diagnostics {
	pageLine := func(n int) int {
		if o := x.Locate(n); o.At != 0 {
			return o.At
		}
		return x.Locate(n).Line
	}
	for i := range diags {
		d := &diags[i]
		if d.File != p.File || d.Line == 0 {
			continue
		}
		o := x.Locate(d.Line)
		d.Line = o.Line
		if o.At != 0 {
			d.File, d.Col = o.File, max(1, d.Col-o.Indent)
			d.Msg += fmt.Sprintf(" (in the text %s includes at line %d)", p.File, o.At)
		}
	}
	for i := range p.Headings {
		p.Headings[i].Line = pageLine(p.Headings[i].Line)
	}
	for i := range p.Links {
		if o := x.Locate(p.Links[i].Line); o.At != 0 {
			p.Links[i].Col = 1
		}
		p.Links[i].Line = pageLine(p.Links[i].Line)
	}
	for i := range p.Items {
		p.Items[i].Line = pageLine(p.Items[i].Line)
	}
	return diags
}

// depsKey fingerprints the files a page's includes named: each one's name and contents, or that
// it is missing. Files are read through the Session's cache, so an unchanged one costs a map
// lookup and a hash.
func (b *build) depsKey(deps []string) uint64 {
	h := b.hash()
	for _, name := range deps {
		data, err := fs.ReadFile(b.content, name)
		fmt.Fprintf(h, "%s\x00%t\x00%d\x00", name, err == nil, len(data))
		h.Write(data)
	}
	return h.Sum64() | 1 // never 0, the key of a page without includes
}

// readFS serves files read by a function: the content folder as it was at a revision, for the
// includes of an old version of a page (`check --base`, the diffs of acknowledged pages), so
// the old page is compared as the build made it then.
type readFS func(name string) ([]byte, bool)

func (f readFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	data, ok := f(name)
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &memFile{Reader: bytes.NewReader(data), name: path.Base(name)}, nil
}

// memFile is a regular file held in memory.
type memFile struct {
	*bytes.Reader
	name string
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f, nil }
func (f *memFile) Close() error               { return nil }
func (f *memFile) Name() string               { return f.name }
func (f *memFile) Mode() fs.FileMode          { return 0o444 }
func (f *memFile) ModTime() time.Time         { return time.Time{} }
func (f *memFile) IsDir() bool                { return false }
func (f *memFile) Sys() any                   { return nil }
