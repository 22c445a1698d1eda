package check

import (
	"strings"
	"testing"
)

// The patterns and expectations follow the examples in GitHub's CODEOWNERS documentation.
func TestCodeownersMatch(t *testing.T) {
	const file = `# comment
*                       @global
*.js                    @js-owner #inline comment
/build/logs/            @doctocat
docs/*                  docs@example.com
apps/                   @octocat
/scripts/               @doctocat @octocat
**/logs                 @octocat
/apps/github
content/guidelines/**/*.md @policy
content/guidelines/old.md
`
	o, ds := ParseCodeowners("CODEOWNERS", []byte(file))
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	for _, tc := range []struct{ path, want string }{
		{"README.md", "@global"},
		{"src/app.js", "@js-owner"},
		{"build/logs/today.txt", "@octocat"}, // the later **/logs wins over /build/logs/
		{"build/old/today.txt", "@global"},
		{"sub/scripts/run.sh", "@global"}, // /scripts/ is anchored at the root
		{"docs/getting-started.md", "docs@example.com"},
		{"docs/build-app/troubleshooting.md", "@global"}, // docs/* is not recursive
		{"apps/x.md", "@octocat"},
		{"deep/apps/x.md", "@octocat"}, // apps/ matches at any depth
		{"scripts/run.sh", "@doctocat @octocat"},
		{"a/b/logs/x", "@octocat"},
		{"apps/github/readme.md", ""}, // last match has no owners
		{"content/guidelines/a.md", "@policy"},
		{"content/guidelines/x/y/a.md", "@policy"},
		{"content/guidelines/old.md", ""},
	} {
		if got := strings.Join(o.Match(tc.path), " "); got != tc.want {
			t.Errorf("Match(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
	var none *Owners
	if none.Match("a.md") != nil {
		t.Error("nil Owners own something")
	}
}

func TestCodeownersBadPattern(t *testing.T) {
	_, ds := ParseCodeowners("CODEOWNERS", []byte("* @a\n!secret.md @b\n[Section] @c\n"))
	if len(ds) != 2 || ds[0].Line != 2 || ds[1].Line != 3 || ds[0].Rule != "codeowners" {
		t.Errorf("want two codeowners warnings at lines 2 and 3, got %v", ds)
	}
}
