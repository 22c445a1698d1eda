// Package scaffold writes new playbooks and pages from templates embedded in the binary: a small
// site that builds and passes `cmplay check` as it is (`cmplay new site`), and single pages with
// the front matter their kind needs (`cmplay new page`). It never overwrites a file.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"time"
	"unicode"

	"github.com/cmplay/cmplay/playbooks"
)

//go:embed all:templates
var templates embed.FS

// Options fill the placeholders of the templates.
type Options struct {
	Title string    // site title, or page title; default from the folder or file name
	Owner string    // owner of new guideline, checklist, practice, program and framework pages
	Today time.Time // review_by dates are one year after it; default today
	// Version is the cmplay release the site's netlify.toml and workflow install, e.g. "v0.4.0";
	// "latest" (the default) follows every release.
	Version string
}

// data is what the templates see.
type data struct {
	Title    string
	Owner    string
	ReviewBy string
	Version  string
}

func (o Options) data(name string) data {
	d := data{Title: o.Title, Owner: o.Owner, Version: o.Version}
	if d.Version == "" {
		d.Version = "latest"
	}
	if d.Title == "" {
		d.Title = TitleFromName(name)
	}
	if d.Owner == "" {
		d.Owner = "Community team"
	}
	today := o.Today
	if today.IsZero() {
		today = time.Now()
	}
	d.ReviewBy = today.AddDate(1, 0, 0).Format("2006-01-02")
	return d
}

// ExistsError is returned, before anything is written, when files to be written exist already.
type ExistsError struct {
	Files []string
}

func (e *ExistsError) Error() string {
	return fmt.Sprintf("refusing to overwrite %s", strings.Join(e.Files, ", "))
}

// Site writes a new playbook into dir (created if needed) and returns the files written, relative
// to dir. dir may already hold other files, but none of the playbook's.
func Site(dir string, opt Options) ([]string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	d := opt.data(filepath.Base(abs))
	files := map[string][]byte{}
	err = fs.WalkDir(templates, "templates/site", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		name := strings.TrimPrefix(p, "templates/site/")
		// Dot files are stored without their dot, so the templates folder does not itself look like
		// a repository's configuration (a .github folder in it would be read by GitHub).
		if name == "gitignore" || strings.HasPrefix(name, "github/") {
			name = "." + name
		}
		out, err := execute(p, d)
		files[name] = out
		return err
	})
	if err != nil {
		return nil, err
	}
	files["frontmatter.schema.json"] = FrontMatterSchema()
	return writeAll(dir, files)
}

// Page writes one page of a kind at file, a path below the content folder contentDir (".md" is
// added when missing), and returns the path written.
func Page(contentDir string, kind playbooks.Kind, file string, opt Options) (string, error) {
	if !kind.Valid() {
		names := make([]string, len(playbooks.Kinds))
		for i, k := range playbooks.Kinds {
			names[i] = string(k)
		}
		return "", fmt.Errorf("unknown kind %q: use one of %s%s", kind, strings.Join(names, ", "), playbooks.Suggest(string(kind), names))
	}
	file = filepath.ToSlash(filepath.Clean(file))
	if strings.HasPrefix(file, "../") || file == ".." || path.IsAbs(file) {
		return "", fmt.Errorf("%s is outside the content folder; give a path below it, e.g. guidelines/escalation.md", file)
	}
	if !strings.EqualFold(path.Ext(file), ".md") {
		file += ".md"
	}
	name := strings.TrimSuffix(path.Base(file), path.Ext(file))
	if strings.EqualFold(name, "_index") || strings.EqualFold(name, "readme") || strings.EqualFold(name, "index") {
		name = path.Base(path.Dir(file))
		if name == "." {
			name = "home"
		}
	}
	out, err := execute("templates/page/"+string(kind)+".md", opt.data(name))
	if err != nil {
		return "", err
	}
	if _, err := writeAll(contentDir, map[string][]byte{file: out}); err != nil {
		return "", err
	}
	return filepath.Join(contentDir, filepath.FromSlash(file)), nil
}

// TitleFromName turns a file or folder name into a title: "first-90-days" → "First 90 days".
func TitleFromName(name string) string {
	name = strings.TrimSpace(strings.NewReplacer("-", " ", "_", " ").Replace(name))
	if name == "" {
		return "Playbook"
	}
	r := []rune(name)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

func execute(name string, d data) ([]byte, error) {
	src, err := templates.ReadFile(name)
	if err != nil {
		return nil, err
	}
	t := template.New(name).Funcs(template.FuncMap{"quote": strconv.Quote})
	if path.Ext(name) == ".yml" {
		t.Delims("[[", "]]") // GitHub's own ${{ }} expressions stay as they are
	}
	t, err = t.Parse(string(src))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = t.Execute(&b, d)
	return b.Bytes(), err
}

// writeAll writes files below dir, refusing before it writes anything if one exists, and
// creating each with O_EXCL so a file that appears meanwhile is not overwritten either.
func writeAll(dir string, files map[string][]byte) ([]string, error) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var exist []string
	for _, n := range names {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(n))); err == nil {
			exist = append(exist, filepath.Join(dir, filepath.FromSlash(n)))
		}
	}
	if len(exist) > 0 {
		return nil, &ExistsError{Files: exist}
	}
	for _, n := range names {
		full := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return nil, err
		}
		f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			return nil, &ExistsError{Files: []string{full}}
		}
		if err != nil {
			return nil, err
		}
		_, err = f.Write(files[n])
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
	}
	return names, nil
}
