package glob

import (
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"*.tmp", "a.tmp", true},
		{"*.tmp", "x/a.tmp", false},
		{"**/*.tmp", "a.tmp", true},
		{"**/*.tmp", "x/y/a.tmp", true},
		{"drafts/**", "drafts/a.md", true},
		{"drafts/**", "drafts/x/a.md", true},
		{"drafts/**", "drafts", true},
		{"drafts/**", "other/a.md", false},
		{"onboarding/*.md", "onboarding/a.md", true},
		{"onboarding/*.md", "onboarding/x/a.md", false},
		{"a/**/b", "a/b", true},
		{"a/**/b", "a/x/y/b", true},
		{"a/**/b", "a/x/y/c", false},
		{"/rooted/x.md", "rooted/x.md", true},
		{"[", "[", false}, // invalid: matches nothing
		{"test?", "test1", true},
	}
	for _, tt := range tests {
		if got := Match(tt.pattern, tt.name); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

func TestUnder(t *testing.T) {
	if !Under([]string{"tests"}, "tests/fixtures/a.md") || Under([]string{"tests"}, "docs/tests.md") {
		t.Error("a folder pattern takes what is below it, and only that")
	}
}

func TestValid(t *testing.T) {
	if Valid("docs/**/*.md") != nil || Valid("a/[b") == nil {
		t.Error("Valid misjudges")
	}
}

// TestManyStars holds matching to segments × segments: a pattern of many ** against a deep path
// answers at once instead of backtracking.
func TestManyStars(t *testing.T) {
	p := strings.Repeat("**/", 200) + "z"
	n := strings.Repeat("a/", 2000) + "b"
	if Match(p, n) {
		t.Error("matched a path not ending in z")
	}
}
