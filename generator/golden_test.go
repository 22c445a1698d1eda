package generator

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/cmplay/cmplay/generator/output"
	"github.com/cmplay/cmplay/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGolden builds each site in testdata/build/*.txtar and compares what it produced — the
// diagnostics, the list of files, and the <main> of every page — with the matching .golden file.
// `go test ./generator -run Golden -update` rewrites the golden files; review the diff.
func TestGolden(t *testing.T) {
	archives, _ := filepath.Glob("testdata/build/*.txtar")
	if len(archives) == 0 {
		t.Fatal("no testdata/build/*.txtar")
	}
	for _, a := range archives {
		name := strings.TrimSuffix(filepath.Base(a), ".txtar")
		t.Run(name, func(t *testing.T) {
			got := goldenBuild(t, a)
			golden := strings.TrimSuffix(a, ".txtar") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("build of %s differs from %s (run with -update and review the diff):\n%s", a, golden, diffLines(string(want), string(got)))
			}
		})
	}
}

var (
	mainRe  = regexp.MustCompile(`(?s)<main[^>]*>(.*)</main>`)
	assetRe = regexp.MustCompile(`\.[0-9a-f]{10}\.(css|js)`)
)

func goldenBuild(t *testing.T, archive string) []byte {
	t.Helper()
	dir := sitetest.Unpack(t, archive)
	cfg, diags, err := LoadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	mem := output.NewMemory()
	cfg.Writer = mem
	res, err := Build(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var out txtar.Archive
	var ds []string
	for _, d := range append(diags, res.Diagnostics...) {
		ds = append(ds, strings.ReplaceAll(d.String(), dir+string(filepath.Separator), ""))
	}
	out.Files = append(out.Files, txtar.File{Name: "diagnostics", Data: []byte(strings.Join(ds, "\n") + "\n")})
	names := mem.Names()
	sort.Strings(names)
	var list []string
	for _, n := range names {
		list = append(list, assetRe.ReplaceAllString(n, ".HASH.$1"))
	}
	out.Files = append(out.Files, txtar.File{Name: "files", Data: []byte(strings.Join(list, "\n") + "\n")})
	for _, n := range names {
		if !strings.HasSuffix(n, ".html") || strings.HasPrefix(n, "tags/") || strings.HasPrefix(n, "kinds/") {
			continue
		}
		data, _ := mem.File(n)
		body := data
		if m := mainRe.FindSubmatch(data); m != nil {
			body = m[1]
		}
		body = assetRe.ReplaceAll(body, []byte(".HASH.$1"))
		out.Files = append(out.Files, txtar.File{Name: n, Data: append(bytes.TrimSpace(body), '\n')})
	}
	return txtar.Format(&out)
}

// diffLines shows the first lines that differ, enough to see what changed.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("- " + wl + "\n+ " + gl + "\n")
			if shown++; shown > 12 {
				b.WriteString("…\n")
				break
			}
		}
	}
	return b.String()
}
