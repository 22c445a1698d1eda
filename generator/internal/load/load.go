// Package load is the first stage of the build: it walks the content folder and reads every
// Markdown file, and lists the static files to copy. Folders named _partials or _includes are
// left out: their files are only included into pages (package include). It reports unreadable
// files, invalid UTF-8 and oversized pages as diagnostics and keeps going.
package load

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cmplay/cmplay/playbooks"
)

// Source is a Markdown file read from the content folder.
type Source struct {
	File string // slash-separated path below the content folder
	Data []byte // the file, with invalid UTF-8 replaced by U+FFFD
}

// Static is a file copied to the output as it is.
type Static struct {
	File string
	Size int64
}

// Options say which files belong to the site.
type Options struct {
	// Skip names folders (slash-separated, relative to the content folder) that are not content,
	// such as the output folder or a theme folder when the content folder is the site root.
	Skip []string
	// Strict keeps only known static file types: used when the content folder is a repository
	// root, full of files that are not part of the handbook.
	Strict bool
	// LargePage is the size above which a page is reported as too large (default 1 MiB).
	LargePage int
	// Ignore are globs (package glob) of paths not published: a folder that matches is skipped
	// whole. The .gitignore files of the content folder are honoured besides.
	Ignore []string
	// Include names dot folders whose files are published (".gitbook", whose assets GitBook
	// pages link to); Markdown in them is not a page. Other names starting with "." are skipped.
	Include []string
}

// Result is what the stage found.
type Result struct {
	Sources []Source
	Static  []Static
}

// staticTypes are the files a handbook at a repository root publishes besides its Markdown.
var staticTypes = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true, ".webp": true, ".avif": true,
	".ico": true, ".pdf": true, ".txt": true, ".csv": true, ".mp4": true, ".webm": true, ".mp3": true,
	".zip": true, ".docx": true, ".xlsx": true, ".pptx": true, ".odt": true, ".ods": true, ".odp": true,
}

// partials are the folders whose files are only included into pages, never published themselves.
var partials = map[string]bool{"_partials": true, "_includes": true}

// InPartials reports whether a content file (a slash-separated path) lies in a folder of
// partials, so it is never a page of its own.
func InPartials(file string) bool {
	dirs := strings.Split(path.Dir(file), "/")
	return slices.ContainsFunc(dirs, func(d string) bool { return partials[d] })
}

// Load walks fsys (the content folder) in lexical order.
func Load(fsys fs.FS, opt Options) (Result, playbooks.Diagnostics) {
	if opt.LargePage == 0 {
		opt.LargePage = 1 << 20
	}
	var res Result
	var diags playbooks.Diagnostics
	skip := map[string]bool{}
	for _, s := range opt.Skip {
		skip[path.Clean(s)] = true
	}
	pub := newPublished(fsys, opt)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			diags = append(diags, playbooks.Diagnostic{File: p, Severity: playbooks.Error, Rule: "read",
				Msg: fmt.Sprintf("cannot read: %v", unwrapPath(err))})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if p != "." && (name == "node_modules" || skip[p] || !pub.allowed(p, d)) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			diags = append(diags, pub.enter(p)...)
		}
		if !utf8.ValidString(name) {
			// os.DirFS cannot open such a path at all ("invalid argument"), and a URL cannot
			// name it; say what is wrong instead.
			diags = append(diags, playbooks.Diagnostic{File: p, Severity: playbooks.Error, Rule: "file-name",
				Msg: "the name is not valid UTF-8; not published", Fix: "rename it using UTF-8"})
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if partials[name] {
				return fs.SkipDir // read by the includes that name its files (package include)
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 && !inside(fsys, p) {
			diags = append(diags, playbooks.Diagnostic{File: p, Line: 1, Col: 1, Severity: playbooks.Error, Rule: "symlink",
				Msg: "symbolic link to a file outside the content folder; not published", Fix: "copy the file into the content folder"})
			return nil
		}
		if what := notRegular(fsys, p, d); what != "" {
			// Opening a named pipe blocks until someone writes to it, and a device can be
			// endless: such files are reported and never opened.
			diags = append(diags, playbooks.Diagnostic{File: p, Severity: playbooks.Warning, Rule: "read",
				Msg: "not a regular file (" + what + "); skipped", Fix: "remove it from the content folder"})
			return nil
		}
		if strings.EqualFold(path.Ext(name), ".md") {
			if inDotFolder(p) {
				return nil // GitBook's snippets in .gitbook/includes, not pages of their own
			}
			src, ds := read(fsys, p, opt.LargePage)
			diags = append(diags, ds...)
			if src != nil {
				res.Sources = append(res.Sources, *src)
			}
			return nil
		}
		if opt.Strict && !staticTypes[strings.ToLower(path.Ext(name))] && name != "_redirects" && name != "_headers" {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			diags = append(diags, playbooks.Diagnostic{File: p, Severity: playbooks.Error, Rule: "read", Msg: fmt.Sprintf("cannot read: %v", unwrapPath(err))})
			return nil
		}
		res.Static = append(res.Static, Static{File: p, Size: info.Size()})
		return nil
	})
	if err != nil {
		diags = append(diags, playbooks.Diagnostic{File: ".", Severity: playbooks.Error, Rule: "read", Msg: err.Error()})
	}
	sort.Slice(res.Sources, func(i, j int) bool { return res.Sources[i].File < res.Sources[j].File })
	return res, diags
}

func read(fsys fs.FS, p string, large int) (*Source, playbooks.Diagnostics) {
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, playbooks.Diagnostics{{File: p, Severity: playbooks.Error, Rule: "read", Msg: fmt.Sprintf("cannot read: %v", unwrapPath(err))}}
	}
	var diags playbooks.Diagnostics
	if len(data) > large {
		diags = append(diags, playbooks.Diagnostic{File: p, Line: 1, Col: 1, Severity: playbooks.Warning, Rule: "large-page",
			Msg: fmt.Sprintf("page is %.1f MB; pages this large are slow to read and to load", float64(len(data))/(1<<20)),
			Fix: "split it into several pages"})
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := playbooks.Position(data, i)
		diags = append(diags, playbooks.Diagnostic{File: p, Line: line, Col: col, Severity: playbooks.Warning, Rule: "encoding",
			Msg: fmt.Sprintf("binary content: %d NUL bytes; is this really a Markdown file?", bytes.Count(data, []byte{0})),
			Fix: "save the page as UTF-8 text, or give a binary file another extension"})
	}
	if !utf8.Valid(data) {
		off := firstInvalid(data)
		line, col := playbooks.Position(data, off)
		diags = append(diags, playbooks.Diagnostic{File: p, Line: line, Col: col, Severity: playbooks.Error, Rule: "encoding",
			Msg: fmt.Sprintf("invalid UTF-8 (byte 0x%02x); invalid bytes are shown as \uFFFD", data[off]),
			Fix: "save the file as UTF-8"})
		data = []byte(strings.ToValidUTF8(string(data), "\uFFFD"))
	}
	return &Source{File: p, Data: data}, diags
}

// inDotFolder reports whether a path is inside a folder whose name starts with ".".
func inDotFolder(p string) bool {
	return strings.HasPrefix(p, ".") || strings.Contains(p, "/.")
}

// notRegular names the kind of a file that is not a regular file (after following a symbolic
// link), or returns "". The walk does not descend into a link to a folder, and the folder's
// files are published from where they are, so such a link is not a file to list either.
func notRegular(fsys fs.FS, p string, d fs.DirEntry) string {
	mode := d.Type()
	if mode&fs.ModeSymlink != 0 {
		info, err := fs.Stat(fsys, p)
		if err != nil {
			return "broken link"
		}
		if info.IsDir() {
			return "link to a folder"
		}
		mode = info.Mode().Type()
	}
	switch {
	case mode.IsRegular():
		return ""
	case mode&fs.ModeNamedPipe != 0:
		return "named pipe"
	case mode&fs.ModeSocket != 0:
		return "socket"
	case mode&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// inside resolves the symbolic links in p, one path element at a time as the system does, and
// reports whether it stays within fsys: a link may point at another file of the content folder,
// never at one elsewhere on the machine (os.DirFS would follow it). Absolute targets and chains
// longer than 40 links count as outside.
func inside(fsys fs.FS, p string) bool {
	parts := strings.Split(p, "/")
	cur := "."
	for hops := 0; len(parts) > 0; {
		part := parts[0]
		parts = parts[1:]
		switch part {
		case "", ".":
			continue
		case "..":
			if cur == "." {
				return false
			}
			cur = path.Dir(cur)
			continue
		}
		next := path.Join(cur, part)
		info, err := fs.Lstat(fsys, next)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			cur = next
			continue
		}
		target, err := fs.ReadLink(fsys, next)
		if hops++; err != nil || hops > 40 || path.IsAbs(target) || filepath.IsAbs(target) {
			return false
		}
		parts = append(strings.Split(filepath.ToSlash(target), "/"), parts...)
	}
	return true
}

// unwrapPath drops the path fs.PathError repeats, since the diagnostic names the file already.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
