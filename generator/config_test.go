package generator

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestLoadConfig(t *testing.T) {
	tests := []struct {
		toml    string
		wantErr bool
		diag    string // substring of the one expected diagnostic, "" for none
	}{
		{toml: "title = \"Ours\"\nbase_url = \"https://x.example/pb/\"\ncontent_dir = \"docs\"\n"},
		{toml: "title = \"x\"\ntitel = \"y\"\n", diag: `cmplay.toml:2:1: warning: unknown key "titel" in cmplay.toml [config] (fix: remove it (did you mean "title"?))`},
		{toml: "title = \"x\"\nbase_url = 5\n", wantErr: true, diag: "cmplay.toml:2:1: error: invalid cmplay.toml"},
		{toml: "title = \"unclosed\n", wantErr: true, diag: "cmplay.toml:1:1: error: invalid cmplay.toml"},
		// A script URL would reach edit links and the history data the theme's script reads.
		{toml: "title = \"x\"\nrepo_url = \"javascript:alert(1)\"\n", diag: `cmplay.toml:2:1: error: repo_url "javascript:alert(1)": only http:// and https:// addresses are allowed`},
		{toml: "title = \"x\"\n\nrepo_url = \" JavaScript:alert(1)\"\n", diag: `cmplay.toml:3:1: error: repo_url`},
		{toml: "title = \"x\"\nrepo_url = \"//evil.example/x\"\n", diag: `cmplay.toml:2:1: error: repo_url`},
		{toml: "title = \"x\"\nbase_url = \"javascript:alert(1)//\"\n", wantErr: true, diag: `cmplay.toml:2:1: error: base URL "javascript:alert(1)//": use http://`},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, File), []byte(tt.toml), 0o644)
		cfg, diags, err := LoadConfig(dir)
		if (err != nil) != tt.wantErr {
			t.Errorf("%q: err = %v, want error %v", tt.toml, err, tt.wantErr)
		}
		if tt.diag == "" {
			if len(diags) != 0 {
				t.Errorf("%q: unexpected diagnostics %v", tt.toml, diags)
			}
			if cfg.Title != "Ours" || cfg.ContentDir != "docs" || cfg.Language != "en" || cfg.Branch != "main" {
				t.Errorf("config = %+v", cfg)
			}
			continue
		}
		if strings.Contains(tt.diag, "repo_url") && cfg.RepoURL != "" {
			t.Errorf("%q: repo_url kept as %q", tt.toml, cfg.RepoURL)
		}
		if len(diags) != 1 || !strings.Contains(diags[0].String(), tt.diag) {
			t.Errorf("%q: diagnostics %v, want one containing %q", tt.toml, diags, tt.diag)
		}
	}
	if cfg, diags, err := LoadConfig(t.TempDir()); err != nil || len(diags) != 0 || cfg.ContentDir != "content" || cfg.BaseURL != "/" {
		t.Errorf("no cmplay.toml: %+v %v %v", cfg, diags, err)
	}
}

func TestBaseURL(t *testing.T) {
	tests := []struct {
		in, base, path string
		file, bad      bool
	}{
		{in: "", base: "/", path: "/"},
		{in: "https://intranet.example/playbook", base: "https://intranet.example/playbook/", path: "/playbook/"},
		{in: "https://x.example/", base: "https://x.example/", path: "/"},
		{in: "/sub/", base: "/sub/", path: "/sub/"},
		{in: "file:///srv/pb/", base: "file:///srv/pb/", path: "/srv/pb/", file: true},
		{in: "ftp://x/", bad: true},
		{in: "relative/path/", bad: true},
	}
	for _, tt := range tests {
		base, p, file, err := basePath(tt.in)
		if (err != nil) != tt.bad {
			t.Errorf("basePath(%q) error = %v", tt.in, err)
			continue
		}
		if !tt.bad && (base != tt.base || p != tt.path || file != tt.file) {
			t.Errorf("basePath(%q) = %q, %q, %v; want %q, %q, %v", tt.in, base, p, file, tt.base, tt.path, tt.file)
		}
	}
}

// TestPublishConfig reads ignore, include, checklists and [frontmatter], and reports what it
// cannot use at its line, keeping the rest.
func TestPublishConfig(t *testing.T) {
	dir := newSite(t, map[string]string{"cmplay.toml": `ignore = ["drafts/**", "a/[b"]
include = [".gitbook", "assets"]
checklists = ["onboarding/**"]

[frontmatter]
accept = ["layout"]

[frontmatter.map]
nav_title = "title"
hero = "heading"
`})
	cfg, diags, err := LoadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range diags {
		got = append(got, fmt.Sprintf("%d %s", d.Line, d.Msg))
	}
	want := []string{
		`1 ignore: "a/[b" is not a glob: syntax error in pattern; it is left out`,
		`2 include: "assets" is not the name of a dot folder; it is left out`,
		`10 [frontmatter.map] hero = "heading": "heading" is not a front matter key cmplay knows; the mapping is left out`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !slices.Equal(cfg.Ignore, []string{"drafts/**"}) || !slices.Equal(cfg.Include, []string{".gitbook"}) ||
		!slices.Equal(cfg.Checklists, []string{"onboarding/**"}) || !slices.Equal(cfg.FrontMatter.Accept, []string{"layout"}) ||
		len(cfg.FrontMatter.Map) != 1 || cfg.FrontMatter.Map["nav_title"] != "title" {
		t.Errorf("config: %+v", cfg)
	}

	none, _, _ := LoadConfig(newSite(t, map[string]string{"cmplay.toml": "include = []\n"}))
	plain, _, _ := LoadConfig(t.TempDir())
	if len(none.Include) != 0 || !slices.Equal(plain.Include, DefaultInclude) || plain.Checklists != nil {
		t.Errorf("include = [] publishes no dot folder (%v); no cmplay.toml publishes %v (%v) and every checklist (%v)",
			none.Include, DefaultInclude, plain.Include, plain.Checklists)
	}
}

// TestForeignTitle takes the site's title from another tool's settings when cmplay.toml names
// none, and only then.
func TestForeignTitle(t *testing.T) {
	for files, want := range map[[2]string]string{
		{"mkdocs.yml", "site_name: 'Ops handbook'  \ntheme:\n  name: material\n"}: "Ops handbook",
		{"_config.yml", "title: \"Team: handbook\"\n"}:                            "Team: handbook",
		{"config.toml", "title = \"Zola book\"\n[extra]\n"}:                       "Zola book",
		{"_config.yml", "  title: nested, not the site's\n"}:                      "Community Playbook",
	} {
		cfg, _, err := LoadConfig(newSite(t, map[string]string{files[0]: files[1]}))
		if err != nil || cfg.Title != want {
			t.Errorf("%s %q: title %q, want %q (%v)", files[0], files[1], cfg.Title, want, err)
		}
	}
	cfg, _, _ := LoadConfig(newSite(t, map[string]string{"mkdocs.yml": "site_name: Theirs\n", "cmplay.toml": "title = \"Ours\"\n"}))
	if cfg.Title != "Ours" {
		t.Errorf("cmplay.toml's title lost to mkdocs.yml's: %q", cfg.Title)
	}
}
