package load

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/cmplay/cmplay/internal/glob"
	"github.com/cmplay/cmplay/playbooks"
)

// published decides which files of the content folder belong to the site: not those in dot
// folders (unless Options.Include names them), nor those the site's ignore globs or
// .gitignore files exclude, nor, in a Jekyll site, Jekyll's own folders and what its
// _config.yml excludes.
//
// .gitignore files are read with go-git's matcher, the implementation git's own semantics are
// tested against in go-git (negation, "dir/" for folders only, "/rooted", "**"), and which the
// history stage already depends on: a file git ignores is not in the repository, so a site
// built from a clone would not have it either.
type published struct {
	fsys    fs.FS
	opt     Options
	ignored []gitignore.Pattern // in increasing priority: parents' .gitignore before children's
	jekyll  bool                // _config.yml at the root: "_"-folders are Jekyll's, not pages
}

func newPublished(fsys fs.FS, opt Options) *published {
	pub := &published{fsys: fsys, opt: opt}
	if data, err := fs.ReadFile(fsys, "_config.yml"); err == nil {
		pub.jekyll = true
		pub.opt.Ignore = append(slices.Clip(pub.opt.Ignore), jekyllExclude(data)...)
	}
	return pub
}

// jekyllExclude is the exclude list of a Jekyll _config.yml (Gemfile, vendor/, README.md, …),
// as globs. A _config.yml that does not parse is Jekyll's to report; nothing is excluded then.
func jekyllExclude(data []byte) []string {
	var cfg struct {
		Exclude []string `yaml:"exclude"`
	}
	if playbooks.UnmarshalYAML(data, &cfg) != nil {
		return nil
	}
	var globs []string
	for _, e := range cfg.Exclude {
		if e = strings.Trim(strings.TrimSpace(e), "/"); e != "" && glob.Valid(e) == nil {
			globs = append(globs, e)
		}
	}
	return globs
}

// enter reads the .gitignore of a folder the walk enters, if it has one.
func (pub *published) enter(dir string) playbooks.Diagnostics {
	name := path.Join(dir, ".gitignore")
	data, err := fs.ReadFile(pub.fsys, name)
	if err != nil {
		return nil
	}
	if len(data) > 1<<20 {
		return playbooks.Diagnostics{{File: name, Line: 1, Col: 1, Severity: playbooks.Warning, Rule: "read",
			Msg: fmt.Sprintf("%d KB .gitignore, over the limit of 1024 KB; not read", len(data)>>10)}}
	}
	var domain []string
	if dir != "." {
		domain = strings.Split(dir, "/")
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		pub.ignored = append(pub.ignored, gitignore.ParsePattern(line, domain))
	}
	return nil
}

// allowed reports whether the walk may publish p, or go into it when it is a folder.
func (pub *published) allowed(p string, d fs.DirEntry) bool {
	name := d.Name()
	if strings.HasPrefix(name, ".") && !(d.IsDir() && slices.Contains(pub.opt.Include, name)) {
		return false
	}
	if pub.jekyll && path.Dir(p) == "." && (d.IsDir() && strings.HasPrefix(name, "_") && name != "_posts" || p == "_config.yml") {
		return false // _layouts, _includes, _sass, _data, _site, _config.yml: Jekyll's machinery and output
	}
	for _, g := range pub.opt.Ignore {
		if glob.Match(g, p) {
			return false
		}
	}
	return !gitignore.NewMatcher(pub.ignored).Match(strings.Split(p, "/"), d.IsDir())
}
