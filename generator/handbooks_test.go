package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/cmplay/cmplay/generator/output"
)

// TestHandbooks builds each testdata/handbooks/<tool>.txtar — a small repository in the shape
// Jekyll, GitBook, Hugo/Zola and MkDocs keep a handbook in — as a team would, with its own
// cmplay.toml, and holds the build to what the archive's want/ files say:
//
//   - want/diagnostics: every diagnostic, exactly (a warning that is not a real fault is noise),
//     from build and from check alike;
//   - want/files: output files that must exist (pages at their URLs, redirects, images);
//   - want/absent: output files that must not (what is not published);
//   - want/sidebar <file>: the sidebar of that page, one link per line, indented by level;
//   - want/title: the site's title every page's header shows (from the tool's settings when
//     cmplay.toml names none).
//
// `go test ./generator -run Handbooks -update` rewrites want/diagnostics and the sidebars.
func TestHandbooks(t *testing.T) {
	files, _ := filepath.Glob("testdata/handbooks/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			want := map[string]string{}
			for _, f := range ar.Files {
				if strings.HasPrefix(f.Name, "want/") {
					want[f.Name] = string(f.Data)
					continue
				}
				writeFile(t, filepath.Join(dir, filepath.FromSlash(f.Name)), f.Data)
			}
			cfg, diags, err := LoadConfig(dir)
			if err != nil || len(diags) > 0 {
				t.Fatalf("config: %v %v", err, diags)
			}
			cfg.Out = filepath.Join(t.TempDir(), "public")
			res := mustBuild(t, cfg)
			sameInSession(t, cfg)
			got := map[string]string{"want/diagnostics": ""}
			for _, d := range res.Diagnostics {
				got["want/diagnostics"] += d.String() + "\n"
			}
			chk, err := Check(cfg, CheckOptions{Today: today})
			if err != nil {
				t.Fatal(err)
			}
			checked := ""
			for _, d := range chk.Diagnostics {
				checked += d.String() + "\n"
			}
			if checked != got["want/diagnostics"] {
				t.Errorf("check reports\n%s\nbuild reports\n%s", checked, got["want/diagnostics"])
			}
			for name := range want {
				page, ok := strings.CutPrefix(name, "want/sidebar ")
				if !ok {
					continue
				}
				data, err := os.ReadFile(filepath.Join(cfg.Out, filepath.FromSlash(page)))
				if err != nil {
					t.Fatal(err)
				}
				got[name] = sidebarOutline(string(data))
			}
			if title := strings.TrimSpace(want["want/title"]); title != "" {
				home, _ := os.ReadFile(filepath.Join(cfg.Out, "index.html"))
				if !strings.Contains(string(home), `class="brand" href="./">`+title+`</a>`) {
					t.Errorf("the header does not name the site %q", title)
				}
			}
			for _, f := range lines(want["want/files"]) {
				if _, err := os.Stat(filepath.Join(cfg.Out, filepath.FromSlash(f))); err != nil {
					t.Errorf("no %s in the output", f)
				}
			}
			for _, f := range lines(want["want/absent"]) {
				if _, err := os.Stat(filepath.Join(cfg.Out, filepath.FromSlash(f))); err == nil {
					t.Errorf("%s is published", f)
				}
			}
			if *update {
				for i, f := range ar.Files {
					if g, ok := got[f.Name]; ok {
						ar.Files[i].Data = []byte(g)
					}
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for name, g := range got {
				if g != want[name] {
					t.Errorf("%s:\ngot:\n%s\nwant:\n%s", name, g, want[name])
				}
			}
		})
	}
}

// sameInSession holds a Session's build of a site (pages parsed one at a time, then put
// together) to the one-off build's output, byte for byte, twice over.
func sameInSession(t *testing.T, cfg Config) {
	t.Helper()
	cfg.Out = ""
	full := output.NewMemory()
	cfg.Writer = full
	mustBuild(t, cfg)
	cfg.Writer = nil
	s := NewSession(cfg)
	for i := range 2 {
		mem := output.NewMemory()
		if _, err := s.Build(mem, nil); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(mem.Names(), full.Names()) {
			t.Fatalf("session build %d writes other files:\n%v\nwant\n%v", i+1, mem.Names(), full.Names())
		}
		for _, n := range full.Names() {
			a, _ := full.File(n)
			b, _ := mem.File(n)
			if !bytes.Equal(a, b) {
				t.Errorf("session build %d: %s differs", i+1, n)
			}
		}
	}
}

var navToken = regexp.MustCompile(`<ul>|</ul>|<a [^>]*>([^<]*)</a>|<span class="nav-label">([^<]*)</span>`)

// sidebarOutline is a page's sidebar as text: one entry a line, two spaces per level.
func sidebarOutline(page string) string {
	start := strings.Index(page, `<ul class="nav">`)
	if start < 0 {
		return ""
	}
	nav := page[start+len(`<ul class="nav">`):]
	nav = nav[:strings.Index(nav, "</nav>")]
	var b strings.Builder
	depth := 0
	for _, m := range navToken.FindAllStringSubmatch(nav, -1) {
		switch m[0] {
		case "<ul>":
			depth++
		case "</ul>":
			depth--
		default:
			b.WriteString(strings.Repeat("  ", max(depth, 0)) + m[1] + m[2] + "\n")
		}
	}
	return b.String()
}

func lines(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '\n' })
}

// TestSessionSidebarTitles: a page's sidebar title (linkTitle) shows on every page, so editing it
// under serve re-renders the other pages too, not only the edited one.
func TestSessionSidebarTitles(t *testing.T) {
	dir := newSite(t, map[string]string{
		"content/_index.md": "# Home\n",
		"content/a.md":      "---\ntitle: Alpha\nlinkTitle: A one\n---\nA.\n",
		"content/b.md":      "# Beta\n",
	})
	s := NewSession(Config{Source: dir})
	for i, title := range []string{"A one", "A two"} {
		if i > 0 {
			writeFile(t, filepath.Join(dir, "content/a.md"), []byte("---\ntitle: Alpha\nlinkTitle: "+title+"\n---\nA.\n"))
		}
		mem := output.NewMemory()
		if _, err := s.Build(mem, []string{"content/a.md"}); err != nil {
			t.Fatal(err)
		}
		page, _ := mem.File("b/index.html")
		if !strings.Contains(sidebarOutline(string(page)), title+"\n") {
			t.Errorf("build %d: b's sidebar does not name %q:\n%s", i+1, title, sidebarOutline(string(page)))
		}
	}
}
