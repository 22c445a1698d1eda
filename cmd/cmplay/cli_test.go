package main

import (
	"archive/zip"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
)

// TestFlagsAfterArguments runs `new page` with its flags after the arguments, as people type
// them, and in the standard library's single-dash spelling that earlier releases documented.
func TestFlagsAfterArguments(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := runCmd("new", "site", dir, "--title", "Our playbook"); code != 0 {
		t.Fatal(errs)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "cmplay.toml")); !strings.Contains(string(data), `title = "Our playbook"`) {
		t.Errorf("new site DIR --title: cmplay.toml is\n%s", data)
	}
	code, _, errs := runCmd("new", "page", "checklist", "offboarding/leaving.md", "--title", "Leaving", "--source", dir)
	if code != 0 {
		t.Fatalf("flags after the arguments: exit %d\n%s", code, errs)
	}
	data, err := os.ReadFile(filepath.Join(dir, "content", "offboarding", "leaving.md"))
	if err != nil || !strings.Contains(string(data), `title: "Leaving"`) {
		t.Fatalf("the page does not carry --title given after the arguments: %v\n%s", err, data)
	}
	out := filepath.Join(t.TempDir(), "public")
	if code, _, errs := runCmd("build", "-source", dir, "-out="+out); code != 0 {
		t.Fatalf("single-dash flags: exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(out, "offboarding", "leaving", "index.html")); err != nil {
		t.Error(err)
	}
}

// TestUsageErrors holds the messages for mistyped commands and flags, and that help goes to
// stdout with exit 0 while a usage error goes to stderr with exit 2.
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string // in stderr, or in stdout when code is 0
	}{
		{[]string{"biuld"}, 2, `unknown command "biuld" (did you mean "build"?)`},
		{[]string{"new", "stie", "x"}, 2, `cmplay new: unknown command "stie" (did you mean "site"?)`},
		{[]string{"build", "--otu", "x"}, 2, `cmplay build: unknown flag --otu (did you mean "--out"?)`},
		{[]string{"check", "--formt=json"}, 2, `did you mean "--format"?`},
		{[]string{"build", "extra"}, 2, `cmplay build: unexpected argument "extra"`},
		{[]string{"new", "page", "role"}, 2, "cmplay new page: missing PATH"},
		{[]string{"serve", "--port", "many"}, 2, `invalid argument "many" for "--port"`},
		{[]string{"completion", "tcsh"}, 2, `unknown shell "tcsh"`},
		{[]string{}, 2, "Commands:"},
		{[]string{"help"}, 0, "completion SHELL"},
		{[]string{"build", "--help"}, 0, "  --base-url URL "},
		{[]string{"new", "page", "-h"}, 0, "Usage: cmplay new page [flags] KIND PATH"},
		{[]string{"help", "check"}, 0, "Usage: cmplay check [flags]"},
		{[]string{"new", "help", "site"}, 0, "Usage: cmplay new site [flags] DIR"},
	}
	for _, tt := range tests {
		code, out, errs := runCmd(tt.args...)
		got := errs
		if tt.code == 0 {
			got = out
		}
		if code != tt.code || !strings.Contains(got, tt.want) {
			t.Errorf("cmplay %s: exit %d, want %d with %q in\n%s", strings.Join(tt.args, " "), code, tt.code, tt.want, got)
		}
	}
	// Help spells every flag the way it is typed, with two dashes.
	_, out, _ := runCmd("build", "--help")
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "-") && !strings.HasPrefix(strings.TrimSpace(line), "--") {
			t.Errorf("help lists a single-dash flag: %q", line)
		}
	}
}

// TestEnvironmentFlags sets the base URL and output folder through the environment, and
// checks that a flag on the command line wins over it and a bad value is a usage error.
func TestEnvironmentFlags(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := runCmd("new", "site", dir); code != 0 {
		t.Fatal(errs)
	}
	out := filepath.Join(t.TempDir(), "public")
	t.Setenv("CMPLAY_BASE_URL", "https://env.example/playbook/")
	t.Setenv("CMPLAY_OUT", out)
	if code, _, errs := runCmd("build", "--source", dir); code != 0 {
		t.Fatal(errs)
	}
	sitemap, err := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	if err != nil || !strings.Contains(string(sitemap), "<loc>https://env.example/playbook/</loc>") {
		t.Fatalf("CMPLAY_BASE_URL and CMPLAY_OUT were not used: %v\n%s", err, sitemap)
	}
	if code, _, errs := runCmd("build", "--source", dir, "--base-url", "https://flag.example/"); code != 0 {
		t.Fatal(errs)
	}
	if sitemap, _ := os.ReadFile(filepath.Join(out, "sitemap.xml")); !strings.Contains(string(sitemap), "https://flag.example/") {
		t.Errorf("--base-url did not win over CMPLAY_BASE_URL:\n%s", sitemap)
	}
	if _, _, errs := runCmd("build", "--source", dir); strings.Contains(errs, "no base URL") {
		t.Errorf("a build with a base URL notes that it has none: %s", errs)
	}
	t.Setenv("CMPLAY_BASE_URL", "")
	if _, _, errs := runCmd("build", "--source", dir); strings.Count(errs, "note: no base URL") != 1 {
		t.Errorf("a build without a base URL does not say so once: %q", errs)
	}
	t.Setenv("CMPLAY_DRAFTS", "sometimes")
	if code, _, errs := runCmd("build", "--source", dir); code != 2 || !strings.Contains(errs, `CMPLAY_DRAFTS="sometimes"`) {
		t.Errorf("bad CMPLAY_DRAFTS: exit %d, %q", code, errs)
	}
}

// TestComplete is the table behind every shell's completion script.
func TestComplete(t *testing.T) {
	tests := []struct {
		words []string
		mode  string
		want  []string
	}{
		{[]string{""}, ":none", []string{"build", "serve", "check", "new", "completion", "version"}},
		{[]string{"se"}, ":none", []string{"serve"}},
		{[]string{"new", ""}, ":none", []string{"site", "page"}},
		{[]string{"new", "page", "ch"}, ":none", []string{"checklist"}},
		{[]string{"new", "page", "--title", "Leaving", "role", ""}, ":files", nil},
		{[]string{"new", "site", ""}, ":dirs", nil},
		{[]string{"build", "--b"}, ":none", []string{"--base-url"}},
		{[]string{"build", "--drafts", "--o"}, ":none", []string{"--out"}},
		{[]string{"build", "--out", ""}, ":dirs", nil},
		{[]string{"check", "--format", ""}, ":none", []string{"text", "json", "github"}},
		{[]string{"check", "--format=json", "--st"}, ":none", []string{"--strict"}},
		{[]string{"completion", ""}, ":none", []string{"bash", "fish", "zsh"}},
		{[]string{"nonsense", ""}, ":none", nil},
	}
	for _, tt := range tests {
		mode, got := complete(commands(), tt.words)
		if mode != tt.mode || !slices.Equal(got, tt.want) {
			t.Errorf("complete %q = %s %q, want %s %q", tt.words, mode, got, tt.mode, tt.want)
		}
	}
}

// TestVersionLine formats the build info of a release, a dirty source build and `go run`.
func TestVersionLine(t *testing.T) {
	vcs := func(rev, at, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev},
			{Key: "vcs.time", Value: at}, {Key: "vcs.modified", Value: modified}}
	}
	tests := []struct {
		info     *debug.BuildInfo
		override string
		want     string
	}{
		{&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.4.0"}, Settings: vcs("1a2b3c4d5e6f7a8b9c0d", "2026-11-30T04:00:00Z", "false")},
			"", "cmplay v0.4.0 (commit 1a2b3c4d5e6f, 2026-11-30; go1.26.8 "},
		{&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: vcs("abcdef", "2026-11-29T23:59:59Z", "true")},
			"", "cmplay devel (commit abcdef, 2026-11-29, modified; go1.26.8 "},
		{&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.4.1-0.20261130040000-1a2b3c4d5e6f+dirty"}},
			"", "cmplay v0.4.1-0.20261130040000-1a2b3c4d5e6f+dirty (go1.26.8 "},
		{&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: vcs("1a2b3c4d5e6f7a8b9c0d", "2026-11-30T04:00:00Z", "false")},
			"0.5.0-SNAPSHOT-1a2b3c4", "cmplay 0.5.0-SNAPSHOT-1a2b3c4 (commit 1a2b3c4d5e6f, 2026-11-30; go1.26.8 "},
		{nil, "", "cmplay devel ("},
	}
	for _, tt := range tests {
		if got := versionLine(tt.info, tt.override); !strings.HasPrefix(got, tt.want) {
			t.Errorf("versionLine = %q, want it to start with %q", got, tt.want)
		}
	}
}

// TestBuildZip builds a site with --zip and reads the archive back: every file of the output
// folder, under its path from the site root.
func TestBuildZip(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := runCmd("new", "site", dir); code != 0 {
		t.Fatal(errs)
	}
	archive := filepath.Join(t.TempDir(), "playbook.zip")
	code, out, errs := runCmd("build", "--source", dir, "--zip", archive)
	if code != 0 || !strings.Contains(out, "zipped ") {
		t.Fatalf("build --zip: exit %d\n%s%s", code, out, errs)
	}
	zr, err := zip.OpenReader(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	var files []string
	public := filepath.Join(dir, "public")
	filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(public, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	slices.Sort(names)
	slices.Sort(files)
	if !slices.Contains(names, "index.html") || !slices.Equal(names, files) {
		t.Errorf("the archive holds %d files, the folder %d:\n%v", len(names), len(files), names)
	}
}
