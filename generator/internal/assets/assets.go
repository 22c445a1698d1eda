// Package assets is the assets stage: it bundles and minifies the theme's JavaScript and CSS
// with esbuild's Go API (no Node needed), reading them straight from the theme's fs.FS, and names
// each output after a hash of its content so browsers may cache it forever.
package assets

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/evanw/esbuild/pkg/api"
)

// Entries are the theme files bundled, each into one output file.
var Entries = []string{"assets/main.js", "assets/main.css", "assets/theme.js"}

// Bundle is the result: the output files and the URL path of each entry's bundle.
type Bundle struct {
	Files map[string][]byte // "assets/main.3f9a1c2b7e.js" → contents
	Paths map[string]string // "main.js" → "/assets/main.3f9a1c2b7e.js"
}

// Build bundles the entries found in theme. Entries the theme does not have are skipped.
func Build(theme fs.FS) (*Bundle, error) {
	b := &Bundle{Files: map[string][]byte{}, Paths: map[string]string{}}
	for _, entry := range Entries {
		if _, err := fs.Stat(theme, entry); err != nil {
			continue
		}
		out, err := bundle(theme, entry)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(out)
		ext := path.Ext(entry)
		name := fmt.Sprintf("assets/%s.%s%s", strings.TrimSuffix(path.Base(entry), ext), hex.EncodeToString(sum[:5]), ext)
		b.Files[name] = out
		b.Paths[path.Base(entry)] = "/" + name
	}
	return b, nil
}

func bundle(theme fs.FS, entry string) ([]byte, error) {
	res := api.Build(api.BuildOptions{
		EntryPoints:       []string{entry},
		Bundle:            true,
		Write:             false,
		Outdir:            "out",
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Target:            api.ES2020,
		Charset:           api.CharsetUTF8,
		LegalComments:     api.LegalCommentsNone,
		LogLevel:          api.LogLevelSilent,
		Plugins:           []api.Plugin{themePlugin(theme)},
	})
	if len(res.Errors) > 0 {
		var msgs []string
		for _, m := range res.Errors {
			loc := ""
			if m.Location != nil {
				// esbuild puts the plugin's namespace before the path ("theme:assets/x.js");
				// the path in the theme is what its author looks for.
				file := strings.TrimPrefix(m.Location.File, "theme:")
				loc = fmt.Sprintf("%s:%d:%d: ", file, m.Location.Line, m.Location.Column+1)
			}
			msgs = append(msgs, loc+m.Text)
		}
		// The build names the stage ("assets: …"), so the error does not.
		return nil, fmt.Errorf("bundle %s: %s", entry, strings.Join(msgs, "; "))
	}
	var out bytes.Buffer
	for _, f := range res.OutputFiles {
		out.Write(f.Contents)
	}
	return out.Bytes(), nil
}

// Static returns the files of the theme's static/ folder (favicon and the like), to be copied to
// the root of the output as they are.
func Static(theme fs.FS) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := fs.WalkDir(theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			if err != nil && p == "static" {
				return fs.SkipDir // a theme without static files
			}
			return err
		}
		data, err := fs.ReadFile(theme, p)
		files[strings.TrimPrefix(p, "static/")] = data
		return err
	})
	return files, err
}

// virtual files generated at build time instead of read from the theme.
var virtual = map[string]func() string{"assets/chroma.css": chromaCSS}

// themePlugin resolves every import inside the theme's fs.FS, so the embedded default theme and a
// site's overrides bundle the same way and nothing is read from elsewhere on disk.
func themePlugin(theme fs.FS) api.Plugin {
	return api.Plugin{Name: "cmplay-theme", Setup: func(pb api.PluginBuild) {
		pb.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
			p := a.Path
			if a.Kind != api.ResolveEntryPoint {
				if strings.HasPrefix(p, "/") || strings.Contains(p, ":") {
					return api.OnResolveResult{}, fmt.Errorf("theme files may only import relative paths, not %q", p)
				}
				p = path.Join(path.Dir(a.Importer), p)
			}
			return api.OnResolveResult{Path: p, Namespace: "theme"}, nil
		})
		pb.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "theme"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
			var s string
			if gen, ok := virtual[a.Path]; ok {
				s = gen()
			} else {
				data, err := fs.ReadFile(theme, a.Path)
				if err != nil {
					return api.OnLoadResult{}, err
				}
				s = string(data)
			}
			loader := api.LoaderJS
			if path.Ext(a.Path) == ".css" {
				loader = api.LoaderCSS
			}
			return api.OnLoadResult{Contents: &s, Loader: loader}, nil
		})
	}}
}

// chromaCSS styles highlighted code with classes: a light palette, and a dark one for dark mode
// (chosen by the reader's system or by the theme toggle).
func chromaCSS() string {
	f := chromahtml.New(chromahtml.WithClasses(true))
	var light, dark bytes.Buffer
	f.WriteCSS(&light, styles.Get("github"))
	f.WriteCSS(&dark, styles.Get("github-dark"))
	var b strings.Builder
	b.WriteString(stripBackground(light.String()))
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	b.WriteString(prefix(stripBackground(dark.String()), `:root:not([data-theme="light"]) `))
	b.WriteString("}\n")
	b.WriteString(prefix(stripBackground(dark.String()), `:root[data-theme="dark"] `))
	return b.String()
}

// stripBackground leaves the code block background to the theme's own palette.
func stripBackground(css string) string {
	var out []string
	for _, l := range strings.Split(css, "\n") {
		if strings.Contains(l, "/* Background */") || strings.Contains(l, "/* PreWrapper */") {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

func prefix(css, p string) string {
	lines := strings.Split(css, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "/*") && strings.Contains(l, "*/ .") {
			if j := strings.Index(l, "*/ "); strings.HasPrefix(l, "/*") && j >= 0 {
				lines[i] = l[:j+3] + p + l[j+3:]
			} else {
				lines[i] = p + l
			}
		}
	}
	return strings.Join(lines, "\n")
}
