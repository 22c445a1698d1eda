package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"golang.org/x/tools/txtar"
)

// today is the date the check fixtures are written against.
var today = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// TestCheckRules runs `cmplay check` on every fixture in check/testdata/rules. A fixture is a
// txtar archive of a site; its "want" file lists the findings, one per line as the text format
// prints them. <rule>.txtar must report the rule; <rule>-ok.txtar, the same site without the fault,
// must report nothing at all; <rule>--<case>.txtar is one more case of the rule. A fixture's
// cmplay.toml is read. go test ./generator -run CheckRules -update rewrites the want files.
// Files under "base/" make the fixture a git repository: they are committed first, then replaced
// by the other files (uncommitted), and the check compares with --base HEAD.
func TestCheckRules(t *testing.T) {
	files, err := filepath.Glob("check/testdata/rules/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			var want []byte
			var base []txtar.File
			for _, f := range ar.Files {
				if f.Name == "want" {
					want = f.Data
					continue
				}
				if name, ok := strings.CutPrefix(f.Name, "base/"); ok {
					base = append(base, txtar.File{Name: name, Data: f.Data})
				}
			}
			opt := CheckOptions{Today: today}
			if len(base) > 0 {
				commitFiles(t, dir, base)
				opt.Base = "HEAD"
			}
			for _, f := range ar.Files {
				if f.Name != "want" && !strings.HasPrefix(f.Name, "base/") {
					writeFile(t, filepath.Join(dir, f.Name), f.Data)
				}
			}
			cfg, _, err := LoadConfig(dir) // a fixture may hold a cmplay.toml
			if err != nil {
				t.Fatal(err)
			}
			res, err := Check(cfg, opt)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			var rules []string
			for _, d := range res.Diagnostics {
				got.WriteString(d.String() + "\n")
				rules = append(rules, d.Rule)
			}
			rule, ok := strings.CutSuffix(name, "-ok")
			rule, _, _ = strings.Cut(rule, "--")
			if ok && len(rules) > 0 {
				t.Errorf("the fixture without the fault reports:\n%s", got.String())
			}
			if !ok && !slices.Contains(rules, rule) {
				t.Errorf("the fixture reports no %s; it reports:\n%s", rule, got.String())
			}
			if *update {
				for i := range ar.Files {
					if ar.Files[i].Name == "want" {
						ar.Files[i].Data = got.Bytes()
					}
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got.String() != string(want) {
				t.Errorf("findings differ (-update rewrites them)\ngot:\n%s\nwant:\n%s", got.String(), want)
			}
		})
	}
}

// commitFiles makes dir a git repository holding files in one commit, and removes them from the
// work tree, so the fixture's other files are the change under check.
func commitFiles(t *testing.T, dir string, files []txtar.File) {
	t.Helper()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		writeFile(t, filepath.Join(dir, f.Name), f.Data)
		if _, err := wt.Add(f.Name); err != nil {
			t.Fatal(err)
		}
	}
	sig := &object.Signature{Name: "Ada", Email: "ada@example.org", When: today}
	if _, err := wt.Commit("base", &git.CommitOptions{Author: sig}); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := os.Remove(filepath.Join(dir, f.Name)); err != nil {
			t.Fatal(err)
		}
	}
}

func writeFile(t testing.TB, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
