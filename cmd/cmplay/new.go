package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/cmplay/cmplay/generator"
	"github.com/cmplay/cmplay/generator/scaffold"
	"github.com/cmplay/cmplay/playbooks"
	"github.com/spf13/pflag"
)

// newSiteCmd declares the flags of `cmplay new site DIR`.
func newSiteCmd(fs *pflag.FlagSet) runFunc {
	title := fs.String("title", "", "site `title` (default from the folder name)")
	return func(args []string, stdout, stderr io.Writer) int { return newSite(args[0], *title, stdout, stderr) }
}

func newSite(dir, title string, stdout, stderr io.Writer) int {
	files, err := scaffold.Site(dir, scaffold.Options{Title: title, Version: releaseVersion()})
	if code := newFailed(stderr, err); code != 0 {
		return code
	}
	for _, f := range files {
		fmt.Fprintf(stdout, "created %s\n", filepath.Join(dir, filepath.FromSlash(f)))
	}
	fmt.Fprintf(stdout, "\nNext: cmplay serve --source %s   (then edit content/ and watch it reload)\n", dir)
	return 0
}

// releaseVersion is this cmplay's version when it is a release (v1.2.3), for a new site's
// netlify.toml and workflow to install the same one; "" (meaning the latest) for other builds.
func releaseVersion() string {
	v := version
	if info, ok := debug.ReadBuildInfo(); ok && v == "" {
		v = info.Main.Version
	}
	if !strings.HasPrefix(v, "v") || strings.ContainsAny(v, "-+") {
		return ""
	}
	return v
}

// newPageCmd declares the flags of `cmplay new page KIND PATH`.
func newPageCmd(fs *pflag.FlagSet) runFunc {
	var sf siteFlags
	fs.StringVar(&sf.source, "source", ".", "site `folder` (holds cmplay.toml and content/)")
	title := fs.String("title", "", "page `title` (default from the file name)")
	owner := fs.String("owner", "", "`owner` of the page (default \"Community team\")")
	return func(args []string, stdout, stderr io.Writer) int {
		return newPage(sf.source, args[0], args[1], scaffold.Options{Title: *title, Owner: *owner}, stdout, stderr)
	}
}

func newPage(source, kindArg, fileArg string, opt scaffold.Options, stdout, stderr io.Writer) int {
	cfg, _, err := generator.LoadConfig(source)
	if err != nil {
		fmt.Fprintf(stderr, "cmplay new page: %v\n", err)
		return 1
	}
	content := filepath.Join(cfg.Source, cfg.ContentDir)
	if st, err := os.Stat(content); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "cmplay new page: no content folder at %s (run cmplay new site first, or pass --source)\n", content)
		return 1
	}
	file := filepath.ToSlash(fileArg)
	if prefix := filepath.ToSlash(filepath.Clean(cfg.ContentDir)) + "/"; prefix != "./" && strings.HasPrefix(file, prefix) {
		file = strings.TrimPrefix(file, prefix) // the path as seen from the site folder
	}
	kind := playbooks.Kind(strings.ToLower(kindArg))
	if !kind.Valid() {
		_, err := scaffold.Page(content, kind, file, scaffold.Options{})
		fmt.Fprintf(stderr, "cmplay new page: %v\n", err)
		return 2
	}
	written, err := scaffold.Page(content, kind, file, opt)
	if code := newFailed(stderr, err); code != 0 {
		return code
	}
	fmt.Fprintf(stdout, "created %s\n", written)
	if top, _, nested := strings.Cut(file, "/"); nested && !hasIndex(filepath.Join(content, top)) {
		fmt.Fprintf(stdout, "note: %s/ has no _index.md, so no navigation leads to the page; add one with: cmplay new page page %s/_index.md\n", top, top)
	}
	return 0
}

// newFailed prints why a scaffold was refused and returns the exit code, 0 when err is nil.
func newFailed(stderr io.Writer, err error) int {
	if err == nil {
		return 0
	}
	var exists *scaffold.ExistsError
	if errors.As(err, &exists) {
		fmt.Fprintf(stderr, "cmplay new: %v; nothing was written (move or delete them first)\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "cmplay new: %v\n", err)
	return 1
}

func hasIndex(dir string) bool {
	for _, n := range []string{"_index.md", "README.md", "index.md"} {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			return true
		}
	}
	return false
}
