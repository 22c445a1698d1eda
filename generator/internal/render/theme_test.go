package render

import (
	"bytes"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cmplay/cmplay/themes"
)

// theme is a small theme: base.html wraps every layout, a partial is shared.
func theme(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{
		"layouts/base.html":   {Data: []byte(`{{define "base"}}<main>{{block "main" .}}{{end}}</main>{{end}}`)},
		"layouts/page.html":   {Data: []byte(`{{template "base" .}}{{define "main"}}page {{template "title.html" .}}{{end}}`)},
		"layouts/list.html":   {Data: []byte(`{{template "base" .}}{{define "main"}}list {{template "title.html" .}}{{end}}`)},
		"partials/title.html": {Data: []byte(`<h1>{{.Title}}</h1>`)},
	}
	for name, data := range files {
		if data == "" {
			delete(m, name)
			continue
		}
		m[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return m
}

// TestLoadThemeErrors: a template that does not parse fails LoadTheme with one error that names
// the file by its path in the theme, once, with the line.
func TestLoadThemeErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // the error starts so
	}{
		{"layout", map[string]string{"layouts/page.html": "ok\n{{ .Nope }"}, `layouts/page.html:2: unexpected "}" in operand`},
		{"partial", map[string]string{"partials/title.html": `{{define "x"}}{{ nosuch }}{{end}}`}, `partials/title.html:1: function "nosuch" not defined`},
		{"base", map[string]string{"layouts/base.html": "\n\n{{if}}"}, "layouts/base.html:3: missing value for if"},
		{"unclosed block", map[string]string{"layouts/list.html": "{{range .Children}}\n"}, "layouts/list.html:2: unexpected EOF"},
		{"no layouts", map[string]string{"layouts/page.html": "", "layouts/list.html": "", "layouts/base.html": ""}, "the theme has no layouts/*.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th, err := LoadTheme(theme(tt.files))
			if err == nil {
				t.Fatalf("loaded: %v", th)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tt.want) {
				t.Errorf("error %q, want it to start %q", msg, tt.want)
			}
			for name := range tt.files {
				if n := strings.Count(msg, path.Base(name)); n > 1 {
					t.Errorf("error %q names %s %d times", msg, path.Base(name), n)
				}
			}
			if strings.Contains(msg, "template:") {
				t.Errorf("error %q repeats the package's prefix; the caller names the stage", msg)
			}
		})
	}
}

// TestLayout: each layout runs with base.html and the partials; base is no layout of its own, and
// Layout picks the first of the names the theme has.
func TestLayout(t *testing.T) {
	th, err := LoadTheme(theme(nil))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		names []string
		want  string // the layout picked, "" for none
		out   string
	}{
		{[]string{"checklist", "page"}, "page", "<main>page <h1>T</h1></main>"},
		{[]string{"list"}, "list", "<main>list <h1>T</h1></main>"},
		{[]string{"base"}, "", ""},
		{[]string{"home", "missing"}, "", ""},
	}
	for _, tt := range tests {
		l, name := th.Layout(tt.names...)
		if name != tt.want || (l == nil) != (tt.want == "") {
			t.Errorf("Layout(%q) = %v, %q; want %q", tt.names, l, name, tt.want)
			continue
		}
		if l == nil {
			continue
		}
		var b bytes.Buffer
		if err := l.Execute(&b, &Data{Title: "T"}); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.out {
			t.Errorf("layout %s wrote %q, want %q", name, b.String(), tt.out)
		}
	}
}

// TestDefaultThemeLoads: every layout file of the embedded theme is a layout after LoadTheme.
func TestDefaultThemeLoads(t *testing.T) {
	th, err := LoadTheme(themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"404", "changelog", "history", "home", "list", "page", "progress", "record", "search", "section"} {
		if l, _ := th.Layout(name); l == nil {
			t.Errorf("the default theme has no %s layout", name)
		}
	}
}
