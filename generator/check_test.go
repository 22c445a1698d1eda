package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// today is the date the check fixtures are written against.
var today = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// TestCheckRules runs `cmplay check` on every fixture in check/testdata/rules. A fixture is a
// txtar archive of a site; its "want" file lists the findings, one per line as the text format
// prints them. <rule>.txtar must report the rule; <rule>-ok.txtar, the same site without the fault,
// must report nothing at all. go test ./generator -run CheckRules -update rewrites the want files.
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
			for _, f := range ar.Files {
				if f.Name == "want" {
					want = f.Data
					continue
				}
				writeFile(t, filepath.Join(dir, f.Name), f.Data)
			}
			res, err := Check(Config{Source: dir}, CheckOptions{Today: today})
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

func writeFile(t testing.TB, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
