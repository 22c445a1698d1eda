package assets

import (
	"testing"
	"testing/fstest"

	"github.com/cmplay/cmplay/themes"
)

// TestStatic: the files below static/ are copied as they are, by their path below it.
func TestStatic(t *testing.T) {
	tests := []struct {
		name  string
		theme fstest.MapFS
		want  map[string]string
	}{
		{"nested", fstest.MapFS{
			"static/favicon.svg":   {Data: []byte("<svg/>")},
			"static/img/logo.png":  {Data: []byte("\x89PNG")},
			"static/.well-known/x": {Data: []byte("x")},
			"assets/main.css":      {Data: []byte("a{}")},
			"layouts/page.html":    {Data: []byte("page")},
		}, map[string]string{"favicon.svg": "<svg/>", "img/logo.png": "\x89PNG", ".well-known/x": "x"}},
		{"no static folder", fstest.MapFS{"layouts/page.html": {Data: []byte("page")}}, map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, err := Static(tt.theme)
			if err != nil {
				t.Fatal(err)
			}
			if len(files) != len(tt.want) {
				t.Errorf("got %d files, want %d", len(files), len(tt.want))
			}
			for name, data := range tt.want {
				if string(files[name]) != data {
					t.Errorf("%s = %q, want %q", name, files[name], data)
				}
			}
		})
	}
	files, err := Static(themes.Overlay(fstest.MapFS{"static/robots.txt": {Data: []byte("User-agent: *\n")}}, themes.Default()))
	if err != nil {
		t.Fatal(err)
	}
	if len(files["favicon.svg"]) == 0 || string(files["robots.txt"]) != "User-agent: *\n" {
		t.Errorf("default theme with an override: static files %v", files)
	}
}
