package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cmplay/cmplay/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func runCmd(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

// TestCheckShipped checks the playbook in content/: it must pass.
func TestCheckShipped(t *testing.T) {
	code, out, errs := runCmd("check", "--source", "../..")
	if code != 0 || !strings.Contains(out, " 0 errors") {
		t.Fatalf("cmplay check on the shipped playbook: exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "checked 61 pages") && !regexp.MustCompile(`checked \d\d+ pages`).MatchString(out) {
		t.Errorf("summary does not count the pages: %s", out)
	}
}

// TestCheckFormats compares the three formats with golden files (-update rewrites them).
func TestCheckFormats(t *testing.T) {
	dir := sitetest.Unpack(t, "testdata/check/site.txtar")
	for _, format := range []string{"text", "json", "github"} {
		t.Run(format, func(t *testing.T) {
			code, out, errs := runCmd("check", "--source", dir, "--today", "2026-11-23", "--format", format)
			if code != 1 {
				t.Errorf("exit %d, want 1 (the site has an error)\n%s", code, errs)
			}
			// The site folder is a temporary one; GitHub annotations name files from it.
			out = strings.ReplaceAll(out, filepath.ToSlash(dir), "SITE")
			golden := filepath.Join("testdata", "check", "report."+format)
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if out != string(want) {
				t.Errorf("output differs from %s (-update rewrites it)\ngot:\n%s\nwant:\n%s", golden, out, want)
			}
			checkFormat(t, format, out)
		})
	}
}

// checkFormat asserts what the golden files mean, so a rewritten golden file cannot bless a
// broken format.
func checkFormat(t *testing.T, format, out string) {
	t.Helper()
	switch format {
	case "text":
		for _, want := range []string{
			"content/guides/a, b.md:10:10: error: link to missing page \"../nowhere.md\" [broken-link]",
			"content/guides/a, b.md:5:1: warning: review was due on 2026-01-31",
			"checked 3 pages: 1 error, 1 warning",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("text output lacks %q", want)
			}
		}
	case "json":
		var r struct {
			Version  int
			Findings []struct {
				File, Severity, Rule, Message, Fix string
				Line, Col                          int
			}
			Summary struct{ Pages, Errors, Warnings int }
		}
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		if r.Version != 1 || len(r.Findings) != 2 || r.Summary.Errors != 1 || r.Summary.Warnings != 1 || r.Summary.Pages != 3 {
			t.Errorf("unexpected report %+v", r)
		}
		f := r.Findings[1]
		if f.File != "content/guides/a, b.md" || f.Line != 10 || f.Col != 10 || f.Severity != "error" || f.Rule != "broken-link" || f.Fix == "" {
			t.Errorf("unexpected finding %+v", f)
		}
	case "github":
		line := regexp.MustCompile(`^::(error|warning) file=([^,:]+),line=(\d+),col=(\d+),title=([a-z-]+)::(.+)$`)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 3 {
			t.Fatalf("want 2 annotations and a summary, got %q", lines)
		}
		for _, l := range lines[:2] {
			m := line.FindStringSubmatch(l)
			if m == nil {
				t.Errorf("not a workflow command: %q", l)
				continue
			}
			if m[2] != "SITE/content/guides/a%2C b.md" {
				t.Errorf("file property %q: want the path from the working folder, with the comma escaped", m[2])
			}
			if !strings.Contains(m[6], "%0AFix: ") {
				t.Errorf("message %q lacks the fix on its own line", m[6])
			}
		}
	}
}

func TestCheckExitCodes(t *testing.T) {
	fault := sitetest.Unpack(t, "testdata/check/site.txtar")
	clean := t.TempDir()
	if code, _, errs := runCmd("new", "site", clean); code != 0 {
		t.Fatalf("new site: %s", errs)
	}
	warn := t.TempDir()
	if code, _, errs := runCmd("new", "site", warn); code != 0 {
		t.Fatalf("new site: %s", errs)
	}
	if err := os.WriteFile(filepath.Join(warn, "content", "guidelines", "unowned.md"), []byte("---\nkind: guideline\n---\nNo owner.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"clean", []string{"check", "--source", clean}, 0},
		{"clean strict", []string{"check", "--source", clean, "--strict"}, 0},
		{"warnings", []string{"check", "--source", warn}, 0},
		{"warnings strict", []string{"check", "--source", warn, "--strict"}, 1},
		{"errors", []string{"check", "--source", fault}, 1},
		{"no content folder", []string{"check", "--source", t.TempDir()}, 1},
		{"unknown base", []string{"check", "--source", clean, "--base", "main"}, 1},
		{"unknown flag", []string{"check", "--verbose"}, 2},
		{"unknown format", []string{"check", "--source", clean, "--format", "xml"}, 2},
		{"bad today", []string{"check", "--source", clean, "--today", "tomorrow"}, 2},
		{"extra argument", []string{"check", clean}, 2},
		{"help", []string{"check", "--help"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if code, out, errs := runCmd(tc.args...); code != tc.want {
				t.Errorf("exit %d, want %d\n%s%s", code, tc.want, out, errs)
			}
		})
	}
}
