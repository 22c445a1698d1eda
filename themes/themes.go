// Package themes embeds cmplay's default theme and layers a site's own theme over it.
//
// A theme is a folder with layouts/ (html/template files, one per kind plus home, list, 404),
// partials/ (templates shared by layouts) and assets/ (main.js, main.css and what they import,
// bundled by esbuild at build time). A site's themes/<name>/ only needs the files it changes:
// any file it has replaces the default theme's file of the same path.
package themes

import (
	"embed"
	"errors"
	"io/fs"
	"sort"
)

//go:embed all:default
var embedded embed.FS

// Default is the default theme.
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	return sub
}

// Overlay returns a file system that serves files from top where it has them and from base
// otherwise. Directory listings merge both.
func Overlay(top, base fs.FS) fs.FS {
	if top == nil {
		return base
	}
	return overlay{top, base}
}

type overlay struct{ top, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.top.Open(name)
	if err == nil {
		if st, serr := f.Stat(); serr == nil && !st.IsDir() {
			return f, nil
		}
		f.Close()
	}
	return o.base.Open(name)
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]fs.DirEntry{}
	var firstErr error
	for _, f := range []fs.FS{o.base, o.top} {
		entries, err := fs.ReadDir(f, name)
		if err != nil {
			if firstErr == nil && !errors.Is(err, fs.ErrNotExist) {
				firstErr = err
			}
			continue
		}
		for _, e := range entries {
			seen[e.Name()] = e
		}
	}
	if len(seen) == 0 {
		if firstErr != nil {
			return nil, firstErr
		}
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}
