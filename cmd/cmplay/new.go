package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cmplay/cmplay/generator"
	"github.com/cmplay/cmplay/generator/scaffold"
	"github.com/cmplay/cmplay/playbooks"
)

const newUsage = `Usage:
  cmplay new site DIR                        start a playbook in DIR
  cmplay new page [--source DIR] KIND PATH   add a page of KIND at PATH below the content folder

KIND is one of checklist, framework, role, guideline, practice, program, page.
Neither command overwrites an existing file.
`

// cmdNew scaffolds a site or a page.
func cmdNew(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, newUsage)
		return 2
	}
	switch args[0] {
	case "site":
		return newSite(args[1:], stdout, stderr)
	case "page":
		return newPage(args[1:], stdout, stderr)
	case "-h", "--help", "-help", "help":
		fmt.Fprint(stdout, newUsage)
		return 0
	}
	fmt.Fprintf(stderr, "cmplay new: unknown %q\n\n%s", args[0], newUsage)
	return 2
}

func newSite(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("new site", "new site [--title TITLE] DIR", stderr)
	title := fs.String("title", "", "site `title` (default from the folder name)")
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	dir := fs.Arg(0)
	files, err := scaffold.Site(dir, scaffold.Options{Title: *title})
	if code := newFailed(stderr, err); code != 0 {
		return code
	}
	for _, f := range files {
		fmt.Fprintf(stdout, "created %s\n", filepath.Join(dir, filepath.FromSlash(f)))
	}
	fmt.Fprintf(stdout, "\nNext: cmplay serve --source %s   (then edit content/ and watch it reload)\n", dir)
	return 0
}

func newPage(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("new page", "new page [--source DIR] [--title TITLE] [--owner OWNER] KIND PATH", stderr)
	source := fs.String("source", ".", "site `folder` (holds cmplay.toml and content/)")
	title := fs.String("title", "", "page `title` (default from the file name)")
	owner := fs.String("owner", "", "`owner` of the page (default \"Community team\")")
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return 2
	}
	cfg, _, err := generator.LoadConfig(*source)
	if err != nil {
		fmt.Fprintf(stderr, "cmplay new page: %v\n", err)
		return 1
	}
	content := filepath.Join(cfg.Source, cfg.ContentDir)
	if st, err := os.Stat(content); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "cmplay new page: no content folder at %s (run cmplay new site first, or pass --source)\n", content)
		return 1
	}
	file := filepath.ToSlash(fs.Arg(1))
	if prefix := filepath.ToSlash(filepath.Clean(cfg.ContentDir)) + "/"; prefix != "./" && strings.HasPrefix(file, prefix) {
		file = strings.TrimPrefix(file, prefix) // the path as seen from the site folder
	}
	kind := playbooks.Kind(strings.ToLower(fs.Arg(0)))
	if !kind.Valid() {
		_, err := scaffold.Page(content, kind, file, scaffold.Options{})
		fmt.Fprintf(stderr, "cmplay new page: %v\n", err)
		return 2
	}
	written, err := scaffold.Page(content, kind, file, scaffold.Options{Title: *title, Owner: *owner})
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

func flagExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 2
}
