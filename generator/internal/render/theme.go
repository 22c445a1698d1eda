// Package render is the templates stage: it executes the theme's html/template layouts for every
// page and for the pages the generator makes itself (kind and tag listings, the role index, 404,
// sitemap, alias redirects). Templates are parsed once per build; shared navigation is rendered
// once per section and only specialised per page, so the cost per page does not grow with the
// size of the site.
package render

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"time"
)

// Theme holds the parsed layouts of a theme.
type Theme struct {
	layouts map[string]*template.Template
}

// LoadTheme parses layouts/*.html, each together with partials/*.html.
func LoadTheme(fsys fs.FS) (*Theme, error) {
	partials, err := fs.Glob(fsys, "partials/*.html")
	if err != nil {
		return nil, err
	}
	layouts, err := fs.Glob(fsys, "layouts/*.html")
	if err != nil {
		return nil, err
	}
	if len(layouts) == 0 {
		return nil, fmt.Errorf("the theme has no layouts/*.html")
	}
	base := template.New("").Funcs(funcs)
	for _, p := range partials {
		if err := parseFile(base, fsys, p); err != nil {
			return nil, err
		}
	}
	t := &Theme{layouts: map[string]*template.Template{}}
	for _, l := range layouts {
		name := strings.TrimSuffix(path.Base(l), ".html")
		if name == "base" {
			continue
		}
		c, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := fs.Stat(fsys, "layouts/base.html"); err == nil {
			if err := parseFile(c, fsys, "layouts/base.html"); err != nil {
				return nil, err
			}
		}
		if err := parseFile(c, fsys, l); err != nil {
			return nil, err
		}
		t.layouts[name] = c.Lookup(path.Base(l))
	}
	return t, nil
}

func parseFile(t *template.Template, fsys fs.FS, name string) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	if _, err := t.New(path.Base(name)).Parse(string(data)); err != nil {
		// text/template says "template: page.html:2: …"; name the file once, by its path in the
		// theme, the way a compiler does: "layouts/page.html:2: …".
		if pos, ok := strings.CutPrefix(err.Error(), "template: "+path.Base(name)+":"); ok {
			return errors.New(name + ":" + pos)
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// Layout returns the first of the named layouts the theme has.
func (t *Theme) Layout(names ...string) (*template.Template, string) {
	for _, n := range names {
		if l, ok := t.layouts[n]; ok {
			return l, n
		}
	}
	return nil, ""
}

var funcs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2 January 2006")
	},
	"isodate": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2006-01-02")
	},
	"add":   func(a, b int) int { return a + b },
	"lower": strings.ToLower,
}
