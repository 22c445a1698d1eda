// Package include expands includes before a page's Markdown is rendered: a line holding only
//
//	<!-- include: shared/escalation.md -->
//
// is replaced by the body of that file (its front matter dropped). The syntax is an HTML
// comment so that GitHub, where the playbook's files are also read, shows nothing in its place
// instead of a stray directive.
//
// # Paths
//
// A path is relative to the folder of the file that holds the directive; a path starting with
// "/" is relative to the content folder. It may be written bare or in double quotes. Only
// Markdown files inside the content folder can be included, and not through a symbolic link.
// Folders named _partials or _includes are never published as pages (package load), so a
// partial that is not a page of its own lives there; any page can be included too.
//
// # Expansion
//
// Includes nest. The directive's own indentation is put before every included line, so an
// include inside a list item stays inside it. A directive inside a fenced code block is text.
// The expansion is textual: links in included text resolve from the including page, so links
// in a partial used from several folders are best written from the content root ("/roles/a.md").
//
// # Problems
//
// A directive that cannot be expanded is replaced by a visible warning callout and reported as
// an error at its file and line: a missing file, a path leaving the content folder, a cycle
// (named with its whole chain, "a.md:3 → b.md:7 → a.md"), nesting deeper than MaxDepth, more
// than MaxIncludes includes in one page, or an expansion past MaxBytes. The limits bound the
// work of one page whatever the content holds: a file that includes another ten times, which
// includes another ten times, and so on, stops at the caps instead of growing without end.
package include

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/cmplay/cmplay/playbooks"
)

// Limits on the expansion of one page. They are far above what a playbook needs; docs/authoring.md
// states them.
const (
	MaxDepth    = 8       // includes inside includes
	MaxIncludes = 200     // includes expanded in one page, nested ones counted
	MaxBytes    = 2 << 20 // size of a page once expanded
)

// directive matches an include line; the path is in group 2 (quoted) or 3 (bare).
var directive = regexp.MustCompile(`^([ \t]*)<!--[ \t]*include:[ \t]*(?:"([^"]*)"|(\S+?))[ \t]*-->[ \t]*\r?$`)

// hasDirective reports whether body may hold a directive: a line starting, after blanks, with
// "<!--" and "include:". Most pages hold none, and this one scan for "<!--" is all they cost (a
// multi-line regular expression here took 4% of a whole build).
func hasDirective(body []byte) bool {
	for i := 0; ; {
		j := bytes.Index(body[i:], []byte("<!--"))
		if j < 0 {
			return false
		}
		j += i
		k := j
		for k > 0 && (body[k-1] == ' ' || body[k-1] == '\t') {
			k--
		}
		if (k == 0 || body[k-1] == '\n') && bytes.HasPrefix(bytes.TrimLeft(body[j+4:], " \t"), []byte("include:")) {
			return true
		}
		i = j + 4
	}
}

// Origin is where a line of an expanded body was written.
type Origin struct {
	File   string // the file the line comes from
	Line   int    // its line in that file
	At     int    // the line of the page's own directive it came through; 0 for the page's own lines
	Indent int    // bytes of indentation the expansion put before it
}

// Result is a page's body with its includes expanded.
type Result struct {
	Body  []byte
	Lines []Origin // the origin of each line of Body; nil when nothing was included
	// Deps are the files the page's includes named, in the order first met, including ones
	// that did not exist: a page must be rendered again when any of them changes or appears.
	Deps  []string
	Diags playbooks.Diagnostics
}

// Expand expands the includes of body, the body of the content file named file, reading
// included files from fsys (the content folder). dir is the content folder as the author names
// it ("content"), put before file names in messages so they read as the diagnostics' own do.
func Expand(fsys fs.FS, file string, body []byte, dir string) Result {
	if !hasDirective(body) {
		return Result{Body: body}
	}
	e := &expander{fsys: fsys, dir: dir, page: file, seen: map[string]bool{}, reported: map[string]bool{}, size: len(body)}
	e.expand(file, body, "", 0, 1)
	return Result{Body: e.out.Bytes(), Lines: e.lines, Deps: e.deps, Diags: e.diags}
}

// Locate returns where line n (1-based) of the expanded body was written.
func (r *Result) Locate(n int) Origin {
	if r.Lines == nil || n < 1 || n > len(r.Lines) {
		return Origin{Line: n}
	}
	return r.Lines[n-1]
}

// frame is one open include: the file holding the directive and its line.
type frame struct {
	file string
	line int
}

type expander struct {
	fsys  fs.FS
	dir   string // the content folder as the author names it, for messages
	page  string
	out   bytes.Buffer
	lines []Origin
	deps  []string
	seen  map[string]bool
	// reported are the problems already reported, by file, line and message.
	reported map[string]bool
	diags    playbooks.Diagnostics
	stack    []frame
	count    int // directives met
	size     int // bytes of the expansion so far, counting the page's own
	top      int // the page line of the directive being expanded
	full     bool
}

// expand writes the lines of body (the body of file from line first) with indent before each,
// expanding directives outside fenced code.
func (e *expander) expand(file string, body []byte, indent string, depth, first int) {
	var fence fence
	for n := first; len(body) > 0; n++ {
		line, rest, _ := bytes.Cut(body, []byte("\n"))
		body = rest
		if !fence.open() {
			if m := directive.FindSubmatch(line); m != nil {
				target := string(m[2]) + string(m[3])
				if depth == 0 {
					e.top = n
				}
				e.include(file, n, target, indent+string(m[1]), depth)
				continue
			}
		}
		fence.see(line)
		e.emit(indent, line, file, n)
	}
}

// emit writes one line and records where it came from.
func (e *expander) emit(indent string, line []byte, file string, n int) {
	e.out.WriteString(indent)
	e.out.Write(line)
	e.out.WriteByte('\n')
	o := Origin{File: file, Line: n, Indent: len(indent)}
	if file != e.page || len(e.stack) > 0 {
		o.At = e.top
	}
	e.lines = append(e.lines, o)
}

// include expands one directive, or writes a notice in its place.
func (e *expander) include(from string, line int, target, indent string, depth int) {
	// Every directive met counts, expanded or not, so that failures fanned out by a bomb are
	// bounded too.
	if e.count >= MaxIncludes {
		e.fail(from, line, target, indent, fmt.Sprintf("more than %d includes in one page", MaxIncludes))
		return
	}
	e.count++
	name, err := resolve(from, target)
	if err != nil {
		e.fail(from, line, target, indent, err.Error())
		return
	}
	if !e.seen[name] {
		e.seen[name] = true
		e.deps = append(e.deps, name)
	}
	// The files being expanded are those holding the open directives and this one.
	chain := append(append([]frame(nil), e.stack...), frame{from, line})
	for i, f := range chain {
		if f.file == name {
			e.fail(from, line, target, indent, "include cycle: "+e.cycle(chain[i:], name))
			return
		}
	}
	if depth >= MaxDepth {
		e.fail(from, line, target, indent, fmt.Sprintf("includes nest deeper than %d levels", MaxDepth))
		return
	}
	data, err := read(e.fsys, name)
	if err != nil {
		e.fail(from, line, target, indent, err.Error())
		return
	}
	if e.size+len(data) > MaxBytes {
		e.fail(from, line, target, indent, fmt.Sprintf("the page would grow past %d MiB with its includes", MaxBytes>>20))
		return
	}
	e.size += len(data)
	_, body, _ := playbooks.SplitFrontMatter(name, data)
	e.stack = append(e.stack, frame{from, line})
	// The blank lines left where the front matter was are dropped; line numbers stay the file's.
	first := 1
	for {
		l, rest, ok := bytes.Cut(body, []byte("\n"))
		if !ok || len(bytes.TrimSpace(l)) > 0 {
			break
		}
		body, first = rest, first+1
	}
	e.expand(name, body, indent, depth+1, first)
	e.stack = e.stack[:len(e.stack)-1]
}

// cycle writes the chain of directives that leads back to name: "a.md:3 → b.md:7 → a.md".
func (e *expander) cycle(chain []frame, name string) string {
	var b strings.Builder
	for _, f := range chain {
		fmt.Fprintf(&b, "%s:%d → ", e.show(f.file), f.line)
	}
	b.WriteString(e.show(name))
	return b.String()
}

// show is a content file's name as messages give it.
func (e *expander) show(file string) string { return path.Join(e.dir, file) }

// fail reports a directive that cannot be expanded and writes a visible notice in its place.
// Once the page has hit a size or count cap, later directives that hit it are dropped without a
// word: a bomb of includes gives one diagnostic and one notice, not thousands.
func (e *expander) fail(from string, line int, target, indent, msg string) {
	capped := strings.HasPrefix(msg, "more than") || strings.HasPrefix(msg, "the page would grow")
	if capped && e.full {
		return // reported, with a notice, where the page first hit the cap
	}
	e.full = e.full || capped
	// A directive met again through another include of its file is the same problem.
	key := fmt.Sprintf("%s:%d:%s", from, line, msg)
	if !e.reported[key] {
		e.reported[key] = true
		d := playbooks.Diagnostic{File: from, Line: line, Col: len(indent) + 1, Severity: playbooks.Error, Rule: "include",
			Msg: fmt.Sprintf("cannot include %q: %s", target, msg), Fix: fix(msg)}
		if from != e.page {
			d.Msg += fmt.Sprintf(" (while building %s, included at line %d)", e.show(e.page), e.top)
		}
		e.diags = append(e.diags, d)
	}
	safe := strings.NewReplacer("`", "'", "\r", "").Replace(target)
	notice := fmt.Sprintf("> [!WARNING]\n> Not included: `%s` (%s:%d): %s.\n", safe, e.show(from), line, strings.ReplaceAll(msg, "`", "'"))
	for i, l := range strings.Split(strings.TrimSuffix(notice, "\n"), "\n") {
		if i == 0 && e.out.Len() > 0 && !bytes.HasSuffix(e.out.Bytes(), []byte("\n\n")) {
			e.emit(indent, nil, from, line) // a blank line, so the notice is a block of its own
		}
		e.emit(indent, []byte(l), from, line)
	}
	e.emit(indent, nil, from, line)
}

func fix(msg string) string {
	switch {
	case strings.HasPrefix(msg, "include cycle"):
		return "remove one of the includes in the chain"
	case strings.HasPrefix(msg, "no file"):
		return `write the path relative to the including file, or from the content folder with a leading "/"`
	}
	return "include less, or split the page"
}

// resolve turns a directive's path into a content file name.
func resolve(from, target string) (string, error) {
	if target == "" {
		return "", fmt.Errorf("no path given")
	}
	var name string
	if strings.HasPrefix(target, "/") {
		name = path.Clean(strings.TrimPrefix(target, "/"))
	} else {
		name = path.Join(path.Dir(from), target)
	}
	if name == ".." || strings.HasPrefix(name, "../") || !fs.ValidPath(name) || name == "." {
		return "", fmt.Errorf("the path leaves the content folder")
	}
	if !strings.EqualFold(path.Ext(name), ".md") {
		return "", fmt.Errorf("only Markdown (.md) files can be included")
	}
	return name, nil
}

// read reads an included file, refusing symbolic links: one could point outside the content
// folder and publish any file the build can read.
func read(fsys fs.FS, name string) ([]byte, error) {
	info, err := fs.Lstat(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("no file %s in the content folder", name)
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		return nil, fmt.Errorf("%s is a symbolic link; copy the file instead", name)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", name)
	}
	if info.Size() > MaxBytes {
		return nil, fmt.Errorf("%s is larger than %d MiB", name, MaxBytes>>20)
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", name, err)
	}
	return data, nil
}

// fence follows fenced code blocks, so a directive shown as an example stays text.
type fence struct {
	char byte
	n    int
}

func (f *fence) open() bool { return f.n > 0 }

func (f *fence) see(line []byte) {
	t := bytes.TrimLeft(line, " \t")
	if len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return
	}
	c, n := t[0], 0
	for n < len(t) && t[n] == c {
		n++
	}
	if n < 3 {
		return
	}
	switch {
	case f.n == 0:
		f.char, f.n = c, n
	case c == f.char && n >= f.n && len(bytes.TrimSpace(t[n:])) == 0:
		f.n = 0
	}
}
