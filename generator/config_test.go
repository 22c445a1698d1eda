package generator

import (
	"os"
	"path/filepath"
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
