package markdown

import (
	"strings"
	"testing"
)

// TestLinksToRepositoryFiles: links to files of the repository that are not pages go to the
// forge when the site has a repo_url, and are a repo-file warning (not a broken link) when it
// has none; a published static file stays on the site unless it is code or configuration.
func TestLinksToRepositoryFiles(t *testing.T) {
	repo := map[string]bool{"../OWNERS": true, "../scripts/sync.py": true, "../scripts": true, "files/plan.pdf": true, "files/sigs.yaml": true}
	withURL := func(target string) (string, bool) {
		if !repo[target] {
			return "", false
		}
		return "https://github.com/acme/handbook/blob/main/" + strings.TrimPrefix(target, "../"), true
	}
	without := func(target string) (string, bool) { return "", repo[target] }
	files := fakeSite{"roles/internal.md": "/roles/internal/", "static:files/plan.pdf": "", "static:files/sigs.yaml": ""}
	tests := []struct {
		link, withURL, without, rule string
	}{
		{"../../OWNERS", "https://github.com/acme/handbook/blob/main/OWNERS", "../../OWNERS", "repo-file"},
		{"../../scripts/sync.py#L3", "https://github.com/acme/handbook/blob/main/scripts/sync.py#L3", "../../scripts/sync.py#L3", "repo-file"},
		{"../../scripts/", "https://github.com/acme/handbook/blob/main/scripts", "../../scripts/", "repo-file"},
		{"../files/plan.pdf", "../../files/plan.pdf", "../../files/plan.pdf", ""},
		{"../files/sigs.yaml", "https://github.com/acme/handbook/blob/main/files/sigs.yaml", "../../files/sigs.yaml", ""},
		{"../../nowhere.py", "../../nowhere.py", "../../nowhere.py", "link-escapes-site"},
		{"missing.py", "missing.py", "missing.py", "missing-file"},
	}
	for _, tt := range tests {
		for _, mode := range []struct {
			name string
			fn   func(string) (string, bool)
			want string
		}{{"with repo_url", withURL, tt.withURL}, {"without", without, tt.without}} {
			p, diags := render(t, "roles/lead.md", "See [x]("+tt.link+").\n", Options{Resolver: files, RepoFile: mode.fn})
			if !strings.Contains(p.HTML, `href="`+mode.want+`"`) {
				t.Errorf("%s, %s: HTML %s, want href %s", tt.link, mode.name, p.HTML, mode.want)
			}
			var rules []string
			for _, d := range diags {
				rules = append(rules, d.Rule)
			}
			want := tt.rule
			if mode.name == "with repo_url" && want == "repo-file" {
				want = ""
			}
			if strings.Join(rules, ",") != want {
				t.Errorf("%s, %s: rules %v, want %q", tt.link, mode.name, rules, want)
			}
		}
	}
}
