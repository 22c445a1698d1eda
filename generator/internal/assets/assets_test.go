package assets

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/cmplay/cmplay/themes"
)

// build bundles a theme, failing the test on an error.
func build(t *testing.T, theme fs.FS) *Bundle {
	t.Helper()
	b, err := Build(theme)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// defaultBundle is the default theme's bundle, built once for the package's tests.
var defaultBundle = sync.OnceValues(func() (*Bundle, error) { return Build(themes.Default()) })

// edit is the default theme with one file replaced, as a site's own theme overrides it.
func edit(t *testing.T, file string, change func(string) string) fs.FS {
	t.Helper()
	data, err := fs.ReadFile(themes.Default(), file)
	if err != nil {
		t.Fatal(err)
	}
	return themes.Overlay(fstest.MapFS{file: {Data: []byte(change(string(data)))}}, themes.Default())
}

// TestBuildDefaultTheme: each entry becomes one minified, bundled file named after a hash of its
// content, and Paths maps the entry's name to that file's site path.
func TestBuildDefaultTheme(t *testing.T) {
	b, err := defaultBundle()
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(maps.Keys(b.Paths)); !slices.Equal(got, []string{"main.css", "main.js", "theme.js"}) {
		t.Fatalf("Paths has %q, want main.css, main.js and theme.js", got)
	}
	if len(b.Files) != 3 {
		t.Errorf("%d files, want one per entry", len(b.Files))
	}
	name := regexp.MustCompile(`^/assets/(main|theme)\.([0-9a-f]{10})\.(js|css)$`)
	for entry, url := range b.Paths {
		m := name.FindStringSubmatch(url)
		if m == nil || m[1]+"."+m[3] != entry {
			t.Errorf("Paths[%s] = %q, want /assets/<name>.<10 hex digits>.<ext>", entry, url)
			continue
		}
		data, ok := b.Files[strings.TrimPrefix(url, "/")]
		if !ok {
			t.Errorf("Paths[%s] = %s names no file of the bundle", entry, url)
			continue
		}
		if sum := sha256.Sum256(data); m[2] != hex.EncodeToString(sum[:])[:10] {
			t.Errorf("%s is not named after its content's hash", url)
		}
		src, _ := fs.ReadFile(themes.Default(), "assets/"+entry)
		if len(data) == 0 || strings.Contains(string(data), string(src[:40])) {
			t.Errorf("%s holds its source's opening comment; want it minified", url)
		}
	}
	css := string(b.Files[strings.TrimPrefix(b.Paths["main.css"], "/")])
	js := string(b.Files[strings.TrimPrefix(b.Paths["main.js"], "/")])
	for what, ok := range map[string]bool{
		"CSS imports inlined":       !strings.Contains(css, "@import"),
		"highlighting styles added": strings.Contains(css, ".chroma"),
		"JS modules inlined":        !strings.Contains(js, "import ") && !strings.Contains(js, "export "),
		"no comments left":          !strings.Contains(css, "/*") && !strings.Contains(js, "/*"),
		"CSS whitespace removed":    strings.Count(css, "\n") < 3 && !strings.Contains(css, "{ "),
		"JS whitespace removed":     !strings.Contains(js, "\n  ") && !strings.Contains(js, ") {"),
		"JS names shortened":        !strings.Contains(js, "initMenu"),
	} {
		if !ok {
			t.Errorf("not so: %s", what)
		}
	}
}

// TestHashFollowsContent: a bundle's name changes when a file it is made of changes, and only
// then, so a browser never keeps a stale copy and keeps an unchanged one.
func TestHashFollowsContent(t *testing.T) {
	def, err := defaultBundle()
	if err != nil {
		t.Fatal(err)
	}
	base := def.Paths
	tests := []struct {
		name    string
		theme   fs.FS
		changed []string
	}{
		{"an override with the same content", edit(t, "assets/js/menu.js", func(s string) string { return s }), nil},
		{"a module of main.js", edit(t, "assets/js/menu.js", func(s string) string {
			return strings.Replace(s, `"is-open"`, `"is-opened"`, 1)
		}), []string{"main.js"}},
		{"a stylesheet main.css imports", edit(t, "assets/base.css", func(s string) string {
			return strings.Replace(s, "#ffffff", "#fefefe", 1)
		}), []string{"main.css"}},
		{"a comment only", edit(t, "assets/js/menu.js", func(s string) string { return "// another comment\n" + s }), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := build(t, tt.theme).Paths
			var changed []string
			for entry, url := range got {
				if base[entry] != url {
					changed = append(changed, entry)
				}
			}
			slices.Sort(changed)
			if !slices.Equal(changed, tt.changed) {
				t.Errorf("renamed %q, want %q", changed, tt.changed)
			}
		})
	}
}

// TestBuildPartialTheme: a theme bundles the entries it has and skips the others.
func TestBuildPartialTheme(t *testing.T) {
	b, err := Build(fstest.MapFS{"assets/theme.js": {Data: []byte("document.documentElement.dataset.x = \"1\";\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Paths) != 1 || b.Paths["theme.js"] == "" || len(b.Files) != 1 {
		t.Errorf("Paths %v, %d files; want theme.js alone", b.Paths, len(b.Files))
	}
	if b, err := Build(fstest.MapFS{}); err != nil || len(b.Files) != 0 {
		t.Errorf("an empty theme: %v, %v", b, err)
	}
}
