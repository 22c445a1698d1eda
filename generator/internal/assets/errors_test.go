package assets

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestBuildErrors: a theme whose scripts or styles do not bundle fails the build with an error
// naming the entry, and the file (by its path in the theme), line and column of the problem.
func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		start string   // the error starts so: the build adds the stage's name, "assets: "
		also  []string // and says these too
	}{
		{"JS syntax error in a module", map[string]string{
			"assets/main.js": "import { f } from \"./js/f.js\";\nf();\n",
			"assets/js/f.js": "// f is broken.\nexport function f() {\n  return 1 +;\n}\n",
		}, `bundle assets/main.js: assets/js/f.js:3:13: Unexpected ";"`, nil},
		{"JS syntax error in the entry", map[string]string{
			"assets/theme.js": "let x = ;\n",
		}, `bundle assets/theme.js: assets/theme.js:1:9: Unexpected ";"`, nil},
		{"missing module", map[string]string{
			"assets/main.js": "\n\nimport \"./js/gone.js\";\n",
		}, "bundle assets/main.js: assets/main.js:3:8: ", []string{"js/gone.js"}},
		{"CSS import of a missing file", map[string]string{
			"assets/main.css": "@import \"gone.css\";\n",
		}, "bundle assets/main.css: assets/main.css:1:9: ", []string{"gone.css"}},
		{"import from outside the theme", map[string]string{
			"assets/main.js": "import \"/etc/passwd\";\n",
		}, "bundle assets/main.js: assets/main.js:1:8: ", []string{"only import relative paths", "/etc/passwd"}},
		{"import from above the theme", map[string]string{
			"assets/main.js": "import \"../../secret.js\";\n",
		}, "bundle assets/main.js: assets/main.js:1:8: ", []string{"../secret.js"}},
		{"import from the network", map[string]string{
			"assets/main.js": "import \"https://example.org/x.js\";\n",
		}, "bundle assets/main.js: assets/main.js:1:8: ", []string{"only import relative paths"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			theme := fstest.MapFS{}
			for name, data := range tt.files {
				theme[name] = &fstest.MapFile{Data: []byte(data)}
			}
			b, err := Build(theme)
			if err == nil {
				t.Fatalf("bundled: %v", b.Paths)
			}
			if !strings.HasPrefix(err.Error(), tt.start) {
				t.Errorf("error %q, want it to start %q", err, tt.start)
			}
			for _, w := range tt.also {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}
